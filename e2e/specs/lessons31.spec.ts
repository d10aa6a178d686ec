import { expect, test, type Locator, type Page } from '@playwright/test';
import { watchPageHealth, waitForCluster } from '../fixtures/page-health';
import { clock, openLesson, predict, snapshot, startLesson, step } from '../fixtures/lessons';

test.beforeEach(() => test.setTimeout(120_000));

/**
 * Round 31 (lessons31): the ResourceQuota lesson walked with the page's own controls (the
 * Workloads panel's +, the hints' Open in Apply YAML, Apply manifest, Step, the prediction by
 * keyboard), and the readiness lesson's liveness step.
 */

/** Opens the current step's hints and applies the hint object named `name` through Apply YAML, by keyboard. */
async function applyHint(page: Page, lesson: Locator, name: string) {
  const hints = lesson.locator('details.lesson-hints');
  if (!(await hints.evaluate((d) => (d as HTMLDetailsElement).open))) await hints.locator('summary').click();
  await lesson.getByRole('button', { name: `Open the ${name} in Apply YAML` }).press('Enter');
  const editor = page.getByRole('form', { name: 'YAML editor' });
  await expect(editor.getByRole('textbox')).toBeFocused({ timeout: 15_000 }); // the editor's chunk loads lazily
  await editor.getByRole('button', { name: 'Apply manifest' }).press('Enter');
  await expect(editor.getByRole('status')).toBeVisible();
}

const team = (f: Awaited<ReturnType<typeof snapshot>>, prefix: string) => f.pods.filter((p) => p.namespace === 'team' && p.name.startsWith(prefix) && p.deletionTimestamp === null);

test('resource-quota: scaled past the quota, web is short of pods the pending tray names; a raised quota and a LimitRange fix it', async ({ page, baseURL }) => {
  const health = watchPageHealth(page, baseURL!);
  await page.setViewportSize({ width: 1280, height: 800 });
  const lesson = await startLesson(page, 'Why is my Deployment short of pods?');
  await expect(lesson.getByRole('heading', { name: 'Step 1 of 4: Scale past the quota' })).toBeVisible();

  // Step 1: four presses of + (keyboard), then Step twice.
  await predict(page, lesson, '4 pods; the 2 others were never created: the API server refused them, and only the ReplicaSet’s events say so', 'Your prediction was right.');
  const up = page.getByRole('button', { name: 'Scale Deployment web up' });
  for (const n of [3, 4, 5, 6]) {
    await up.press('Enter');
    await expect(page.getByLabel('Replicas of Deployment web')).toHaveText(String(n));
  }
  await step(page, 5, 2);
  await expect(lesson.getByRole('heading', { name: 'Goals (2 of 2 done)' })).toBeVisible();
  let f = await snapshot(page);
  expect(team(f, 'web-')).toHaveLength(4);
  expect(f.queue).toEqual([]);
  // No Pending pod: the pending tray lists the refusal with the API server's words.
  const refused = page.locator('[data-pending-tray] [data-refused-create^="ReplicaSet/team/web-"]');
  await expect(refused).toHaveCount(1);
  await expect(refused).toContainText('exceeded quota: compute, requested: requests.cpu=250m, used: requests.cpu=1, limited: requests.cpu=1');

  // Step 2: raise the quota.
  await lesson.getByRole('button', { name: 'Next' }).press('Enter');
  await expect(lesson.getByRole('heading', { name: 'Step 2 of 4: Raise the quota' })).toBeVisible();
  await applyHint(page, lesson, 'ResourceQuota compute');
  // Three steps: after step 1's 20 s of refusals the ReplicaSet's next try is about 20 s away.
  await step(page, 25, 3);
  await expect(lesson.getByRole('heading', { name: 'Goals (1 of 1 done)' })).toBeVisible();
  f = await snapshot(page);
  expect(team(f, 'web-').filter((p) => p.ready)).toHaveLength(6);

  // Step 3: a Deployment without requests is refused.
  await lesson.getByRole('button', { name: 'Next' }).press('Enter');
  await expect(lesson.getByRole('heading', { name: 'Step 3 of 4: A pod that asks for nothing' })).toBeVisible();
  await applyHint(page, lesson, 'Deployment worker');
  await step(page, 55, 1);
  await expect(lesson.getByRole('heading', { name: 'Goals (1 of 1 done)' })).toBeVisible();
  await expect(page.locator('[data-pending-tray] [data-refused-create^="ReplicaSet/team/worker-"]')).toContainText('failed quota: compute: must specify requests.cpu for: worker');

  // Step 4: the LimitRange's defaults let the next try in.
  await lesson.getByRole('button', { name: 'Next' }).press('Enter');
  await expect(lesson.getByRole('heading', { name: 'Step 4 of 4: A LimitRange fills in the requests' })).toBeVisible();
  await applyHint(page, lesson, 'LimitRange defaults');
  await step(page, 65, 2);
  await expect(lesson.getByRole('heading', { name: 'Goals (2 of 2 done)' })).toBeVisible();
  f = await snapshot(page);
  expect(team(f, 'worker-').map((p) => [p.phase, p.requests])).toEqual([['Running', { cpu: 100, memory: 64 * 1024 * 1024 }]]);

  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(health.consoleErrors).toEqual([]);
  expect(health.foreignRequests).toEqual([]);
});

test('readiness-probes, step 4: a failing liveness probe restarts the cache container in the same pod', async ({ page, baseURL }) => {
  const health = watchPageHealth(page, baseURL!);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/');
  await waitForCluster(page);
  const lesson = await openLesson(page, 'Readiness probes hold a rollout');
  // Its warm-up is 15 s.
  await expect(page.getByLabel('Cluster time')).toHaveText(clock(15));
  const next = lesson.getByRole('button', { name: 'Next' });
  for (let i = 0; i < 3; i++) await next.press('Enter');
  await expect(lesson.getByRole('heading', { name: 'Step 4 of 4: A liveness probe restarts' })).toBeVisible();
  await predict(page, lesson, 'The kubelet kills and restarts it in the same pod, again and again, and after a few restarts waits before the next one (CrashLoopBackOff)', 'Your prediction was right.');
  await applyHint(page, lesson, 'Deployment cache');
  const killed = lesson.locator('[data-goal-met]', { hasText: 'the kubelet killed it' });
  const restarted = lesson.locator('[data-goal-met]', { hasText: 'restarted at least 3 times' });
  await step(page, 15, 4);
  await expect(killed).toHaveAttribute('data-goal-met', 'true');
  await expect(restarted).toHaveAttribute('data-goal-met', 'false');
  const first = (await snapshot(page)).pods.find((p) => p.name.startsWith('cache-'))!;
  expect(first.restarts).toBe(1);
  await step(page, 55, 12);
  await expect(restarted).toHaveAttribute('data-goal-met', 'true');
  const f = await snapshot(page);
  // The same pod all along, now waiting in CrashLoopBackOff.
  expect(f.pods.filter((p) => p.name.startsWith('cache-')).map((p) => [p.name, p.containerReason, p.restarts])).toEqual([[first.name, 'CrashLoopBackOff', 4]]);
  await expect(page.locator(`[data-pod="default/${first.name}"]`)).toBeVisible();
  // The web pods were never at 1.2 here, so that goal waits; none restarted.
  expect(f.pods.filter((p) => p.name.startsWith('web-')).every((p) => (p.restarts ?? 0) === 0)).toBe(true);

  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(health.consoleErrors).toEqual([]);
  expect(health.foreignRequests).toEqual([]);
});
