import { expect, test } from '@playwright/test';
import type {} from '../../src/ui/e2e-api'; // declares window.__podscape
import { waitForCluster, watchPageHealth } from '../fixtures/page-health';
import { stateHash } from '../fixtures/session';

test('undo, redo and reset replay the command log, by button and by keyboard', async ({ page, baseURL }) => {
  const health = watchPageHealth(page, baseURL!);
  await page.goto('/');
  await waitForCluster(page);
  const worker1 = page.locator('[data-node="worker-1"]');
  const worker2 = page.locator('[data-node="worker-2"]');
  await expect(page.getByRole('button', { name: 'Undo' })).toBeDisabled();
  const start = await stateHash(page);

  await page.evaluate(() => window.__podscape!.dispatch({ action: 'cordon', node: 'worker-1' }));
  await page.evaluate(() => window.__podscape!.advance(10_000));
  await page.evaluate(() => window.__podscape!.dispatch({ action: 'cordon', node: 'worker-2' }));
  await expect(worker2).toHaveAttribute('data-unschedulable', 'true');
  const both = await stateHash(page);

  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(worker2).not.toHaveAttribute('data-unschedulable', 'true');
  await expect(worker1).toHaveAttribute('data-unschedulable', 'true');
  await expect(page.getByLabel('Cluster time')).toHaveText('00:00:10');

  await page.getByRole('button', { name: 'Redo' }).click();
  await expect(worker2).toHaveAttribute('data-unschedulable', 'true');
  expect(await stateHash(page)).toBe(both);

  await page.keyboard.press('Control+z');
  await expect(worker2).not.toHaveAttribute('data-unschedulable', 'true');
  await page.keyboard.press('Control+z');
  await expect(worker1).not.toHaveAttribute('data-unschedulable', 'true');
  await page.keyboard.press('Control+Shift+Z');
  await expect(worker1).toHaveAttribute('data-unschedulable', 'true');
  await page.keyboard.press('Control+y');
  await expect(worker2).toHaveAttribute('data-unschedulable', 'true');

  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  await expect(page.getByLabel('Cluster time')).toHaveText('00:00:00');
  await expect(worker1).not.toHaveAttribute('data-unschedulable', 'true');
  expect(await stateHash(page)).toBe(start);
  // Reset can be redone command by command.
  await page.getByRole('button', { name: 'Redo' }).click();
  await expect(worker1).toHaveAttribute('data-unschedulable', 'true');

  expect(health.consoleErrors).toEqual([]);
  expect(health.foreignRequests).toEqual([]);
});
