/**
 * A newcomer's first fifteen minutes (branch ux29): each test is something that confused or
 * looked broken when the app was used from first load through presets, import, export and
 * the inspector, on a 1440×900 desktop and a 390×844 phone, shown fixed.
 */
import { expect, test, type Page } from '@playwright/test';
import type {} from '../../src/ui/e2e-api'; // declares window.__podscape
import { waitForCluster, watchPageHealth } from '../fixtures/page-health';
import { showAllTools } from '../fixtures/more-tools';

const BAD_QUANTITY = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: bad\nspec:\n  containers:\n  - name: c\n    image: nginx\n    resources:\n      requests:\n        cpu: lots\n';

async function refuseImport(page: Page): Promise<void> {
  await showAllTools(page);
  await page.getByRole('button', { name: 'Import YAML' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import YAML' });
  await dialog.getByLabel('Scenario YAML', { exact: true }).fill(BAD_QUANTITY);
  await dialog.getByRole('button', { name: 'Import scenario', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('spec.containers[0].resources.requests.cpu: Invalid value: "lots"');
}

test('a preset loaded without its lesson does not say a lesson is loading while its description arrives', async ({ page, baseURL }) => {
  const health = watchPageHealth(page, baseURL!);
  // Hold the description's code back, as a slow network does, to see what the page says meanwhile.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/assets\/PresetAbout-[^/]*\.js$/, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto('/');
  await waitForCluster(page);
  await page.getByRole('button', { name: 'Scenarios' }).click();
  await page.getByRole('button', { name: 'Load scenario Node failure (power loss)' }).click();
  await expect(page.locator('[data-node]')).toHaveCount(3);
  const placeholder = page.getByRole('status').filter({ hasText: /^Loading/ });
  await expect(placeholder).toHaveText('Loading the preset’s description…');
  release();
  await expect(page.getByText('About this preset: Node failure (power loss)')).toBeVisible();
  await expect(placeholder).toHaveCount(0);
  expect(health.consoleErrors).toEqual([]);
});

test('cancelling a refused import takes its error away with the dialog', async ({ page, baseURL }) => {
  const health = watchPageHealth(page, baseURL!);
  await page.goto('/');
  await waitForCluster(page);
  await refuseImport(page);
  await page.getByRole('dialog', { name: 'Import YAML' }).getByRole('button', { name: 'Cancel import' }).click();
  await expect(page.getByRole('dialog', { name: 'Import YAML' })).toHaveCount(0);
  await expect(page.getByRole('alert')).toHaveCount(0);
  // An error that is not the import's stays: a refused command still shows after the dialog closes.
  await refuseImport(page);
  await page.evaluate(() => window.__podscape!.dispatch({ action: 'cordon', node: 'no-such-node' }).catch(() => {}));
  await expect(page.getByRole('alert')).toContainText('no-such-node');
  await page.getByRole('dialog', { name: 'Import YAML' }).getByRole('button', { name: 'Cancel import' }).click();
  await expect(page.getByRole('alert')).toContainText('no-such-node');
  expect(health.consoleErrors).toEqual([]);
});

test("a pending pod's inspector says why its condition and the scheduling message differ after the cluster changed", async ({ page, baseURL }) => {
  const health = watchPageHealth(page, baseURL!);
  await page.goto('/');
  await waitForCluster(page);
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  await page.locator('[data-pod="default/ml-training"] .select-button').click();
  await expect(inspector.locator('[data-explain-message]')).toBeVisible();
  // At first both say the same: no note.
  await expect(inspector.locator('[data-explain-last-attempt]')).toHaveCount(0);
  await page.getByRole('button', { name: 'Close inspector' }).click();

  await page.getByRole('button', { name: 'Kill node worker-3' }).click();
  await page.evaluate(() => window.__podscape!.advance(60_000));
  await page.locator('[data-pod="default/ml-training"] .select-button').click();
  await expect(inspector.locator('[data-explain-message]')).toContainText('2 node(s) had untolerated taint(s)');
  await expect(inspector.getByRole('table', { name: 'Conditions of pod default/ml-training' })).toContainText('1 node(s) had untolerated taint(s)');
  await expect(inspector.locator('[data-explain-last-attempt]')).toContainText('The PodScheduled condition above is the scheduler’s last attempt');
  expect(health.consoleErrors).toEqual([]);
});

test('the gallery says which preset the cluster was loaded from', async ({ page, baseURL }) => {
  const health = watchPageHealth(page, baseURL!);
  await page.goto('/');
  await waitForCluster(page);
  await page.getByRole('button', { name: 'Scenarios' }).click();
  await expect(page.getByText('Loaded now')).toHaveCount(0);
  await page.getByRole('button', { name: 'Load scenario Taints and tolerations' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await page.getByRole('button', { name: 'Scenarios' }).click();
  const current = page.locator('[data-preset][aria-current="true"]');
  await expect(current).toHaveCount(1);
  await expect(current.getByRole('heading')).toHaveText('Taints and tolerations');
  await expect(current).toContainText('Loaded now');
  expect(health.consoleErrors).toEqual([]);
});

test.describe('on a phone (390×844, dark)', () => {
  test.use({ viewport: { width: 390, height: 844 }, colorScheme: 'dark', hasTouch: true });

  test('the Export menu opens inside the window, every item whole', async ({ page, baseURL }) => {
    const health = watchPageHealth(page, baseURL!);
    await page.goto('/');
    await waitForCluster(page);
    await showAllTools(page);
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    const menu = page.getByRole('menu', { name: 'Export' });
    await expect(menu).toBeVisible();
    const box = (await menu.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    for (const item of await menu.getByRole('menuitem').all()) {
      await expect(item).toBeInViewport({ ratio: 1 });
      // Nothing inside an item runs past it (a hint wraps instead).
      expect(await item.evaluate((el) => Array.from(el.children).every((c) => c.getBoundingClientRect().right <= el.getBoundingClientRect().right + 0.5))).toBe(true);
    }
    await expect(menu.getByRole('menuitem', { name: 'Scenario (YAML)' })).toBeFocused();
    expect(health.consoleErrors).toEqual([]);
  });

  test("an import error's long field path wraps inside the alert instead of running off its edge", async ({ page, baseURL }) => {
    const health = watchPageHealth(page, baseURL!);
    await page.goto('/');
    await waitForCluster(page);
    await refuseImport(page);
    const alert = page.getByRole('alert');
    const [scroll, client] = await alert.evaluate((el) => [el.scrollWidth, el.clientWidth]);
    expect(scroll).toBeLessThanOrEqual(client);
    const message = alert.locator('span').first();
    const [alertBox, messageBox] = await Promise.all([alert.boundingBox(), message.boundingBox()]);
    expect(messageBox!.x + messageBox!.width).toBeLessThanOrEqual(alertBox!.x + alertBox!.width);
    expect(health.consoleErrors).toEqual([]);
  });

  test("after a kill, the story bar's paused wait offers to run the clock where Play is out of sight", async ({ page, baseURL }) => {
    const health = watchPageHealth(page, baseURL!);
    await page.goto('/');
    await waitForCluster(page);
    await page.getByRole('button', { name: 'Kill node worker-2' }).click();
    // Watching the cards, the header (and its Play) is a screen above; the clock does not float on a phone.
    await page.locator('[data-node="worker-3"]').scrollIntoViewIfNeeded();
    await expect(page.getByRole('button', { name: 'Play', exact: true })).not.toBeInViewport();
    const next = page.locator('[data-story-next]');
    await expect(next).toContainText('(the clock is paused)');
    const run = next.getByRole('button', { name: 'Run the clock' });
    await expect(run).toBeInViewport();
    await run.click();
    await expect.poll(() => page.evaluate(() => window.__podscape!.snapshot()!.playing)).toBe(true);
    await expect(run).toHaveCount(0);
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    expect(health.consoleErrors).toEqual([]);
  });
});

test('on a desktop the paused wait has no extra clock button: the floating clock sits in the bar', async ({ page }) => {
  await page.goto('/');
  await waitForCluster(page);
  await page.getByRole('button', { name: 'Kill node worker-2' }).click();
  await expect(page.locator('[data-story-next]')).toContainText('(the clock is paused)');
  await expect(page.getByRole('button', { name: 'Run the clock' })).toHaveCount(0);
});
