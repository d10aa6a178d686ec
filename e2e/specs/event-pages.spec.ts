import { expect, test, type Page } from '@playwright/test';
import type { Frame } from '../../src/protocol/engine-api';
import type {} from '../../src/ui/e2e-api'; // declares window.__podscape
import { waitForCluster, watchPageHealth } from '../fixtures/page-health';

/**
 * 10 nodes and 1,050 pods: ~1,130 events at load (a Scheduled per pod; the ReplicaSet's Created pod events
 * fold into one combined row after nine, as client-go's correlator does), more than a frame carries (200)
 * or the page keeps (1,000).
 */
function busyScenario(): string {
  const docs: unknown[] = [{ apiVersion: 'podscape.dev/v1alpha1', kind: 'Scenario', metadata: { name: 'busy' }, spec: { seed: 5, speed: 10 } }];
  for (let i = 0; i < 10; i++) {
    docs.push({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: `node-${i}` },
      status: { allocatable: { cpu: '64', memory: '256Gi', pods: '110' }, conditions: [{ type: 'Ready', status: 'True' }] },
    });
  }
  docs.push({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web' },
    spec: {
      replicas: 1050,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'main', image: 'nginx', resources: { requests: { cpu: '10m' } } }] } },
    },
  });
  return docs.map((doc) => JSON.stringify(doc)).join('\n---\n');
}

const snapshot = (page: Page) => page.evaluate(() => window.__podscape!.snapshot()) as Promise<Frame>;
const ids = (page: Page) => page.evaluate(() => window.__podscape!.events()).then((p) => p.events.map((e) => e.id));

test('the event log pages older events and filters a long history from the engine', async ({ page, baseURL }) => {
  test.setTimeout(150_000); // 72 s of 90 on a loaded machine (two workers, two CPU hogs, load ~20)
  const health = watchPageHealth(page, baseURL!);
  await page.goto('/');
  await waitForCluster(page);
  await page.evaluate((text) => window.__podscape!.load(text), busyScenario());
  const frame = await snapshot(page);
  expect(frame.eventCount).toBeGreaterThan(1000);
  expect(frame.events).toHaveLength(200); // a full frame carries the newest 200; the engine has them all
  const all = await ids(page);
  expect(all).toHaveLength(frame.eventCount);

  const log = page.getByRole('region', { name: /^Events/ });
  await expect(log.getByRole('heading', { level: 2 })).toHaveText(`Events (${frame.eventCount})`);
  const rows = log.locator('tbody tr');
  const shownIds = () => rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-event-id')));
  await expect(rows).toHaveCount(200);
  expect(await shownIds()).toEqual(all.slice(0, 200).map(String));

  // Older pages come from the engine, in the same order.
  const older = log.getByRole('button', { name: 'Older events' });
  const newer = log.getByRole('button', { name: 'Newer events' });
  await expect(newer).toBeDisabled();
  await older.click();
  await expect(log.locator('table')).toHaveAttribute('data-event-offset', '200');
  await expect.poll(shownIds).toEqual(all.slice(200, 400).map(String));
  await expect(log.getByText(`showing 201–400, newest first`)).toBeVisible();
  const lastPage = Math.ceil(all.length / 200) - 1;
  for (let p = 2; p <= lastPage; p++) await older.click();
  await expect.poll(shownIds).toEqual(all.slice(lastPage * 200).map(String));
  await expect(older).toBeDisabled();
  await newer.click();
  await expect.poll(shownIds).toEqual(all.slice((lastPage - 1) * 200, lastPage * 200).map(String));

  // A filter over the whole history (the page holds only the newest events): back to the first page.
  await log.getByLabel('Reason').selectOption('Scheduled');
  await expect(log.locator('table')).toHaveAttribute('data-event-offset', '0');
  const created = await page.evaluate(() => window.__podscape!.events({ offset: 0, limit: 5000, reason: 'Scheduled' }));
  expect(created.matching).toBe(1050);
  await expect(log.locator('[data-event-count]')).toHaveAttribute('data-event-count', '1050');
  await expect.poll(shownIds).toEqual(created.events.slice(0, 200).map((e) => String(e.id)));
  await log.getByLabel('Search').fill('no event says this');
  await expect(log.getByText('No events match the filter.')).toBeVisible();

  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(health.consoleErrors).toEqual([]);
});
