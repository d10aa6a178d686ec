/**
 * The round-31 presets (branch presets31b) load from the gallery and show the kubelet's new
 * states on the pod cards: OOMKilled into CrashLoopBackOff and Evicted pods, ImagePullBackOff,
 * and a CronJob's Job without the "kind Podscape does not simulate" notice.
 */
import { expect, test, type Page } from '@playwright/test';
import type {} from '../../src/ui/e2e-api'; // declares window.__podscape
import { waitForCluster, watchPageHealth } from '../fixtures/page-health';

const advance = (page: Page, ms: number) => page.evaluate((t) => window.__podscape!.advance(t), ms);

async function load(page: Page, id: string, title: string) {
  await page.getByRole('button', { name: 'Scenarios' }).click();
  const gallery = page.getByRole('dialog', { name: 'Presets and lessons' });
  await expect(gallery.locator(`[data-preset="${id}"]`)).toBeVisible();
  await gallery.getByRole('button', { name: `Load scenario ${title}` }).click();
  await expect(gallery).toBeHidden();
}

test.use({ viewport: { width: 1280, height: 800 } });

test('memory-pressure, image-pulls and cronjob load from the gallery and show their states on the cards', async ({ page, baseURL }) => {
  const health = watchPageHealth(page, baseURL!);
  await page.goto('/');
  await waitForCluster(page);

  await load(page, 'memory-pressure', 'Memory pressure, evictions and OOMKilled');
  await advance(page, 40_000);
  await expect(page.locator('[data-pod="default/report"]')).toContainText('CrashLoopBackOff');
  await expect(page.locator('[data-node="worker-1"]')).toContainText('node.kubernetes.io/memory-pressure:NoSchedule');
  await expect(page.locator('[data-node="worker-1"] [data-pod^="default/cache-"]').filter({ hasText: 'Error' })).toHaveCount(2);

  await load(page, 'image-pulls', 'Image pulls (ContainerCreating, ImagePullBackOff)');
  await advance(page, 5_000);
  await expect(page.locator('[data-pod^="default/shop-"]').first()).toContainText('ContainerCreating');
  await advance(page, 20_000);
  await expect(page.locator('[data-pod="default/typo"]')).toContainText('ImagePullBackOff');

  await load(page, 'cronjob', 'A CronJob that runs longer than its schedule');
  await expect(page.getByText('does not simulate')).toHaveCount(0);
  await advance(page, 65_000);
  await expect(page.locator('[data-pod^="default/report-29453761-"]')).toContainText('Running');
  expect(health.consoleErrors).toEqual([]);
});
