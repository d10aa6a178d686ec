import { expect, test } from '@playwright/test';
import { watchPageHealth } from '../fixtures/page-health';
import { predict, snapshot, startLesson, step } from '../fixtures/lessons';

test.beforeEach(() => test.setTimeout(120_000));

/**
 * Round 32 (lessons32): the Out of memory and CronJobs lessons opened from the gallery, their
 * first step played with the page's controls (the prediction by keyboard, Step).
 */

test('out-of-memory: report is OOMKilled and crash-loops in place; the goals read its Last State', async ({ page, baseURL }) => {
  const health = watchPageHealth(page, baseURL!);
  await page.setViewportSize({ width: 1280, height: 800 });
  const lesson = await startLesson(page, 'Out of memory');
  await expect(lesson.getByRole('heading', { name: 'Step 1 of 4: Over the limit' })).toBeVisible();
  await predict(page, lesson, 'The kernel kills the container, and the kubelet restarts it in the same pod', 'Your prediction was right.');
  await step(page, 5, 4);
  await expect(lesson.getByRole('heading', { name: 'Goals (2 of 2 done)' })).toBeVisible();
  const report = (await snapshot(page)).pods.find((p) => p.name === 'report')!;
  expect(report).toMatchObject({ nodeName: 'worker-2', containerReason: 'CrashLoopBackOff', lastTermination: { reason: 'OOMKilled', exitCode: 137 } });
  expect(report.restarts).toBeGreaterThanOrEqual(3);
  expect(health.consoleErrors).toEqual([]);
  expect(health.foreignRequests).toEqual([]);
});

test('cronjobs: Forbid skips the 00:02 run and starts it late as report-29453762', async ({ page, baseURL }) => {
  const health = watchPageHealth(page, baseURL!);
  await page.setViewportSize({ width: 1280, height: 800 });
  const lesson = await startLesson(page, 'CronJobs: runs that overlap');
  await expect(lesson.getByRole('heading', { name: 'Step 1 of 4: A run that outlasts its minute' })).toBeVisible();
  await predict(page, lesson, 'It waits: the controller starts it late, when the running Job completes', 'Your prediction was right.');
  await step(page, 5, 16);
  await expect(lesson.getByRole('heading', { name: 'Goals (2 of 2 done)' })).toBeVisible();
  const jobs = (await snapshot(page)).workloads.filter((w) => w.kind === 'Job').map((w) => w.name).sort();
  expect(jobs).toEqual(['report-29453761', 'report-29453762']);
  expect(health.consoleErrors).toEqual([]);
  expect(health.foreignRequests).toEqual([]);
});
