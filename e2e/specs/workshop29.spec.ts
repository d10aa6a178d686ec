import { expect, test, type Page } from '@playwright/test';
import { watchPageHealth } from '../fixtures/page-health';
import { predict, snapshot, startLesson, step } from '../fixtures/lessons';

/**
 * Round 29: a lesson goal read from kubectl's output. drain-pdb's steps 4 and 5 played as a
 * learner plays them, with the page's own buttons and the keyboard: a drain the budget blocks,
 * noticed in the drain's output, then unblocked by scaling up.
 */

const BUDGET = "Cannot evict pod as it would violate the pod's disruption budget.";

/** Plays drain-pdb's first three steps with the node cards' buttons and Step; the clock ends at 00:00:35. */
async function playFirstSteps(page: Page, lesson: ReturnType<Page['getByRole']>) {
  await page.getByRole('button', { name: 'Cordon node worker-2', exact: true }).click();
  await expect(lesson.getByRole('heading', { name: 'Goals (1 of 1 done)' })).toBeVisible();
  await lesson.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Drain node worker-2', exact: true }).click();
  await step(page, 5, 3);
  await expect(lesson.getByRole('heading', { name: 'Goals (2 of 2 done)' })).toBeVisible();
  await lesson.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Uncordon node worker-2', exact: true }).click();
  await expect(lesson.getByRole('heading', { name: 'Goals (2 of 2 done)' })).toBeVisible();
  await lesson.getByRole('button', { name: 'Next' }).click();
}

test('drain-pdb 4-5: the blocked drain is a goal read from kubectl’s output, and scaling up ends it', async ({ page, baseURL }) => {
  const health = watchPageHealth(page, baseURL!);
  await page.setViewportSize({ width: 1280, height: 800 });
  const lesson = await startLesson(page, 'Maintenance without downtime');
  await playFirstSteps(page, lesson);

  await expect(lesson.getByRole('heading', { name: 'Step 4 of 5: A drain that does not end' })).toBeVisible();
  const refused = lesson.locator('[data-goal-met]', { hasText: 'kubectl drain worker-1 printed that the eviction would violate the disruption budget' });
  await expect(refused).toHaveAttribute('data-goal-met', 'false');
  await expect(refused).toContainText('no kubectl drain worker-1 output yet');
  await predict(page, lesson, 'An error for the web pod every 5 s: evicting it would violate the pod’s disruption budget', 'Your prediction was right.');

  await page.getByRole('button', { name: 'Scale Deployment web down' }).click();
  await expect(page.getByLabel('Replicas of Deployment web')).toHaveText('3');
  await page.getByRole('button', { name: 'Drain node worker-1', exact: true }).click();
  const output = page.getByRole('list', { name: 'kubectl drain worker-1: output' });
  await expect(output).toContainText(BUDGET);
  // The story line at the page's foot names the wait and brings kubectl's output into view.
  await page.getByRole('button', { name: 'Show kubectl output' }).click();
  await expect(output).toBeFocused();
  await expect(output).toBeInViewport();
  await step(page, 35, 2);
  // The refusal is in kubectl's output, retried every 5 s; the lesson reads it from there.
  await expect(lesson.getByRole('heading', { name: 'Goals (3 of 3 done)' })).toBeVisible();
  await expect(refused).toHaveAttribute('data-goal-met', 'true');
  await expect(refused).toContainText(`kubectl drain worker-1: error when evicting pods/"web-`);
  await expect(page.locator('[data-drain-node="worker-1"]')).toHaveAttribute('data-drain-state', 'waiting');
  const f = await snapshot(page);
  const retries = (f.drainLog ?? []).filter((l) => l.node === 'worker-1' && l.text.endsWith(BUDGET)).map((l) => l.time);
  expect(retries.slice(1).map((t, i) => t - retries[i])).toEqual([5_000, 5_000, 5_000, 5_000]);
  await expect(page.locator('[data-node="worker-1"] [data-pod^="default/web-"]')).toHaveCount(1);

  await lesson.getByRole('button', { name: 'Next' }).click();
  await expect(lesson.getByRole('heading', { name: 'Step 5 of 5: Give the budget room' })).toBeVisible();
  const drained = lesson.locator('[data-goal-met]', { hasText: 'kubectl printed node/worker-1 drained' });
  await expect(drained).toHaveAttribute('data-goal-met', 'false');
  await expect(drained).toContainText(`kubectl drain worker-1, last line: error when evicting pods/"web-`);
  await predict(page, lesson, 'The new pod starts on another node; once it is ready a retry is allowed and the drain ends', 'Your prediction was right.');
  const up = page.getByRole('button', { name: 'Scale Deployment web up' });
  await up.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Replicas of Deployment web')).toHaveText('4');
  await step(page, 55, 1);
  await expect(output).toContainText('node/worker-1 drained');
  await expect(lesson.getByRole('heading', { name: 'Goals (3 of 3 done)' })).toBeVisible();
  await expect(drained).toHaveAttribute('data-goal-met', 'true');
  await expect(page.locator('[data-node="worker-1"] [data-pod]')).toHaveCount(0);
  await expect(page.locator('[data-node="worker-2"] [data-pod^="default/web-"]')).toHaveCount(2);

  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(health.consoleErrors).toEqual([]);
  expect(health.foreignRequests).toEqual([]);
});
