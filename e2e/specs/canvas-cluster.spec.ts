import { expect, test, type Locator, type Page } from '@playwright/test';
import type { Frame } from '../../src/protocol/engine-api';
import type {} from '../../src/ui/e2e-api'; // declares window.__podscape
import { waitForCluster, watchPageHealth } from '../fixtures/page-health';
import { scrollSettled } from '../fixtures/session';

/** Past 200 nodes the view draws pods on canvases; 210 keeps the spec quick. */
const NODES = 210;
const nodeName = (i: number) => `worker-${i}`;

/**
 * worker-1 has a NoSchedule taint; `solo` (a bare pod) runs on worker-0; `batch` names a
 * scheduler that does not exist, so it waits until the user places it.
 */
function scenario(): string {
  const docs: unknown[] = [{ apiVersion: 'podscape.dev/v1alpha1', kind: 'Scenario', metadata: { name: 'canvas-drag' }, spec: { seed: 5, speed: 10 } }];
  for (let i = 0; i < NODES; i++) {
    docs.push({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: nodeName(i), labels: { 'kubernetes.io/hostname': nodeName(i) } },
      ...(i === 1 ? { spec: { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] } } : {}),
      status: { allocatable: { cpu: '4', memory: '8Gi', pods: '110' }, conditions: [{ type: 'Ready', status: 'True' }] },
    });
  }
  const container = { name: 'main', image: 'nginx', resources: { requests: { cpu: '100m', memory: '64Mi' } } };
  docs.push({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'solo', namespace: 'default' }, spec: { nodeName: nodeName(0), containers: [container] } });
  docs.push({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'batch', namespace: 'default' }, spec: { schedulerName: 'manual', containers: [container] } });
  return docs.map((doc) => JSON.stringify(doc)).join('\n---\n');
}

const node = (page: Page, name: string) => page.locator(`[data-node="${name}"]`);
const snapshot = (page: Page) => page.evaluate(() => window.__podscape!.snapshot()) as Promise<Frame>;
const podOf = async (page: Page, name: string) => (await snapshot(page)).pods.find((p) => p.name === name && p.deletionTimestamp === null);

async function open(page: Page, baseURL: string) {
  test.setTimeout(150_000); // loading 210 nodes takes a while on a busy machine (the mouse drag: 78 s at load ~25, two workers)
  const health = watchPageHealth(page, baseURL);
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('/');
  await waitForCluster(page);
  await page.evaluate((yaml) => window.__podscape!.load(yaml), scenario());
  await page.evaluate(() => window.__podscape!.advance(5_000));
  await expect(page.getByLabel('Pod view')).toHaveValue('canvas');
  await expect(page.locator('[data-node]')).toHaveCount(NODES);
  await expect(page.locator('[data-pending-tray] [data-pod="default/batch"]')).toBeVisible();
  return health;
}

/** Presses at `at` (page coordinates), passes the drag threshold, and glides to the centre of `to` (the button stays down). */
async function dragFrom(page: Page, at: { x: number; y: number }, to: Locator) {
  await page.mouse.move(at.x, at.y);
  await page.mouse.down();
  await page.mouse.move(at.x + 12, at.y + 4, { steps: 3 });
  const view = page.viewportSize()!;
  await page.mouse.move(view.width / 2, view.height / 2, { steps: 4 });
  await scrollSettled(page);
  await to.scrollIntoViewIfNeeded();
  const b = (await to.boundingBox())!;
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 12 });
}

/** The centre of pod `index`'s square on a node's canvas (pod-canvas.ts: 10 px squares, 3 px apart, 12 to a row). */
async function podOnCanvas(page: Page, nodeName: string, index: number) {
  const canvas = node(page, nodeName).locator('canvas');
  // To the middle of the window: the sticky "What just happened" bar covers the window's foot.
  await canvas.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  const box = (await canvas.boundingBox())!;
  return { x: box.x + 3 + (index % 12) * 13 + 5, y: box.y + 3 + Math.floor(index / 12) * 13 + 5 };
}

test('a pod drawn on a canvas drags onto another node with the mouse, with the verdict on hover and the same drop flow as a card', async ({ page, baseURL }) => {
  const health = await open(page, baseURL!);

  // A running pod on worker-0's canvas, over the tainted worker-1: the engine's verdict shows.
  await dragFrom(page, await podOnCanvas(page, 'worker-0', 0), node(page, 'worker-1'));
  await expect(page.locator('[data-drag-hint]')).toContainText('Dragging pod solo');
  await expect(node(page, 'worker-1')).toHaveAttribute('data-drop-verdict', 'rejects');
  await expect(node(page, 'worker-1').locator('[data-drop-verdict-text]')).toContainText('node(s) had untolerated taint(s)');
  await expect(page.locator('[data-drop-verdict]')).toHaveCount(1);
  // On to worker-2, the next card in natural order (worker-2 is three rows down), which fits.
  const target = node(page, 'worker-2');
  const box = (await target.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 8 });
  await expect(target).toHaveAttribute('data-drop-verdict', 'fits');
  await expect(target.locator('[data-drop-verdict-text]')).toContainText(/fits — score \d+/);
  await page.screenshot({ path: 'test-results/canvas-drag-hover.png' });
  await page.mouse.up();

  // Kubernetes cannot move a pod: the same dialog as for a card, then delete and recreate.
  const move = page.getByRole('dialog', { name: 'Move pod solo to node worker-2?' });
  await expect(move).toContainText('Kubernetes cannot move a pod');
  await move.getByRole('button', { name: 'Delete and recreate on worker-2' }).click();
  await expect.poll(async () => (await podOf(page, 'solo'))?.nodeName).toBe('worker-2');
  await expect(node(page, 'worker-2').locator('canvas')).toHaveAccessibleName(/^Pods on worker-2, 1 pod/);
  await expect(node(page, 'worker-0').locator('canvas')).toHaveAccessibleName(/^Pods on worker-0, 0 pods/);
  await expect(page.getByRole('alert')).toHaveCount(0);

  // A pending pod's card (under the canvases) drops onto a canvas node card and binds.
  const card = page.locator('[data-pending-tray] [data-pod="default/batch"]');
  await card.scrollIntoViewIfNeeded();
  const from = (await card.boundingBox())!;
  await dragFrom(page, { x: from.x + from.width / 2, y: from.y + from.height / 2 }, node(page, 'worker-3'));
  await expect(node(page, 'worker-3')).toHaveAttribute('data-drop-verdict', 'fits');
  await page.mouse.up();
  await expect.poll(async () => (await podOf(page, 'batch'))?.nodeName).toBe('worker-3');
  await expect(page.locator('[data-pending-tray] [data-pod]')).toHaveCount(0);

  // A click without a move still selects the pod under the pointer.
  const at = await podOnCanvas(page, 'worker-3', 0);
  await page.mouse.click(at.x, at.y);
  await expect(page.getByRole('complementary', { name: 'Inspector' }).getByRole('heading', { level: 2 })).toHaveText('Pod default/batch');
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(health.consoleErrors).toEqual([]);
  expect(health.foreignRequests).toEqual([]);
});

test('the keyboard picks a canvas pod up (Space), goes from node to node with its verdict, and drops it', async ({ page, baseURL }) => {
  const health = await open(page, baseURL!);
  const canvas = node(page, 'worker-0').locator('canvas');
  await canvas.focus();
  await page.keyboard.press('ArrowRight'); // the first pod: solo
  await expect(page.getByRole('tooltip')).toHaveText(/^default\/solo · /);
  await page.keyboard.press('Space');
  await expect(page.locator('[data-drag-hint]')).toContainText('Dragging pod solo');
  await expect(node(page, 'worker-0').locator('[data-drop-verdict-text]')).toContainText('its node now');

  // Reading order (natural, as the card view): worker-1 (tainted) then worker-2, not worker-10.
  await page.keyboard.press('ArrowRight');
  await expect(node(page, 'worker-1')).toHaveAttribute('data-drop-verdict', 'rejects');
  await expect(page.getByText(/pod solo is over node worker-1: rejects: node\(s\) had untolerated taint\(s\)/)).toBeAttached();
  await page.keyboard.press('ArrowRight');
  await expect(node(page, 'worker-2')).toHaveAttribute('data-drop-verdict', 'fits');
  await page.keyboard.press('Space');
  const move = page.getByRole('dialog', { name: 'Move pod solo to node worker-2?' });
  await expect(move).toBeVisible();
  await move.getByRole('button', { name: 'Delete and recreate on worker-2' }).click();
  await expect.poll(async () => (await podOf(page, 'solo'))?.nodeName).toBe('worker-2');

  // Escape cancels: nothing moves. Enter on a focused pod still selects it rather than picking it up.
  const second = node(page, 'worker-2').locator('canvas');
  await second.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Space');
  await expect(page.locator('[data-drag-hint]')).toBeVisible();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Escape');
  await expect(page.locator('[data-drag-hint]')).toHaveCount(0);
  await expect(page.getByRole('dialog')).toHaveCount(0);
  expect((await podOf(page, 'solo'))?.nodeName).toBe('worker-2');
  await second.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('complementary', { name: 'Inspector' }).getByRole('heading', { level: 2 })).toHaveText('Pod default/solo');
  await expect(page.locator('[data-drag-hint]')).toHaveCount(0);
  expect(health.consoleErrors).toEqual([]);
});

test('the keyboard and the pointer reach the last node card, far down the grid (no droppable per node)', async ({ page, baseURL }) => {
  const health = await open(page, baseURL!);
  const last = node(page, `worker-${NODES - 1}`); // natural order: worker-209 is the grid's last card
  await node(page, 'worker-0').locator('canvas').focus();
  await page.keyboard.press('ArrowRight'); // the first pod: solo
  await page.keyboard.press('Space');
  await expect(page.locator('[data-drag-hint]')).toContainText('Dragging pod solo');
  // ArrowLeft from the first card wraps to the last one.
  await page.keyboard.press('ArrowLeft');
  await expect(last).toHaveAttribute('data-drop-verdict', 'fits');
  await expect(page.getByText(/pod solo is over node worker-209: fits/)).toBeAttached();
  await page.keyboard.press('Escape');
  await expect(page.locator('[data-drag-hint]')).toHaveCount(0);

  // The pending pod, from the tray under the grid to the last card, with the mouse.
  const card = page.locator('[data-pending-tray] [data-pod="default/batch"]');
  await card.scrollIntoViewIfNeeded();
  const from = (await card.boundingBox())!;
  await dragFrom(page, { x: from.x + from.width / 2, y: from.y + from.height / 2 }, last);
  await expect(last).toHaveAttribute('data-drop-verdict', 'fits');
  await page.mouse.up();
  await expect.poll(async () => (await podOf(page, 'batch'))?.nodeName).toBe('worker-209');
  expect(health.consoleErrors).toEqual([]);
});

test('canvas node cards carry the node actions: kill, restore, cordon, uncordon, drain, delete', async ({ page, baseURL }) => {
  const health = await open(page, baseURL!);
  // `exact`: with 210 nodes, "Kill node worker-7" is also the start of "Kill node worker-70".
  const button = (name: string) => page.getByRole('button', { name, exact: true });
  await button('Kill node worker-7').click();
  await expect(button('Restore node worker-7')).toBeVisible();
  await page.evaluate(() => window.__podscape!.advance(60_000));
  await expect(node(page, 'worker-7')).toHaveAttribute('data-node-status', 'Unknown');
  await button('Restore node worker-7').click();
  await expect(button('Kill node worker-7')).toBeVisible();

  await button('Cordon node worker-150').click();
  await expect(node(page, 'worker-150')).toHaveAttribute('data-unschedulable', 'true');
  await button('Uncordon node worker-150').click();
  await expect(node(page, 'worker-150')).not.toHaveAttribute('data-unschedulable');

  await button('Drain node worker-5').click();
  await expect(node(page, 'worker-5')).toHaveAttribute('data-unschedulable', 'true');
  await button('Delete node worker-209').click();
  await expect(page.locator('[data-node]')).toHaveCount(NODES - 1);
  await page.screenshot({ path: 'test-results/canvas-actions.png' });
  expect(health.consoleErrors).toEqual([]);
});
