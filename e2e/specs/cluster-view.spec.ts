import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import type {} from '../../src/ui/e2e-api'; // declares window.__podscape
import { waitForCluster, watchPageHealth } from '../fixtures/page-health';
import { frameShown } from '../fixtures/session';

const DEFAULT = readFileSync(new URL('../../scenarios/default.yaml', import.meta.url), 'utf8');

test('groups nodes by zone or by a node label, with a heading per group', async ({ page, baseURL }) => {
  const health = watchPageHealth(page, baseURL!);
  await page.goto('/');
  await waitForCluster(page);
  const groupBy = page.getByLabel('Group nodes by');
  await expect(groupBy).toHaveValue('none');

  await groupBy.selectOption('zone');
  const zones = page.getByRole('region', { name: /^zone: / });
  await expect(zones).toHaveCount(3);
  await expect(page.getByRole('region', { name: 'zone: eu-west-1a' }).locator('[data-node]')).toHaveCount(2);

  // Any label key in the frame is offered; nodes without it get their own group.
  await groupBy.selectOption({ label: 'disktype' });
  await expect(page.getByRole('region', { name: 'disktype: ssd' }).locator('[data-node]')).toHaveCount(1);
  await expect(page.getByRole('region', { name: 'no disktype' }).locator('[data-node]')).toHaveCount(3);

  await groupBy.selectOption('none');
  await expect(page.getByRole('region', { name: /^zone: / })).toHaveCount(0);
  await expect(page.locator('[data-node]')).toHaveCount(4);
  expect(health.consoleErrors).toEqual([]);
});

test('the theme follows the system by default and can be pinned light or dark', async ({ page, baseURL }) => {
  const health = watchPageHealth(page, baseURL!);
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/');
  await waitForCluster(page);
  const rootBackground = () => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
  const theme = page.getByLabel('Theme');
  await expect(theme).toHaveValue('system');
  const systemDark = await rootBackground();

  await theme.selectOption('light');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  const light = await rootBackground();
  expect(light).not.toBe(systemDark);

  await theme.selectOption('dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await rootBackground()).toBe(systemDark);

  // The choice survives a reload.
  await page.emulateMedia({ colorScheme: 'light' });
  await page.reload();
  await waitForCluster(page);
  await expect(page.getByLabel('Theme')).toHaveValue('dark');
  expect(await rootBackground()).toBe(systemDark);
  expect(health.consoleErrors).toEqual([]);
});

test('a scenario with shortened timings says so next to the clock', async ({ page, baseURL }) => {
  const health = watchPageHealth(page, baseURL!);
  await page.goto('/');
  await waitForCluster(page);
  await frameShown(page); // the default scenario's frame is drawn: a notice would be there now
  await expect(page.getByText(/Timings changed from Kubernetes defaults/)).toHaveCount(0);

  const shortened = DEFAULT.replace('  speed: 10\n', '  speed: 10\n  controlPlane:\n    nodeMonitorGracePeriod: 20s\n    defaultTolerationSeconds: 30\n');
  expect(shortened).not.toBe(DEFAULT);
  await page.evaluate((text) => window.__podscape!.load(text), shortened);
  await expect(page.getByText(/Timings changed from Kubernetes defaults/)).toContainText('defaultTolerationSeconds, nodeMonitorGracePeriod');

  // The countdown follows the shortened grace period: a kill shows Unknown within 20 s of the last heartbeat.
  await page.evaluate(() => window.__podscape!.advance(15_000));
  await page.evaluate(() => window.__podscape!.dispatch({ action: 'killNode', node: 'worker-2' }));
  const timer = page.locator('[data-node="worker-2"]').getByRole('timer', { name: 'Ready → Unknown in' });
  await expect(timer).toHaveText(/^0:(0\d|1\d|20)$/);
  expect(health.consoleErrors).toEqual([]);
});
