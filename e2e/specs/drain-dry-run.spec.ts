import { expect, test, type Page } from '@playwright/test';
import type { Frame } from '../../src/protocol/engine-api';
import type {} from '../../src/ui/e2e-api'; // declares window.__podscape
import { waitForCluster, watchPageHealth } from '../fixtures/page-health';

const snapshot = (page: Page) => page.evaluate(() => window.__podscape!.snapshot()) as Promise<Frame>;

test.beforeEach(async ({ page }) => {
  await page.goto('/');
  await waitForCluster(page);
});

test('kubectl drain --dry-run=server from a node card: a budget that allows nothing refuses the dry-run eviction, the output says so, nothing changes', async ({ page, baseURL }) => {
  const health = watchPageHealth(page, baseURL!);
  // A budget over web (3 replicas) that allows no disruption.
  const pdb = await page.evaluate(() =>
    window.__podscape!.dispatch({
      action: 'apply',
      object: { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'web', namespace: 'default' }, spec: { minAvailable: 3, selector: { matchLabels: { app: 'web' } } } },
    }),
  );
  expect(pdb).toMatchObject({ ok: true });
  await page.evaluate(() => window.__podscape!.advance(2_000));
  const before = await snapshot(page);
  const isWeb = (p: Frame['pods'][number]) => p.owner?.kind === 'ReplicaSet' && p.owner.name.startsWith('web-');
  const node = before.pods.find((p) => isWeb(p) && p.nodeName !== null)!.nodeName!;
  const web = before.pods.filter((p) => p.nodeName === node && isWeb(p));
  expect(web.length).toBeGreaterThan(0);

  await page.getByLabel(`Drain options for node ${node}`).click();
  const flags = page.getByRole('group', { name: `kubectl drain flags for node ${node}` });
  await flags.getByLabel('--force').check(); // a bare pod may sit on the node
  await flags.getByLabel('--dry-run').selectOption('server');
  await page.getByRole('button', { name: `Drain node ${node}` }).click();

  const output = page.getByRole('list', { name: `kubectl drain ${node} --dry-run=server: output` });
  await expect(output).toBeFocused();
  for (const p of web) {
    await expect(output.getByText(`evicting pod default/${p.name} (server dry run)`)).toBeVisible();
    await expect(output.locator('li[data-stream="stderr"]', { hasText: `error when evicting pods/"${p.name}" -n "default" (will retry after 5s)` })).toBeVisible();
  }
  await expect(output).not.toContainText('drained');
  const section = page.getByRole('region', { name: `kubectl drain ${node} --dry-run=server` });
  await expect(section).toContainText('The API server refused');

  // Nothing cordoned or evicted.
  await expect(page.locator(`[data-node="${node}"]`)).not.toHaveAttribute('data-unschedulable');
  const after = await snapshot(page);
  expect(after.pods.filter((p) => p.nodeName === node && p.deletionTimestamp === null).map((p) => p.name).sort()).toEqual(
    before.pods.filter((p) => p.nodeName === node && p.deletionTimestamp === null).map((p) => p.name).sort(),
  );

  await page.getByRole('button', { name: `Close the dry run's output for node ${node}` }).click();
  await expect(section).toHaveCount(0);
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(health.consoleErrors).toEqual([]);
});
