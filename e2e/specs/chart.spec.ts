import { expect, test, type Page } from '@playwright/test';
import type { Frame } from '../../src/protocol/engine-api';
import type {} from '../../src/ui/e2e-api'; // declares window.__podscape
import { waitForCluster, watchPageHealth } from '../fixtures/page-health';

const snapshot = (page: Page) => page.evaluate(() => window.__podscape!.snapshot()) as Promise<Frame>;

/** The cluster-wide figures the chart should report for a frame: requested over allocatable, pending pods. */
function expected(frame: Frame) {
  const sum = (f: (n: Frame['nodes'][number]) => number) => frame.nodes.reduce((s, n) => s + f(n), 0);
  const cpu = Math.round((sum((n) => n.requested.cpu) / sum((n) => n.allocatable.cpu)) * 100);
  const memory = Math.round((sum((n) => n.requested.memory) / sum((n) => n.allocatable.memory)) * 100);
  return { cpu, memory, pending: frame.queue.length };
}

test('the cluster load chart follows the frames and describes its latest values', async ({ page, baseURL }) => {
  const health = watchPageHealth(page, baseURL!);
  await page.goto('/');
  await waitForCluster(page);
  const chart = page.getByRole('img', { name: /^Cluster load chart/ });

  const start = expected(await snapshot(page));
  expect(start.pending).toBe(1); // ml-training
  await expect(chart).toHaveAttribute('aria-label', `Cluster load chart. At 00:00:00: cpu ${start.cpu}% of allocatable requested, memory ${start.memory}%, 1 pending pod.`);

  // A node dies: its pods are deleted after the eviction and their requests leave the sums.
  await page.evaluate(() => window.__podscape!.dispatch({ action: 'killNode', node: 'worker-2' }));
  for (let i = 0; i < 8; i++) await page.evaluate(() => window.__podscape!.advance(60_000));
  const later = expected(await snapshot(page));
  await expect(chart).toHaveAttribute('aria-label', new RegExp(`At 00:08:00: cpu ${later.cpu}% of allocatable requested, memory ${later.memory}%, ${later.pending} pending pods?\\.$`));
  // One line per series, drawn through every sample (0, 1, …, 8 minutes).
  for (const series of ['cpu', 'memory', 'pending']) {
    await expect(chart.locator(`path[data-series="${series}"]`)).toHaveAttribute('d', /^M.+L.+/);
  }
  // The text alternative: the newest samples first.
  const rows = page.getByRole('table', { name: /Cluster load, newest/ }).locator('tbody tr');
  await expect(rows).toHaveCount(9);
  await expect(rows.first()).toContainText('00:08:00');

  // A new scenario starts the chart over.
  await page.evaluate(() =>
    window.__podscape!.load(
      'apiVersion: v1\nkind: Node\nmetadata: { name: solo }\nstatus: { allocatable: { cpu: "2", memory: 4Gi, pods: "110" }, conditions: [{ type: Ready, status: "True" }] }\n',
    ),
  );
  await expect(rows).toHaveCount(1);
  await expect(chart).toHaveAttribute('aria-label', 'Cluster load chart. At 00:00:00: cpu 0% of allocatable requested, memory 0%, 0 pending pods.');
  expect(health.consoleErrors).toEqual([]);
  expect(health.foreignRequests).toEqual([]);
});
