import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import type { Frame } from '../../src/protocol/engine-api';
import type {} from '../../src/ui/e2e-api'; // declares window.__podscape
import { waitForCluster, watchPageHealth } from '../fixtures/page-health';

const snapshot = (page: Page) => page.evaluate(() => window.__podscape!.snapshot()) as Promise<Frame>;
const advance = (page: Page, ms: number) => page.evaluate((t) => window.__podscape!.advance(t), ms);
const inspector = (page: Page) => page.getByRole('complementary', { name: 'Inspector' });

test("a StatefulSet pod on a dead node: Delete leaves it Terminating, Force delete frees its name for the StatefulSet's new pod", async ({ page, baseURL }) => {
  const health = watchPageHealth(page, baseURL!);
  await page.goto('/');
  await waitForCluster(page);
  await advance(page, 15_000);
  const before = await snapshot(page);
  // redis: the default scenario's StatefulSet that fits on any worker (postgres needs worker-3's ssd label).
  const pod = before.pods.find((p) => p.owner?.kind === 'StatefulSet' && p.owner.name === 'redis' && p.nodeName !== null && p.phase === 'Running');
  expect(pod, 'the running redis StatefulSet pod').toBeDefined();
  const key = `${pod!.namespace}/${pod!.name}`;
  const node = pod!.nodeName!;

  await page.getByRole('button', { name: `Kill node ${node}` }).click();
  await advance(page, 60_000);
  const card = page.locator(`[data-pod="${key}"]`);
  await card.click();
  const panel = inspector(page);
  await expect(panel.getByRole('heading', { level: 2 })).toHaveText(`Pod ${key}`);

  // Graceful: a deletionTimestamp, and on a dead node the object stays (no kubelet confirms the stop).
  await panel.getByRole('button', { name: `Delete pod ${key} gracefully`, exact: true }).click();
  await expect(panel.getByRole('status', { name: 'kubectl delete output' })).toHaveText(`pod "${pod!.name}" deleted`);
  await expect(card).toHaveAttribute('data-terminating', 'true');
  await advance(page, 60_000);
  await expect(card).toHaveAttribute('data-terminating', 'true');
  const waiting = await snapshot(page);
  expect(waiting.pods.filter((p) => `${p.namespace}/${p.name}` === key).map((p) => p.nodeName)).toEqual([node]);

  // Force: gone from the API at once; the StatefulSet creates the same identity again, elsewhere.
  await panel.getByRole('button', { name: `Force delete pod ${key}`, exact: true }).click();
  const output = panel.getByRole('status', { name: 'kubectl delete output' });
  await expect(output).toContainText('Warning: Immediate deletion does not wait for confirmation');
  await expect(output).toContainText(`pod "${pod!.name}" force deleted`);
  await advance(page, 15_000);
  await expect(card).not.toHaveAttribute('data-terminating', 'true');
  const after = await snapshot(page);
  const again = after.pods.filter((p) => `${p.namespace}/${p.name}` === key);
  expect(again).toHaveLength(1);
  expect(again[0].nodeName).not.toBe(node);
  expect(again[0].nodeName).not.toBeNull();

  expect(health.consoleErrors).toEqual([]);
  expect(health.foreignRequests).toEqual([]);
});

test('a pod preemption nominated to a node shows it in the inspector until it binds there', async ({ page, baseURL }) => {
  const health = watchPageHealth(page, baseURL!);
  await page.goto('/');
  await waitForCluster(page);
  const preset = readFileSync(new URL('../../src/scenario/presets/priority-preemption.yaml', import.meta.url), 'utf8');
  await page.evaluate(async (text) => void (await window.__podscape!.load(text)), preset);
  // payments (critical) arrives at 10 s and preempts a batch pod; the victim takes a moment to stop.
  await advance(page, 10_500);
  const frame = await snapshot(page);
  expect(frame.pods.find((p) => p.name === 'payments')?.nodeName).toBeNull();
  const node = /on node (\S+)$/.exec(frame.events.find((e) => e.reason === 'Preempted')!.message)![1];
  await page.locator('[data-pod="default/payments"]').click();
  const panel = inspector(page);
  await expect(panel.locator('dt', { hasText: 'Nominated node' }).locator('xpath=following-sibling::dd[1]')).toHaveText(node);
  await advance(page, 5_000);
  await expect(panel.locator('dt', { hasText: 'Nominated node' })).toHaveCount(0);
  expect((await snapshot(page)).pods.find((p) => p.name === 'payments')?.nodeName).toBe(node);

  expect(health.consoleErrors).toEqual([]);
  expect(health.foreignRequests).toEqual([]);
});
