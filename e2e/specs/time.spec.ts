import { expect, test, type Page } from '@playwright/test';
import type { Frame, PodFrame } from '../../src/protocol/engine-api';
import type {} from '../../src/ui/e2e-api'; // declares window.__podscape
import { waitForCluster, watchPageHealth } from '../fixtures/page-health';

const snapshot = (page: Page) => page.evaluate(() => window.__podscape!.snapshot()) as Promise<Frame>;
const podKey = (p: PodFrame) => `${p.namespace}/${p.name}`;

test('killing worker-2 and advancing 7 minutes brings its Deployment pods back elsewhere', async ({ page, baseURL }) => {
  const health = watchPageHealth(page, baseURL!);
  await page.goto('/');
  await waitForCluster(page);

  const before = await snapshot(page);
  const onWorker2 = before.pods.filter((p) => p.nodeName === 'worker-2');
  const lost = onWorker2.filter((p) => p.owner?.kind === 'ReplicaSet');
  const daemon = onWorker2.find((p) => p.owner?.kind === 'DaemonSet');
  expect(lost.length).toBeGreaterThan(0);
  expect(daemon).toBeDefined();
  const replicas = (frame: Frame, owner: string) =>
    frame.pods.filter((p) => p.owner?.kind === 'ReplicaSet' && p.owner.name === owner && p.deletionTimestamp === null);

  const result = await page.evaluate(() => window.__podscape!.dispatch({ action: 'killNode', node: 'worker-2' }));
  expect(result).toEqual({ ok: true, messages: ['node/worker-2 powered off'] });
  await page.evaluate(() => window.__podscape!.advance(7 * 60 * 1000));

  const after = await snapshot(page);
  expect(after.time).toBe(7 * 60 * 1000);
  await expect(page.getByLabel('Cluster time')).toHaveText('00:07:00');
  await expect(page.locator('[data-node="worker-2"]')).toHaveAttribute('data-node-status', 'Unknown');

  // Each ReplicaSet is back to its size, on the other nodes, Running; the old pods are Terminating on worker-2.
  for (const owner of new Set(lost.map((p) => p.owner!.name))) {
    const live = replicas(after, owner);
    expect(live).toHaveLength(replicas(before, owner).length);
    for (const pod of live) {
      expect(pod.nodeName).not.toBe('worker-2');
      await expect(page.locator(`[data-node="${pod.nodeName}"] [data-pod="${podKey(pod)}"]`)).toHaveAttribute('data-pod-phase', 'Running');
    }
  }
  for (const pod of lost) {
    await expect(page.locator(`[data-node="worker-2"] [data-pod="${podKey(pod)}"]`)).toHaveAttribute('data-terminating', 'true');
  }
  // The DaemonSet pod tolerates the unreachable taint: it stays.
  const daemonCard = page.locator(`[data-node="worker-2"] [data-pod="${podKey(daemon!)}"]`);
  await expect(daemonCard).toBeVisible();
  await expect(daemonCard).not.toHaveAttribute('data-terminating', 'true');

  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(health.consoleErrors).toEqual([]);
  expect(health.foreignRequests).toEqual([]);
});

test('Play runs the clock at the chosen speed in the worker, Pause stops it, Step advances it', async ({ page, baseURL }) => {
  const health = watchPageHealth(page, baseURL!);
  await page.goto('/');
  await waitForCluster(page);

  await page.getByLabel('Speed').selectOption('300');
  await expect(page.getByLabel('Speed')).toHaveValue('300');
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(page.getByRole('button', { name: 'Step' })).toBeDisabled();
  // 300×: five virtual minutes per real second; wait for the clock to pass one minute.
  await expect.poll(async () => (await snapshot(page)).time).toBeGreaterThan(60_000);
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();

  const paused = (await snapshot(page)).time;
  expect(paused % 100).toBe(0); // fixed 100 ms virtual steps
  await expect(page.getByLabel('Cluster time')).toHaveAttribute('data-cluster-time', String(paused));
  // Paused means paused: advance() is the only thing that moves it now.
  expect((await snapshot(page)).time).toBe(paused);

  await page.getByRole('button', { name: 'Step' }).click(); // one real second at 300×: 5 minutes
  await expect(page.getByLabel('Cluster time')).toHaveAttribute('data-cluster-time', String(paused + 300_000));

  // advance() refuses while playing, and says so in the page.
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  const refused = await page.evaluate(() => window.__podscape!.advance(1000).then(() => null, (e: Error) => e.message));
  expect(refused).toBe('step: the clock is playing; pause it first');
  await expect(page.getByRole('alert')).toContainText('pause it first');
  await page.getByRole('button', { name: 'Pause' }).click();

  expect(health.consoleErrors).toEqual([]);
});
