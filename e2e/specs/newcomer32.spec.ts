/**
 * A newcomer's first five minutes, round 32 (branch ux32): the gallery's filter finds a preset
 * by the id a handout names, a phone reaches the Workloads table's right-hand columns and
 * buttons, an evicted pod's inspector says Evicted and why, a pod card in trouble looks it, the
 * event log's Search field shows its whole hint, and the phone's "More tools" are all big enough to tap.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import type {} from '../../src/ui/e2e-api'; // declares window.__podscape
import { waitForCluster, watchPageHealth } from '../fixtures/page-health';

const advance = (page: Page, ms: number) => page.evaluate((t) => window.__podscape!.advance(t), ms);
const gallery = (page: Page) => page.getByRole('dialog', { name: 'Presets and lessons' });

/** Loads a preset found by typing its id into the gallery's filter. */
async function loadById(page: Page, id: string) {
  await page.getByRole('button', { name: 'Scenarios' }).click();
  await gallery(page).getByLabel('Filter presets').fill(id);
  const card = gallery(page).locator(`[data-preset="${id}"]`);
  await expect(card).toBeVisible();
  await card.getByRole('button', { name: /^Load scenario / }).click();
  await expect(gallery(page)).toBeHidden();
}

/** Whether the element's centre is on screen and a tap there reaches it (not clipped or covered). */
const reachable = (locator: Locator) =>
  locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const x = r.left + r.width / 2;
    const y = r.top + r.height / 2;
    if (x < 0 || y < 0 || x > window.innerWidth || y > window.innerHeight) return false;
    const hit = document.elementFromPoint(x, y);
    return hit !== null && (hit === el || el.contains(hit));
  });

test.describe('on a desktop (1280×800)', () => {
  test.use({ viewport: { width: 1280, height: 800 } });

  test("the gallery's filter finds a preset by its id, hyphen and all", async ({ page, baseURL }) => {
    const health = watchPageHealth(page, baseURL!);
    await page.goto('/');
    await waitForCluster(page);
    await page.getByRole('button', { name: 'Scenarios' }).click();
    const filter = gallery(page).getByLabel('Filter presets');
    // "memory-pressure" said "No preset matches" although src/scenario/presets/memory-pressure.yaml is one.
    await filter.fill('memory-pressure');
    await expect(gallery(page).locator('[data-preset]')).toHaveCount(1);
    await expect(gallery(page).locator('[data-preset="memory-pressure"]')).toBeVisible();
    await expect(gallery(page).getByRole('status')).toContainText('1 of');
    await filter.fill('image-pulls');
    await expect(gallery(page).locator('[data-preset="image-pulls"]')).toBeVisible();
    // Every word still has to match.
    await filter.fill('memory-zzqx');
    await expect(gallery(page).locator('[data-preset]')).toHaveCount(0);
    await expect(gallery(page).getByRole('status')).toHaveText('No preset matches “memory-zzqx”.');
    expect(health.consoleErrors).toEqual([]);
  });

  test("an evicted pod's inspector says Evicted and the kubelet's reason, as kubectl describe does", async ({ page, baseURL }) => {
    const health = watchPageHealth(page, baseURL!);
    await page.goto('/');
    await waitForCluster(page);
    await loadById(page, 'memory-pressure');
    await advance(page, 25_000);
    // The card says Error (kubectl get pods: the container's reason wins); the inspector says why.
    const evicted = page.locator('[data-node="worker-1"] [data-pod^="default/cache-"][data-status="Error"]').first();
    await expect(evicted).toBeVisible();
    await evicted.locator('button').first().click();
    const facts = page.getByRole('complementary', { name: 'Inspector' }).locator('.inspector-facts').first();
    await expect(facts.locator('div', { has: page.locator('dt', { hasText: /^Reason$/ }) }).locator('dd')).toHaveText('Evicted');
    await expect(facts.locator('div', { has: page.locator('dt', { hasText: /^Message$/ }) }).locator('dd')).toContainText(
      'The node was low on resource: memory.',
    );
    // A Running pod has neither.
    await page.locator('[data-pod="default/db"] button').first().click();
    await expect(page.getByRole('complementary', { name: 'Inspector' })).toContainText('Pod default/db');
    await expect(facts.locator('dt', { hasText: /^Reason$/ })).toHaveCount(0);
    expect(health.consoleErrors).toEqual([]);
  });

  test('a pod card in trouble (ErrImagePull) shows its status in the error colour; ContainerCreating in the pending one', async ({ page, baseURL }) => {
    const health = watchPageHealth(page, baseURL!);
    await page.goto('/');
    await waitForCluster(page);
    await loadById(page, 'image-pulls');
    await advance(page, 12_000);
    const typo = page.locator('[data-pod="default/typo"]');
    const shop = page.locator('[data-pod^="default/shop-"]').first();
    await expect(typo).toHaveAttribute('data-status', /^(ErrImagePull|ImagePullBackOff)$/);
    await expect(shop).toHaveAttribute('data-status', 'ContainerCreating');
    await expect(typo).toHaveAttribute('data-trouble', 'true');
    await expect(shop).not.toHaveAttribute('data-trouble');
    // Both had the plain text colour, like a settled pod.
    const colourOf = (l: Locator) => l.locator('.pod-phase').evaluate((el) => getComputedStyle(el).color);
    const themed = (variable: string) =>
      page.evaluate((v) => {
        const probe = document.createElement('span');
        probe.style.color = `var(${v})`;
        document.querySelector('[data-node]')!.append(probe);
        const colour = getComputedStyle(probe).color;
        probe.remove();
        return colour;
      }, variable);
    expect(await colourOf(typo)).toBe(await themed('--danger'));
    expect(await colourOf(shop)).toBe(await themed('--pending'));
    expect(await colourOf(shop)).not.toBe(await themed('--fg'));
    expect(health.consoleErrors).toEqual([]);
  });

  test("the event log's Search field is wide enough for its hint", async ({ page, baseURL }) => {
    const health = watchPageHealth(page, baseURL!);
    await page.goto('/');
    await waitForCluster(page);
    const search = page.locator('.event-filters input[type="search"]');
    await search.scrollIntoViewIfNeeded();
    const [hint, room] = await search.evaluate((input: HTMLInputElement) => {
      const style = getComputedStyle(input);
      const ctx = document.createElement('canvas').getContext('2d')!;
      ctx.font = `${style.fontSize} ${style.fontFamily}`;
      const padding = parseFloat(style.paddingLeft) + parseFloat(style.paddingRight);
      return [ctx.measureText(input.placeholder).width, input.clientWidth - padding];
    });
    // It read "object, reason or messa": ~170 px of text in a ~150 px field.
    expect(room).toBeGreaterThanOrEqual(hint);
    expect(health.consoleErrors).toEqual([]);
  });
});

test.describe('on a phone (390×844)', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true });

  test("the Workloads table scrolls sideways, so its last columns and buttons can be reached", async ({ page, baseURL }) => {
    const health = watchPageHealth(page, baseURL!);
    await page.goto('/');
    await waitForCluster(page);
    await loadById(page, 'cronjob');
    await advance(page, 130_000);
    const rows = page.locator('.workload-rows');
    await rows.scrollIntoViewIfNeeded();
    // Wider than the screen: it scrolls in its own box (the page itself does not scroll sideways).
    expect(await rows.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await expect(page.locator('.workloads-head')).toBeVisible();
    // Suspend and Delete sat past the section's clipped edge, out of reach; now they scroll into view and take a tap.
    const suspend = page.getByRole('button', { name: /^Suspend/ }).first();
    await suspend.scrollIntoViewIfNeeded();
    // The story bar is sticky at the foot: lift the row above it.
    await page.evaluate(() => window.scrollBy(0, 200));
    await suspend.scrollIntoViewIfNeeded();
    expect(await reachable(suspend)).toBe(true);
    await suspend.tap();
    await expect(page.getByRole('button', { name: /^Resume/ }).first()).toBeVisible();
    expect(health.consoleErrors).toEqual([]);
  });

  test('the open "More tools" are all big enough to tap and look alike', async ({ page, baseURL }) => {
    const health = watchPageHealth(page, baseURL!);
    await page.goto('/');
    await waitForCluster(page);
    await page.getByRole('button', { name: 'More tools' }).click();
    const importButton = page.getByRole('button', { name: 'Import YAML', exact: true });
    await expect(importButton).toBeVisible();
    const fontOf = (l: Locator) => l.evaluate((el) => getComputedStyle(el).fontSize);
    const importFont = await fontOf(importButton);
    // Redo, Reset and Speed lost their bar's and clock's rules when moved here: 13 px text, 21 and 19 px tall.
    for (const control of [
      page.getByRole('button', { name: 'Redo', exact: true }),
      page.getByRole('button', { name: 'Reset', exact: true }),
      page.getByLabel('Speed'),
    ]) {
      await expect(control).toBeVisible();
      const box = (await control.boundingBox())!;
      expect(box.height).toBeGreaterThanOrEqual(24);
      expect(box.width).toBeGreaterThanOrEqual(24);
      expect(await fontOf(control)).toBe(importFont);
    }
    // The Speed select still works from there.
    await page.getByLabel('Speed').selectOption({ label: '60×' });
    await expect(page.getByLabel('Speed')).toHaveValue('60');
    // The engine took it: a Step now advances 60 s.
    await page.getByRole('button', { name: 'Step', exact: true }).click();
    await expect(page.getByRole('timer', { name: 'Cluster time' })).toHaveText('00:01:00');
    expect(health.consoleErrors).toEqual([]);
  });
});
