/**
 * Branch ux12's second pass (docs/ui.md): what round 11 left, and what a workshop
 * teacher's 20 minutes turned up. Each test is one behaviour, seen failing before its fix.
 */
import { expect, test, type Page } from '@playwright/test';
import type { Frame } from '../../src/protocol/engine-api';
import type {} from '../../src/ui/e2e-api'; // declares window.__podscape
import { waitForCluster, watchPageHealth } from '../fixtures/page-health';
import { showAllTools } from '../fixtures/more-tools';

const snapshot = (page: Page) => page.evaluate(() => window.__podscape!.snapshot()) as Promise<Frame>;

test('Escape closes the Share panel and gives the focus back to the Share button', async ({ page, baseURL }) => {
  const health = watchPageHealth(page, baseURL!);
  await page.goto('/');
  await waitForCluster(page);
  const share = page.getByRole('button', { name: 'Share', exact: true });
  await share.click();
  const field = page.getByLabel('Share link');
  await expect(field).toHaveValue(/#s=/);
  await expect(share).toHaveAttribute('aria-expanded', 'true');
  await field.focus();
  await page.keyboard.press('Escape');
  await expect(field).toHaveCount(0);
  await expect(share).toBeFocused();
  await expect(share).toHaveAttribute('aria-expanded', 'false');
  // Share again opens it again.
  await share.click();
  await expect(page.getByLabel('Share link')).toHaveValue(/#s=/);
  expect(health.consoleErrors).toEqual([]);
});

test('an import refused at a line marks the YAML field invalid and points it at the alert; editing clears it', async ({ page, baseURL }) => {
  const health = watchPageHealth(page, baseURL!);
  await page.goto('/');
  await waitForCluster(page);
  await page.getByRole('button', { name: 'Import YAML' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import YAML' });
  const area = dialog.getByLabel('Scenario YAML', { exact: true });
  await expect(area).not.toHaveAttribute('aria-invalid', 'true');
  await area.fill('apiVersion: v1\nkind: Node\nmetadata:\n  name: [unclosed\n');
  await dialog.getByRole('button', { name: 'Import scenario', exact: true }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText(/line \d+/);
  await expect(area).toHaveAttribute('aria-invalid', 'true');
  const alertId = await alert.getAttribute('id');
  expect(alertId).toBeTruthy();
  expect((await area.getAttribute('aria-describedby'))!.split(' ')).toContain(alertId);
  // The field's description now reads out the error.
  await expect(area).toHaveAccessibleDescription(/line \d+/);
  // Typing a fix makes it a new input: no longer marked.
  await area.press('End');
  await area.pressSequentially(' ');
  await expect(area).not.toHaveAttribute('aria-invalid', 'true');
  expect(health.consoleErrors).toEqual([]);
});

const NUMBERED = `apiVersion: v1
kind: Node
metadata: { name: node-10 }
status: { allocatable: { cpu: "8", memory: 16Gi, pods: "110" }, conditions: [{ type: Ready, status: "True" }] }
---
apiVersion: v1
kind: Node
metadata: { name: node-2 }
status: { allocatable: { cpu: "8", memory: 16Gi, pods: "110" }, conditions: [{ type: Ready, status: "True" }] }
${['app-10', 'app-2', 'app-1', 'app-11', 'app-3']
  .map(
    (name) => `---
apiVersion: v1
kind: Pod
metadata: { name: ${name}, namespace: default }
spec: { nodeName: ${name === 'app-3' ? 'node-10' : 'node-2'}, containers: [{ name: c, image: nginx, resources: { requests: { cpu: 100m } } }] }`,
  )
  .join('\n')}
${['job-10', 'job-9']
  .map(
    (name) => `---
apiVersion: v1
kind: Pod
metadata: { name: ${name}, namespace: default }
spec: { containers: [{ name: c, image: nginx, resources: { requests: { cpu: "64" } } }] }`,
  )
  .join('\n')}
`;

test('the list view orders nodes and pods as people count: app-2 before app-10', async ({ page, baseURL }) => {
  const health = watchPageHealth(page, baseURL!);
  await page.goto('/');
  await waitForCluster(page);
  await page.evaluate((text) => window.__podscape!.load(text), NUMBERED);
  await page.evaluate(() => window.__podscape!.advance(5_000));
  expect((await snapshot(page)).pods).toHaveLength(7);
  await page.getByLabel('Pod view').selectOption('list');
  const rows = page.locator('table.pod-list tr[data-pod]');
  await expect(rows).toHaveCount(7);
  expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-pod')))).toEqual([
    'default/app-1',
    'default/app-2',
    'default/app-10',
    'default/app-11',
    'default/app-3', // on node-10, after node-2's pods
    'default/job-9',
    'default/job-10',
  ]);
  expect(health.consoleErrors).toEqual([]);
});

test("a pending pod's long scheduler message takes two lines in the tray, and the whole message is one press away", async ({ page, baseURL }) => {
  const health = watchPageHealth(page, baseURL!);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/');
  await waitForCluster(page);
  await page.evaluate(() => window.__podscape!.advance(2_000));
  const card = page.locator('[data-pending-tray] [data-pod="default/ml-training"]');
  const message = card.locator('[data-pod-message]');
  const full = (await snapshot(page)).queue.find((q) => q.name === 'ml-training')!.message ?? '';
  expect(full.length).toBeGreaterThan(150);
  // The text is all there for a screen reader; on screen it is two lines.
  await expect(message).toHaveText(full);
  const lineHeight = await message.evaluate((p) => parseFloat(getComputedStyle(p).lineHeight));
  expect((await message.boundingBox())!.height).toBeLessThanOrEqual(2 * lineHeight + 2);
  expect((await card.boundingBox())!.height).toBeLessThanOrEqual(120); // 132 px before (four lines of message)
  const more = card.getByRole('button', { name: 'Show the full message' });
  await expect(more).toHaveAttribute('aria-expanded', 'false');
  await more.focus();
  await page.keyboard.press('Enter');
  await expect(more).toHaveAttribute('aria-expanded', 'true');
  expect((await message.boundingBox())!.height).toBeGreaterThan(3 * lineHeight);
  // Enter on the button opened the message; it did not pick the pod up for a drag.
  await expect(page.locator('[data-drag-hint]')).toHaveCount(0);
  expect(health.consoleErrors).toEqual([]);
});

for (const scheme of ['light', 'dark'] as const) {
  test(`every control shows the same visible focus ring when reached by Tab (${scheme})`, async ({ page, baseURL }) => {
    const health = watchPageHealth(page, baseURL!);
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto('/');
    await waitForCluster(page);
    // Each Tab's stop is recorded in the page as it takes the focus (one round trip per Tab
    // rather than two: a press, then a look).
    await page.evaluate(() => {
      const seen: { name: string; ring: string }[] = [];
      (window as unknown as { focusRings: typeof seen }).focusRings = seen;
      document.addEventListener('focusin', () => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body || !el.matches(':focus-visible')) return;
        const s = getComputedStyle(el);
        const name = `${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).split(' ')[0]}` : ''} ${el.getAttribute('aria-label') ?? el.textContent?.trim().slice(0, 20) ?? ''}`;
        seen.push({ name, ring: `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor} offset ${s.outlineOffset}` });
      });
    });
    for (let i = 0; i < 45; i++) await page.keyboard.press('Tab');
    const stops = await page.evaluate(() => (window as unknown as { focusRings: { name: string; ring: string }[] }).focusRings);
    expect(stops.length, 'Tab reached focusable controls').toBeGreaterThan(20);
    const rings = new Map<string, string[]>();
    for (const seen of stops) rings.set(seen.ring, [...(rings.get(seen.ring) ?? []), seen.name]);
    // One ring for all: header controls, selects, buttons, pod cards, meters.
    expect([...rings.keys()], JSON.stringify(Object.fromEntries(rings), null, 1)).toHaveLength(1);
    const [ring] = rings.keys();
    expect(ring).toMatch(/^solid 2px /);
    expect(health.consoleErrors).toEqual([]);
  });
}

test('a preset with shortened timings keeps the header to the title and one row of tools (the clock beside the title)', async ({ page, baseURL }) => {
  const health = watchPageHealth(page, baseURL!);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/');
  await waitForCluster(page);
  await page.getByRole('button', { name: 'Scenarios' }).click();
  await page.getByRole('button', { name: /^Load scenario Node failure/ }).click();
  const note = page.getByText(/Timings changed from Kubernetes defaults/);
  await expect(note).toBeVisible();
  const title = (await page.getByRole('heading', { level: 1 }).boundingBox())!;
  const clock = (await page.getByRole('group', { name: 'Clock' }).boundingBox())!;
  const theme = (await page.getByLabel('Theme').boundingBox())!;
  // The clock and the theme select on the title's row, not below it (they were at y 92 and 168).
  expect(clock.y).toBeLessThan(title.y + title.height);
  expect(theme.y).toBeLessThan(title.y + title.height);
  expect((await page.locator('header.app-header').boundingBox())!.height).toBeLessThanOrEqual(135); // 200 before
  expect(health.consoleErrors).toEqual([]);
});

test('on a phone the drag hint uses the width of the screen, not half of it', async ({ page, baseURL }) => {
  const health = watchPageHealth(page, baseURL!);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/');
  await waitForCluster(page);
  const pod = page.locator('[data-pod="default/ml-training"]');
  await pod.focus();
  await page.keyboard.press('Space');
  const hint = page.locator('[data-drag-hint]');
  await expect(hint).toBeVisible();
  const box = (await hint.boundingBox())!;
  // 16 px margins each side: 358 px; it was 195 px wide and five lines tall.
  expect(box.width).toBeGreaterThan(340);
  expect(box.x).toBeGreaterThanOrEqual(15);
  expect(box.x + box.width).toBeLessThanOrEqual(375);
  await page.keyboard.press('Escape');
  await expect(hint).toHaveCount(0);
  expect(health.consoleErrors).toEqual([]);
});

test("a pod's inspector lists its events, as kubectl describe does: its history without searching the log", async ({ page, baseURL }) => {
  const health = watchPageHealth(page, baseURL!);
  await page.goto('/');
  await waitForCluster(page);
  await page.evaluate(() => window.__podscape!.advance(5_000));
  const victim = (await snapshot(page)).pods.find((p) => p.nodeName === 'worker-2' && p.owner?.kind === 'ReplicaSet')!;
  await page.evaluate(() => window.__podscape!.dispatch({ action: 'killNode', node: 'worker-2' }));
  await page.evaluate(() => window.__podscape!.advance(400_000));
  await page.locator(`[data-pod="default/${victim.name}"]`).getByRole('button', { name: victim.name, exact: true }).click();
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  const events = inspector.getByRole('region', { name: 'Events' });
  await expect(events).toBeVisible();
  const reasons = await events.locator('tr[data-event-reason]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-event-reason')));
  // Oldest first: scheduled at the start, evicted by the taint manager after the kill.
  expect(reasons[0]).toBe('Scheduled');
  expect(reasons).toContain('TaintManagerEviction');
  expect(reasons.indexOf('TaintManagerEviction')).toBeGreaterThan(reasons.indexOf('Started'));
  await expect(events).toContainText(`Successfully assigned default/${victim.name} to worker-2`);
  expect(health.consoleErrors).toEqual([]);
});

test('on a phone the header tools wrap from the left edge, as the toolbar does', async ({ page, baseURL }) => {
  const health = watchPageHealth(page, baseURL!);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/');
  await waitForCluster(page);
  await showAllTools(page); // Presenter mode waits behind "More tools" on a phone
  const left = async (name: string) => (await page.getByRole('button', { name, exact: true }).boundingBox())!.x;
  // Play, Presenter mode and Scenarios all start at the page's 16 px margin (Presenter mode was pushed right, at 56 px).
  expect(await left('Play')).toBe(16);
  // Open, "More tools" shows Presenter mode in its own row after the button (round 31, ux31b); that row starts at the margin too.
  expect((await page.getByRole('group', { name: 'More tools' }).boundingBox())!.x).toBe(16);
  expect(await left('Scenarios')).toBe(16);
  expect(health.consoleErrors).toEqual([]);
});

test('the theme select wins over the system for every colour: a pinned Dark on a light system draws the accent, verdict, chart and drop colours of dark', async ({ page, baseURL }) => {
  const health = watchPageHealth(page, baseURL!);
  const colours = () =>
    page.evaluate(() =>
      ['--accent', '--rejected', '--passed', '--series-cpu', '--series-memory', '--series-pending', '--drop-fits', '--drop-rejects', '--focus-ring'].map((name) => {
        const probe = document.createElement('span');
        probe.style.color = `var(${name})`;
        document.body.append(probe);
        const colour = getComputedStyle(probe).color;
        probe.remove();
        return `${name} ${colour}`;
      }),
    );
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/');
  await waitForCluster(page);
  await page.waitForSelector('.cluster-chart');
  const systemDark = await colours();
  await page.emulateMedia({ colorScheme: 'light' });
  const systemLight = await colours();
  expect(systemLight).not.toEqual(systemDark);
  await page.getByLabel('Theme').selectOption('dark');
  expect(await colours()).toEqual(systemDark);
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.getByLabel('Theme').selectOption('light');
  expect(await colours()).toEqual(systemLight);
  expect(health.consoleErrors).toEqual([]);
});

for (const [viewport, open] of [[{ width: 390, height: 844 }, false], [{ width: 1280, height: 800 }, true]] as const) {
  test(`a preset's description starts ${open ? 'unfolded on a wide screen' : 'folded on a phone, where it filled the first screen'} (${viewport.width} px)`, async ({ page, baseURL }) => {
    const health = watchPageHealth(page, baseURL!);
    await page.setViewportSize(viewport);
    await page.goto('/');
    await waitForCluster(page);
    await page.getByRole('button', { name: 'Scenarios' }).click();
    await page.getByRole('button', { name: /^Load scenario Node failure/ }).click();
    const about = page.locator('details.preset-about');
    const summary = about.locator('summary');
    await expect(summary).toHaveText('About this preset: Node failure (power loss)');
    await expect(about).toHaveJSProperty('open', open);
    // One press opens (or folds) it.
    await summary.click();
    await expect(about).toHaveJSProperty('open', !open);
    expect(health.consoleErrors).toEqual([]);
  });
}
