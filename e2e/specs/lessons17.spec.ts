import { expect, test } from '@playwright/test';
import { watchPageHealth } from '../fixtures/page-health';
import { addDefaultNode, predict, snapshot, startLesson, step } from '../fixtures/lessons';

/**
 * The round-17 lessons, each opened from the gallery and its first step played with the
 * page's own controls (the prediction by keyboard, the Workloads panel's + or the Add node
 * form, then Step) until the step's goals are met.
 */

test('scheduler-scoring: the first web pod goes to worker-3, and its Scheduling table shows each node\'s scores', async ({ page, baseURL }) => {
  const health = watchPageHealth(page, baseURL!);
  const lesson = await startLesson(page, 'How the scheduler picks a node');
  await expect(lesson.getByRole('heading', { name: 'Step 1 of 4: Which node gets the next pod?' })).toBeVisible();
  const onWorker3 = lesson.locator('[data-goal-met]', { hasText: 'The web pod runs on worker-3' });
  await expect(onWorker3).toHaveAttribute('data-goal-met', 'false');

  await predict(page, lesson, 'worker-3, the node with the most room', 'Your prediction was right.');
  await page.getByRole('button', { name: 'Scale Deployment web up' }).click();
  await expect(page.getByLabel('Replicas of Deployment web')).toHaveText('1');
  await step(page, 5, 1);
  await expect(lesson.getByRole('heading', { name: 'Goals (2 of 2 done)' })).toBeVisible();

  const web = (await snapshot(page)).pods.find((p) => p.name.startsWith('web-'))!;
  const card = page.locator(`[data-node="worker-3"] [data-pod="default/${web.name}"]`);
  await expect(card).toHaveAttribute('data-pod-phase', 'Running');
  // Where the reveal sends the learner: the pod's Filter and Score table, a row per node, worker-3 selected.
  await card.click();
  const table = page.getByRole('table', { name: `Filter and Score of default/${web.name} on each node` });
  await expect(table).toBeVisible();
  await expect(table.getByRole('row', { name: /worker-3/ })).toContainText('selected');
  await expect(table.getByRole('row', { name: /worker-3/ })).toContainText('663');
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(health.consoleErrors).toEqual([]);
  expect(health.foreignRequests).toEqual([]);
});

test('daemonsets: a node added with the form gets its log-agent pod at once', async ({ page, baseURL }) => {
  const health = watchPageHealth(page, baseURL!);
  const lesson = await startLesson(page, 'DaemonSets: one pod per node');
  await expect(lesson.getByRole('heading', { name: 'Step 1 of 4: A new node gets its pod' })).toBeVisible();
  const agent = lesson.locator('[data-goal-met]', { hasText: 'A log-agent pod Running on worker-4' });
  await expect(agent).toHaveAttribute('data-goal-met', 'false');

  await predict(page, lesson, 'A log-agent pod, and nothing else', 'Your prediction was right.');
  await addDefaultNode(page, 'worker-4');
  await step(page, 5, 1);
  await expect(lesson.getByRole('heading', { name: 'Goals (2 of 2 done)' })).toBeVisible();
  // The pod the lesson's tests name: the form's Node is the one the lesson's solution adds.
  await expect(page.locator('[data-node="worker-4"] [data-pod="default/log-agent-rwjf4"]')).toHaveAttribute('data-pod-phase', 'Running');
  await expect(page.locator('[data-node="worker-4"] [data-pod]')).toHaveCount(1);
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(health.consoleErrors).toEqual([]);
  expect(health.foreignRequests).toEqual([]);
});
