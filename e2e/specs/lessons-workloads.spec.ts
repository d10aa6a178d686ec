import { expect, test } from '@playwright/test';
import type {} from '../../src/ui/e2e-api'; // declares window.__podscape
import { waitForCluster, watchPageHealth } from '../fixtures/page-health';
import { clock, snapshot, openLesson } from '../fixtures/lessons';

test('the workload-kinds lesson: kill worker-2 with its button, step the clock, see the goal tick; the next step lists each owner', async ({ page, baseURL }) => {
  const health = watchPageHealth(page, baseURL!);
  await page.goto('/');
  await waitForCluster(page);

  const lesson = await openLesson(page, 'Who replaces a dead node’s pods?');
  await expect(page.getByLabel('Cluster time')).toHaveText(clock(5));
  // worker-2 holds one pod of every kind, the bare pod among them.
  const onWorker2 = (await snapshot(page)).pods.filter((p) => p.nodeName === 'worker-2');
  expect(onWorker2.map((p) => p.owner?.kind ?? 'bare').sort()).toEqual(['DaemonSet', 'Job', 'ReplicaSet', 'StatefulSet', 'bare']);
  await expect(lesson.getByText('Shortened timings: defaultTolerationSeconds')).toBeVisible();

  await expect(lesson.getByRole('heading', { name: 'Step 1 of 4: Pull the plug on worker-2' })).toBeVisible();
  const goal = lesson.locator('[data-goal-met]', { hasText: 'worker-2 is marked Unknown' });
  await expect(goal).toHaveAttribute('data-goal-met', 'false');
  await expect(goal).toContainText('worker-2 is Ready');

  // Predict by keyboard: the radio group and the reveal button are reachable without a mouse.
  await lesson.getByRole('radio', { name: 'node-exporter-… (DaemonSet)' }).focus();
  await page.keyboard.press('Space');
  await expect(lesson.getByRole('radio', { name: 'node-exporter-… (DaemonSet)' })).toBeChecked();
  await lesson.getByRole('button', { name: 'Reveal the answer' }).focus();
  await page.keyboard.press('Enter');
  await expect(lesson.locator('.predict-reveal')).toContainText('Your prediction was right.');

  // Follow the step with the real controls: the node's Kill button, then Step (10 s at 10×) six times.
  await page.getByRole('button', { name: 'Kill node worker-2' }).click();
  await expect(page.locator('[data-node="worker-2"]')).toHaveAttribute('data-powered', 'false');
  const step = page.getByRole('button', { name: 'Step', exact: true });
  for (let i = 1; i <= 6; i++) {
    await step.click();
    await expect(page.getByLabel('Cluster time')).toHaveText(clock(5 + 10 * i));
  }
  await expect(page.locator('[data-node="worker-2"]')).toHaveAttribute('data-node-status', 'Unknown');
  await expect(goal).toHaveAttribute('data-goal-met', 'true');
  await expect(goal).toContainText('worker-2 is Unknown');
  await expect(lesson.getByText('Step complete: go on to the next step.')).toBeVisible();
  await expect(lesson.getByRole('navigation', { name: 'Lesson steps' }).locator('li').first()).toHaveAttribute('data-step-done', 'true');

  // Step 2: five goals, none met yet; three more Steps pass the 30 s tolerations and every owner has reacted.
  await lesson.getByRole('button', { name: 'Next' }).click();
  await expect(lesson.getByRole('heading', { name: 'Step 2 of 4: Each owner reacts' })).toBeVisible();
  const goals = lesson.locator('.lesson-goals > li');
  await expect(goals).toHaveCount(5);
  await expect(lesson.locator('[data-goal-met]', { hasText: 'db-0 is Terminating' })).toContainText('default/db-0 is Running on worker-2');
  for (let i = 0; i < 3; i++) await step.click();
  await expect(page.getByLabel('Cluster time')).toHaveText(clock(95));
  await expect(lesson.getByRole('heading', { name: 'Goals (5 of 5 done)' })).toBeVisible();
  await expect(lesson.locator('[data-goal-met]', { hasText: 'db-0 is Terminating' })).toContainText('default/db-0 is Terminating on worker-2; 0 live pods of db');
  await expect(lesson.locator('[data-goal-met]', { hasText: 'The bare pod debug is Terminating' })).toContainText('default/debug is Terminating on worker-2');
  await expect(page.locator('[data-pod="default/db-0"]')).toHaveAttribute('data-terminating', 'true');
  await expect(page.locator('[data-pod="default/debug"]')).toHaveAttribute('data-terminating', 'true');

  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(health.consoleErrors).toEqual([]);
  expect(health.foreignRequests).toEqual([]);
});

test('the preemption lesson: Step the clock until payments arrives, and the event goal ticks from the event log', async ({ page, baseURL }) => {
  const health = watchPageHealth(page, baseURL!);
  await page.goto('/');
  await waitForCluster(page);

  const lesson = await openLesson(page, 'Priority and preemption');
  await expect(lesson.getByText('Shortened timings')).toHaveCount(0);
  const event = lesson.locator('[data-goal-met]', { hasText: 'A pod was preempted' });
  await expect(event).toHaveAttribute('data-goal-met', 'false');
  await expect(event).toContainText('no Preempted event');

  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect(page.getByLabel('Cluster time')).toHaveText(clock(15));
  await expect(lesson.getByRole('heading', { name: 'Goals (3 of 3 done)' })).toBeVisible();
  await expect(event).toContainText('1 Preempted event');
  await expect(lesson.locator('[data-goal-met]', { hasText: 'A batch pod is Pending' })).toContainText('No preemption victims found for incoming pod');
  // A later frame carries only newer events: the goal still counts the one the page holds.
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect(page.getByLabel('Cluster time')).toHaveText(clock(25));
  await expect(event).toHaveAttribute('data-goal-met', 'true');
  await expect(event).toContainText('1 Preempted event');
  const frame = await snapshot(page);
  const preempted = frame.events.find((e) => e.reason === 'Preempted')!;
  expect(preempted.message).toMatch(new RegExp(`on node ${frame.pods.find((p) => p.name === 'payments')!.nodeName}$`));

  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(health.consoleErrors).toEqual([]);
  expect(health.foreignRequests).toEqual([]);
});
