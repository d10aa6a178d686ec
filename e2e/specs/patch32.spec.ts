import { expect, test } from '@playwright/test';
import { watchPageHealth } from '../fixtures/page-health';
import { startLesson, step } from '../fixtures/lessons';

/**
 * kubectl label through the engine's `label` command (round 32): the node card's label form labels
 * worker-2, the Pending pod with that nodeSelector is placed there, and labelling the same key
 * again without --overwrite is refused in kubectl's words with the node left as it is.
 */
test('labelling a node from its card places the Pending pod; the same key again without --overwrite is refused', async ({ page, baseURL }) => {
  const health = watchPageHealth(page, baseURL!);
  const lesson = await startLesson(page, 'Pin pods to machines');
  await expect(page.locator('[data-pending-tray] [data-pod="default/analytics"]')).toBeVisible();

  await page.getByLabel('Taints and labels of node worker-2', { exact: true }).click();
  const field = page.getByLabel('kubectl label node worker-2');
  await field.focus();
  await field.fill('disktype=ssd');
  await field.press('Enter');
  const card = page.locator('[data-node="worker-2"]');
  await expect(card.getByRole('status').filter({ hasText: 'node/' })).toHaveText('node/worker-2 labeled');

  await field.fill('disktype=hdd');
  await field.press('Enter');
  await expect(card.getByRole('alert')).toContainText("error: 'disktype' already has a value (ssd), and --overwrite is false");
  await expect(field).toHaveAttribute('aria-invalid', 'true');

  await step(page, 5, 1);
  await expect(lesson.getByRole('heading', { name: /Goals/ })).toBeVisible();
  await expect(page.locator('[data-node="worker-2"] [data-pod="default/analytics"]')).toHaveAttribute('data-pod-phase', 'Running');
  expect(health.consoleErrors).toEqual([]);
  expect(health.foreignRequests).toEqual([]);
});
