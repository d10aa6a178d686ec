import { expect, test } from '@playwright/test';
import type {} from '../../src/ui/e2e-api'; // declares window.__podscape
import { waitForCluster, watchPageHealth } from '../fixtures/page-health';
import { stateHash, waitForAutosave } from '../fixtures/session';

test('a reload loses nothing: the session is autosaved and restored', async ({ page, baseURL }) => {
  const health = watchPageHealth(page, baseURL!);
  await page.goto('/');
  await waitForCluster(page);
  await page.evaluate(async () => {
    await window.__podscape!.dispatch({ action: 'killNode', node: 'worker-3' });
    await window.__podscape!.advance(45_000);
  });
  const hash = await stateHash(page);
  await waitForAutosave(page);

  await page.reload();
  await waitForCluster(page);
  await expect(page.getByLabel('Cluster time')).toHaveText('00:00:45');
  expect(await stateHash(page)).toBe(hash);
  await expect(page.getByRole('button', { name: 'Undo' })).toBeEnabled();
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(health.consoleErrors).toEqual([]);
  expect(health.foreignRequests).toEqual([]);
});

test('a full storage is reported in the alert and the app keeps working', async ({ page, baseURL }) => {
  const health = watchPageHealth(page, baseURL!);
  await page.addInitScript(() => {
    Storage.prototype.setItem = function () {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });
  await page.goto('/');
  await waitForCluster(page);
  await expect(page.getByRole('alert')).toContainText("Autosave failed: the browser's storage for this site is full");
  await page.getByRole('button', { name: 'Step' }).click();
  await expect(page.getByLabel('Cluster time')).toHaveText('00:00:10');
  expect(health.consoleErrors).toEqual([]);
});

test('after the first visit the app works offline', async ({ page, context, baseURL }) => {
  const health = watchPageHealth(page, baseURL!);
  await page.goto('/');
  await waitForCluster(page);
  // The service worker has precached the site once it is active.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.evaluate(() => window.__podscape!.dispatch({ action: 'cordon', node: 'worker-1' }));
  await waitForAutosave(page);

  await context.setOffline(true);
  await page.reload();
  await waitForCluster(page);
  await expect(page.locator('[data-node="control-plane"]')).toBeVisible();
  await expect(page.locator('[data-node="worker-1"]')).toHaveAttribute('data-unschedulable', 'true');
  await page.getByRole('button', { name: 'Step' }).click();
  await expect(page.getByLabel('Cluster time')).toHaveText('00:00:10');
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(health.consoleErrors).toEqual([]);
  expect(health.foreignRequests).toEqual([]);
});
