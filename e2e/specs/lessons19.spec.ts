import { expect, test } from '@playwright/test';
import { watchPageHealth } from '../fixtures/page-health';
import { predict, snapshot, startLesson, step } from '../fixtures/lessons';

/**
 * The round-19 lessons, each opened from the gallery and its first step played with the
 * page's own controls (the prediction by keyboard, the Workloads panel's + or a node's
 * Kill, then Step) until the step's goals are met.
 */

test('bin-packing: two more web pods go to the part-filled worker-2, and the Scheduling table shows why', async ({ page, baseURL }) => {
  const health = watchPageHealth(page, baseURL!);
  const lesson = await startLesson(page, 'Packing nodes full, and what it costs');
  await expect(lesson.getByRole('heading', { name: 'Step 1 of 4: The fuller node wins' })).toBeVisible();
  const onWorker2 = lesson.locator('[data-goal-met]', { hasText: 'worker-2 runs 4 web pods' });
  await expect(onWorker2).toHaveAttribute('data-goal-met', 'false');
  const before = new Set((await snapshot(page)).pods.map((p) => p.name));

  await predict(page, lesson, 'To worker-2, the part-filled node', 'Your prediction was right.');
  const up = page.getByRole('button', { name: 'Scale Deployment web up' });
  await up.click();
  await expect(page.getByLabel('Replicas of Deployment web')).toHaveText('11');
  await up.click();
  await expect(page.getByLabel('Replicas of Deployment web')).toHaveText('12');
  await step(page, 5, 1);
  await expect(lesson.getByRole('heading', { name: 'Goals (3 of 3 done)' })).toBeVisible();
  await expect(page.locator('[data-node="worker-2"] [data-pod]')).toHaveCount(4);
  await expect(page.locator('[data-node="worker-1"] [data-pod]')).toHaveCount(0);

  // Where the reveal sends the learner: a new pod's table, worker-2 selected at 350, worker-3 filtered out.
  const added = (await snapshot(page)).pods.filter((p) => !before.has(p.name));
  expect(added.map((p) => p.nodeName)).toEqual(['worker-2', 'worker-2']);
  await page.locator(`[data-node="worker-2"] [data-pod="default/${added[1].name}"]`).click();
  const table = page.getByRole('table', { name: `Filter and Score of default/${added[1].name} on each node` });
  await expect(table).toBeVisible();
  await expect(table.getByRole('row', { name: /worker-2/ })).toContainText('selected');
  await expect(table.getByRole('row', { name: /worker-2/ })).toContainText('350');
  await expect(table.getByRole('row', { name: /worker-1/ })).toContainText('312');
  await expect(table.getByRole('row', { name: /worker-3/ })).toContainText('Insufficient cpu');
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(health.consoleErrors).toEqual([]);
  expect(health.foreignRequests).toEqual([]);
});

test('non-graceful-shutdown: worker-1 killed, its web pod is replaced and db-0 stays Terminating', async ({ page, baseURL }) => {
  const health = watchPageHealth(page, baseURL!);
  const lesson = await startLesson(page, 'A node that will not come back soon');
  await expect(lesson.getByRole('heading', { name: 'Step 1 of 4: db-0 is stuck' })).toBeVisible();
  const stuck = lesson.locator('[data-goal-met]', { hasText: 'db-0 is Terminating' });
  await expect(stuck).toHaveAttribute('data-goal-met', 'false');

  await predict(page, lesson, 'web gets a new pod elsewhere; db-0 is not recreated', 'Your prediction was right.');
  await page.getByRole('button', { name: 'Kill node worker-1' }).click();
  await step(page, 5, 10);
  await expect(lesson.getByRole('heading', { name: 'Goals (3 of 3 done)' })).toBeVisible();
  await expect(stuck).toHaveAttribute('data-goal-met', 'true');
  const f = await snapshot(page);
  expect(f.pods.find((p) => p.name === 'db-0')).toMatchObject({ nodeName: 'worker-1', deletionTimestamp: expect.any(String) });
  expect(f.pods.filter((p) => p.name.startsWith('db-') && p.deletionTimestamp === null).map((p) => p.name)).toEqual(['db-1', 'db-2']);
  await expect(page.locator('[data-node="worker-1"] [data-pod="default/db-0"]')).toHaveAttribute('data-terminating', 'true');
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(health.consoleErrors).toEqual([]);
  expect(health.foreignRequests).toEqual([]);
});
