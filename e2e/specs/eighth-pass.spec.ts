import { expect, test, type Locator, type Page } from '@playwright/test';
import type {} from '../../src/ui/e2e-api'; // declares window.__podscape
import { waitForCluster, watchPageHealth } from '../fixtures/page-health';
import { showAllTools } from '../fixtures/more-tools';
import { advanceShown, scrollSettled } from '../fixtures/session';

type Box = { x: number; y: number; width: number; height: number };
const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const inside = (a: Box, b: Box) => a.x >= b.x - 0.5 && a.y >= b.y - 0.5 && a.x + a.width <= b.x + b.width + 0.5 && a.y + a.height <= b.y + b.height + 0.5;

/** The floating clock covers no node card's heading row and no line of the story bar: it sits in room the bar keeps for it. */
async function expectClockCoversNothing(page: Page, clock: Locator) {
  await expect(clock).toHaveAttribute('data-floating', '');
  const box = (await clock.boundingBox())!;
  for (const heading of await page.locator('[data-node] .node-head').all()) {
    const h = await heading.boundingBox();
    if (h) expect(overlaps(box, h), `the clock lies over ${await heading.textContent()}`).toBe(false);
  }
  const bar = (await page.locator('[data-story-log]').boundingBox())!;
  expect(inside(box, bar), `clock ${JSON.stringify(box)} inside the story bar ${JSON.stringify(bar)}`).toBe(true);
  for (const line of await page.locator('[data-story-log] li, [data-story-next]').all()) {
    const l = await line.boundingBox();
    if (l && l.width > 0) expect(overlaps(box, l), `the clock lies over the story line ${await line.textContent()}`).toBe(false);
  }
}

test('the floating clock sits in the story bar at the window foot, over no card heading and no story line, before and after a kill, inspector open or not', async ({ page, baseURL }) => {
  const health = watchPageHealth(page, baseURL!);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/');
  await waitForCluster(page);
  const clock = page.getByRole('group', { name: 'Clock' });

  // The node cards' headings at the window's top edge, nothing has happened yet (the story bar is empty).
  const top = await page.locator('[data-node="control-plane"]').evaluate((el) => el.getBoundingClientRect().top + window.scrollY);
  await page.evaluate((y) => window.scrollTo(0, y - 4), top);
  await scrollSettled(page);
  await expectClockCoversNothing(page, clock);

  // A killed node: the bar holds lines and the Next line; the clock stays clear of them.
  await page.evaluate(async () => {
    await window.__podscape!.advance(20_000);
    await window.__podscape!.dispatch({ action: 'killNode', node: 'worker-2' });
  });
  await advanceShown(page, 60_000);
  await expect(page.locator('[data-story-next]')).toBeVisible();
  await expectClockCoversNothing(page, clock);

  // The inspector open: the clock moves left of it, still in the bar.
  await page.locator('[data-node="worker-1"] [data-pod] .select-button').first().click();
  await expect(page.getByRole('complementary', { name: 'Inspector' })).toBeVisible();
  await page.evaluate((y) => window.scrollTo(0, y - 4), top);
  await scrollSettled(page);
  await expectClockCoversNothing(page, clock);
  expect(health.consoleErrors).toEqual([]);
});

test('on a phone, an over-indented key is named and selected at its own line, the alert in view; a bound pod says where it runs before where it would go now', async ({ page, baseURL }) => {
  const health = watchPageHealth(page, baseURL!);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/');
  await waitForCluster(page);
  await showAllTools(page);
  await page.getByRole('button', { name: 'Import YAML' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import YAML' });
  const field = dialog.getByLabel('Scenario YAML', { exact: true });
  await field.fill('apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n   labels:\n    app: web\nspec:\n  containers: [{ name: c, image: nginx }]\n');
  await dialog.getByRole('button', { name: 'Import scenario', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText(
    'document 1, line 5, column 4: YAML syntax error: this line is indented 3 spaces, deeper than "name: a" above it (2), so it reads as more of that value',
  );
  await expect(page.getByRole('alert')).toContainText('indent it 2 spaces, as name is');
  // Both on the screen: why (the alert, above the dialog) and where (the field, its line selected).
  await expect(page.getByRole('alert')).toBeInViewport({ ratio: 1 });
  // The message has the alert's width; Dismiss goes under it (beside it, the message wrapped to ten short lines).
  const [alertBox, messageBox] = await Promise.all([page.getByRole('alert').boundingBox(), page.getByRole('alert').locator('span').first().boundingBox()]);
  expect(messageBox!.width).toBeGreaterThan(alertBox!.width * 0.8);
  await expect(field).toBeFocused();
  await expect(field).toBeInViewport({ ratio: 0.6 });
  // The field selects the line the alert names: the slip, not the line above it.
  expect(await field.evaluate((el: HTMLTextAreaElement) => el.value.slice(el.selectionStart, el.selectionEnd))).toBe('   labels:');
  await dialog.getByRole('button', { name: 'Cancel import' }).click();

  await page.locator('[data-node="worker-1"] [data-pod] .select-button').first().click();
  const summary = page.getByRole('complementary', { name: 'Inspector' }).locator('[data-explain-summary]');
  await expect(summary).toHaveText(/^Runs on worker-1\. Placed now, the scheduler would choose worker-\d (again|instead): /);
  await expect(page.locator('tr[data-explain-node="worker-1"][data-bound="true"]')).toContainText('runs here');
  expect(health.consoleErrors).toEqual([]);
});
