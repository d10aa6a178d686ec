/**
 * A newcomer's first five minutes, round 31 (branch ux31): the gallery centred, the phone's
 * header in two rows with the other tools behind "More tools", a drain's dry-run output shown
 * whole, a Running pod that is not Ready told apart on the canvas view, and the story bar's
 * buttons big enough to tap.
 */
import { expect, test, type Page } from '@playwright/test';
import type {} from '../../src/ui/e2e-api'; // declares window.__podscape
import { waitForCluster, watchPageHealth } from '../fixtures/page-health';

/** How far down the page the header and the toolbar reach, in CSS pixels, at the page's top. */
const toolsBottom = (page: Page) =>
  page.evaluate(() => {
    window.scrollTo(0, 0);
    return Math.max(...Array.from(document.querySelectorAll('.app-header, .app-toolbar'), (e) => e.getBoundingClientRect().bottom + window.scrollY));
  });

test('on a desktop the gallery sits in the middle of the window', async ({ page, baseURL }) => {
  const health = watchPageHealth(page, baseURL!);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/');
  await waitForCluster(page);
  await page.getByRole('button', { name: 'Scenarios' }).click();
  const gallery = page.getByRole('dialog', { name: 'Presets and lessons' });
  await expect(gallery.getByRole('button', { name: 'Close gallery' })).toBeVisible();
  const box = (await gallery.boundingBox())!;
  // It was pinned to the top-left corner (x 0, y 0) by the toolbar's margin rule.
  expect(Math.abs(box.x - (1280 - (box.x + box.width)))).toBeLessThanOrEqual(2);
  expect(Math.abs(box.y - (800 - (box.y + box.height)))).toBeLessThanOrEqual(2);
  expect(box.x).toBeGreaterThan(100);
  expect(health.consoleErrors).toEqual([]);
});

test.describe('on a phone (390×844)', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true });

  test('the header and the toolbar take two rows; "More tools" shows the others, which work', async ({ page, baseURL }) => {
    const health = watchPageHealth(page, baseURL!);
    await page.goto('/');
    await waitForCluster(page);
    expect(await toolsBottom(page)).toBeLessThanOrEqual(120);
    for (const name of ['Play', 'Step', 'Scenarios', 'Undo', 'Share']) await expect(page.getByRole('button', { name, exact: true })).toBeVisible();
    await expect(page.getByRole('timer', { name: 'Cluster time' })).toBeVisible();
    const more = page.getByRole('button', { name: 'More tools' });
    await expect(more).toHaveAttribute('aria-expanded', 'false');
    await expect(page.getByRole('button', { name: 'Import YAML' })).toBeHidden();
    await expect(page.getByLabel('Theme')).toBeHidden();

    await more.click();
    await expect(more).toHaveAttribute('aria-expanded', 'true');
    for (const name of ['Import YAML', 'Export', 'Redo', 'Reset', 'Presenter mode', 'Add node']) await expect(page.getByRole('button', { name, exact: true })).toBeVisible();
    await expect(page.getByLabel('Theme')).toBeVisible();
    await expect(page.getByLabel('Speed')).toBeVisible();
    // Nothing runs past the screen's edge with every tool shown.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    // A tool it showed works: the theme switches.
    await page.getByLabel('Theme').selectOption('dark');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await more.click();
    await expect(page.getByRole('button', { name: 'Import YAML' })).toBeHidden();
    expect(await toolsBottom(page)).toBeLessThanOrEqual(120);
    expect(health.consoleErrors).toEqual([]);
  });

  test('open, "More tools" comes right before the tools it shows in the tab order; Escape closes it and returns to More', async ({ page, baseURL }) => {
    const health = watchPageHealth(page, baseURL!);
    await page.goto('/');
    await waitForCluster(page);
    const more = page.getByRole('button', { name: 'More tools' });
    await more.focus();
    await page.keyboard.press('Enter');
    await expect(more).toHaveAttribute('aria-expanded', 'true');
    await expect(more).toBeFocused();
    // Tab from More walks the tools it showed (Redo and Reset are disabled on a fresh page), then leaves them.
    const seen: string[] = [];
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('Tab');
      const [name, inRegion] = await page.evaluate(() => {
        const at = document.activeElement as HTMLElement;
        // A select's name is its label's first text ("Speed", "Theme"), before the options.
        const label = at.closest('label')?.firstChild?.textContent?.trim();
        return [at.getAttribute('aria-label') ?? label ?? at.textContent?.trim() ?? '', at.closest('.more-tools-region') !== null] as const;
      });
      if (!inRegion) break;
      seen.push(name);
    }
    // Before the fix the first Tab went on to the cluster and Speed, Presenter mode and Theme came before More.
    expect(seen.slice(0, 4)).toEqual(['Speed', 'Presenter mode', 'Theme', 'Import YAML']);
    expect(seen).toContain('About this state');
    expect(seen.at(-1)).toBe('Add node');
    // Back into the region (the last Tab left it), then Escape from one of its tools.
    await page.keyboard.press('Shift+Tab');
    await expect(page.getByRole('button', { name: 'Add node' })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(more).toBeFocused();
    await expect(more).toHaveAttribute('aria-expanded', 'false');
    await expect(page.getByRole('button', { name: 'Import YAML' })).toBeHidden();
    expect(health.consoleErrors).toEqual([]);
  });

  test('the gallery fits the screen with an even edge, its cards scrolling under Close', async ({ page, baseURL }) => {
    const health = watchPageHealth(page, baseURL!);
    await page.goto('/');
    await waitForCluster(page);
    await page.getByRole('button', { name: 'Scenarios' }).click();
    const gallery = page.getByRole('dialog', { name: 'Presets and lessons' });
    await expect(gallery.locator('[data-preset]').first()).toBeVisible();
    const box = (await gallery.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390); // it ran 4 px past the right edge
    expect(Math.abs(box.x - (390 - (box.x + box.width)))).toBeLessThanOrEqual(2);
    await gallery.locator('[data-preset]').last().scrollIntoViewIfNeeded();
    await expect(gallery.getByRole('button', { name: 'Close gallery' })).toBeInViewport({ ratio: 1 });
    expect(health.consoleErrors).toEqual([]);
  });

  test('after a kill, the story bar\'s "Run the clock" is at least 24 px square', async ({ page, baseURL }) => {
    const health = watchPageHealth(page, baseURL!);
    await page.goto('/');
    await waitForCluster(page);
    await page.getByRole('button', { name: 'Scenarios' }).click();
    await page.getByRole('button', { name: 'Load scenario Node failure (power loss)' }).click();
    await expect(page.locator('[data-node]')).toHaveCount(3);
    await page.getByRole('button', { name: 'Kill node worker-2' }).click();
    const run = page.getByRole('button', { name: 'Run the clock' });
    await expect(run).toBeVisible();
    const box = (await run.boundingBox())!;
    expect(box.height).toBeGreaterThanOrEqual(24);
    expect(box.width).toBeGreaterThanOrEqual(24);
    await run.click();
    await expect(page.getByRole('button', { name: 'Pause' }).first()).toBeVisible();
    expect(health.consoleErrors).toEqual([]);
  });
});

test("a drain's dry-run output shows every line kubectl printed without scrolling its box", async ({ page, baseURL }) => {
  const health = watchPageHealth(page, baseURL!);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/');
  await waitForCluster(page);
  const node = 'worker-1';
  await page.getByLabel(`Drain options for node ${node}`).click();
  const flags = page.getByRole('group', { name: `kubectl drain flags for node ${node}` });
  await flags.getByLabel('--force').check();
  await flags.getByLabel('--dry-run').selectOption('server');
  await page.getByRole('button', { name: `Drain node ${node}` }).click();
  const output = page.getByRole('list', { name: `kubectl drain ${node} --dry-run=server: output` });
  await expect(output.getByText(`node/${node} drained (server dry run)`)).toBeVisible();
  const lines = await output.locator('li').count();
  expect(lines).toBeGreaterThanOrEqual(5);
  // The box was 10.5em tall: eight wrapped lines, the rest behind a scroll bar.
  const [scroll, client] = await output.evaluate((e) => [e.scrollHeight, e.clientHeight]);
  expect(scroll).toBeLessThanOrEqual(client + 1);
  expect(client).toBeGreaterThan(170);
  expect(health.consoleErrors).toEqual([]);
});

/** 210 nodes (past the canvas threshold of 200); `warming` runs on worker-0 with a readiness probe that fails. */
function largeScenario(): string {
  const docs: unknown[] = [{ apiVersion: 'podscape.dev/v1alpha1', kind: 'Scenario', metadata: { name: 'canvas-not-ready' }, spec: { seed: 7, speed: 10 } }];
  for (let i = 0; i < 210; i++) {
    docs.push({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: `worker-${i}`, labels: { 'kubernetes.io/hostname': `worker-${i}` } },
      status: { allocatable: { cpu: '4', memory: '8Gi', pods: '110' }, conditions: [{ type: 'Ready', status: 'True' }] },
    });
  }
  const container = (probe: boolean) => ({
    name: 'main',
    image: 'nginx',
    resources: { requests: { cpu: '100m', memory: '64Mi' } },
    ...(probe ? { readinessProbe: { httpGet: { path: '/ready', port: 8080 } } } : {}),
  });
  docs.push({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'steady', namespace: 'default' }, spec: { nodeName: 'worker-0', containers: [container(false)] } });
  docs.push({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'warming', namespace: 'default', annotations: { 'podscape.dev/readiness': 'fail' } },
    spec: { nodeName: 'worker-0', containers: [container(true)] },
  });
  return docs.map((doc) => JSON.stringify(doc)).join('\n---\n');
}

test('on the canvas view a Running pod that is not Ready is counted and keyed apart from a Ready one', async ({ page, baseURL }) => {
  test.setTimeout(150_000); // 210 nodes load slowly on a busy machine
  const health = watchPageHealth(page, baseURL!);
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('/');
  await waitForCluster(page);
  await page.evaluate((yaml) => window.__podscape!.load(yaml), largeScenario());
  await page.evaluate(() => window.__podscape!.advance(30_000));
  await expect(page.getByLabel('Pod view')).toHaveValue('canvas');
  const frame = await page.evaluate(() => window.__podscape!.snapshot()!);
  const warming = frame.pods.find((p) => p.name === 'warming')!;
  expect(warming).toMatchObject({ phase: 'Running', ready: false });
  expect(frame.pods.find((p) => p.name === 'steady')).toMatchObject({ phase: 'Running', ready: true });
  // The canvas's name counts by what the pod card says (it counted both as Running).
  await expect(page.locator('[data-node="worker-0"] canvas')).toHaveAttribute('aria-label', /^Pods on worker-0, 2 pods: 1 Running, 1 Running, not ready\./);
  await expect(page.getByRole('list', { name: 'What the pod squares mean' }).getByText('Running, not ready')).toBeVisible();
  expect(health.consoleErrors).toEqual([]);
});
