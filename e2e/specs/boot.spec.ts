import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { parseAllDocuments } from 'yaml';
import type { Frame } from '../../src/protocol/engine-api';
import type {} from '../../src/ui/e2e-api'; // declares window.__podscape
import { waitForCluster, watchPageHealth } from '../fixtures/page-health';

interface Manifest {
  kind?: string;
  metadata: { name: string; namespace?: string };
  spec?: { replicas?: number };
}

// The nodes and workloads come from the scenario file itself, so the test follows it.
const manifests = parseAllDocuments(
  readFileSync(new URL('../../scenarios/default.yaml', import.meta.url), 'utf8'),
).map((doc) => doc.toJS() as Manifest);
const ofKind = (kind: string) => manifests.filter((m) => m.kind === kind);
const key = (m: Manifest) => `${m.metadata.namespace ?? 'default'}/${m.metadata.name}`;
const nodeNames = ofKind('Node').map((m) => m.metadata.name);

/** A pod whose requests exceed every node's allocatable. */
const UNPLACEABLE = 'default/ml-training';
/** The only workload with a nodeSelector (disktype: ssd), which only worker-3 matches. */
const SSD_POD = 'default/postgres-0';

test('boots paused at time 0 with the default scenario scheduled by the engine in the worker', async ({ page, baseURL }) => {
  const health = watchPageHealth(page, baseURL!);

  await page.goto('/');
  await expect(page).toHaveTitle('Podscape');
  await expect(page.getByRole('heading', { level: 1, name: 'Podscape' })).toBeVisible();
  await waitForCluster(page);
  // The engine runs in its module worker, not on the main thread.
  expect(page.workers().map((w) => new URL(w.url()).pathname)).toEqual([expect.stringMatching(/engine\.worker[^/]*\.js$/)]);

  // Every node of the scenario is listed, and nothing else.
  await expect(page.locator('[data-node]')).toHaveCount(nodeNames.length);
  for (const name of nodeNames) {
    await expect(page.locator(`[data-node="${name}"]`)).toHaveAttribute('data-node-status', 'Ready');
  }
  await expect(page.getByRole('alert')).toHaveCount(0);

  // Each node card has its cpu, memory and pods meters: requested vs allocatable as numbers.
  for (const name of nodeNames) {
    const meters = page.locator(`[data-node="${name}"]`).getByRole('meter');
    await expect(meters).toHaveCount(3);
    for (const resource of ['cpu', 'memory', 'pods']) {
      const meter = meters.and(page.getByLabel(resource, { exact: true }));
      await expect(meter).toHaveAttribute('aria-valuenow', /^\d+$/);
      await expect(meter).toHaveAttribute('aria-valuemax', /^[1-9]\d*$/);
      await expect(meter).toHaveAttribute('aria-valuemin', '0');
    }
  }

  // The clock: paused at 0 with the scenario's speed.
  await expect(page.getByLabel('Cluster time')).toHaveText('00:00:00');
  await expect(page.getByRole('button', { name: 'Play' })).toBeEnabled();
  await expect(page.getByRole('button', { name: 'Step' })).toBeEnabled();
  await expect(page.getByLabel('Speed')).toHaveValue('10');

  const frame = (await page.evaluate(() => window.__podscape!.snapshot())) as Frame;
  expect(frame).toMatchObject({ time: 0, playing: false, speed: 10 });
  expect(frame.nodes.map((n) => n.name)).toEqual([...nodeNames].sort());

  // Each pod appears exactly once: inside the card of the node the engine chose, or in the tray.
  const tray = page.locator('[data-pending-tray]');
  for (const pod of frame.pods) {
    const where = pod.nodeName === null ? tray : page.locator(`[data-node="${pod.nodeName}"]`);
    await expect(where.locator(`[data-pod="${pod.namespace}/${pod.name}"]`)).toHaveAttribute('data-pod-phase', pod.phase);
  }
  await expect(page.locator('[data-pod]')).toHaveCount(frame.pods.length);

  // The workloads' controllers made their pods: bare pods as written, StatefulSet pods
  // by ordinal, a Deployment's replicas through its ReplicaSet, a DaemonSet pod per node
  // (log-collector tolerates the control-plane taint).
  const keys = frame.pods.map((p) => `${p.namespace}/${p.name}`);
  for (const pod of ofKind('Pod')) expect(keys).toContain(key(pod));
  for (const set of ofKind('StatefulSet')) expect(keys).toContain(`${key(set)}-0`);
  for (const deployment of ofKind('Deployment')) {
    const owned = frame.pods.filter((p) => p.owner?.kind === 'ReplicaSet' && p.owner.name.startsWith(`${deployment.metadata.name}-`));
    expect(owned).toHaveLength(deployment.spec!.replicas!);
  }
  for (const set of ofKind('DaemonSet')) {
    const owned = frame.pods.filter((p) => p.owner?.kind === 'DaemonSet' && p.owner.name === set.metadata.name);
    expect(owned.map((p) => p.nodeName).sort()).toEqual([...nodeNames].sort());
  }

  // The scenario's intent: the SSD pod lands on the SSD node; only the oversized pod waits, saying why.
  expect(frame.pods.find((p) => `${p.namespace}/${p.name}` === SSD_POD)?.nodeName).toBe('worker-3');
  const pendingShown = await tray.locator('[data-pod]').evaluateAll((els) => els.map((el) => el.getAttribute('data-pod')));
  expect(pendingShown).toEqual([UNPLACEABLE]);
  await expect(tray.locator(`[data-pod="${UNPLACEABLE}"]`)).toHaveAttribute('data-pod-phase', 'Pending');
  await expect(tray.locator(`[data-pod="${UNPLACEABLE}"] [data-pod-message]`)).toHaveText(/^0\/4 nodes are available: /);

  expect(health.consoleErrors).toEqual([]);
  expect(health.foreignRequests).toEqual([]);
});

test('shows a broken scenario as an alert with the file and line, keeping the cluster', async ({ page, baseURL }) => {
  const health = watchPageHealth(page, baseURL!);
  await page.goto('/');
  await waitForCluster(page);

  const error = await page.evaluate(() => window.__podscape!.load('kind: Pod\nmetadata: [unclosed').then(() => null, (e: Error) => e.message));
  expect(error).toMatch(/^imported\.yaml:2:\d+: /);
  await expect(page.getByRole('alert')).toContainText(/Could not load the scenario: imported\.yaml:2:\d+: /);
  await expect(page.locator('[data-node]')).toHaveCount(nodeNames.length);

  await page.getByRole('button', { name: 'Dismiss error' }).click();
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(health.consoleErrors).toEqual([]);
});
