/**
 * Round 30's engine state in the app: container probes in the pod inspector as kubectl describe
 * prints them, Started, a Running pod that is not Ready told apart on its card, and a ResourceQuota
 * refusal (FailedCreate) findable under the pending pods.
 */
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import type {} from '../../src/ui/e2e-api'; // declares window.__podscape
import { waitForCluster, watchPageHealth } from '../fixtures/page-health';

const fixture = (name: string) => readFileSync(new URL(`../../src/cli/run-cases/${name}`, import.meta.url), 'utf8');
const load = (page: Page, text: string) => page.evaluate(async (t) => void (await window.__podscape!.load(t)), text);
const advance = (page: Page, ms: number) => page.evaluate((t) => window.__podscape!.advance(t), ms);
const inspector = (page: Page) => page.getByRole('complementary', { name: 'Inspector' });

test('probes: a Running pod that is not Ready says so on its card; the inspector prints its probe lines, Ready and Started', async ({ page, baseURL }) => {
  const health = watchPageHealth(page, baseURL!);
  await page.goto('/');
  await waitForCluster(page);
  await load(page, fixture('probe-readiness.yaml'));
  await advance(page, 40_000);

  // `never` fails its readiness probe: Running, not Ready. `flaps` passes it at 40 s: Ready.
  const never = page.locator('[data-pod="default/never"]');
  await expect(never).toHaveAttribute('data-status', 'Running');
  await expect(never).toHaveAttribute('data-ready', 'false');
  await expect(never.locator('.pod-phase')).toHaveText(/Running, not ready/);
  const flaps = page.locator('[data-pod="default/flaps"]');
  await expect(flaps).not.toHaveAttribute('data-ready', 'false');
  await expect(flaps.locator('.pod-phase')).toHaveText(/^\W*Running$/);

  await never.getByRole('button', { name: 'never', exact: true }).click();
  const panel = inspector(page);
  const app = panel.locator('[data-container="app"]');
  await expect(app.locator('[data-container-probe="Readiness"] dd')).toHaveText('http-get http://:8080/healthz delay=0s timeout=1s period=10s #success=1 #failure=3');
  await expect(app.locator('[data-container-ready]')).toHaveAttribute('data-container-ready', 'False');
  await expect(app.locator('[data-container-started]')).toHaveAttribute('data-container-started', 'True');

  // Liveness and startup: a startup probe that never passes leaves Started False; an exec liveness kill leaves Last State 143.
  await load(page, fixture('probe-liveness.yaml'));
  await advance(page, 100_000);
  await page.locator('[data-pod="default/hangs"]').getByRole('button', { name: 'hangs', exact: true }).click();
  const hangs = panel.locator('[data-container="app"]');
  await expect(hangs.locator('[data-container-probe="Liveness"] dd')).toHaveText('exec [cat /tmp/healthy] delay=0s timeout=1s period=5s #success=1 #failure=3');
  await expect(hangs.locator('[data-container-last-state] dd')).toContainText('Terminated, Reason: Error, Exit Code: 143');
  await page.locator('[data-pod="default/never-starts"]').getByRole('button', { name: 'never-starts', exact: true }).click();
  await expect(panel.getByRole('heading', { level: 2 })).toHaveText('Pod default/never-starts');
  await expect(panel.locator('[data-container-started]')).toHaveAttribute('data-container-started', 'False');
  await expect(panel.locator('[data-container-probe="Startup"] dd')).toHaveText(/^grpc <pod>:9090 +delay=0s timeout=1s period=5s #success=1 #failure=3$/);
  expect(health.consoleErrors).toEqual([]);
  expect(health.foreignRequests).toEqual([]);
});

test('a ResourceQuota refusal is listed under the pending pods and opens its ReplicaSet; ResourceQuota is not called unsimulated', async ({ page, baseURL }) => {
  const health = watchPageHealth(page, baseURL!);
  await page.goto('/');
  await waitForCluster(page);
  await load(page, fixture('resource-quota.yaml'));
  await advance(page, 40_000);

  const tray = page.locator('[data-pending-tray]');
  await expect(tray.locator('[data-pod]')).toHaveCount(0);
  const refused = tray.locator('[data-refused-create^="ReplicaSet/team/web-"]');
  await expect(refused).toHaveCount(1);
  await expect(refused).toContainText('FailedCreate');
  await expect(refused).toContainText('exceeded quota: compute, requested: requests.cpu=500m');
  await refused.getByRole('button', { name: /^Inspect ReplicaSet team\/web-/ }).click();
  await expect(inspector(page).getByRole('heading', { level: 2 })).toHaveText(/^ReplicaSet team\/web-/);
  await expect(page.locator('[data-unsupported-kind="ResourceQuota"]')).toHaveCount(0);
  expect(health.consoleErrors).toEqual([]);
  expect(health.foreignRequests).toEqual([]);
});
