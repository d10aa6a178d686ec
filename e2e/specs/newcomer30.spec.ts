/**
 * A newcomer's first fifteen minutes, round 30 (branch ux30): each test is something that
 * was cut off, covered or too long when the app was used on a 1440×900 desktop and a 390×844
 * phone, shown fixed.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import type { Frame } from '../../src/protocol/engine-api';
import type {} from '../../src/ui/e2e-api'; // declares window.__podscape
import { waitForCluster, watchPageHealth } from '../fixtures/page-health';

const snapshot = (page: Page) => page.evaluate(() => window.__podscape!.snapshot()) as Promise<Frame>;

/** Whether two elements' boxes overlap (by more than half a pixel each way). */
async function overlap(a: Locator, b: Locator): Promise<boolean> {
  const [x, y] = await Promise.all([a.boundingBox(), b.boundingBox()]);
  if (!x || !y) return false;
  return x.x + x.width - 0.5 > y.x && y.x + y.width - 0.5 > x.x && x.y + x.height - 0.5 > y.y && y.y + y.height - 0.5 > x.y;
}

test.describe('on a phone (390×844, dark)', () => {
  test.use({ viewport: { width: 390, height: 844 }, colorScheme: 'dark', hasTouch: true });

  test('the gallery filters its 27 presets, says how many match, and keeps the filter and Close in sight while the cards scroll', async ({ page, baseURL }) => {
    const health = watchPageHealth(page, baseURL!);
    await page.goto('/');
    await waitForCluster(page);
    await page.getByRole('button', { name: 'Scenarios' }).click();
    const gallery = page.getByRole('dialog', { name: 'Presets and lessons' });
    const cards = gallery.locator('[data-preset]');
    await expect(cards.first()).toBeVisible();
    const all = await cards.count();
    expect(all).toBeGreaterThan(10);
    // The cards scroll under the heading: Close and the filter stay on the screen.
    await cards.last().scrollIntoViewIfNeeded();
    await expect(gallery.getByRole('button', { name: 'Close gallery' })).toBeInViewport({ ratio: 1 });
    const filter = gallery.getByRole('searchbox', { name: 'Filter presets' });
    await expect(filter).toBeInViewport({ ratio: 1 });

    await filter.fill('power');
    await expect(gallery.getByRole('button', { name: 'Load scenario Node failure (power loss)' })).toBeVisible();
    const shown = await cards.count();
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThan(all);
    await expect(gallery.getByRole('status')).toHaveText(`${shown} of ${all} presets`);
    for (const card of await cards.all()) await expect(card).toContainText(/power/i);

    await filter.fill('zzqx');
    await expect(cards).toHaveCount(0);
    await expect(gallery.getByRole('status')).toHaveText('No preset matches “zzqx”.');
    await filter.fill('');
    await expect(cards).toHaveCount(all);
    // What the filter kept still loads.
    await filter.fill('power loss');
    await gallery.getByRole('button', { name: 'Load scenario Node failure (power loss)' }).click();
    await expect(page.locator('[data-node]')).toHaveCount(3);
    expect(health.consoleErrors).toEqual([]);
  });

  test('a lesson folds to its step title, so the first node card is on the first screen; the step unfolds on demand', async ({ page, baseURL }) => {
    const health = watchPageHealth(page, baseURL!);
    await page.goto('/');
    await waitForCluster(page);
    await page.getByRole('button', { name: 'Scenarios' }).click();
    await page.getByRole('button', { name: 'Start lesson When a node loses power' }).click();
    const lesson = page.getByRole('region', { name: 'Lesson: When a node loses power' });
    await expect(lesson.getByRole('heading', { name: /^Step 1 of 4: / })).toBeVisible();
    await expect(lesson.getByRole('heading', { name: /^Goals/ })).toBeVisible();
    await expect(page.locator('[data-node]').first()).toBeInViewport();
    const body = lesson.locator('.lesson-step-body');
    await expect(body).toBeHidden();
    const toggle = lesson.getByRole('button', { name: 'Show the step' });
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    await expect(body).toBeVisible();
    await expect(lesson.getByRole('navigation', { name: 'Lesson steps' })).toBeVisible();
    expect(health.consoleErrors).toEqual([]);
  });

  test("a pod's Conditions table fits the inspector: its Since column is whole, with no sideways scrolling", async ({ page, baseURL }) => {
    const health = watchPageHealth(page, baseURL!);
    await page.goto('/');
    await waitForCluster(page);
    await page.locator('[data-pod="default/ml-training"] .select-button').click();
    const inspector = page.getByRole('complementary', { name: 'Inspector' });
    const table = inspector.getByRole('table', { name: 'Conditions of pod default/ml-training' });
    await expect(table.locator('tr[data-condition="PodScheduled"]')).toContainText('Unschedulable');
    const scroller = inspector.getByRole('group', { name: 'Conditions of pod default/ml-training' });
    const [scroll, client] = await scroller.evaluate((el) => [el.scrollWidth, el.clientWidth]);
    expect(scroll).toBeLessThanOrEqual(client);
    const since = table.getByRole('columnheader', { name: 'Since' });
    const [box, frame] = await Promise.all([since.boundingBox(), scroller.boundingBox()]);
    expect(box!.x + box!.width).toBeLessThanOrEqual(frame!.x + frame!.width + 0.5);
    expect(health.consoleErrors).toEqual([]);
  });

  test("during a keyboard drag the verdict leaves the target node's resource bars uncovered", async ({ page, baseURL }) => {
    const health = watchPageHealth(page, baseURL!);
    await page.goto('/');
    await waitForCluster(page);
    const frame = await snapshot(page);
    const web = frame.pods.find((p) => p.nodeName === 'worker-1' && p.owner?.kind === 'ReplicaSet')!;
    await page.locator(`[data-pod="default/${web.name}"]`).focus();
    await page.keyboard.press('Space');
    await expect(page.locator('[data-drag-hint]')).toBeVisible();
    let checked = 0;
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press('ArrowRight');
      const node = page.locator('[data-node][data-drop-verdict]');
      await expect(node).toHaveCount(1);
      const verdict = node.locator('[data-drop-verdict-text]');
      await expect(verdict).toBeVisible();
      for (const meter of await node.getByRole('meter').all()) {
        expect(await overlap(verdict, meter), `the verdict over ${await node.getAttribute('data-node')}'s ${await meter.getAttribute('aria-label')} bar`).toBe(false);
        checked++;
      }
    }
    expect(checked).toBe(12);
    await page.keyboard.press('Escape');
    await expect(page.locator('[data-drag-hint]')).toHaveCount(0);
    expect(health.consoleErrors).toEqual([]);
  });

  test("the event log shows each event's object and message on the screen, with no sideways scrolling, and keeps its table semantics", async ({ page, baseURL }) => {
    const health = watchPageHealth(page, baseURL!);
    await page.goto('/');
    await waitForCluster(page);
    await page.getByRole('button', { name: 'Kill node worker-2' }).click();
    await page.evaluate(() => window.__podscape!.advance(60_000));
    const list = page.getByRole('region', { name: 'Event list' });
    const notReady = list.getByRole('row').filter({ hasText: 'Node worker-2 status is now: NodeNotReady' });
    await notReady.scrollIntoViewIfNeeded();
    const [scroll, client] = await list.evaluate((el) => [el.scrollWidth, el.clientWidth]);
    expect(scroll).toBeLessThanOrEqual(client);
    const frame = (await list.boundingBox())!;
    for (const cell of [notReady.locator('.event-object'), notReady.locator('.event-message')]) {
      await expect(cell).toBeVisible();
      const box = (await cell.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(frame.x);
      expect(box.x + box.width).toBeLessThanOrEqual(frame.x + frame.width + 0.5);
    }
    await expect(notReady.locator('.event-object')).toContainText('worker-2');
    await expect(notReady.getByRole('cell', { name: 'NodeNotReady', exact: true })).toBeVisible();
    await expect(list.getByRole('columnheader', { name: 'Message' })).toBeAttached();
    expect(health.consoleErrors).toEqual([]);
  });
});
