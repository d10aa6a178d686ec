/**
 * Branch ux15's fifth pass (docs/ui.md): crash loops and workload status in the inspector,
 * and the phone's first screen. Each test is one behaviour, seen failing before its fix.
 */
import { expect, test } from '@playwright/test';
import type {} from '../../src/ui/e2e-api'; // declares window.__podscape
import { waitForCluster, watchPageHealth } from '../fixtures/page-health';
import { inspectButton, openScenario } from '../fixtures/session';
import { CRASH_LOOP } from '../fixtures/scenarios';

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
    // The inspector takes the screen's width, no more: its title starts inside the left edge (it was at −33 px).
    await page.locator('[data-pod="default/ml-training"]').getByRole('button', { name: 'ml-training', exact: true }).click();
    const title = (await page.getByRole('heading', { name: 'Pod default/ml-training' }).boundingBox())!;
    expect(title.x).toBeGreaterThanOrEqual(0);
    const panel = (await page.getByRole('complementary', { name: 'Inspector' }).boundingBox())!;
    expect(panel.x).toBeGreaterThanOrEqual(0);
    expect(panel.x + panel.width).toBeLessThanOrEqual(390);
    expect(health.consoleErrors).toEqual([]);
  });
});


test('a crash-looping pod reads as kubectl prints it: STATUS, RESTARTS "2 (12s ago)", Last State Terminated Error exit 1, and when the back-off ends, in the inspector and the list view', async ({ page, baseURL }) => {
  const health = watchPageHealth(page, baseURL!);
  await page.setViewportSize({ width: 1280, height: 800 });
  await openScenario(page, CRASH_LOOP, 40_000);
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

/**
 * crash14's held-out rollout (src/cli/run-cases/crash-rollout.yaml): `web` (4 replicas, maxSurge and
 * maxUnavailable 25 %, minReadySeconds 10, progressDeadlineSeconds 60) gets, at 30 s, a template
 * whose container exits after 3 s: the rollout stops at 3 old + 2 new pods, never available, and
 * Progressing turns False ProgressDeadlineExceeded at 178 s. A StatefulSet beside it.
 */
const STUCK_ROLLOUT = `apiVersion: podscape.dev/v1alpha1
kind: Scenario
metadata: { name: stuck-rollout }
spec:
  seed: 14
  timeline:
    - at: 30s
      action: apply
      object:
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: web, namespace: default }
        spec:
          replicas: 4
          minReadySeconds: 10
          progressDeadlineSeconds: 60
          selector: { matchLabels: { app: web } }
          template:
            metadata: { labels: { app: web }, annotations: { podscape.dev/run-duration: 3s, podscape.dev/exit-code: "1" } }
            spec: { containers: [{ name: app, image: "web:2", resources: { requests: { cpu: 100m } } }] }
---
apiVersion: v1
kind: Node
metadata: { name: worker-1 }
status: { allocatable: { cpu: "8", memory: 16Gi, pods: "110" } }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: default }
spec:
  replicas: 4
  minReadySeconds: 10
  progressDeadlineSeconds: 60
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [{ name: app, image: "web:1", resources: { requests: { cpu: 100m } } }] }
---
apiVersion: apps/v1
kind: StatefulSet
metadata: { name: db, namespace: default }
spec:
  replicas: 2
  serviceName: db
  selector: { matchLabels: { app: db } }
  template:
    metadata: { labels: { app: db } }
    spec: { containers: [{ name: db, image: "db:1" }] }
`;

test("a workload's inspector tells what kubectl get, describe and rollout status would: a stuck rollout's ReplicaSets and conditions, a StatefulSet's replicas", async ({ page, baseURL }) => {
  const health = watchPageHealth(page, baseURL!);
  await page.setViewportSize({ width: 1280, height: 800 });
  await openScenario(page, STUCK_ROLLOUT, 100_000);
  await inspectButton(page, 'Deployment', 'web').click();
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  await expect(inspector.getByRole('heading', { name: 'Deployment default/web' })).toBeFocused();
  const status = inspector.getByRole('region', { name: 'Status' });
  await expect(status).toContainText('READY3/4UP-TO-DATE2AVAILABLE3');
  await expect(status).toContainText('4 desired | 2 updated | 5 total | 3 available | 2 unavailable');
  await expect(inspector.locator('[data-rollout-status]')).toHaveText('kubectl rollout status: Waiting for deployment "web" rollout to finish: 2 out of 4 new replicas have been updated...');
  const sets = inspector.getByRole('table', { name: /ReplicaSets of Deployment web/ });
  // The new ReplicaSet (revision 2) first: 2 pods, none ready for minReadySeconds; the old one holds 3.
  await expect(sets.locator('tbody tr')).toHaveCount(2);
  await expect(sets.locator('tbody tr').nth(0)).toHaveText(/^web-\w+ \(new\)2220 ?0$/);
  await expect(sets.locator('tbody tr').nth(1)).toHaveText(/^web-\w+ \(old\)1 roll back333 ?3$/);
  const conditions = inspector.getByRole('region', { name: 'Conditions' });
  await expect(conditions.locator('[data-condition="Available"]')).toContainText('MinimumReplicasAvailable');
  await expect(conditions.locator('[data-condition="Progressing"]')).toContainText('ReplicaSetUpdated');

  // Past the progress deadline (178 s): Progressing False, and rollout status exits with its error.
  await page.evaluate(() => window.__podscape!.advance(90_000));
  await expect(conditions.locator('[data-condition="Progressing"]')).toContainText('ProgressDeadlineExceeded');
  await expect(inspector.locator('[data-rollout-status="error"]')).toHaveText('kubectl rollout status: error: deployment "web" exceeded its progress deadline');

  // The old ReplicaSet's own view, and a StatefulSet's.
  await sets.locator('tbody tr').nth(1).getByRole('button', { name: /^web-/ }).click();
  await expect(inspector.getByRole('heading', { name: /^ReplicaSet default\/web-/ })).toBeVisible();
  await expect(inspector.getByRole('region', { name: 'Status' })).toContainText('DESIRED3CURRENT3READY3Controlled byDeployment/web');
  await inspectButton(page, 'StatefulSet', 'db').click();
  await expect(inspector.getByRole('region', { name: 'Status' })).toContainText('READY2/2CURRENT2UPDATED2');
  await expect(inspector.locator('[data-rollout-status]')).toHaveText(/^kubectl rollout status: statefulset rolling update complete 2 pods at revision db-\w+\.\.\.$/);
  await page.keyboard.press('Escape');
  await expect(inspectButton(page, 'StatefulSet', 'db')).toBeFocused();
  expect(health.consoleErrors).toEqual([]);
});
