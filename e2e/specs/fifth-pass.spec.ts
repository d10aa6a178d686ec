/**
 * Branch ux15's fifth pass (docs/ui.md): crash loops and workload status in the inspector,
 * and the phone's first screen. Each test is one behaviour, seen failing before its fix.
 */
import { expect, test } from '@playwright/test';
import type {} from '../../src/ui/e2e-api'; // declares window.__podscape
import { waitForCluster, watchPageHealth } from '../fixtures/page-health';

test.describe('on a phone (390×844)', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

  test('the first screen shows the clock, the first thing to try and the first node card; the other tips are a tap away', async ({ page, baseURL }) => {
    const health = watchPageHealth(page, baseURL!);
    await page.goto('/');
    await waitForCluster(page);
    const intro = page.getByRole('region', { name: 'Start here' });
    const items = intro.getByRole('listitem');
    await expect(items.first()).toBeInViewport();
    await expect(page.getByRole('button', { name: 'Play' })).toBeInViewport();
    // The first node card's name and status (its heading row) are on the first screen.
    const firstNode = page.locator('[data-node]').first();
    const box = (await firstNode.getByRole('heading').first().boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(844);
    // The three other tips wait behind a button that says so.
    await expect(items.nth(1)).toBeHidden();
    const more = intro.getByRole('button', { name: '3 more tips' });
    await expect(more).toHaveAttribute('aria-expanded', 'false');
    await more.click();
    await expect(items).toHaveCount(4);
    for (let i = 1; i < 4; i++) await expect(items.nth(i)).toBeVisible();
    await expect(intro.getByRole('button', { name: 'Fewer tips' })).toHaveAttribute('aria-expanded', 'true');
    expect(health.consoleErrors).toEqual([]);
  });
});

/** A bare pod whose container exits 1 after 5 s: it starts at 1 s, exits at 6 s (restarted at once), 12 s (back-off 10 s: restarted at 22 s) and 28 s (back-off 20 s: due at 48 s). */
const CRASH_LOOP = `apiVersion: v1
kind: Node
metadata: { name: worker-1 }
status: { allocatable: { cpu: "2", memory: 4Gi, pods: "110" } }
---
apiVersion: v1
kind: Pod
metadata: { name: crash, namespace: default, annotations: { podscape.dev/run-duration: 5s, podscape.dev/exit-code: "1" } }
spec: { nodeName: worker-1, containers: [{ name: app, image: "app:1" }] }
`;

test('a crash-looping pod reads as kubectl prints it: STATUS, RESTARTS "2 (12s ago)", Last State Terminated Error exit 1, and when the back-off ends, in the inspector and the list view', async ({ page, baseURL }) => {
  const health = watchPageHealth(page, baseURL!);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/');
  await waitForCluster(page);
  await page.evaluate((yaml) => window.__podscape!.load(yaml), CRASH_LOOP);
  await page.evaluate(() => window.__podscape!.advance(40_000));
  await page.locator('[data-pod="default/crash"]').getByRole('button', { name: 'crash', exact: true }).click();
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  const status = inspector.getByRole('region', { name: 'Status' });
  await expect(status.getByRole('definition').first()).toHaveText('CrashLoopBackOff (phase Running)');
  await expect(status.locator('[data-restarts]')).toHaveText('2 (12s ago)');
  const container = inspector.locator('[data-container="app"]');
  await expect(container.getByRole('heading', { name: 'Container app (app:1)' })).toBeVisible();
  await expect(container.locator('[data-container-state] dd')).toContainText('Waiting, Reason: CrashLoopBackOff');
  await expect(container.locator('[data-container-state] dd')).toContainText('back-off 20s restarting failed container=app');
  await expect(container.locator('[data-container-last-state] dd')).toHaveText('Terminated, Reason: Error, Exit Code: 1Started 00:00:23, Finished 00:00:28');
  await expect(container.locator('[data-container-next-start] dd')).toHaveText('at about 00:00:48 (in 8s): a back-off of 20s after the last exit');
  // The clock moves the countdown and the "ago".
  await page.evaluate(() => window.__podscape!.advance(5_000));
  await expect(container.locator('[data-container-next-start] dd')).toHaveText('at about 00:00:48 (in 3s): a back-off of 20s after the last exit');
  await expect(status.locator('[data-restarts]')).toHaveText('2 (17s ago)');
  await page.keyboard.press('Escape');

  await page.getByLabel('Pod view').selectOption('list');
  const row = page.locator('tr[data-pod="default/crash"]');
  await expect(row.locator('[data-pod-status]')).toHaveText('CrashLoopBackOff');
  await expect(row.locator('[data-pod-restarts]')).toHaveText('2 (17s ago)');
  await expect(row).toHaveAttribute('data-pod-phase', 'Running');
  expect(health.consoleErrors).toEqual([]);
});
