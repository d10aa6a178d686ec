/**
 * Branch ux13's third pass (docs/ui.md): round 12's leftovers and what the node kill
 * showed on a projector, with the keyboard only and through the accessibility tree.
 * Each test is one behaviour, seen failing before its fix.
 */
import { expect, test, type Page } from '@playwright/test';
import type { Frame } from '../../src/protocol/engine-api';
import type {} from '../../src/ui/e2e-api'; // declares window.__podscape
import { waitForCluster, watchPageHealth } from '../fixtures/page-health';
import { animationsSettled, openScenario, scrollSettled } from '../fixtures/session';

const snapshot = (page: Page) => page.evaluate(() => window.__podscape!.snapshot()) as Promise<Frame>;

/** Three workers: one stays up, one is killed and left past the grace period, one is killed a moment ago. */
const THREE = `apiVersion: v1
kind: Node
metadata: { name: fine }
status:
  allocatable: { cpu: "2", memory: 4Gi, pods: "110" }
  conditions: [{ type: Ready, status: "True", reason: KubeletReady }]
---
apiVersion: v1
kind: Node
metadata: { name: dark }
status:
  allocatable: { cpu: "2", memory: 4Gi, pods: "110" }
  conditions: [{ type: Ready, status: "True", reason: KubeletReady }]
---
apiVersion: v1
kind: Node
metadata: { name: lost }
status:
  allocatable: { cpu: "2", memory: 4Gi, pods: "110" }
  conditions: [{ type: Ready, status: "True", reason: KubeletReady }]
`;

interface Edge {
  style: string;
  width: number;
  color: string;
  /** WCAG contrast of the edge's colour against the page's background. */
  contrast: number;
}

/** A node card's edge (its top border) and how far it stands out from the page. */
async function edgeOf(page: Page, node: string): Promise<Edge> {
  return page.locator(`[data-node="${node}"]`).evaluate((card) => {
    const rgb = (text: string) => (text.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
    const lum = (c: number[]) =>
      c
        .map((v) => v / 255)
        .map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4))
        .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
    const style = getComputedStyle(card);
    const page = rgb(getComputedStyle(document.documentElement).backgroundColor);
    const edge = rgb(style.borderTopColor);
    const [hi, lo] = [lum(edge), lum(page)].sort((a, b) => b - a);
    return { style: style.borderTopStyle, width: parseFloat(style.borderTopWidth), color: style.borderTopColor, contrast: (hi + 0.05) / (lo + 0.05) };
  });
}

for (const theme of ['Light', 'Dark'] as const) {
  test(`${theme} theme: a powered-off, an Unknown and a NotReady node each have an edge of their own, at least 3:1 against the page`, async ({ page, baseURL }) => {
    const health = watchPageHealth(page, baseURL!);
    await page.goto('/');
    await waitForCluster(page);
    await page.getByLabel('Theme').selectOption(theme);
    await page.evaluate((yaml) => window.__podscape!.load(yaml), THREE);
    await expect.poll(async () => (await snapshot(page)).nodes.map((n) => n.name).sort()).toEqual(['dark', 'fine', 'lost']);
    const card = (n: string) => page.locator(`[data-node="${n}"]`);
    expect(await page.evaluate(() => window.__podscape!.dispatch({ action: 'killNode', node: 'lost' }))).toMatchObject({ ok: true });
    // lost: powered off for 60 s, past the 50 s grace period: Unknown. Then dark goes off: still Ready.
    await page.evaluate(() => window.__podscape!.advance(60_000));
    expect(await page.evaluate(() => window.__podscape!.dispatch({ action: 'killNode', node: 'dark' }))).toMatchObject({ ok: true });
    await page.evaluate(() => window.__podscape!.advance(1_000));
    await expect(card('lost')).toHaveAttribute('data-node-status', 'Unknown');
    await expect(card('lost')).toHaveAttribute('data-powered', 'false');
    await expect(card('dark')).toHaveAttribute('data-node-status', 'Ready');
    await expect(card('dark')).toHaveAttribute('data-powered', 'false');
    await expect(card('fine')).toHaveAttribute('data-node-status', 'Ready');

    const fine = await edgeOf(page, 'fine');
    const dark = await edgeOf(page, 'dark');
    const lost = await edgeOf(page, 'lost');
    // The engine's kubelets never report Ready=False (a node goes Unknown when its heartbeats
    // stop), so NotReady only comes with a loaded status, until the first heartbeat: its look
    // is the stylesheet's, read from a powered card given the status the card would carry.
    await card('fine').evaluate((el) => el.setAttribute('data-node-status', 'NotReady'));
    const sick = await edgeOf(page, 'fine');
    const edges = { fine, dark, lost, sick };
    for (const name of ['dark', 'lost', 'sick'] as const) {
      expect(edges[name].contrast, `${name}'s edge (${edges[name].color}) against the page`).toBeGreaterThanOrEqual(3);
      expect(edges[name].width, `${name}'s edge width`).toBeGreaterThanOrEqual(2);
    }
    expect(edges.dark.style).toBe('solid');
    expect(edges.lost.style).toBe('dashed');
    expect(edges.sick.style).toBe('dashed');
    // Four looks, none the same as another: Ready, powered off, Unknown, NotReady.
    const looks = new Set(Object.values(edges).map((e) => `${e.style} ${e.width} ${e.color}`));
    expect(looks.size).toBe(4);
    expect(health.consoleErrors).toEqual([]);
  });
}

/** Twelve nodes (three rows of cards at 1280 px, most below the fold) and a pod only the user places. */
const TWELVE = [
  ...Array.from({ length: 12 }, (_, i) => `apiVersion: v1
kind: Node
metadata: { name: n-${String(i + 1).padStart(2, '0')} }
status: { allocatable: { cpu: "4", memory: 8Gi, pods: "110" } }
`),
  `apiVersion: v1
kind: Pod
metadata: { name: batch }
spec:
  schedulerName: manual
  containers: [{ name: main, image: busybox, resources: { requests: { cpu: "1", memory: 256Mi } } }]
`,
  // Filler pods so each card is tall and the last row starts far below the first screen.
  ...Array.from({ length: 12 }, (_, i) => `apiVersion: apps/v1
kind: DaemonSet
metadata: { name: agent-${i} }
spec:
  selector: { matchLabels: { app: agent-${i} } }
  template:
    metadata: { labels: { app: agent-${i} } }
    spec: { containers: [{ name: a, image: busybox, resources: { requests: { cpu: 10m } } }] }
`),
].join('---\n');

async function openTwelve(page: Page, baseURL: string) {
  test.setTimeout(90_000); // twelve nodes, 145 pods and a dozen drag steps on a busy machine
  const health = watchPageHealth(page, baseURL);
  await page.setViewportSize({ width: 1280, height: 800 });
  await openScenario(page, TWELVE, 10_000);
  await expect(page.locator('[data-pending-tray] [data-pod="default/batch"]')).toHaveAttribute('data-pod-phase', 'Pending');
  await expect(page.locator('[data-node="n-12"] [data-pod]')).toHaveCount(12);
  // Give the story bar lines (power lost and back, the kubelet's NodeReady): it sits at the
  // window's foot, taller than the drag hint.
  await page.evaluate(() => window.__podscape!.dispatch({ action: 'killNode', node: 'n-01' }));
  await page.evaluate(() => window.__podscape!.dispatch({ action: 'restoreNode', node: 'n-01' }));
  await page.evaluate(() => window.__podscape!.advance(1_000));
  // At 800 px of height the bar starts compact; three lines make it as tall as it gets.
  await page.getByRole('button', { name: 'Show 3 lines' }).click();
  await expect(page.getByRole('log', { name: 'What just happened' }).getByRole('listitem')).toHaveCount(3);
  await expect(page.getByRole('log', { name: 'What just happened' }).getByRole('listitem').first()).toBeVisible();
  return health;
}

test('a keyboard drag brings each node it visits into view, the last one below the fold too, and drops there', async ({ page, baseURL }) => {
  const health = await openTwelve(page, baseURL!);
  const last = page.locator('[data-node="n-12"]');
  await expect(last).not.toBeInViewport();
  await page.locator('[data-pod="default/batch"]').focus();
  await page.keyboard.press('Space');
  await expect(page.locator('[data-drag-hint]')).toBeVisible();
  for (let i = 1; i <= 12; i++) {
    await page.keyboard.press('ArrowRight');
    const card = page.locator(`[data-node="n-${String(i).padStart(2, '0')}"]`);
    await expect(card).toHaveAttribute('data-drop-verdict', 'fits');
    await expect(card.locator('[data-drop-verdict-text]')).toBeInViewport();
    // Not under the drag hint nor the story bar at the window's foot: what is drawn at the
    // verdict's centre, and at the dragged pod's centre, belongs to the card. Measured once the
    // keyboard's smooth scroll has stopped and the dragged pod has followed it (the same scroll
    // position and chip box across two frames): mid-scroll the chip can lag the card (flaky once
    // in a loaded run).
    const uncovered = await card.evaluate(async (el) => {
      const frame = () => new Promise((r) => requestAnimationFrame(r));
      const where = () => `${window.scrollY} ${JSON.stringify(document.querySelector('.pod-drag-overlay')?.getBoundingClientRect())}`;
      for (let before = where(); ; ) {
        await frame();
        await frame();
        const now = where();
        if (now === before) break;
        before = now;
      }
      const verdict = el.querySelector('[data-drop-verdict-text]')!.getBoundingClientRect();
      const overlay = document.querySelector('.pod-drag-overlay');
      // The topmost element at a point, the dragged pod's own layers (and their ancestors) aside.
      const at = (x: number, y: number) => {
        const top = document.elementsFromPoint(x, y).find((e) => !overlay || (!e.contains(overlay) && !overlay.contains(e)));
        return el.contains(top ?? null);
      };
      const chip = overlay?.getBoundingClientRect();
      return [at(verdict.left + verdict.width / 2, verdict.top + verdict.height / 2), chip ? at(chip.left + chip.width / 2, chip.top + chip.height / 2) : true];
    });
    expect(uncovered, `n-${i}: the verdict and the dragged pod in sight`).toEqual([true, true]);
  }
  // Wrapping round to the first card scrolls back up, and back again.
  await page.keyboard.press('ArrowRight');
  await expect(page.locator('[data-node="n-01"] [data-drop-verdict-text]')).toBeInViewport();
  await page.keyboard.press('ArrowLeft');
  await expect(last.locator('[data-drop-verdict-text]')).toBeInViewport();
  await page.keyboard.press('Space');
  await expect(last.locator('[data-pod="default/batch"]')).toBeVisible();
  expect((await snapshot(page)).pods.find((p) => p.name === 'batch')?.nodeName).toBe('n-12');
  expect(health.consoleErrors).toEqual([]);
});

test('a pointer drag held at the bottom edge scrolls the page down to a node below the fold and drops there', async ({ page, baseURL }) => {
  const health = await openTwelve(page, baseURL!);
  const from = page.locator('[data-pod="default/batch"]');
  const last = page.locator('[data-node="n-12"]');
  await from.scrollIntoViewIfNeeded();
  await animationsSettled(page);
  const a = (await from.boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(a.x + a.width / 2 + 12, a.y + a.height / 2 + 4, { steps: 3 });
  await expect(page.locator('[data-drag-hint]')).toBeVisible();
  // Held near the bottom edge (above the drag hint), the page scrolls until the last row shows.
  await page.mouse.move(640, 760, { steps: 6 });
  await expect(last).toBeInViewport({ timeout: 15_000 });
  // Leave the edge, then go onto the card where it now is.
  await page.mouse.move(640, 400, { steps: 4 });
  // The auto-scroll stops on the next render after the pointer left the edge: measure once it has.
  await scrollSettled(page);
  const b = (await last.boundingBox())!;
  await page.mouse.move(b.x + b.width / 2, b.y + Math.min(b.height / 2, 60), { steps: 8 });
  await expect(last).toHaveAttribute('data-drop-verdict', 'fits');
  await page.mouse.up();
  await expect(last.locator('[data-pod="default/batch"]')).toBeVisible();
  expect((await snapshot(page)).pods.find((p) => p.name === 'batch')?.nodeName).toBe('n-12');
  expect(health.consoleErrors).toEqual([]);
});

/**
 * Three nodes, the canvas view chosen with the Pod view select (past 200 nodes it is the
 * default: the same canvases, but loading and repainting 210 of them was most of these tests'
 * time); `solo` runs on worker-0.
 */
function canvasScenario(): string {
  const docs: unknown[] = [];
  for (let i = 0; i < 3; i++) {
    docs.push({ apiVersion: 'v1', kind: 'Node', metadata: { name: `worker-${i}` }, status: { allocatable: { cpu: '4', memory: '8Gi', pods: '110' } } });
  }
  docs.push({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'solo', namespace: 'default' }, spec: { nodeName: 'worker-0', containers: [{ name: 'main', image: 'nginx' }] } });
  return docs.map((doc) => JSON.stringify(doc)).join('\n---\n');
}

/** The colours of worker-0's canvas: its first pod's square and a corner of the background, as #rrggbb. */
async function canvasColours(page: Page) {
  return page.locator('[data-node="worker-0"] canvas').evaluate((canvas: HTMLCanvasElement) => {
    const context = canvas.getContext('2d')!;
    const ratio = canvas.width / canvas.getBoundingClientRect().width;
    const at = (x: number, y: number) => {
      const [r, g, b] = context.getImageData(Math.floor(x * ratio), Math.floor(y * ratio), 1, 1).data;
      return `#${[r, g, b].map((v) => v.toString(16).padStart(2, '0')).join('')}`;
    };
    // pod-canvas.ts: 10 px squares from (3, 3); the 1 px at the very corner is background.
    return { pod: at(8, 8), background: at(1, 1) };
  });
}

for (const system of ['light', 'dark'] as const) {
  test(`a ${system} system: the canvas view paints its pods in the theme select's palette, and repaints when it changes`, async ({ page, baseURL }) => {
    const health = watchPageHealth(page, baseURL!);
    await page.emulateMedia({ colorScheme: system });
    await page.goto('/');
    await waitForCluster(page);
    await page.evaluate((yaml) => window.__podscape!.load(yaml), canvasScenario());
    await page.evaluate(() => window.__podscape!.advance(5_000));
    await page.getByLabel('Pod view').selectOption('canvas');
    await expect(page.getByLabel('Pod view')).toHaveValue('canvas');
    await expect(page.locator('[data-node="worker-0"] canvas')).toBeVisible();
    expect((await snapshot(page)).pods.find((p) => p.name === 'solo')?.phase).toBe('Running');
    // pod-canvas.ts's palettes: Running and the card background, light and dark.
    const LIGHT = { pod: '#1a7f37', background: '#ffffff' };
    const DARK = { pod: '#3fb950', background: '#161b22' };
    await expect.poll(() => canvasColours(page)).toEqual(system === 'dark' ? DARK : LIGHT);
    const theme = page.getByLabel('Theme');
    await theme.selectOption('Dark');
    await expect.poll(() => canvasColours(page)).toEqual(DARK);
    await theme.selectOption('Light');
    await expect.poll(() => canvasColours(page)).toEqual(LIGHT);
    await theme.selectOption('System');
    await expect.poll(() => canvasColours(page)).toEqual(system === 'dark' ? DARK : LIGHT);
    expect(health.consoleErrors).toEqual([]);
  });
}

test('"What just happened" says, as the kill unfolds, which controller did what and why, in a polite live log', async ({ page, baseURL }) => {
  const health = watchPageHealth(page, baseURL!);
  await page.goto('/');
  await waitForCluster(page);
  await page.getByRole('button', { name: 'Scenarios' }).click();
  await page.getByRole('button', { name: 'Load scenario DaemonSet vs Deployment vs StatefulSet on failure' }).click();
  await expect.poll(async () => (await snapshot(page)).nodes.length).toBe(3);
  await page.evaluate(() => window.__podscape!.advance(5_000));
  const log = page.getByRole('log', { name: 'What just happened' });
  await expect(log).toHaveAttribute('aria-live', 'polite');

  await page.getByRole('button', { name: 'Kill node worker-2' }).click();
  await expect(log.getByRole('listitem').first()).toContainText('worker-2 lost power');
  await expect(log).toContainText('the API server still shows it Ready');

  // At 50 s without a heartbeat the node lifecycle controller acts: the event and the taints.
  await page.evaluate(() => window.__podscape!.advance(50_000));
  await expect(log).toContainText(/node-controller\s*NodeNotReady/);
  await expect(log).toContainText('Node worker-2 status is now: NodeNotReady');
  await expect(log).toContainText(/node-controller: tainted worker-2: node.kubernetes.io\/unreachable:NoSchedule/);
  // The NoExecute taint follows on the controller's next pass, with what it leads to.
  await page.evaluate(() => window.__podscape!.advance(10_000));
  await expect(log).toContainText(/tainted worker-2: node.kubernetes.io\/unreachable:NoExecute — pods that do not tolerate it are evicted/);

  // 30 s after the taint (this preset's tolerationSeconds) the evictions, and the owners' answers.
  await page.evaluate(() => window.__podscape!.advance(22_000));
  await expect(log).toContainText(/taint-eviction-controller\s*TaintManagerEviction/);
  await expect(log).toContainText('db-0');
  await expect(log).toContainText(/replicaset-controller\s*SuccessfulCreate/);
  await expect(log).toContainText(/job-controller\s*SuccessfulCreate/);
  // Below 960 px of height (here 720) the bar starts compact, so that it does not hide the
  // first row of node cards: the newest line only, beside its heading.
  expect((await log.ariaSnapshot()).match(/listitem/g)).toHaveLength(1);
  const bar = page.locator('[data-story-log]');
  const compactHeight = (await bar.boundingBox())!.height;
  await page.getByRole('button', { name: 'Show 3 lines' }).click();
  // The accessibility tree reads each line shown whole: the newest three.
  const tree = await log.ariaSnapshot();
  expect(tree).toMatch(/listitem: .*replicaset-controller SuccessfulCreate: Created pod: web-.* — its controller counts fewer pods/);
  expect(tree.match(/listitem/g)).toHaveLength(3);
  expect((await bar.boundingBox())!.height).toBeGreaterThan(compactHeight * 1.5);
  await page.getByRole('button', { name: 'Show 1 line' }).click();
  expect((await log.ariaSnapshot()).match(/listitem/g)).toHaveLength(1);
  await page.getByRole('button', { name: 'Show 3 lines' }).click();
  // It stays in view at the window's foot while the page scrolls.
  await page.locator('[data-node="worker-1"]').scrollIntoViewIfNeeded();
  await expect(log).toBeInViewport();
  await page.getByRole('heading', { name: /^Events/ }).scrollIntoViewIfNeeded();
  await expect(log).toBeInViewport();
  expect(health.consoleErrors).toEqual([]);
});

test('on a projector (1024×768 at 150 %), the dead node’s taints wrap between their parts and its countdown stays in its box', async ({ page, baseURL }) => {
  const health = watchPageHealth(page, baseURL!);
  await page.setViewportSize({ width: 683, height: 512 });
  await page.goto('/');
  await waitForCluster(page);
  await page.getByRole('button', { name: 'Scenarios' }).click();
  await page.getByRole('button', { name: 'Load scenario DaemonSet vs Deployment vs StatefulSet on failure' }).click();
  await expect.poll(async () => (await snapshot(page)).nodes.length).toBe(3);
  await page.getByRole('button', { name: 'Kill node worker-2' }).click();
  await page.evaluate(() => window.__podscape!.advance(62_000));
  const card = page.locator('[data-node="worker-2"]');
  await expect(card.locator('.taint')).toHaveText(['node.kubernetes.io/unreachable:NoSchedule', 'node.kubernetes.io/unreachable:NoExecute']);
  await expect(card.getByRole('timer', { name: 'Eviction in' })).toBeVisible();
  // Every piece of a taint's text sits on one line: the chip breaks after "/" or ":", not inside a word.
  const broken = await card.locator('.taint').evaluateAll((chips) =>
    chips.flatMap((chip) =>
      Array.from(chip.childNodes).flatMap((n) => {
        if (n.nodeType !== Node.TEXT_NODE) return [];
        const range = document.createRange();
        range.selectNodeContents(n);
        const lines = new Set(Array.from(range.getClientRects(), (r) => Math.round(r.top)));
        return lines.size > 1 ? [n.textContent] : [];
      }),
    ),
  );
  expect(broken).toEqual([]);
  const deadline = card.locator('[data-node-deadline]');
  expect(await deadline.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
  expect(health.consoleErrors).toEqual([]);
});

test('the first Tab offers "Skip to the cluster", shown when focused; Enter takes the keyboard past the toolbars to the nodes', async ({ page, baseURL }) => {
  const health = watchPageHealth(page, baseURL!);
  await page.goto('/');
  await waitForCluster(page);
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to the cluster' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  // The next stops are the cluster's own: the pod view switch, then the tray and the node cards.
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Pod view')).toBeFocused();
  // Unfocused, the link is out of sight.
  const box = await skip.boundingBox();
  expect(box === null || box.width <= 1 || box.y + box.height <= 0).toBe(true);
  expect(health.consoleErrors).toEqual([]);
});

test('on a projector (683×512 CSS pixels) a preset’s description starts folded, and the node cards start on the second screen at the latest', async ({ page, baseURL }) => {
  const health = watchPageHealth(page, baseURL!);
  await page.setViewportSize({ width: 683, height: 512 });
  await page.goto('/');
  await waitForCluster(page);
  await page.getByRole('button', { name: 'Scenarios' }).click();
  await page.getByRole('button', { name: 'Load scenario DaemonSet vs Deployment vs StatefulSet on failure' }).click();
  const about = page.locator('details.preset-about');
  await expect(about.locator('summary')).toHaveText('About this preset: DaemonSet vs Deployment vs StatefulSet on failure');
  await expect(about).toHaveJSProperty('open', false);
  const top = await page.locator('[data-node="worker-1"]').evaluate((el) => el.getBoundingClientRect().top + window.scrollY);
  expect(top).toBeLessThan(2 * 512);
  expect(health.consoleErrors).toEqual([]);
});

test('on a projector (683×512 CSS pixels) the header and toolbar take less than half the first screen, the tools starting from the left', async ({ page, baseURL }) => {
  const health = watchPageHealth(page, baseURL!);
  await page.setViewportSize({ width: 683, height: 512 });
  await page.goto('/');
  await waitForCluster(page);
  await page.getByRole('button', { name: 'Scenarios' }).click();
  await page.getByRole('button', { name: 'Load scenario DaemonSet vs Deployment vs StatefulSet on failure' }).click();
  await expect(page.getByText('Timings changed from Kubernetes defaults')).toBeVisible();
  const bottom = await page.locator('.app-toolbar').evaluate((el) => el.getBoundingClientRect().bottom + window.scrollY);
  expect(bottom).toBeLessThan(256);
  // Every control is still there, and the rows start at the left margin.
  for (const name of ['Play', 'Step', 'Presenter mode', 'Scenarios', 'Import YAML', 'Export', 'Reset', 'Share', 'Add node']) {
    await expect(page.getByRole('button', { name, exact: true })).toBeVisible();
  }
  const play = (await page.getByRole('button', { name: 'Play', exact: true }).boundingBox())!;
  const scenarios = (await page.getByRole('button', { name: 'Scenarios', exact: true }).boundingBox())!;
  expect(Math.abs(play.x - scenarios.x)).toBeLessThan(4);
  expect(health.consoleErrors).toEqual([]);
});

test('a pod card focused under the sticky story bar is scrolled clear of it (focus not obscured)', async ({ page, baseURL }) => {
  const health = watchPageHealth(page, baseURL!);
  await page.goto('/');
  await waitForCluster(page);
  await page.evaluate(async () => {
    await window.__podscape!.advance(15_000);
    await window.__podscape!.dispatch({ action: 'killNode', node: 'worker-1' });
    await window.__podscape!.advance(60_000);
  });
  const bar = page.locator('[data-story-log]');
  await expect(page.getByRole('log', { name: /What just happened/ }).getByRole('listitem').first()).toBeVisible();
  // Each card in turn: scrolled to just under the bar's top edge, then focused as Tab would.
  const obscured = await page.evaluate(() => {
    const barEl = document.querySelector('[data-story-log]')!;
    const hidden: string[] = [];
    for (const card of Array.from(document.querySelectorAll<HTMLElement>('[data-node] [data-pod]'))) {
      window.scrollTo(0, 0);
      const top = barEl.getBoundingClientRect().top;
      window.scrollBy(0, card.getBoundingClientRect().top - (top + 10));
      if (card.getBoundingClientRect().top < top) continue; // the page ends before: the card cannot go under the bar
      card.focus();
      if (card.getBoundingClientRect().bottom > barEl.getBoundingClientRect().top + 1) hidden.push(card.dataset.pod!);
    }
    return hidden;
  });
  expect(obscured).toEqual([]);
  await expect(bar).toBeInViewport();
  expect(health.consoleErrors).toEqual([]);
});
