import { expect, test, type Page } from '@playwright/test';
import type { Frame } from '../../src/protocol/engine-api';
import type {} from '../../src/ui/e2e-api'; // declares window.__podscape
import { waitForCluster, watchPageHealth } from '../fixtures/page-health';

const snapshot = (page: Page) => page.evaluate(() => window.__podscape!.snapshot()) as Promise<Frame>;
const advance = (page: Page, ms: number) => page.evaluate((by) => window.__podscape!.advance(by), ms);

test('a NoExecute taint from the node card, by keyboard, evicts the pods on the node', async ({ page, baseURL }) => {
  const health = watchPageHealth(page, baseURL!);
  await page.goto('/');
  await waitForCluster(page);
  await advance(page, 30_000);
  const before = (await snapshot(page)).pods.filter((p) => p.nodeName === 'worker-2' && p.deletionTimestamp === null);
  expect(before.length).toBeGreaterThan(0);
  const card = page.locator('[data-node="worker-2"]');

  const toggle = page.getByLabel('Taints and labels of node worker-2', { exact: true });
  await toggle.focus();
  await page.keyboard.press('Enter');
  const field = page.getByLabel('kubectl taint node worker-2');
  await expect(field).toBeVisible();

  // A taint without an effect is refused with kubectl's words, and nothing changes.
  await field.fill('dedicated=db');
  await field.press('Enter');
  // (kubectl reads it as a key with '=' in it; the page adds what is missing.)
  await expect(card.getByRole('alert')).toContainText('error: invalid taint spec: dedicated=db, name part must consist of');
  await expect(card.getByRole('alert')).toContainText('A taint to add needs an effect after a colon: dedicated=db:NoSchedule');
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  expect((await snapshot(page)).nodes.find((n) => n.name === 'worker-2')!.taints).toEqual([]);

  await field.fill('dedicated=db:NoExecute');
  await field.press('Enter');
  await expect(card.getByRole('status').filter({ hasText: 'node/' })).toHaveText('node/worker-2 tainted');
  await expect(card.getByRole('alert')).toHaveCount(0);
  await expect(field).toHaveValue('');
  await expect(card.getByRole('list', { name: 'Taints' })).toHaveText('dedicated=db:NoExecute');
  // The taint eviction controller deletes every pod that does not tolerate the taint.
  for (const p of before) await expect(card.locator(`[data-pod="${p.namespace}/${p.name}"]`)).toHaveAttribute('data-terminating', 'true');
  await advance(page, 60_000);
  const after = await snapshot(page);
  expect(after.pods.filter((p) => p.nodeName === 'worker-2')).toEqual([]);

  // Escape closes the forms and gives focus back to their toggle.
  await field.focus();
  await page.keyboard.press('Escape');
  await expect(field).toBeHidden();
  await expect(toggle).toBeFocused();
  expect(health.consoleErrors).toEqual([]);
});

test('a panel whose code fails to load says so and can be tried again; the page stays', async ({ page }) => {
  let fail = true;
  await page.route(/\/assets\/YamlEditor-[^/]*\.js$/, (route) => (fail ? route.abort('connectionreset') : route.continue()));
  await page.goto('/');
  await waitForCluster(page);
  await page.getByRole('button', { name: 'Apply YAML', exact: true }).click();
  const alert = page.getByRole('alert').filter({ hasText: 'Could not load the YAML editor' });
  await expect(alert).toBeVisible();
  // The rest of the page is still there and still works.
  await expect(page.locator('[data-node="worker-1"]')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Cordon node worker-1' })).toBeEnabled();
  fail = false;
  await alert.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByRole('form', { name: 'YAML editor' })).toBeVisible();
  await expect(alert).toHaveCount(0);
});
