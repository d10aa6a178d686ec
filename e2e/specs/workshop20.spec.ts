import { expect, test } from '@playwright/test';
import { watchPageHealth } from '../fixtures/page-health';
import { startLesson } from '../fixtures/lessons';

/**
 * Round 20's workshop walk-through: what an attendee saw (or did not) while playing the lessons
 * through the page's own controls at 1280×800.
 */

test('a command refused from a node card far down the page shows its error in view, not only at the top of the page', async ({ page, baseURL }) => {
  const health = watchPageHealth(page, baseURL!);
  await page.setViewportSize({ width: 1280, height: 800 });
  await startLesson(page, 'DaemonSets: one pod per node');
  // daemonsets step 3: drain worker-1 without --ignore-daemonsets; kubectl refuses. The card sits below the lesson.
  await page.getByLabel('Drain options for node worker-1', { exact: true }).click();
  await page.getByRole('group', { name: 'kubectl drain flags for node worker-1' }).getByRole('checkbox', { name: '--ignore-daemonsets' }).uncheck();
  const drain = page.getByRole('button', { name: 'Drain node worker-1', exact: true });
  await drain.click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore)');
  // The learner is still at the card: the error must be on screen with it, under its toolbar (round 22), the only alert.
  await expect(page.locator('[data-node="worker-1"]').getByRole('alert')).toContainText('cannot delete DaemonSet-managed Pods');
  await expect(alert).toHaveCount(1);
  await expect(drain).toBeInViewport();
  await expect(alert).toBeInViewport();
  await alert.getByRole('button', { name: 'Dismiss error' }).click();
  await expect(alert).toHaveCount(0);
  expect(health.consoleErrors).toEqual([]);
  expect(health.foreignRequests).toEqual([]);
});
