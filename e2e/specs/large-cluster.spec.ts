import { expect, test, type Page } from '@playwright/test';
import type { Frame } from '../../src/protocol/engine-api';
import type {} from '../../src/ui/e2e-api'; // declares window.__podscape
import { waitForCluster, watchPageHealth } from '../fixtures/page-health';

const NODES = 300;
const DEPLOYMENTS = 20;
const REPLICAS = 30;

/** 300 nodes over four zones, 20 Deployments of 30 pods, and one pod that fits nowhere. */
function largeScenario(): string {
  const docs: unknown[] = [{ apiVersion: 'podscape.dev/v1alpha1', kind: 'Scenario', metadata: { name: 'large-300' }, spec: { seed: 3, speed: 10 } }];
  for (let i = 0; i < NODES; i++) {
    const name = `node-${String(i).padStart(3, '0')}`;
    docs.push({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name, labels: { 'kubernetes.io/hostname': name, 'topology.kubernetes.io/zone': `zone-${'abcd'[i % 4]}` } },
      status: { allocatable: { cpu: '8', memory: '32Gi', pods: '110' }, conditions: [{ type: 'Ready', status: 'True' }] },
    });
  }
  for (let d = 0; d < DEPLOYMENTS; d++) {
    const app = `app-${d}`;
    docs.push({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: app, namespace: d % 2 ? 'shop' : 'default' },
      spec: {
        replicas: REPLICAS,
        selector: { matchLabels: { app } },
        template: { metadata: { labels: { app } }, spec: { containers: [{ name: 'main', image: 'nginx', resources: { requests: { cpu: '100m', memory: '128Mi' } } }] } },
      },
    });
  }
  docs.push({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'too-big', namespace: 'default' }, spec: { containers: [{ name: 'main', image: 'nginx', resources: { requests: { cpu: '64' } } }] } });
  return docs.map((doc) => JSON.stringify(doc)).join('\n---\n');
}

const snapshot = (page: Page) => page.evaluate(() => window.__podscape!.snapshot()) as Promise<Frame>;

test('a 300-node cluster draws its pods on canvases, and the list view carries every pod', async ({ page, baseURL }) => {
  test.setTimeout(120_000);
  const health = watchPageHealth(page, baseURL!);
  await page.goto('/');
  await waitForCluster(page);
  // The default scenario is small: DOM cards.
  await expect(page.getByLabel('Pod view')).toHaveValue('cards');
  await expect(page.locator('canvas')).toHaveCount(0);

  await page.evaluate((text) => window.__podscape!.load(text), largeScenario());
  const frame = await snapshot(page);
  expect(frame.nodes).toHaveLength(NODES);
  expect(frame.pods).toHaveLength(DEPLOYMENTS * REPLICAS + 1);

  // Large: the canvas view, with node cards (and their meters) in the DOM and no pod cards on the nodes.
  await expect(page.getByLabel('Pod view')).toHaveValue('canvas');
  await expect(page.locator('[data-node]')).toHaveCount(NODES);
  await expect(page.locator('[data-node] [data-pod]')).toHaveCount(0);
  const first = frame.nodes[0].name;
  const onFirst = frame.pods.filter((p) => p.nodeName === first);
  const canvas = page.locator(`[data-node="${first}"] canvas`);
  await expect(canvas).toHaveAccessibleName(new RegExp(`^Pods on ${first}, ${onFirst.length} pods?`));
  await expect(page.locator(`[data-node="${first}"]`).getByRole('meter', { name: 'pods' })).toHaveAttribute('aria-valuenow', String(onFirst.length));
  // The pod that fits nowhere waits in the pending tray, saying why.
  await expect(page.locator('[data-pending-tray] [data-pod="default/too-big"] [data-pod-message]')).toHaveText(/^0\/300 nodes are available: /);

  // Hover names the pod under the pointer; a click selects it (the list view shows the selection).
  expect(onFirst.length).toBeGreaterThan(0);
  await canvas.hover({ position: { x: 8, y: 8 } });
  await expect(page.getByRole('tooltip')).toHaveText(`${onFirst[0].namespace}/${onFirst[0].name} · ${onFirst[0].phase}`);
  await canvas.click({ position: { x: 8, y: 8 } });

  // The list view: one data-pod row per pod, with phase and terminating state.
  await page.getByLabel('Pod view').selectOption('list');
  await expect(page.locator('canvas')).toHaveCount(0);
  await expect(page.locator('[data-pod]')).toHaveCount(frame.pods.length);
  const rows = await page.locator('[data-pod]').evaluateAll((els) => els.map((el) => [el.getAttribute('data-pod'), el.getAttribute('data-pod-phase')] as const));
  expect(new Map(rows)).toEqual(new Map(frame.pods.map((p) => [`${p.namespace}/${p.name}`, p.phase])));
  await expect(page.locator('[data-pending-tray] [data-pod]')).toHaveCount(frame.pods.filter((p) => p.nodeName === null).length);
  await expect(page.locator(`[data-pod="${onFirst[0].namespace}/${onFirst[0].name}"]`)).toHaveAttribute('aria-selected', 'true');

  // Killing a node and advancing past the eviction shows its pods Terminating in the list.
  await page.evaluate((node) => window.__podscape!.dispatch({ action: 'killNode', node }), first);
  await page.evaluate(() => window.__podscape!.advance(7 * 60 * 1000));
  const after = await snapshot(page);
  const terminating = after.pods.filter((p) => p.nodeName === first && p.deletionTimestamp !== null);
  expect(terminating.length).toBe(onFirst.length);
  for (const pod of terminating.slice(0, 5)) {
    await expect(page.locator(`[data-pod="${pod.namespace}/${pod.name}"]`)).toHaveAttribute('data-terminating', 'true');
  }
  await expect(page.locator('[data-pod]')).toHaveCount(after.pods.length);

  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(health.consoleErrors).toEqual([]);
  expect(health.foreignRequests).toEqual([]);
});
