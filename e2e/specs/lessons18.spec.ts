import { expect, test } from '@playwright/test';
import { watchPageHealth } from '../fixtures/page-health';
import { addDefaultNode, predict, snapshot, startLesson, step } from '../fixtures/lessons';

/**
 * The round-18 lessons, each opened from the gallery and its first step played with the
 * page's own controls (the prediction by keyboard, the Add node form or a keyboard drag
 * with Bind anyway, then Step) until the step's goals are met.
 */

test('pod-anti-affinity: the waiting cache pod goes to a node added with the form', async ({ page, baseURL }) => {
  const health = watchPageHealth(page, baseURL!);
  const lesson = await startLesson(page, 'Keeping replicas apart');
  await expect(lesson.getByRole('heading', { name: 'Step 1 of 4: One replica per node' })).toBeVisible();
  const onWorker4 = lesson.locator('[data-goal-met]', { hasText: 'A cache pod runs on worker-4' });
  await expect(onWorker4).toHaveAttribute('data-goal-met', 'false');
  // The pod the lesson names waits in the Pending tray with the message the text quotes.
  await expect(page.locator('[data-pending-tray] [data-pod="default/cache-75d4b8c965-hj546"]')).toContainText("3 node(s) didn't match pod anti-affinity rules");

  await predict(page, lesson, 'It is scheduled onto worker-4 within a second or two', 'Your prediction was right.');
  await addDefaultNode(page, 'worker-4');
  await step(page, 5, 1);
  await expect(lesson.getByRole('heading', { name: 'Goals (3 of 3 done)' })).toBeVisible();
  await expect(page.locator('[data-node="worker-4"] [data-pod="default/cache-75d4b8c965-hj546"]')).toHaveAttribute('data-pod-phase', 'Running');
  await expect(page.locator('[data-pending-tray] [data-pod]')).toHaveCount(0);
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(health.consoleErrors).toEqual([]);
  expect(health.foreignRequests).toEqual([]);
});

test('kubelet-admission: report dropped on the full worker-1 with the keyboard, Bind anyway, and the kubelet refuses it', async ({ page, baseURL }) => {
  const health = watchPageHealth(page, baseURL!);
  const lesson = await startLesson(page, 'Binding without the scheduler');
  await expect(lesson.getByRole('heading', { name: 'Step 1 of 4: The kubelet checks too' })).toBeVisible();
  const refused = lesson.locator('[data-goal-met]', { hasText: 'The kubelet refused report' });
  await expect(refused).toHaveAttribute('data-goal-met', 'false');

  await predict(page, lesson, 'The kubelet refuses it: report fails and stays Failed', 'Your prediction was right.');
  const report = page.locator('[data-pending-tray] [data-pod="default/report"]');
  await report.focus();
  await page.keyboard.press('Space');
  await expect(page.locator('[data-drag-hint]')).toBeVisible();
  const worker1 = page.locator('[data-node="worker-1"]');
  await page.keyboard.press('ArrowRight');
  await expect(worker1).toHaveAttribute('data-drop-verdict', 'rejects');
  await expect(worker1.locator('[data-drop-verdict-text]')).toContainText('Insufficient cpu');
  await page.keyboard.press('Space');
  const dialog = page.getByRole('dialog', { name: 'Node worker-1 rejects pod report' });
  await dialog.getByRole('button', { name: 'Bind anyway' }).click();
  await expect(worker1.locator('[data-pod="default/report"]')).toHaveAttribute('data-pod-phase', 'Failed');
  await step(page, 5, 1);
  await expect(lesson.getByRole('heading', { name: 'Goals (2 of 2 done)' })).toBeVisible();
  await expect(refused).toHaveAttribute('data-goal-met', 'true');
  // The numbers the reveal quotes, from the page's own frame.
  const event = (await snapshot(page)).events.find((e) => e.reason === 'OutOfcpu' && e.object === 'Pod/default/report');
  expect(event?.message).toBe("Node didn't have enough resource: cpu, requested: 1000, used: 1600, capacity: 2000");
  expect(health.consoleErrors).toEqual([]);
  expect(health.foreignRequests).toEqual([]);
});
