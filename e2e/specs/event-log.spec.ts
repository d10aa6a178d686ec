import { expect, test, type Page } from '@playwright/test';
import type { Frame } from '../../src/protocol/engine-api';
import type {} from '../../src/ui/e2e-api'; // declares window.__podscape
import { waitForCluster, watchPageHealth } from '../fixtures/page-health';

const snapshot = (page: Page) => page.evaluate(() => window.__podscape!.snapshot()) as Promise<Frame>;
const advance = (page: Page, ms: number) => page.evaluate((by) => window.__podscape!.advance(by), ms);

test('a dead node shows in the event log: NodeNotReady, then TaintManagerEviction and the replacements Scheduled; filters narrow it', async ({ page, baseURL }) => {
  const health = watchPageHealth(page, baseURL!);
  await page.goto('/');
  await waitForCluster(page);
  const log = page.getByRole('region', { name: /^Events/ });
  const rows = log.locator('tbody tr');
  const before = await snapshot(page);
  // Everything on worker-2 but the DaemonSet pod (which tolerates the unreachable taint) is evicted;
  // the Deployments' ReplicaSets replace theirs at once.
  const evicted = before.pods.filter((p) => p.nodeName === 'worker-2' && p.owner?.kind !== 'DaemonSet');
  const replaced = evicted.filter((p) => p.owner?.kind === 'ReplicaSet');
  expect(replaced.length).toBeGreaterThan(0);

  await page.evaluate(() => window.__podscape!.dispatch({ action: 'killNode', node: 'worker-2' }));
  await advance(page, 60_000);
  // The node controller notices after the 50 s grace period: seen 10 s ago at 00:01:00.
  const notReady = log.locator('tr[data-event-reason="NodeNotReady"]');
  await expect(notReady).toHaveCount(1);
  await expect(notReady).toContainText('node/worker-2');
  await expect(notReady).toContainText('Node worker-2 status is now: NodeNotReady');
  await expect(notReady.getByRole('cell').first()).toHaveText('10s');
  await expect(notReady.getByRole('cell').first()).toHaveAttribute('title', /00:00:50/);

  // Five minutes later the taint manager evicts the Deployment pods and the scheduler places their replacements.
  await advance(page, 5 * 60_000);
  const after = await snapshot(page);
  const known = new Set(before.pods.map((p) => p.uid));
  const replacements = after.pods.filter((p) => !known.has(p.uid) && p.owner?.kind === 'ReplicaSet');
  expect(replacements.length).toBe(replaced.length);
  for (const pod of evicted) {
    await expect(log.locator('tr[data-event-reason="TaintManagerEviction"]', { hasText: `pod/${pod.name}` })).toContainText(`Marking for deletion Pod default/${pod.name}`);
  }
  for (const pod of replacements) {
    await expect(log.locator('tr[data-event-reason="Scheduled"]', { hasText: `pod/${pod.name}` })).toContainText(`Successfully assigned default/${pod.name} to ${pod.nodeName}`);
  }
  // Newest first: the evictions come before the NodeNotReady of five minutes earlier.
  const reasons = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-event-reason')));
  expect(reasons.indexOf('TaintManagerEviction')).toBeLessThan(reasons.indexOf('NodeNotReady'));

  // Type filter: only warnings (ml-training's FailedScheduling).
  await log.getByLabel('Type').selectOption('Warning');
  await expect(rows.first()).toHaveAttribute('data-event-type', 'Warning');
  expect(await rows.evaluateAll((trs) => [...new Set(trs.map((tr) => tr.getAttribute('data-event-type')))])).toEqual(['Warning']);
  await expect(log.locator('tr[data-event-reason="FailedScheduling"]').first()).toContainText('pod/ml-training');
  await expect(log.locator('tr[data-event-reason="NodeNotReady"]')).toHaveCount(0);

  // Reason and free text.
  await log.getByLabel('Type').selectOption('');
  await log.getByLabel('Reason').selectOption('TaintManagerEviction');
  await expect(rows).toHaveCount(evicted.length);
  await log.getByLabel('Reason').selectOption('');
  await log.getByLabel('Search').fill(replacements[0].name);
  await expect(rows.first()).toContainText(replacements[0].name);
  for (const text of await rows.allTextContents()) expect(text).toContain(replacements[0].name);
  await log.getByLabel('Search').fill('no event says this');
  await expect(log.getByText('No events match the filter.')).toBeVisible();
  await log.getByLabel('Search').fill('');

  // The object column selects the object in the inspector.
  await log.locator('tr[data-event-reason="NodeNotReady"]').getByRole('button', { name: 'node/worker-2' }).click();
  await expect(page.getByRole('complementary', { name: 'Inspector' }).getByRole('heading', { level: 2 })).toHaveText('Node worker-2');

  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(health.consoleErrors).toEqual([]);
  expect(health.foreignRequests).toEqual([]);
});
