import { expect, test } from '@playwright/test';
import { watchPageHealth } from '../fixtures/page-health';
import { snapshot, startLesson, step, predict } from '../fixtures/lessons';

/**
 * The round-15 lessons, each opened from the gallery and its first step played with the
 * page's own controls (the prediction by keyboard, then Step) until the step's goals are met.
 */

/** Each test takes 4–10 s alone; on a loaded two-core machine with two workers they took 22–26 s, near the default 30 s. */
test.beforeEach(() => test.setTimeout(60_000));

test('crash-loop: the api pods restart in place, CrashLoopBackOff on their cards, on the same nodes, after five Steps', async ({ page, baseURL }) => {
  const health = watchPageHealth(page, baseURL!);
  const lesson = await startLesson(page, 'Why does my pod keep restarting?');
  await expect(lesson.getByRole('heading', { name: 'Step 1 of 3: Exit code 1, again and again' })).toBeVisible();
  const restarted = lesson.locator('[data-goal-met]', { hasText: 'Each api pod has restarted at least 3 times' });
  await expect(restarted).toHaveAttribute('data-goal-met', 'false');
  const placed = (await snapshot(page)).pods.filter((p) => p.name.startsWith('api-')).map((p) => [p.name, p.nodeName]);
  expect(placed).toHaveLength(3);

  await predict(page, lesson, 'In the same pod, on the same node: the kubelet restarts the container', 'Your prediction was right.');
  await step(page, 5, 5);
  await expect(lesson.getByRole('heading', { name: 'Goals (3 of 3 done)' })).toBeVisible();
  await expect(restarted).toContainText('3 of 3 pods of api restarted at least 3 times');
  for (const [name, node] of placed) {
    await expect(page.locator(`[data-node="${node}"] [data-pod="default/${name}"]`)).toContainText('CrashLoopBackOff, 3 restarts');
  }
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(health.consoleErrors).toEqual([]);
  expect(health.foreignRequests).toEqual([]);
});

test('jobs: migrate fails three pods and gives up after five Steps', async ({ page, baseURL }) => {
  const health = watchPageHealth(page, baseURL!);
  const lesson = await startLesson(page, 'When does a Job give up?');
  await expect(lesson.getByRole('heading', { name: 'Step 1 of 3: Never: a new pod for each failure' })).toBeVisible();
  const gaveUp = lesson.locator('[data-goal-met]', { hasText: 'The Job migrate gave up: BackoffLimitExceeded' });
  await expect(gaveUp).toHaveAttribute('data-goal-met', 'false');

  await predict(page, lesson, '3', 'Your prediction was right.');
  await step(page, 5, 5);
  await expect(lesson.getByRole('heading', { name: 'Goals (2 of 2 done)' })).toBeVisible();
  await expect(gaveUp).toHaveAttribute('data-goal-met', 'true');
  const failed = page.locator('[data-pod^="default/migrate-"][data-pod-phase="Failed"]');
  await expect(failed).toHaveCount(3);
  for (const card of await failed.all()) await expect(card).toContainText('Error');
  await expect(lesson.getByText('Step complete: go on to the next step.')).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(health.consoleErrors).toEqual([]);
  expect(health.foreignRequests).toEqual([]);
});
