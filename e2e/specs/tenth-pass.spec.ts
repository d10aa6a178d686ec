/**
 * The tenth newcomer pass (branch ux20, docs/ui.md): what the page got wrong, shown fixed.
 */
import { expect, test } from '@playwright/test';
import type {} from '../../src/ui/e2e-api'; // declares window.__podscape
import { waitForCluster, watchPageHealth } from '../fixtures/page-health';

test('the clock floats into the story bar without moving the page, and the empty bar says where the routine went', async ({ page, baseURL }) => {
  const health = watchPageHealth(page, baseURL!);
  // A width where the header's tools have a row of their own: the clock's slot sets that row's height.
  await page.setViewportSize({ width: 1024, height: 700 });
  await page.goto('/');
  await waitForCluster(page);
  // Step: the pods already on nodes start (the kubelets' routine: Pulled, Created, Started), nothing more.
  await page.getByRole('button', { name: 'Step' }).click();
  await expect.poll(() => page.evaluate(() => window.__podscape!.snapshot()!.time)).toBeGreaterThan(0);
  const card = page.locator('[data-node="worker-1"]');
  const top = () => card.evaluate((el) => el.getBoundingClientRect().top + window.scrollY);
  const before = await top();
  // The header scrolls away: the clock floats, and its slot keeps its exact size.
  await page.evaluate(() => window.scrollTo(0, 400));
  await expect(page.locator('.clock[data-floating]')).toHaveCount(1);
  expect(Math.abs((await top()) - before)).toBeLessThan(0.01);
  // The bar holds the clock and no line: it says that the routine is not news, and where it is.
  const bar = page.locator('[data-story-log]');
  await expect(bar).toHaveAttribute('data-empty', '');
  expect(await bar.evaluate((el) => getComputedStyle(el, '::before').content)).toBe('"Nothing notable yet (the kubelets’ routine is under Events)."');
  expect(health.consoleErrors).toEqual([]);
});

test('opening Share moves neither the Share button nor the controls beside it, wide or on a phone', async ({ page, baseURL }) => {
  const health = watchPageHealth(page, baseURL!);
  await page.goto('/');
  await waitForCluster(page);
  const share = page.getByRole('button', { name: 'Share', exact: true });
  const undo = page.getByRole('button', { name: 'Undo' });
  for (const width of [1024, 390]) {
    await page.setViewportSize({ width, height: 800 });
    const before = [await share.boundingBox(), await undo.boundingBox()];
    await share.click();
    await expect(page.getByLabel('Share link')).toBeVisible();
    // The link takes a row of its own after the bar's controls; the button just clicked stays under the pointer.
    expect([await share.boundingBox(), await undo.boundingBox()]).toEqual(before);
    await page.keyboard.press('Escape');
    await expect(page.getByLabel('Share link')).toHaveCount(0);
    await expect(share).toBeFocused();
  }
  expect(health.consoleErrors).toEqual([]);
});
