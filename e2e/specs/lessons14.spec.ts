import { expect, test } from '@playwright/test';
import { watchPageHealth } from '../fixtures/page-health';
import { snapshot, startLesson, step, predict } from '../fixtures/lessons';

/**
 * The round-14 lessons, each opened from the gallery and its first step played with the
 * page's own controls (node buttons, Step, the YAML editor) until the step's goals are met.
 */

/** A lesson's first step is a dozen Steps of a busy cluster: more than the default 30 s on a loaded two-core machine (zone-outage took 35 s in a full run). */
test.beforeEach(() => test.setTimeout(90_000));

test('zone-outage: kill both zone-c workers with their buttons, Step two minutes, zone-c is evicted and web runs 8 again', async ({ page, baseURL }) => {
  const health = watchPageHealth(page, baseURL!);
  const lesson = await startLesson(page, 'Why did Kubernetes stop evicting?');
  await expect(page.locator('[data-node]')).toHaveCount(8);
  await expect(lesson.getByText('Shortened timings: defaultTolerationSeconds')).toBeVisible();
  await expect(lesson.getByRole('heading', { name: 'Step 1 of 4: Lose a whole zone' })).toBeVisible();
  const unknown = lesson.locator('[data-goal-met]', { hasText: 'worker-c1 and worker-c2 are Unknown' });
  const web = lesson.locator('[data-goal-met]', { hasText: 'All 8 web pods run again, none in zone-c' });
  await expect(unknown).toHaveAttribute('data-goal-met', 'false');
  await expect(web).toHaveAttribute('data-goal-met', 'false');
  await expect(web).toContainText('1 pod of web on worker-c1');

  await predict(page, lesson, 'At the normal rate: one node every 10 s', 'Your prediction was right.');
  await page.getByRole('button', { name: 'Kill node worker-c1' }).click();
  await page.getByRole('button', { name: 'Kill node worker-c2' }).click();
  await expect(page.locator('[data-node="worker-c2"]')).toHaveAttribute('data-powered', 'false');
  await step(page, 5, 6);
  await expect(page.locator('[data-node="worker-c1"]')).toHaveAttribute('data-node-status', 'Unknown');
  await expect(unknown).toHaveAttribute('data-goal-met', 'true');
  await expect(web).toHaveAttribute('data-goal-met', 'false');
  await step(page, 65, 6);
  await expect(lesson.getByRole('heading', { name: 'Goals (2 of 2 done)' })).toBeVisible();
  await expect(web).toContainText('8 of 8 pods of web Running; 0 pods of web on worker-c1; 0 pods of web on worker-c2');
  await expect(lesson.getByText('Step complete: go on to the next step.')).toBeVisible();
  const frame = await snapshot(page);
  expect(frame.pods.filter((p) => p.nodeName?.startsWith('worker-c') && p.deletionTimestamp !== null)).toHaveLength(2);

  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(health.consoleErrors).toEqual([]);
  expect(health.foreignRequests).toEqual([]);
});

test('statefulset-identity: Step the clock and db-1, then db-2, are created after db-0', async ({ page, baseURL }) => {
  const health = watchPageHealth(page, baseURL!);
  const lesson = await startLesson(page, 'Why is db-0 stuck?');
  await expect(lesson.getByRole('heading', { name: 'Step 1 of 4: One identity at a time' })).toBeVisible();
  const goal = lesson.locator('[data-goal-met]', { hasText: 'db runs three pods' });
  await expect(goal).toHaveAttribute('data-goal-met', 'false');
  await expect(goal).toContainText('1 of 1 pod of db Running');
  await expect(page.locator('[data-pod^="default/db-"]')).toHaveCount(1);

  await predict(page, lesson, 'Right away, with db-0', 'Not quite.');
  await step(page, 5, 1);
  await expect(page.locator('[data-pod="default/db-1"]')).toHaveAttribute('data-pod-phase', 'Running');
  await expect(page.locator('[data-pod="default/db-2"]')).toHaveCount(0);
  await step(page, 15, 2);
  await expect(goal).toHaveAttribute('data-goal-met', 'true');
  await expect(goal).toContainText('3 of 3 pods of db Running');
  const creates = (await snapshot(page)).events.filter((e) => e.reason === 'SuccessfulCreate' && e.object === 'StatefulSet/default/db');
  expect(creates.map((e) => e.message)).toEqual(['create Pod db-0 in StatefulSet db successful', 'create Pod db-1 in StatefulSet db successful', 'create Pod db-2 in StatefulSet db successful']);

  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(health.consoleErrors).toEqual([]);
  expect(health.foreignRequests).toEqual([]);
});

test('rolling-update: apply the new image in the YAML editor, Step once, the surge pod waits for cpu and the old pods stay', async ({ page, baseURL }) => {
  const health = watchPageHealth(page, baseURL!);
  const lesson = await startLesson(page, 'A rollout, one pod at a time');
  await expect(lesson.getByText('Shortened timings')).toHaveCount(0);
  await expect(lesson.getByRole('heading', { name: 'Step 1 of 3: Start the rollout' })).toBeVisible();
  const pending = lesson.locator('[data-goal-met]', { hasText: 'A pod of the new version waits' });
  await expect(pending).toHaveAttribute('data-goal-met', 'false');
  await expect(pending).toContainText('no pod of web-67bb99bf7f is Pending');

  // The hint holds the Deployment; the learner pastes it into Apply YAML.
  await lesson.getByText('Hints (3)').click();
  const hint = await lesson.locator('code', { hasText: 'image: "nginx:1.30"' }).first().textContent();
  expect(hint).toContain('maxUnavailable: 0');
  await page.getByRole('button', { name: 'Apply YAML', exact: true }).click();
  const editor = page.getByRole('form', { name: 'YAML editor' });
  await expect(editor).toBeVisible({ timeout: 15_000 }); // the editor's chunk loads lazily
  await editor.getByRole('textbox').fill(hint!);
  await editor.getByRole('button', { name: 'Apply manifest' }).click();
  await expect(editor.getByRole('status')).toBeVisible();

  await step(page, 5, 1);
  await expect(page.locator('[data-pending-tray] [data-pod^="default/web-67bb99bf7f-"]')).toHaveCount(1);
  await expect(lesson.getByRole('heading', { name: 'Goals (2 of 2 done)' })).toBeVisible();
  await expect(pending).toContainText('0/2 nodes are available: 2 Insufficient cpu.');
  await expect(page.locator('[data-pod^="default/web-d45649677-"][data-pod-phase="Running"]')).toHaveCount(4);

  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(health.consoleErrors).toEqual([]);
  expect(health.foreignRequests).toEqual([]);
});
