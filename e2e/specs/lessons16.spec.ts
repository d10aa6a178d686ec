import { expect, test } from '@playwright/test';
import { watchPageHealth } from '../fixtures/page-health';
import { predict, startLesson, step } from '../fixtures/lessons';

/**
 * The round-16 lessons, each opened from the gallery and its first step played with the
 * page's own controls (the prediction by keyboard, a node card's form, Apply YAML or a Kill button, then Step)
 * until the step's goals are met.
 */

test('node-affinity: the Pending analytics pod is bound to worker-2 once it is labelled from its card', async ({ page, baseURL }) => {
  const health = watchPageHealth(page, baseURL!);
  const lesson = await startLesson(page, 'Pin pods to machines');
  await expect(lesson.getByRole('heading', { name: 'Step 1 of 4: Why is analytics Pending?' })).toBeVisible();
  const runs = lesson.locator('[data-goal-met]', { hasText: 'analytics runs on worker-2' });
  await expect(runs).toHaveAttribute('data-goal-met', 'false');
  await expect(page.locator('[data-pending-tray] [data-pod="default/analytics"]')).toBeVisible();

  await predict(page, lesson, 'The scheduler tries it again and binds it to worker-2', 'Your prediction was right.');
  // The step points to worker-2's Taints and labels form (kubectl label node); the learner uses it.
  // worker-2 has no taints: the page's partial Node says so with a null taint list.
  await page.getByLabel('Taints and labels of node worker-2', { exact: true }).click();
  const field = page.getByLabel('kubectl label node worker-2');
  await field.fill('disktype=ssd');
  await page.getByRole('button', { name: 'Label node worker-2' }).click();
  const card = page.locator('[data-node="worker-2"]');
  await expect(card.getByRole('status').filter({ hasText: 'node/' })).toHaveText('node/worker-2 labeled');
  await expect(card.getByRole('alert')).toHaveCount(0);

  await step(page, 5, 1);
  await expect(lesson.getByRole('heading', { name: 'Goals (2 of 2 done)' })).toBeVisible();
  await expect(page.locator('[data-node="worker-2"] [data-pod="default/analytics"]')).toHaveAttribute('data-pod-phase', 'Running');
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(health.consoleErrors).toEqual([]);
  expect(health.foreignRequests).toEqual([]);
});

test('failover-timing: worker-2 killed, Unknown and tainted NoExecute after six Steps at upstream timings', async ({ page, baseURL }) => {
  const health = watchPageHealth(page, baseURL!);
  const lesson = await startLesson(page, 'How long until my pods move?');
  await expect(lesson.getByRole('heading', { name: 'Step 1 of 5: Pull the plug, start the stopwatch' })).toBeVisible();
  const tainted = lesson.locator('[data-goal-met]', { hasText: 'worker-2 has the unreachable NoExecute taint' });
  await expect(tainted).toHaveAttribute('data-goal-met', 'false');

  await predict(page, lesson, 'About six minutes', 'Your prediction was right.');
  await page.getByRole('button', { name: 'Kill node worker-2' }).click();
  await step(page, 5, 6);
  await expect(lesson.getByRole('heading', { name: 'Goals (2 of 2 done)' })).toBeVisible();
  await expect(tainted).toContainText('worker-2 has the node.kubernetes.io/unreachable:NoExecute taint');
  await expect(page.locator('[data-node="worker-2"]')).toHaveAttribute('data-node-status', 'Unknown');
  // Nothing has moved yet: the web pod is still on worker-2, counting down to its eviction.
  await expect(page.locator('[data-node="worker-2"] [data-pod="default/web-5746d46c86-r4bqv"]')).toContainText('Evicted in');
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(health.consoleErrors).toEqual([]);
  expect(health.foreignRequests).toEqual([]);
});
