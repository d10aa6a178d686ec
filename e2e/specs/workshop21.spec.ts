import { expect, test } from '@playwright/test';
import { watchPageHealth } from '../fixtures/page-health';
import { startLesson } from '../fixtures/lessons';

/**
 * Round 22's workshop leftovers, where the browser is the thing under test: a hint's object goes to
 * the clipboard or into Apply YAML with one key press (the refused drain beside its card: workshop20.spec.ts).
 */
test("a hint's object: Copy says it copied, Open in Apply YAML opens the editor holding it, focused", async ({ page, baseURL }) => {
  const health = watchPageHealth(page, baseURL!);
  await page.setViewportSize({ width: 1280, height: 800 });
  const lesson = await startLesson(page, 'When drain waits for ever');
  await lesson.getByRole('button', { name: 'Fix the budget instead' }).click();
  await lesson.getByText('Hints (2)').click();
  const copy = lesson.getByRole('button', { name: 'Copy the PodDisruptionBudget web-pdb' });
  await copy.focus();
  await page.keyboard.press('Enter');
  await expect(copy).toHaveText('Copied ✓');
  await expect(lesson.getByRole('status').filter({ hasText: 'Copied the PodDisruptionBudget web-pdb.' })).toHaveCount(1);
  await lesson.getByRole('button', { name: 'Open the PodDisruptionBudget web-pdb in Apply YAML' }).press('Enter');
  const editor = page.getByRole('form', { name: 'YAML editor' }).getByRole('textbox');
  await expect(editor).toBeFocused();
  await expect(editor).toHaveValue(/^\{ apiVersion: policy\/v1, kind: PodDisruptionBudget, metadata: \{ name: web-pdb, namespace: default \}, spec: \{ minAvailable: 2,/);

  expect(health.consoleErrors).toEqual([]);
  expect(health.foreignRequests).toEqual([]);
});
