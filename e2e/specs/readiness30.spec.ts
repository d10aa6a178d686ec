import { expect, test } from '@playwright/test';
import { watchPageHealth, waitForCluster } from '../fixtures/page-health';
import { clock, openLesson, step } from '../fixtures/lessons';

/**
 * Round 30 (readiness30): the readiness-probes lesson's first step played in the page: the
 * failing version pasted from the hint into Apply YAML, three Steps, the new pod Running but not
 * Ready and the old ones serving, both goals met.
 */
test.beforeEach(() => test.setTimeout(90_000));

test('readiness-probes: apply web:1.1 from the hint, Step three times: its pod runs not Ready, Unhealthy, the old pods stay', async ({ page, baseURL }) => {
  const health = watchPageHealth(page, baseURL!);
  await page.goto('/');
  await waitForCluster(page);
  const lesson = await openLesson(page, 'Readiness probes hold a rollout');
  // The warm-up is 15 s: the kubelets are older than one probe period.
  await expect(page.getByLabel('Cluster time')).toHaveText(clock(15));
  await expect(lesson.getByRole('heading', { name: 'Step 1 of 4: A version that never turns Ready' })).toBeVisible();
  const notReady = lesson.locator('[data-goal-met]', { hasText: 'The new pod is Running but not Ready' });
  await expect(notReady).toHaveAttribute('data-goal-met', 'false');

  await lesson.getByText('Hints (2)').click();
  const hint = await lesson.locator('code', { hasText: 'image: "example.com/web:1.1"' }).first().textContent();
  expect(hint).toContain('podscape.dev/readiness: "fail"');
  await page.getByRole('button', { name: 'Apply YAML', exact: true }).click();
  const editor = page.getByRole('form', { name: 'YAML editor' });
  await expect(editor).toBeVisible({ timeout: 15_000 });
  await editor.getByRole('textbox').fill(hint!);
  await editor.getByRole('button', { name: 'Apply manifest' }).click();
  await expect(editor.getByRole('status')).toContainText('deployment.apps/web configured');

  await step(page, 15, 3);
  await expect(lesson.getByRole('heading', { name: 'Goals (2 of 2 done)' })).toBeVisible();
  await expect(notReady).toContainText('0 of 1 live pod of web-77477b5d75 Ready');
  await expect(notReady).toContainText('Unhealthy (Pod/default/web-77477b5d75-');
  await expect(notReady).toContainText('Readiness probe failed: HTTP probe failed with statuscode: 500');
  await expect(page.locator('[data-pod^="default/web-77477b5d75-"][data-pod-phase="Running"]')).toHaveCount(1);
  await expect(page.locator('[data-pod^="default/web-776fdf58f9-"][data-pod-phase="Running"]')).toHaveCount(4);

  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(health.consoleErrors).toEqual([]);
  expect(health.foreignRequests).toEqual([]);
});
