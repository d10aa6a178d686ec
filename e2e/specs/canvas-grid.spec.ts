import { expect, test, type Page } from '@playwright/test';
import type {} from '../../src/ui/e2e-api'; // declares window.__podscape
import { waitForCluster, watchPageHealth } from '../fixtures/page-health';

/** Past 200 nodes the view draws pods on canvases, in blocks of whole rows (12 cards at three columns); 250 make 21 blocks. */
const NODES = 250;
const nodeName = (i: number) => `node-${String(i).padStart(3, '0')}`;
/** Pods per node, from 0 to 40: canvases of one to four rows, mixed within grid rows. */
const podsOn = (i: number) => (i * 17) % 41;

function scenario(): string {
  const docs: unknown[] = [{ apiVersion: 'podscape.dev/v1alpha1', kind: 'Scenario', metadata: { name: 'canvas-grid' }, spec: { seed: 9, speed: 10 } }];
  const container = { name: 'main', image: 'nginx', resources: { requests: { cpu: '10m', memory: '16Mi' } } };
  for (let i = 0; i < NODES; i++) {
    docs.push({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: nodeName(i), labels: { 'kubernetes.io/hostname': nodeName(i) } },
      status: { allocatable: { cpu: '8', memory: '32Gi', pods: '110' }, conditions: [{ type: 'Ready', status: 'True' }] },
    });
    for (let p = 0; p < podsOn(i); p++) {
      docs.push({ apiVersion: 'v1', kind: 'Pod', metadata: { name: `p-${i}-${p}`, namespace: 'default' }, spec: { nodeName: nodeName(i), containers: [container] } });
    }
  }
  return docs.map((doc) => JSON.stringify(doc)).join('\n---\n');
}

const blocks = (page: Page) => page.locator('.canvas-block');
const twoFrames = (page: Page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

/**
 * Draws each block in turn (scrolled into view) and returns, per block, how far its lowest
 * card's bottom is from the block's bottom (0: the block's set height is its cards' exact
 * height) and how far any block moved in the document since the top of the page was shown.
 * The whole walk runs in the page, two frames after each scroll (Chromium renders the block
 * and fires its contentvisibilityautostatechange there): one round trip instead of four per
 * block, which on a loaded machine were most of this test's time.
 */
function drawEach(page: Page): Promise<{ gaps: number[]; moved: number; why: string }> {
  return page.evaluate(async () => {
    const twoFrames = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const all = () => Array.from(document.querySelectorAll('.canvas-block'));
    /** Each block's top in the document, from the top of the page. */
    const tops = () => all().map((el) => el.getBoundingClientRect().top + window.scrollY);
    /** What is above the blocks and could move them: the grid's own top, and the page's main sections' heights. */
    const above = () => {
      const grid = document.querySelector('.canvas-grid')!.getBoundingClientRect().top + window.scrollY;
      const parts = ['.app-header', '.app-toolbar', '.loading-notice-region', '[role="alert"]', '.node-attention', '.canvas-key'].map((sel) => `${sel} ${document.querySelector(sel)?.getBoundingClientRect().height.toFixed(2) ?? '-'}`);
      return `grid at ${grid.toFixed(2)}; ${parts.join(', ')}; blocks ${all().length}, columns ${getComputedStyle(document.querySelector('.canvas-grid')!).getPropertyValue('--grid-columns')}`;
    };
    window.scrollTo(0, 0);
    await twoFrames();
    const before = tops();
    const start = above();
    const gaps: number[] = [];
    let moved = 0;
    let why = '';
    for (let i = 0; i < before.length; i++) {
      all()[i].scrollIntoView();
      await twoFrames();
      const el = all()[i];
      const box = el.getBoundingClientRect();
      gaps.push(box.bottom - Math.max(...Array.from(el.querySelectorAll('[data-node]'), (card) => card.getBoundingClientRect().bottom)));
      const now = tops();
      const most = Math.max(...now.map((top, j) => Math.abs(top - before[j])));
      // When something moves, say what was above the blocks then and at the start (a failure in CI tells its cause).
      if (most > moved && most >= 0.5) why = `after drawing block ${i}, block ${now.findIndex((top, j) => Math.abs(top - before[j]) >= 0.5)} moved first; at the start: ${start}; now: ${above()}`;
      moved = Math.max(moved, most);
    }
    return { gaps, moved, why };
  });
}

test('a block of node cards off screen stands in with its drawn height, so scrolling moves no card', async ({ page, baseURL }) => {
  test.setTimeout(240_000); // 21 blocks, each scrolled into view twice
  const health = watchPageHealth(page, baseURL!);
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('/');
  await waitForCluster(page);
  await page.evaluate((yaml) => window.__podscape!.load(yaml), scenario());
  await expect(page.getByLabel('Pod view')).toHaveValue('canvas');
  await expect(page.locator('[data-node]')).toHaveCount(NODES);
  await expect(blocks(page)).toHaveCount(Math.ceil(NODES / 12));

  const first = await drawEach(page);
  for (const [i, gap] of first.gaps.entries()) expect(Math.abs(gap), `block ${i}`).toBeLessThan(0.5);
  expect(first.moved, first.why).toBeLessThan(0.5);
  const heights = await blocks(page).evaluateAll((els) => els.map((el) => el.getBoundingClientRect().height));
  expect(new Set(heights.slice(0, -1)).size).toBeGreaterThan(1); // the blocks' rows differ: the check is not vacuous

  // Pods change on a node of a block already drawn and now off screen (a canvas loses rows): its
  // height follows, and the block under it moves with it once, not again when either is drawn.
  await page.evaluate(() => window.scrollTo(0, 0));
  // node-229 (39 pods: four rows of squares) is the tallest card of its grid row (three columns
  // at 1280 px), whose other cards have two rows.
  const last = 229;
  const block = await blocks(page).evaluateAll((els, name) => els.findIndex((el) => el.querySelector(`[data-node="${name}"]`) !== null), nodeName(last));
  expect(block).toBe(Math.floor(last / 12));
  await page.evaluate(async ({ node, count }) => {
    for (let p = 0; p < count; p++) await window.__podscape!.dispatch({ action: 'deletePod', namespace: 'default', name: `p-${node}-${p}`, force: true });
  }, { node: last, count: podsOn(last) });
  await page.evaluate(() => window.__podscape!.advance(60_000));
  await expect(page.locator(`[data-node="${nodeName(last)}"] canvas`)).toHaveAccessibleName(new RegExp(`^Pods on ${nodeName(last)}, 0 pods`));
  await twoFrames(page);
  expect(await blocks(page).nth(block).evaluate((el) => el.getBoundingClientRect().height)).toBeCloseTo(heights[block] - 2 * 13, 1);
  const second = await drawEach(page);
  for (const [i, gap] of second.gaps.entries()) expect(Math.abs(gap), `block ${i} after the change`).toBeLessThan(0.5);
  expect(second.moved, second.why).toBeLessThan(0.5);

  // Every card keeps its one-line facts and actions inside its fixed height.
  const overflow = await page.locator('[data-node]').evaluateAll((cards) => cards.filter((card) => card.scrollHeight > card.clientHeight + 0.5).length);
  expect(overflow).toBe(0);
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(health.consoleErrors).toEqual([]);
});
