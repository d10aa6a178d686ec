import { expect, test, type Page } from '@playwright/test';
import type { Frame } from '../../src/protocol/engine-api';
import type {} from '../../src/ui/e2e-api'; // declares window.__podscape
import { inspectButton } from '../fixtures/session';
import { waitForCluster, watchPageHealth } from '../fixtures/page-health';

const advance = (page: Page, ms: number) => page.evaluate((t) => window.__podscape!.advance(t), ms) as Promise<Frame>;

test("a Deployment's inspector restarts, rolls back and pauses it with kubectl rollout, and shows kubectl's answer", async ({ page, baseURL }) => {
  const health = watchPageHealth(page, baseURL!);
  await page.goto('/');
  await waitForCluster(page);
  await advance(page, 30_000);
  await inspectButton(page, 'Deployment', 'api').click();
  const panel = page.getByRole('complementary', { name: 'Inspector' });
  const toolbar = panel.getByRole('toolbar', { name: 'Rollout of Deployment default/api' });
  const output = panel.getByRole('status', { name: 'kubectl rollout output' });

  const before = new Set((await page.evaluate(() => window.__podscape!.snapshot()!.pods)).filter((p) => p.owner?.name.startsWith('api-')).map((p) => p.name));
  await toolbar.getByRole('button', { name: 'Restart Deployment default/api' }).click();
  await expect(output).toHaveText('deployment.apps/api restarted');
  // The restart is a new template: a second ReplicaSet, rolled out as the clock runs; every api pod is replaced.
  const after = await advance(page, 60_000);
  const apiPods = after.pods.filter((p) => p.owner?.name.startsWith('api-') && p.phase === 'Running');
  expect(apiPods.length).toBeGreaterThan(0);
  expect(apiPods.filter((p) => before.has(p.name))).toEqual([]);

  await panel.getByRole('button', { name: 'Roll back Deployment api to revision 1' }).click();
  await expect(output).toHaveText('deployment.apps/api rolled back');

  await toolbar.getByRole('button', { name: 'Pause rollout of Deployment default/api' }).click();
  await expect(output).toHaveText('deployment.apps/api paused');
  await expect(toolbar.getByRole('button', { name: 'Resume rollout of Deployment default/api' })).toBeVisible();
  // A refusal, in kubectl's words, beside the toolbar that sent it (not in the page's top alert).
  await toolbar.getByRole('button', { name: 'Restart Deployment default/api' }).click();
  const refusal = page.getByRole('alert').filter({ hasText: "can't restart paused deployment" });
  await expect(refusal).toHaveCount(1);
  await expect(panel.getByRole('alert')).toContainText('deployments.apps "api" can\'t restart paused deployment (run rollout resume first)');
  // Accepted next, the command clears the refusal shown there.
  await toolbar.getByRole('button', { name: 'Resume rollout of Deployment default/api' }).click();
  await expect(output).toHaveText('deployment.apps/api resumed');
  await expect(refusal).toHaveCount(0);

  expect(health.consoleErrors).toEqual([]);
  expect(health.foreignRequests).toEqual([]);
});
