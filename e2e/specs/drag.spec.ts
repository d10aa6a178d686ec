import { expect, test, type Locator, type Page } from '@playwright/test';
import type { Frame } from '../../src/protocol/engine-api';
import type {} from '../../src/ui/e2e-api'; // declares window.__podscape
import { watchPageHealth } from '../fixtures/page-health';
import { animationsSettled, openScenario, scrollSettled } from '../fixtures/session';

// alpha fits everything here; tiny is too small for `batch`; gpu has a NoSchedule taint.
// `batch` names a scheduler that does not exist, so only the user places it.
const SCENARIO = `
apiVersion: podscape.dev/v1alpha1
kind: Scenario
metadata: { name: drag }
spec: { seed: 1, speed: 10 }
---
apiVersion: v1
kind: Node
metadata: { name: alpha }
status: { allocatable: { cpu: "4", memory: 8Gi, pods: "110" } }
---
apiVersion: v1
kind: Node
metadata: { name: gpu }
spec: { taints: [{ key: dedicated, value: gpu, effect: NoSchedule }] }
status: { allocatable: { cpu: "4", memory: 8Gi, pods: "110" } }
---
apiVersion: v1
kind: Node
metadata: { name: tiny }
status: { allocatable: { cpu: 500m, memory: 1Gi, pods: "110" } }
---
apiVersion: v1
kind: Pod
metadata: { name: batch }
spec:
  schedulerName: manual
  containers: [{ name: main, image: busybox, resources: { requests: { cpu: "1", memory: 256Mi } } }]
---
apiVersion: v1
kind: Pod
metadata: { name: solo }
spec:
  nodeName: alpha
  containers: [{ name: main, image: nginx, resources: { requests: { cpu: 100m } } }]
---
apiVersion: apps/v1
kind: ReplicaSet
metadata: { name: web }
spec:
  replicas: 1
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      nodeSelector: { kubernetes.io/hostname: alpha }
      containers: [{ name: web, image: nginx, resources: { requests: { cpu: 100m } } }]
`;

const node = (page: Page, name: string) => page.locator(`[data-node="${name}"]`);
const pod = (page: Page, key: string) => page.locator(`[data-pod="${key}"]`);
const snapshot = (page: Page) => page.evaluate(() => window.__podscape!.snapshot()) as Promise<Frame>;

async function open(page: Page, baseURL: string) {
  const health = watchPageHealth(page, baseURL);
  await openScenario(page, SCENARIO);
  await expect(page.locator('[data-pending-tray] [data-pod="default/batch"]')).toHaveAttribute('data-pod-phase', 'Pending');
  return health;
}

/** Presses the mouse on `from`, passes the drag threshold, and glides to the centre of `to` (the button stays down). */
async function dragOver(page: Page, from: Locator, to: Locator) {
  // To the middle of the window: "if needed" leaves a card near the foot where the sticky
  // "What just happened" bar covers it, and the press would land on the bar.
  await from.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  // Measure only once no card is still flying (FLIP): a moving layout would put the press on another pod.
  await animationsSettled(page);
  const a = (await from.boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(a.x + a.width / 2 + 12, a.y + a.height / 2 + 4, { steps: 3 });
  // A pod picked up near the window's edge makes dnd-kit scroll the page (auto-scroll) until the
  // pointer leaves that edge: go to the middle first, so that the target is measured where it stays.
  const view = page.viewportSize()!;
  await page.mouse.move(view.width / 2, view.height / 2, { steps: 4 });
  await scrollSettled(page);
  await to.scrollIntoViewIfNeeded();
  const b = (await to.boundingBox())!;
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 12 });
}

function expectHealthy(health: ReturnType<typeof watchPageHealth>) {
  expect(health.consoleErrors).toEqual([]);
  expect(health.foreignRequests).toEqual([]);
}

test('dragging a pending pod onto a node that fits binds it (mouse)', async ({ page, baseURL }) => {
  const health = await open(page, baseURL!);

  await dragOver(page, pod(page, 'default/batch'), node(page, 'alpha'));
  // While hovered, the node shows the engine's verdict; the other nodes show nothing.
  await expect(node(page, 'alpha')).toHaveAttribute('data-drop-verdict', 'fits');
  await expect(node(page, 'alpha').locator('[data-drop-verdict-text]')).toContainText(/fits — score \d+/);
  await expect(page.locator('[data-drop-verdict]')).toHaveCount(1);
  await page.screenshot({ path: '/tmp/drag/drag-hover-fits.png' });
  await page.mouse.up();

  await expect(node(page, 'alpha').locator('[data-pod="default/batch"]')).toBeVisible();
  await expect(page.locator('[data-drop-verdict]')).toHaveCount(0);
  expect((await snapshot(page)).pods.find((p) => p.name === 'batch')?.nodeName).toBe('alpha');
  await page.evaluate(() => window.__podscape!.advance(5_000));
  await expect(node(page, 'alpha').locator('[data-pod="default/batch"]')).toHaveAttribute('data-pod-phase', 'Running');
  await page.screenshot({ path: '/tmp/drag/drag-mouse.png' });

  // Playwright's own drag (one jump from pod to node) works too.
  await page.evaluate(() => window.__podscape!.dispatch({ action: 'apply', object: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'batch-2' }, spec: { schedulerName: 'manual', containers: [{ name: 'main', image: 'busybox' }] } } }));
  await pod(page, 'default/batch-2').dragTo(node(page, 'gpu'));
  await expect(page.getByRole('dialog', { name: 'Node gpu rejects pod batch-2' })).toContainText('node(s) had untolerated taint(s)');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await pod(page, 'default/batch-2').dragTo(node(page, 'tiny'));
  await expect(node(page, 'tiny').locator('[data-pod="default/batch-2"]')).toBeVisible();
  expectHealthy(health);
});

test('the keyboard picks a pod up, jumps from node to node, and drops it', async ({ page, baseURL }) => {
  const health = await open(page, baseURL!);

  const card = pod(page, 'default/batch');
  await expect(card).toHaveAttribute('aria-roledescription', 'draggable pod');
  await card.focus();
  await page.keyboard.press('Space');
  await expect(page.locator('[data-drag-hint]')).toBeVisible();

  // Reading order: alpha, gpu, tiny.
  await page.keyboard.press('ArrowRight');
  await expect(node(page, 'alpha')).toHaveAttribute('data-drop-verdict', 'fits');
  await page.keyboard.press('ArrowRight');
  await expect(node(page, 'gpu')).toHaveAttribute('data-drop-verdict', 'rejects');
  await expect(node(page, 'gpu')).toContainText('node(s) had untolerated taint(s)');
  await page.screenshot({ path: '/tmp/drag/drag-keyboard-rejects.png' });
  await expect(node(page, 'alpha')).not.toHaveAttribute('data-drop-verdict');
  // Screen readers hear the same verdict.
  await expect(page.getByText(/pod batch is over node gpu: rejects: node\(s\) had untolerated taint\(s\)/)).toBeAttached();
  await page.keyboard.press('ArrowLeft');
  await expect(node(page, 'alpha')).toHaveAttribute('data-drop-verdict', 'fits');
  await page.keyboard.press('Space');

  await expect(node(page, 'alpha').locator('[data-pod="default/batch"]')).toBeVisible();
  expect((await snapshot(page)).pods.find((p) => p.name === 'batch')?.nodeName).toBe('alpha');

  // Escape cancels a drag and leaves the pod where it was. Picked up in its node, it starts over that node.
  await pod(page, 'default/batch').focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('[data-drag-hint]')).toBeVisible();
  await expect(node(page, 'alpha').locator('[data-drop-verdict-text]')).toContainText('its node now');
  await page.keyboard.press('ArrowRight');
  await expect(node(page, 'gpu')).toHaveAttribute('data-drop-verdict', 'rejects');
  await page.keyboard.press('Escape');
  await expect(page.locator('[data-drag-hint]')).toHaveCount(0);
  await expect(node(page, 'alpha').locator('[data-pod="default/batch"]')).toBeVisible();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  expectHealthy(health);
});

test('dropping on a rejecting node explains why, and Bind anyway ends in the kubelet refusing the pod', async ({ page, baseURL }) => {
  const health = await open(page, baseURL!);

  await dragOver(page, pod(page, 'default/batch'), node(page, 'tiny'));
  await expect(node(page, 'tiny')).toHaveAttribute('data-drop-verdict', 'rejects');
  await expect(node(page, 'tiny').locator('[data-drop-verdict-text]')).toContainText('Insufficient cpu');
  await page.mouse.up();

  const dialog = page.getByRole('dialog', { name: 'Node tiny rejects pod batch' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('Insufficient cpu');
  await page.screenshot({ path: '/tmp/drag/drag-reject-dialog.png' });
  // Cancel changes nothing.
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.locator('[data-pending-tray] [data-pod="default/batch"]')).toBeVisible();

  await dragOver(page, pod(page, 'default/batch'), node(page, 'tiny'));
  await page.mouse.up();
  await page.getByRole('dialog', { name: 'Node tiny rejects pod batch' }).getByRole('button', { name: 'Bind anyway' }).click();

  // The kubelet's admission refuses it, as on a real node: Failed, reason OutOfcpu.
  await expect(node(page, 'tiny').locator('[data-pod="default/batch"]')).toHaveAttribute('data-pod-phase', 'Failed');
  await expect(page.getByRole('status').filter({ hasText: 'refused' })).toContainText(
    /The kubelet on tiny refused pod batch: OutOfcpu — Node didn't have enough resource: cpu, requested: 1000, used: \d+, capacity: 500/,
  );
  const frame = await snapshot(page);
  expect(frame.events.some((e) => e.object === 'Pod/default/batch' && e.reason === 'OutOfcpu' && e.type === 'Warning')).toBe(true);
  await page.screenshot({ path: '/tmp/drag/drag-refused.png' });
  expectHealthy(health);
});

test('dropping a running pod on another node says Kubernetes cannot move it, and deletes or recreates it on confirmation', async ({ page, baseURL }) => {
  const health = await open(page, baseURL!);
  const before = await snapshot(page);
  const web = before.pods.find((p) => p.owner?.name === 'web')!;
  expect(web.nodeName).toBe('alpha');

  // A controller-owned pod: deleted, and its ReplicaSet makes a new one that the scheduler places.
  await dragOver(page, pod(page, `default/${web.name}`), node(page, 'gpu'));
  await page.mouse.up();
  const move = page.getByRole('dialog', { name: `Move pod ${web.name} to node gpu?` });
  await expect(move).toContainText('Kubernetes cannot move a pod');
  await expect(move).toContainText('ReplicaSet web');
  await page.screenshot({ path: '/tmp/drag/drag-move-dialog.png' });
  await move.getByRole('button', { name: 'Delete pod' }).click();
  await expect(pod(page, `default/${web.name}`)).toHaveAttribute('data-terminating', 'true');
  const after = await snapshot(page);
  const replacement = after.pods.find((p) => p.owner?.name === 'web' && p.deletionTimestamp === null)!;
  expect(replacement.name).not.toBe(web.name);
  expect(replacement.nodeName).toBe('alpha'); // its nodeSelector, not the drop target, decides

  // Let the replacement's card land first: it enters alpha's list, which moves solo's card.
  await expect(node(page, 'alpha').locator(`[data-pod="default/${replacement.name}"]`)).toBeVisible();

  // A bare pod: deleted at once and created again, bound to the node it was dropped on.
  const solo = before.pods.find((p) => p.name === 'solo')!;
  await dragOver(page, pod(page, 'default/solo'), node(page, 'tiny'));
  await page.mouse.up();
  await page.getByRole('dialog', { name: 'Move pod solo to node tiny?' }).getByRole('button', { name: 'Delete and recreate on tiny' }).click();
  await expect(node(page, 'tiny').locator('[data-pod="default/solo"]')).toBeVisible();
  await expect(node(page, 'alpha').locator('[data-pod="default/solo"]')).toHaveCount(0);
  const moved = (await snapshot(page)).pods.find((p) => p.name === 'solo')!;
  expect(moved.uid).not.toBe(solo.uid);
  expectHealthy(health);
});

test('keyboard only: a bound pod moved to another node, each step said in dnd-kit\'s live region, the move confirmed in its dialog', async ({ page, baseURL }) => {
  const health = await open(page, baseURL!);
  // What a screen reader hears: dnd-kit's live region (one per drag context, visually hidden).
  const said = page.locator('[id^="DndLiveRegion"]');
  const solo = (await snapshot(page)).pods.find((p) => p.name === 'solo')!;
  expect(solo.nodeName).toBe('alpha');

  await pod(page, 'default/solo').focus();
  await page.keyboard.press('Space');
  // Picked up in its node, it starts over that node: dnd-kit says so while the engine is asked,
  // and the verdict follows in the polite region once it arrives.
  // The pick-up sentence and the first node sentence come as one: dnd-kit would replace the
  // first with the second at once in its one-sentence live region.
  await expect(said).toHaveText(/^Picked up pod solo, on node alpha\. .* pod solo is over node alpha: .*It runs there now\.$/);
  await expect(page.locator('[data-late-verdict]')).toHaveText(/^pod solo is over node alpha: (?!checking).*It runs there now\.$/);
  // Reading order: alpha, gpu, tiny. gpu's taint rejects it; tiny (500m) has room for its 100m.
  await page.keyboard.press('ArrowRight');
  await expect(said).toHaveText(/^pod solo is over node gpu: rejects: node\(s\) had untolerated taint\(s\)/);
  await page.keyboard.press('ArrowRight');
  await expect(node(page, 'tiny')).toHaveAttribute('data-drop-verdict', 'fits');
  await expect(said).toHaveText(/^pod solo is over node tiny: fits/);
  await page.keyboard.press('Space');
  await expect(said).toHaveText('Dropped pod solo on node tiny. It runs on node alpha: a dialog asks before anything is deleted.');

  // The dialog takes the focus; Tab reaches its confirming button, Enter presses it.
  const dialog = page.getByRole('dialog', { name: 'Move pod solo to node tiny?' });
  await expect(dialog).toBeVisible();
  await expect(dialog.locator(':focus')).toHaveCount(1);
  const confirm = dialog.getByRole('button', { name: 'Delete and recreate on tiny' });
  for (let i = 0; i < 6 && !(await confirm.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(confirm).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(node(page, 'tiny').locator('[data-pod="default/solo"]')).toBeVisible();
  await expect(node(page, 'alpha').locator('[data-pod="default/solo"]')).toHaveCount(0);
  const moved = (await snapshot(page)).pods.find((p) => p.name === 'solo')!;
  expect(moved.nodeName).toBe('tiny');
  expect(moved.uid).not.toBe(solo.uid);

  // Escape: said, and the pod stays.
  await pod(page, 'default/solo').focus();
  await page.keyboard.press('Space');
  await expect(page.locator('[data-drag-hint]')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(said).toHaveText('Cancelled: pod solo stays where it was.');
  await expect(node(page, 'tiny').locator('[data-pod="default/solo"]')).toBeVisible();
  expectHealthy(health);
});

test('a verdict that arrives after the keyboard reached the node is still said (dnd-kit announced "checking")', async ({ page, baseURL }) => {
  const health = await open(page, baseURL!);
  const card = pod(page, 'default/batch');
  await card.focus();
  // Pick up and move before the engine can answer the verdict request: dnd-kit's keyboard
  // sensor listens from the next task on, the worker's answer takes longer.
  await card.evaluate(async (el) => {
    const key = (target: EventTarget, code: string, k: string) => target.dispatchEvent(new KeyboardEvent('keydown', { code, key: k, bubbles: true, cancelable: true }));
    key(el, 'Space', ' ');
    for (let i = 0; i < 2; i++) await new Promise((resolve) => setTimeout(resolve, 0));
    key(document, 'ArrowRight', 'ArrowRight');
  });
  await expect(node(page, 'alpha')).toHaveAttribute('data-drop-verdict', 'fits');
  // Usually dnd-kit has said "checking with the scheduler" by now and the late region says the
  // verdict; when the engine was quicker, dnd-kit said it. Either way a live region says it once.
  await expect(page.getByText(/^pod batch is over node alpha: fits/)).toBeAttached();
  await page.keyboard.press('Escape');
  await expect(page.locator('[data-late-verdict]')).toHaveText('');
  expectHealthy(health);
});

test('the page layout changes during a keyboard drag (a panel opens above the nodes): the arrow still lands on the node', async ({ page, baseURL }) => {
  await page.setViewportSize({ width: 1280, height: 560 });
  const health = await open(page, baseURL!);
  await page.evaluate(() => window.scrollTo(0, 0));
  const card = pod(page, 'default/batch');
  await card.focus();
  await page.keyboard.press('Space');
  await expect(page.locator('[data-drag-hint]')).toBeVisible();
  // Something above the cluster grows after the pick-up (a lesson's revealed answer, a panel).
  await page.evaluate(() => {
    const grow = document.createElement('div');
    grow.style.height = '500px';
    grow.setAttribute('data-test-grow', '');
    document.querySelector('[data-node]')!.closest('section, div')!.parentElement!.prepend(grow);
  });
  // The page measures the cards again two frames after its ResizeObserver reports the change
  // (one frame): wait a few more, as a user would take longer than that to press the arrow.
  await page.evaluate(async () => {
    for (let i = 0; i < 6; i++) await new Promise((resolve) => requestAnimationFrame(resolve));
  });
  await page.keyboard.press('ArrowRight');
  await expect(node(page, 'alpha')).toHaveAttribute('data-drop-verdict', 'fits');
  await expect(page.getByText(/^pod batch is over node alpha: fits/)).toBeAttached();
  await page.keyboard.press('Escape');
  expectHealthy(health);
});

test('the arrow key comes in the same task as a layout change above the nodes, before the page measures again: it still lands on the node', async ({ page, baseURL }) => {
  await page.setViewportSize({ width: 1280, height: 560 });
  const health = await open(page, baseURL!);
  await page.evaluate(() => window.scrollTo(0, 0));
  await pod(page, 'default/batch').focus();
  await page.keyboard.press('Space');
  await expect(page.locator('[data-drag-hint]')).toBeVisible();
  // No frame in between: neither the ResizeObserver nor dnd-kit has measured the cards again.
  await page.evaluate(() => {
    const grow = document.createElement('div');
    grow.style.height = '500px';
    document.querySelector('[data-node]')!.closest('section, div')!.parentElement!.prepend(grow);
    (document.activeElement ?? document).dispatchEvent(new KeyboardEvent('keydown', { code: 'ArrowRight', key: 'ArrowRight', bubbles: true }));
  });
  await expect(node(page, 'alpha')).toHaveAttribute('data-drop-verdict', 'fits');
  await expect(page.getByText(/^pod batch is over node alpha: fits/)).toBeAttached();
  await page.keyboard.press('Escape');
  expectHealthy(health);
});

test('the keyboard is listening once the drag hint shows: an Escape at that very moment cancels the drag', async ({ page, baseURL }) => {
  const health = await open(page, baseURL!);
  await pod(page, 'default/batch').focus();
  // Escape in the same task as the hint's appearance (CI's lost keys: an Escape ignored, an arrow
  // that moved nothing, right after the hint showed).
  await page.evaluate(() => {
    new MutationObserver((_, observer) => {
      if (!document.querySelector('[data-drag-hint]')) return;
      observer.disconnect();
      (window as unknown as { sawHint: boolean }).sawHint = true;
      (document.activeElement ?? document).dispatchEvent(new KeyboardEvent('keydown', { code: 'Escape', key: 'Escape', bubbles: true }));
    }).observe(document.body, { childList: true, subtree: true });
  });
  await page.keyboard.press('Space');
  await expect.poll(() => page.evaluate(() => (window as unknown as { sawHint?: boolean }).sawHint === true)).toBe(true);
  await expect(page.locator('[data-drag-hint]')).toHaveCount(0);
  await expect(page.locator('[data-pending-tray] [data-pod="default/batch"]')).toBeVisible();
  expectHealthy(health);
});

test('a click without a move selects a pod for the inspector; Enter on its name selects, Space on the card picks it up', async ({ page, baseURL }) => {
  const health = await open(page, baseURL!);
  const card = pod(page, 'default/batch');
  const inspector = page.getByRole('complementary', { name: 'Inspector' });

  await card.click();
  await expect(card).toHaveAttribute('aria-current', 'true');
  await expect(inspector.getByRole('heading', { level: 2 })).toHaveText('Pod default/batch');
  await expect(page.locator('[data-drag-hint]')).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(card).not.toHaveAttribute('aria-current', 'true');

  // Enter on the name button selects and does not pick the pod up.
  await card.getByRole('button', { name: 'batch', exact: true }).press('Enter');
  await expect(card).toHaveAttribute('aria-current', 'true');
  await expect(page.locator('[data-drag-hint]')).toHaveCount(0);

  // Space on the focused card picks it up; Escape puts it back.
  await card.focus();
  await page.keyboard.press('Space');
  await expect(page.locator('[data-drag-hint]')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.locator('[data-drag-hint]')).toHaveCount(0);
  await expect(page.locator('[data-pending-tray] [data-pod="default/batch"]')).toBeVisible();
  expectHealthy(health);
});
