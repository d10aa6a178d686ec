/**
 * CronJobs in the Workloads panel (round 31, branch ux31b): a CronJob loaded through Import YAML
 * gets a row with kubectl get cronjob's columns, starts its Jobs as the clock runs, and Suspend
 * stops it starting more until Resume.
 */
import { expect, test } from '@playwright/test';
import type {} from '../../src/ui/e2e-api'; // declares window.__podscape
import { waitForCluster, watchPageHealth } from '../fixtures/page-health';

const YAML = `apiVersion: v1
kind: Node
metadata:
  name: worker-1
  labels:
    kubernetes.io/hostname: worker-1
status:
  allocatable: { cpu: "4", memory: 8Gi, pods: "110" }
  conditions: [{ type: Ready, status: "True" }]
---
apiVersion: batch/v1
kind: CronJob
metadata:
  name: tick
  namespace: default
spec:
  schedule: "* * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: Never
          containers: [{ name: main, image: busybox }]
`;

test('a CronJob shows its schedule, its Jobs and a Suspend that stops new ones', async ({ page, baseURL }) => {
  const health = watchPageHealth(page, baseURL!);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/');
  await waitForCluster(page);
  await page.getByRole('button', { name: 'Import YAML' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import YAML' });
  await dialog.getByLabel('Scenario YAML', { exact: true }).fill(YAML);
  await dialog.getByRole('button', { name: 'Import scenario', exact: true }).click();
  await expect(page.locator('[data-node]')).toHaveCount(1);

  const row = page.locator('tr[data-workload="CronJob/default/tick"]');
  await expect(row).toBeVisible();
  await expect(row.locator('[data-cronjob-column="Schedule"] dd')).toHaveText('* * * * *');
  await expect(row.locator('[data-cronjob-column="Time zone"] dd')).toHaveText('<none>');
  await expect(row.locator('[data-cronjob-column="Suspend"] dd')).toHaveText('False');
  await expect(row.locator('[data-cronjob-column="Last schedule"] dd')).toHaveText('<none>');

  // Two virtual minutes: the schedule fires at 00:01 and 00:02.
  await page.evaluate(() => window.__podscape!.advance(125_000));
  await expect(row.locator('[data-cronjob-column="Last schedule"] dd')).toHaveText('5s');
  const jobs = page.locator('tr[data-workload^="Job/default/tick-"]');
  expect(await jobs.count()).toBeGreaterThanOrEqual(2);
  const active = Number(await row.locator('[data-cronjob-column="Active"] dd').textContent());
  expect(active).toBeGreaterThanOrEqual(0);

  await row.getByRole('button', { name: 'Suspend CronJob tick' }).click();
  await expect(row.locator('[data-cronjob-column="Suspend"] dd')).toHaveText('True');
  const before = await jobs.count();
  await page.evaluate(() => window.__podscape!.advance(120_000));
  // Suspended: no Job for 00:03 or 00:04.
  await expect(row.locator('[data-cronjob-column="Last schedule"] dd')).toHaveText('2m5s');
  expect(await jobs.count()).toBe(before);
  await row.getByRole('button', { name: 'Resume CronJob tick' }).click();
  await expect(row.locator('[data-cronjob-column="Suspend"] dd')).toHaveText('False');
  expect(health.consoleErrors).toEqual([]);
});
