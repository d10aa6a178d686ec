import { readdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import type { Frame } from '../../src/protocol/engine-api';
import type {} from '../../src/ui/e2e-api'; // declares window.__podscape
import { waitForCluster, watchPageHealth } from '../fixtures/page-health';

/** One gallery card per preset file (src/scenario/presets/*.yaml). */
const PRESET_COUNT = readdirSync(new URL('../../src/scenario/presets/', import.meta.url)).filter((f) => f.endsWith('.yaml')).length;

const snapshot = (page: Page) => page.evaluate(() => window.__podscape!.snapshot()) as Promise<Frame>;

async function openGallery(page: Page) {
  await page.getByRole('button', { name: 'Scenarios' }).click();
  const gallery = page.getByRole('dialog', { name: 'Presets and lessons' });
  await expect(gallery).toBeVisible();
  return gallery;
}

test('a lesson from the gallery: a step goal turns done as the cluster changes, predict then reveal, presenter mode by keyboard', async ({ page, baseURL }) => {
  const health = watchPageHealth(page, baseURL!);
  await page.goto('/');
  await waitForCluster(page);

  const gallery = await openGallery(page);
  await expect(gallery.getByRole('button', { name: /^Load scenario / })).toHaveCount(PRESET_COUNT);
  await expect(gallery.locator('[data-preset="node-failure"]')).toContainText('Shortened timings');
  await expect(gallery.locator('[data-preset="drain-pdb"]')).not.toContainText('Shortened timings');
  await gallery.getByRole('button', { name: 'Start lesson Maintenance without downtime' }).click();
  await expect(gallery).toBeHidden();

  // The lesson's preset is loaded through the engine and warmed up for 5 s: four web pods Running on three workers.
  const lesson = page.getByRole('region', { name: 'Lesson: Maintenance without downtime' });
  await expect(lesson).toBeVisible();
  await expect(page.locator('[data-node]')).toHaveCount(3);
  await expect(page.getByLabel('Cluster time')).toHaveText('00:00:05');
  const web = (await snapshot(page)).pods.filter((p) => p.name.startsWith('web-'));
  expect(web.map((p) => p.phase)).toEqual(['Running', 'Running', 'Running', 'Running']);

  await expect(lesson.getByRole('heading', { name: 'Step 1 of 5: Cordon worker-2' })).toBeVisible();
  const goal = lesson.locator('[data-goal-met]', { hasText: 'worker-2 is cordoned' });
  await expect(goal).toHaveAttribute('data-goal-met', 'false');
  await expect(goal).toContainText('worker-2 is schedulable');

  // Hints sit behind a disclosure.
  const hint = lesson.getByText('Dispatch { action: "cordon", node: "worker-2" }', { exact: false });
  await expect(hint).toBeHidden();
  await lesson.getByText('Hints (1)').click();
  await expect(hint).toBeVisible();

  // Predict, then reveal.
  await lesson.getByRole('radio', { name: 'They are evicted' }).check();
  await lesson.getByRole('button', { name: 'Reveal the answer' }).click();
  const reveal = lesson.locator('.predict-reveal');
  await expect(reveal).toHaveRole('status');
  await expect(reveal).toContainText('Not quite.');
  await expect(reveal).toContainText('Cordoning only sets spec.unschedulable');
  await expect(lesson.getByText('Step complete')).toHaveCount(0);

  // Complete the step by changing the cluster: the goal turns done from the engine's frame.
  await page.evaluate(() => window.__podscape!.dispatch({ action: 'cordon', node: 'worker-2' }));
  await expect(page.locator('[data-node="worker-2"]')).toHaveAttribute('data-unschedulable', 'true');
  await expect(goal).toHaveAttribute('data-goal-met', 'true');
  await expect(goal).toContainText('worker-2 is cordoned');
  await expect(lesson.getByRole('heading', { name: 'Goals (1 of 1 done)' })).toBeVisible();
  await expect(lesson.getByRole('navigation', { name: 'Lesson steps' }).locator('li').first()).toHaveAttribute('data-step-done', 'true');
  await expect(lesson.getByText('Step complete: go on to the next step.')).toBeVisible();

  // Presenter mode: P toggles it, arrows step through the beats, Escape leaves.
  const toggle = page.getByRole('button', { name: 'Presenter mode' });
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await page.locator('body').press('p');
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('html')).toHaveAttribute('data-presenter', 'true');
  await expect(page.getByRole('button', { name: 'Scenarios' })).toBeHidden();
  await page.keyboard.press('ArrowRight');
  await expect(lesson.getByRole('heading', { name: 'Step 2 of 5: Drain it' })).toBeVisible();
  await page.keyboard.press('ArrowLeft');
  await expect(lesson.getByRole('heading', { name: 'Step 1 of 5: Cordon worker-2' })).toBeVisible();
  await page.keyboard.press('Space'); // a clicker's "next"
  await expect(lesson.getByRole('heading', { name: 'Step 2 of 5: Drain it' })).toBeVisible();
  await page.keyboard.press('PageUp');
  await expect(lesson.getByRole('heading', { name: 'Step 1 of 5: Cordon worker-2' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await expect(page.locator('html')).not.toHaveAttribute('data-presenter', /.*/);
  await page.keyboard.press('ArrowRight');
  await expect(lesson.getByRole('heading', { name: 'Step 1 of 5: Cordon worker-2' })).toBeVisible(); // arrows only drive presenter mode
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('P');
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');

  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(health.consoleErrors).toEqual([]);
  expect(health.foreignRequests).toEqual([]);
});

test('loading a plain preset replaces the cluster and closes the lesson; MostAllocated packs the nodes', async ({ page, baseURL }) => {
  const health = watchPageHealth(page, baseURL!);
  await page.goto('/');
  await waitForCluster(page);

  await (await openGallery(page)).getByRole('button', { name: 'Start lesson When a node loses power' }).click();
  await expect(page.getByRole('region', { name: 'Lesson: When a node loses power' })).toBeVisible();

  const gallery = await openGallery(page);
  await page.keyboard.press('Escape');
  await expect(gallery).toBeHidden();
  await expect(page.getByRole('button', { name: 'Scenarios' })).toBeFocused();

  await (await openGallery(page)).getByRole('button', { name: 'Load scenario Bin-packing: MostAllocated' }).click();
  await expect(page.getByRole('region', { name: /^Lesson:/ })).toHaveCount(0);
  await expect(page.getByText('About this preset: Bin-packing: MostAllocated')).toBeVisible();
  await expect(page.locator('.preset-about')).toContainText('MostAllocated');
  await expect(page.locator('[data-node]')).toHaveCount(3);
  const frame = await snapshot(page);
  const perNode = frame.nodes.map((n) => frame.pods.filter((p) => p.nodeName === n.name).length).sort((a, b) => b - a);
  expect(perNode).toEqual([8, 2, 0]);
  for (const node of frame.nodes) {
    await expect(page.locator(`[data-node="${node.name}"] [data-pod]`)).toHaveCount(frame.pods.filter((p) => p.nodeName === node.name).length);
  }

  expect(health.consoleErrors).toEqual([]);
  expect(health.foreignRequests).toEqual([]);
});
