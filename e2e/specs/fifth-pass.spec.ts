/**
 * Branch ux15's fifth pass (docs/ui.md): crash loops and workload status in the inspector,
 * and the phone's first screen. Each test is one behaviour, seen failing before its fix.
 */
import { expect, test } from '@playwright/test';
import type {} from '../../src/ui/e2e-api'; // declares window.__podscape
import { waitForCluster, watchPageHealth } from '../fixtures/page-health';

test.describe('on a phone (390×844)', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

  test('the first screen shows the clock, the first thing to try and the first node card; the other tips are a tap away', async ({ page, baseURL }) => {
    const health = watchPageHealth(page, baseURL!);
    await page.goto('/');
    await waitForCluster(page);
    const intro = page.getByRole('region', { name: 'Start here' });
    const items = intro.getByRole('listitem');
    await expect(items.first()).toBeInViewport();
    await expect(page.getByRole('button', { name: 'Play' })).toBeInViewport();
    // The first node card's name and status (its heading row) are on the first screen.
    const firstNode = page.locator('[data-node]').first();
    const box = (await firstNode.getByRole('heading').first().boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(844);
    // The three other tips wait behind a button that says so.
    await expect(items.nth(1)).toBeHidden();
    const more = intro.getByRole('button', { name: '3 more tips' });
    await expect(more).toHaveAttribute('aria-expanded', 'false');
    await more.click();
    await expect(items).toHaveCount(4);
    for (let i = 1; i < 4; i++) await expect(items.nth(i)).toBeVisible();
    await expect(intro.getByRole('button', { name: 'Fewer tips' })).toHaveAttribute('aria-expanded', 'true');
    expect(health.consoleErrors).toEqual([]);
  });
});
