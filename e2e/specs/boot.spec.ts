import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { parseAllDocuments } from 'yaml';
import type { ClusterView } from '../../src/protocol/engine-api';
import type {} from '../../src/ui/e2e-api'; // declares window.__podscape

interface Manifest {
  kind?: string;
  metadata: { name: string; namespace?: string };
  spec?: { nodeName?: string };
}

// The nodes and pods come from the scenario file itself, so the test follows it.
const manifests = parseAllDocuments(
  readFileSync(new URL('../../scenarios/default.yaml', import.meta.url), 'utf8'),
).map((doc) => doc.toJS() as Manifest);
const nodeNames = manifests.filter((m) => m.kind === 'Node').map((m) => m.metadata.name);
const podKeys = manifests
  .filter((m) => m.kind === 'Pod')
  .map((m) => `${m.metadata.namespace ?? 'default'}/${m.metadata.name}`);

/** A pod whose requests exceed every node's allocatable. */
const UNPLACEABLE = 'default/ml-training';
/** The only pod with a nodeSelector (disktype: ssd), which only worker-3 matches. */
const SSD_POD = 'default/postgres-0';

test('boots and lists the default scenario as the engine scheduled it', async ({ page, baseURL }) => {
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  const origin = new URL(baseURL!).origin;
  const foreignRequests: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.protocol !== 'data:' && url.protocol !== 'blob:' && url.origin !== origin) {
      foreignRequests.push(request.url());
    }
  });

  await page.goto('/');
  await expect(page).toHaveTitle('Podscape');
  await expect(page.getByRole('heading', { level: 1, name: 'Podscape' })).toBeVisible();

  // Every node of the scenario is listed, and nothing else.
  await expect(page.locator('[data-node]')).toHaveCount(nodeNames.length);
  for (const name of nodeNames) {
    await expect(page.locator(`[data-node="${name}"]`)).toBeVisible();
  }
  await expect(page.getByRole('alert')).toHaveCount(0);

  const view = await page.evaluate(() => window.__podscape?.snapshot() ?? null);
  expect(view).not.toBeNull();
  const cluster = view as ClusterView;
  expect(cluster.nodes.map((n) => n.name)).toEqual(nodeNames);

  // Each pod appears exactly once: inside the section of the node the engine chose…
  const placed = cluster.nodes.flatMap((n) => n.pods.map((p) => ({ node: n.name, key: `${p.namespace}/${p.name}`, phase: p.phase })));
  expect(placed.length).toBeGreaterThan(0);
  for (const { node, key, phase } of placed) {
    await expect(page.locator(`[data-node="${node}"] [data-pod="${key}"]`)).toHaveAttribute('data-pod-phase', phase);
  }
  for (const node of cluster.nodes) {
    const shown = await page.locator(`[data-node="${node.name}"] [data-pod]`).evaluateAll((els) => els.map((el) => el.getAttribute('data-pod')));
    expect(shown).toEqual(node.pods.map((p) => `${p.namespace}/${p.name}`));
  }
  // …or in the pending tray, with the scheduler's message.
  const tray = page.locator('[data-pending-tray]');
  const pendingShown = await tray.locator('[data-pod]').evaluateAll((els) => els.map((el) => el.getAttribute('data-pod')));
  expect(pendingShown).toEqual(cluster.pending.map((p) => `${p.namespace}/${p.name}`));
  expect([...placed.map((p) => p.key), ...pendingShown].sort()).toEqual([...podKeys].sort());

  // The scenario's intent: the SSD pod lands on the SSD node; only the oversized pod stays pending.
  expect(placed.find((p) => p.key === SSD_POD)?.node).toBe('worker-3');
  expect(pendingShown).toEqual([UNPLACEABLE]);
  const unplaceable = tray.locator(`[data-pod="${UNPLACEABLE}"]`);
  await expect(unplaceable).toHaveAttribute('data-pod-phase', 'Pending');
  await expect(unplaceable.locator('[data-pod-message]')).toHaveText(/^0\/4 nodes are available: /);

  expect(consoleErrors).toEqual([]);
  expect(foreignRequests).toEqual([]);
});
