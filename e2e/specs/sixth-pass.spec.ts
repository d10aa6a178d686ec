/**
 * Branch ux16's sixth pass (docs/ui.md): a Job in the inspector and in share links, the desktop
 * inspector beside the page (not over it), ... Each test is one behaviour, seen failing before its fix.
 */
import { expect, test } from '@playwright/test';
import type {} from '../../src/ui/e2e-api'; // declares window.__podscape
import { waitForCluster, watchPageHealth } from '../fixtures/page-health';
import { inspectButton, openScenario } from '../fixtures/session';
import { CRASH_LOOP } from '../fixtures/scenarios';

/**
 * Two Jobs: `report` exits 1 after 2 s with backoffLimit 1 (two failed pods, then FailureTarget and
 * Failed, BackoffLimitExceeded, at 17 s); `pi` runs two pods in parallel for 5 s (Complete at 7 s).
 */
const JOBS = `apiVersion: v1
kind: Node
metadata: { name: worker-1 }
status: { allocatable: { cpu: "4", memory: 8Gi, pods: "110" } }
---
apiVersion: batch/v1
kind: Job
metadata: { name: report, namespace: default }
spec:
  backoffLimit: 1
  template:
    metadata: { annotations: { podscape.dev/run-duration: 2s, podscape.dev/exit-code: "1" } }
    spec: { restartPolicy: Never, containers: [{ name: report, image: "report:1" }] }
---
apiVersion: batch/v1
kind: Job
metadata: { name: pi, namespace: default }
spec:
  completions: 2
  parallelism: 2
  template:
    metadata: { annotations: { podscape.dev/run-duration: 5s } }
    spec: { restartPolicy: Never, containers: [{ name: pi, image: "pi:1" }] }
`;

test("a Job's inspector reads as kubectl get/describe job, sits beside the page, and a share link reopens it", async ({ page, browser, baseURL }) => {
  const health = watchPageHealth(page, baseURL!);
  await page.setViewportSize({ width: 1280, height: 800 });
  await openScenario(page, JOBS, 30_000);
  await inspectButton(page, 'Job', 'report').click();
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  await expect(inspector.getByRole('heading', { name: 'Job default/report' })).toBeFocused();
  const status = inspector.getByRole('region', { name: 'Status' });
  // A failed Job has no completionTime: kubectl's DURATION keeps counting from its start, as here.
  await expect(status).toContainText('STATUSFailedCOMPLETIONS0/1DURATION30sPods Statuses0 Active (0 Ready) / 0 Succeeded / 2 FailedStart Time00:00:00');
  const conditions = inspector.getByRole('region', { name: 'Conditions' });
  await expect(conditions.locator('[data-condition="Failed"]')).toContainText('BackoffLimitExceeded');
  await expect(conditions.locator('[data-condition="FailureTarget"]')).toContainText('Job has reached the specified backoff limit');

  // The panel sits beside the page: nothing of the page is under it (it overlapped by 1.5 rem and a pixel).
  const panel = (await inspector.boundingBox())!;
  const main = (await page.locator('.app-main').boundingBox())!;
  expect(main.x + main.width).toBeLessThanOrEqual(panel.x);

  await inspectButton(page, 'Job', 'pi').click();
  await expect(status).toContainText('STATUSCompleteCOMPLETIONS2/2DURATION7sPods Statuses0 Active (0 Ready) / 2 Succeeded / 0 Failed');
  await expect(conditions.locator('[data-condition="SuccessCriteriaMet"]')).toContainText('CompletionsReached');

  // A link reopens the inspector on the selected Job (a link to one that is gone: session.test.ts).
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  const field = page.getByLabel('Share link');
  await expect(field).toHaveValue(/#s=1\.lz\./);
  const link = await field.inputValue();
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const visitor = await context.newPage();
  const visitorHealth = watchPageHealth(visitor, baseURL!);
  await visitor.goto(link);
  await waitForCluster(visitor);
  const seen = visitor.getByRole('complementary', { name: 'Inspector' });
  await expect(seen.getByRole('heading', { name: 'Job default/pi' })).toBeVisible();
  await expect(seen.getByRole('region', { name: 'Status' })).toContainText('STATUSComplete');
  await expect(visitor.getByRole('alert')).toHaveCount(0);
  await context.close();
  expect(health.consoleErrors).toEqual([]);
  expect(visitorHealth.consoleErrors).toEqual([]);
});

/** fixtures' crash-looping pod (CrashLoopBackOff from 28 s), beside one that keeps running. */
const CRASH_LOOP_AND_CALM = `${CRASH_LOOP}---
apiVersion: v1
kind: Pod
metadata: { name: calm, namespace: default }
spec: { nodeName: worker-1, containers: [{ name: app, image: "app:1" }] }
`;

test('on the canvas view a crash-looping pod is marked and named with its STATUS, as its card is', async ({ page, baseURL }) => {
  const health = watchPageHealth(page, baseURL!);
  await page.setViewportSize({ width: 1280, height: 800 });
  await openScenario(page, CRASH_LOOP_AND_CALM, 40_000);
  await page.getByLabel('Pod view').selectOption('canvas');
  const canvas = page.locator('[data-node="worker-1"] canvas');
  await expect(canvas).toHaveAttribute('aria-label', /^Pods on worker-1, 2 pods: (1 CrashLoopBackOff, 1 Running|1 Running, 1 CrashLoopBackOff)\./);
  // Which square is which: the pods in frame order on the node.
  const order = await page.evaluate(() => window.__podscape!.snapshot()!.pods.filter((p) => p.nodeName === 'worker-1').map((p) => p.name));
  const crash = order.indexOf('crash');
  const calm = order.indexOf('calm');
  // The square's middle (GAP 3 + CELL 10 / 2, in CSS px; the cross runs through it): red for the crash loop, green for the other.
  const middle = (index: number) =>
    canvas.evaluate((element, i) => {
      const c = element as HTMLCanvasElement;
      const ratio = c.width / c.getBoundingClientRect().width;
      const [r, g, b] = c.getContext('2d')!.getImageData(Math.round((3 + i * 13 + 5) * ratio), Math.round(8 * ratio), 1, 1).data;
      return r > 150 && g < 100 ? 'red' : g > 100 && r < 100 ? 'green' : `rgb(${r},${g},${b})`;
    }, index);
  await expect.poll(() => middle(crash)).toBe('red');
  expect(await middle(calm)).toBe('green');
  // Its tooltip says what the card says.
  const box = (await canvas.boundingBox())!;
  await page.mouse.move(box.x + 3 + crash * 13 + 5, box.y + 8);
  await expect(page.getByRole('tooltip')).toHaveText('default/crash · CrashLoopBackOff, 2 restarts');
  await expect(page.getByRole('list', { name: 'What the pod squares mean' })).toContainText('container in trouble (CrashLoopBackOff, Error)');
  expect(health.consoleErrors).toEqual([]);
});

test('after a kill the story bar says what the cluster waits for, when it comes and why, on the first screen', async ({ page, baseURL }) => {
  const health = watchPageHealth(page, baseURL!);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/');
  await waitForCluster(page);
  await page.getByRole('button', { name: 'Kill node worker-2' }).click();
  const next = page.locator('[data-story-next]');
  // worker-2's card (and its countdown) is below the fold at 1280×800; the bar is not.
  await expect(next).toBeInViewport();
  await expect(next).toHaveAttribute('data-story-next', 'unknown');
  await expect(next).toHaveText(/^Next in 0:50: worker-2 is marked Unknown \(the clock is paused\) — the node-monitor grace period: 50 s without a heartbeat from it$/);
  await expect(next.getByRole('timer')).toHaveText('in 0:50');
  // Past the grace period and the taint: the eviction's 300 s, counted from the taint.
  await page.evaluate(() => window.__podscape!.advance(60_000));
  await expect(next).toHaveAttribute('data-story-next', 'eviction');
  await expect(next).toContainText(/in 4:5\d: the pods on worker-2 are evicted \(the clock is paused\) — they tolerate the unreachable taint for 5 min \(tolerationSeconds\), in case the node comes back/);
  // Once the pods are evicted there is nothing left to wait for.
  await page.evaluate(() => window.__podscape!.advance(300_000));
  await expect(next).toHaveCount(0);
  expect(health.consoleErrors).toEqual([]);
});
