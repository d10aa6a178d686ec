import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import type {} from '../../src/ui/e2e-api'; // declares window.__podscape
import { waitForCluster, watchPageHealth } from '../fixtures/page-health';
import { frameShown } from '../fixtures/session';

// `kubectl get nodes,pods,deployments -o yaml` as a user pastes it: the pods name a ReplicaSet the dump does not hold.
const KUBECTL_GET = readFileSync(new URL('../../src/worker/fixtures/kubectl-get-nodes-pods-deployments.yaml', import.meta.url), 'utf8');

test('watching the nodes: the clock floats in view, K plays and pauses from the page but not from a field, said in a status', async ({ page, baseURL }) => {
  const health = watchPageHealth(page, baseURL!);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/');
  await waitForCluster(page);
  const clock = page.getByRole('group', { name: 'Clock' });
  await expect(clock).not.toHaveAttribute('data-floating');

  // The node cards brought into view: the header has gone, the clock has not. Still one of each.
  await page.locator('[data-node="worker-3"]').scrollIntoViewIfNeeded();
  await expect(page.getByRole('heading', { name: 'Podscape' })).not.toBeInViewport();
  await expect(clock).toHaveAttribute('data-floating', '');
  await expect(page.getByLabel('Cluster time')).toBeInViewport();
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeInViewport();
  await expect(page.getByRole('button', { name: /^(Play|Pause)$/ })).toHaveCount(1);
  await expect(page.getByLabel('Cluster time')).toHaveCount(1);

  // K from a pod card (focused, as after a keyboard drag): plays; again: pauses. Each said once.
  await page.locator('[data-node="worker-3"] [data-pod]').first().focus();
  await page.keyboard.press('k');
  await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeVisible();
  await expect(page.locator('[data-clock-said]')).toHaveText(/^Clock running at 10× from \d\d:\d\d:\d\d\. K pauses it\.$/);
  await page.keyboard.press('k');
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
  await expect(page.locator('[data-clock-said]')).toHaveText(/^Clock paused at \d\d:\d\d:\d\d\. K plays it\.$/);
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toHaveAttribute('aria-keyshortcuts', 'K');

  // Typing a k in a field types it.
  const search = page.getByRole('searchbox', { name: 'Search' });
  await search.fill('');
  await search.press('k');
  await expect(search).toHaveValue('k');
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
  expect((await page.evaluate(() => window.__podscape!.snapshot()))!.playing).toBe(false);

  // Back at the top the clock is in its place in the header again.
  await page.evaluate(() => window.scrollTo(0, 0));
  await expect(clock).not.toHaveAttribute('data-floating');
  expect(health.consoleErrors).toEqual([]);
});

test('two killed nodes: one Next line, the other wait behind "1 more wait", with a way to its node', async ({ page, baseURL }) => {
  const health = watchPageHealth(page, baseURL!);
  await page.goto('/');
  await waitForCluster(page);
  await page.evaluate(async () => {
    const api = window.__podscape!;
    await api.advance(20_000);
    await api.dispatch({ action: 'killNode', node: 'worker-2' });
    await api.advance(10_000);
    await api.dispatch({ action: 'killNode', node: 'worker-3' });
  });
  await frameShown(page);
  const next = page.locator('[data-story-next]');
  await expect(next).toHaveCount(1);
  await expect(next).toHaveText(/^Next in 0:40: worker-2 is marked Unknown 1 more wait \(the clock is paused\) — /);
  const more = next.getByRole('button', { name: '1 more wait' });
  await expect(more).toHaveAttribute('aria-expanded', 'false');
  await expect(page.getByRole('list', { name: 'Other waits' })).toHaveCount(0);
  await more.click();
  await expect(more).toHaveAttribute('aria-expanded', 'true');
  const others = page.getByRole('list', { name: 'Other waits' });
  await expect(others.getByRole('listitem')).toHaveText(['in 0:50: worker-3 is marked Unknown Go to worker-3']);
  await others.getByRole('button', { name: 'Go to worker-3' }).click();
  await expect(page.locator('[data-node="worker-3"]')).toBeInViewport();
  expect(health.consoleErrors).toEqual([]);
});

test('a workshop on a 1920 projector: a lesson beside the cluster; a kubectl dump without ReplicaSets names the owner it leaves out', async ({ page, baseURL }) => {
  const health = watchPageHealth(page, baseURL!);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto('/');
  await waitForCluster(page);
  await page.getByRole('button', { name: 'Scenarios' }).click();
  await page.getByRole('dialog', { name: 'Presets and lessons' }).getByRole('button', { name: 'Start lesson Maintenance without downtime' }).click();
  const lesson = page.getByRole('region', { name: 'Lesson: Maintenance without downtime' });
  await expect(lesson).toBeVisible();
  // Beside it, not under it: the first node card on the first screen, right of the lesson.
  await expect(page.locator('[data-node="worker-1"]')).toBeInViewport({ ratio: 0.9 });
  const [lessonBox, cardBox] = await Promise.all([lesson.boundingBox(), page.locator('[data-node="worker-1"]').boundingBox()]);
  expect(cardBox!.x).toBeGreaterThanOrEqual(lessonBox!.x + lessonBox!.width);

  await page.getByRole('button', { name: 'Leave lesson' }).click();
  await page.evaluate((text) => window.__podscape!.load(text), KUBECTL_GET);
  const notice = page.getByRole('status', { name: 'Owners missing from the input' });
  await expect(notice).toContainText('2 pods name a ReplicaSet the input does not hold.');
  await expect(notice).toContainText('ReplicaSet shop/checkout-7d9f8b6c5d, named by checkout-7d9f8b6c5d-x2kqp, checkout-7d9f8b6c5d-m8w4t: the Deployment checkout does not find it');
  await expect(notice).toContainText('kubectl get nodes,pods,deploy,rs -o yaml');
  await notice.getByRole('button', { name: 'Dismiss owners notice' }).click();
  await expect(notice).toHaveCount(0);
  expect(health.consoleErrors).toEqual([]);
});
