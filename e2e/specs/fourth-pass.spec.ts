/**
 * Branch ux14's fourth pass (docs/ui.md): round 13's leftovers and what a newcomer and a
 * workshop teacher trip over. Each test is one behaviour, seen failing before its fix.
 */
import { expect, test, type Page } from '@playwright/test';
import type {} from '../../src/ui/e2e-api'; // declares window.__podscape
import { waitForCluster, watchPageHealth } from '../fixtures/page-health';
import { openLesson } from '../fixtures/lessons';
import { advanceShown as advance, openScenario } from '../fixtures/session';

/** At 10 s the timeline applies the web Deployment with a changed selector (immutable); at 20 s it cordons a node that does not exist. */
const TIMELINE_FAILS = `apiVersion: podscape.dev/v1alpha1
kind: Scenario
metadata: { name: timeline-failure }
spec:
  title: A timeline apply that fails
  seed: 1
  timeline:
    - at: 10s
      action: apply
      object:
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: web, namespace: default }
        spec:
          replicas: 2
          selector: { matchLabels: { app: web, tier: front } }
          template:
            metadata: { labels: { app: web, tier: front } }
            spec: { containers: [{ name: nginx, image: nginx }] }
    - { at: 20s, action: cordon, node: worker-9 }
---
apiVersion: v1
kind: Node
metadata: { name: worker-1 }
status:
  allocatable: { cpu: "2", memory: 4Gi, pods: "110" }
  conditions: [{ type: Ready, status: "True", reason: KubeletReady }]
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: default }
spec:
  replicas: 2
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [{ name: nginx, image: nginx }] }
`;

test('a timeline command that fails at its time shows kubectl’s words in an alert at the window’s foot, until dismissed', async ({ page, baseURL }) => {
  const health = watchPageHealth(page, baseURL!);
  await page.setViewportSize({ width: 1280, height: 800 });
  await openScenario(page, TIMELINE_FAILS);
  await advance(page, 9_000);
  const failure = page.locator('[data-command-failure]');
  await expect(failure).toHaveCount(0);
  await advance(page, 2_000);
  await expect(failure).toHaveAttribute('role', 'alert');
  await expect(failure).toContainText('0:10');
  await expect(failure).toContainText('apply');
  await expect(failure).toContainText(/The Deployment "web" is invalid: spec\.selector: Invalid value: .*: field is immutable/);
  // In view wherever the page is scrolled (the story bar sticks to the window's foot).
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await expect(failure).toBeInViewport();
  await page.evaluate(() => window.scrollTo(0, 0));
  await expect(failure).toBeInViewport();
  // The cluster goes on: the Deployment kept its pods.
  expect(await page.locator('[data-pod^="default/web-"]').count()).toBe(2);

  await advance(page, 10_000);
  await expect(failure).toContainText('0:20');
  await expect(failure).toContainText('Error from server (NotFound): nodes "worker-9" not found');
  await expect(failure).toContainText('2 timeline commands failed');
  await failure.getByRole('button', { name: 'Dismiss timeline failures' }).click();
  await expect(failure).toHaveCount(0);
  await advance(page, 5_000);
  await expect(failure).toHaveCount(0);
  // A new scenario starts clean.
  await page.evaluate((yaml) => window.__podscape!.load(yaml), TIMELINE_FAILS);
  await advance(page, 11_000);
  await expect(failure).toContainText('field is immutable');
  expect(health.consoleErrors).toEqual([]);
});


/** Where the first node card's name ends, from the page's top. */
const firstNodeNameBottom = (page: Page) =>
  page.locator('[data-node]').first().getByRole('heading').first().evaluate((n) => n.getBoundingClientRect().bottom + window.scrollY);

test('presenter mode on a projector (683×512 CSS pixels): the lesson folds to its step title, the nodes start on the first screen, and the step unfolds on demand', async ({ page, baseURL }) => {
  const health = watchPageHealth(page, baseURL!);
  await page.setViewportSize({ width: 683, height: 512 });
  await page.goto('/');
  await waitForCluster(page);
  const lesson = await openLesson(page, 'Who replaces a dead node’s pods?');
  await page.getByRole('button', { name: 'Presenter mode' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-presenter', 'true');

  const title = lesson.getByRole('heading', { name: 'Step 1 of 4: Pull the plug on worker-2' });
  await expect(title).toBeVisible();
  const body = lesson.getByText('runs one pod of every kind');
  await expect(body).toBeHidden();
  // The first node card's name row is on the first screen.
  expect(await firstNodeNameBottom(page)).toBeLessThan(512);

  const toggle = lesson.getByRole('button', { name: 'Show the step' });
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await toggle.click();
  await expect(body).toBeVisible();
  await expect(lesson.getByRole('button', { name: 'Show the step' })).toHaveAttribute('aria-expanded', 'true');
  // The clicker's keys still step through the beats: the beat that reveals the prediction's
  // answer unfolds the step, so the class sees it; the next beat's title follows.
  await lesson.getByRole('button', { name: 'Show the step' }).click();
  await expect(body).toBeHidden();
  await page.locator('body').press('PageDown');
  await expect(lesson.getByText('Your prediction was right.').or(lesson.getByText('the answer'))).not.toHaveCount(0);
  await expect(body).toBeVisible();
  await page.locator('body').press('PageDown');
  await expect(lesson.getByRole('heading', { name: /^Step 2 of 4: / })).toBeVisible();

  // A wide projector keeps the whole lesson beside the cluster, with nothing to unfold.
  await page.setViewportSize({ width: 1280, height: 800 });
  await expect(lesson.getByRole('button', { name: 'Show the step' })).toBeHidden();
  await expect(lesson.locator('.lesson-step p').first()).toBeVisible();
  expect(health.consoleErrors).toEqual([]);
});

test('the drain flags are a group named after their node (not "⚙")', async ({ page, baseURL }) => {
  const health = watchPageHealth(page, baseURL!);
  await page.goto('/');
  await waitForCluster(page);
  const card = page.locator('[data-node="worker-1"]');
  const group = card.getByRole('group', { name: 'kubectl drain flags for node worker-1', exact: true });
  await expect(group).toHaveCount(1);
  await expect(card.getByRole('group', { name: '⚙' })).toHaveCount(0);
  expect(health.consoleErrors).toEqual([]);
});

/** Twelve nodes in two columns at 1280×800: n-12 is several screens down. Only n-12 carries `disk: ssd`. */
const TWELVE = Array.from({ length: 12 }, (_, i) => {
  const name = `n-${String(i + 1).padStart(2, '0')}`;
  return `apiVersion: v1
kind: Node
metadata: { name: ${name}, labels: { disk: ${i === 11 ? 'ssd' : 'hdd'} } }
status:
  allocatable: { cpu: "2", memory: 4Gi, pods: "110" }
  conditions: [{ type: Ready, status: "True", reason: KubeletReady }]`;
})
  .concat(`apiVersion: apps/v1
kind: Deployment
metadata: { name: fast, namespace: default }
spec:
  replicas: 0
  selector: { matchLabels: { app: fast } }
  template:
    metadata: { labels: { app: fast } }
    spec:
      nodeSelector: { disk: ssd }
      containers: [{ name: c, image: nginx, resources: { requests: { cpu: 100m } } }]`)
  .join('\n---\n');

for (const motion of ['no-preference', 'reduce'] as const) {
  test(`reduced motion ${motion}: a pod that lands on a node below the fold offers "Show" in the story bar, without moving the page; the button brings the node into view and focuses the pod`, async ({ page, baseURL }) => {
    const health = watchPageHealth(page, baseURL!);
    await page.emulateMedia({ reducedMotion: motion });
    await page.setViewportSize({ width: 1280, height: 800 });
    await openScenario(page, TWELVE);
    const target = page.locator('[data-node="n-12"]');
    await expect(target).not.toBeInViewport();
    const before = await page.evaluate(() => window.scrollY);
    await page.evaluate(() => window.__podscape!.dispatch({ action: 'scale', kind: 'Deployment', namespace: 'default', name: 'fast', replicas: 1 }));
    await advance(page, 2_000);
    const pod = target.locator('[data-pod^="default/fast-"]');
    await expect(pod).toHaveCount(1);
    const show = page.locator('[data-story-log]').getByRole('button', { name: /^Show n-12\b/ });
    await expect(show).toBeVisible();
    await expect(show).toContainText('below');
    expect(await page.evaluate(() => window.scrollY)).toBe(before);
    // Pressed where it is (Playwright's click would first scroll the sticky bar's static place into view, passing n-12).
    if (motion === 'reduce') {
      await show.focus();
      // Focus inside the sticky bar does not scroll the page (the bar's scroll-padding once counted against itself: 393 px).
      expect(await page.evaluate(() => window.scrollY)).toBe(before);
      await page.keyboard.press('Enter');
    } else {
      const box = (await show.boundingBox())!;
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    }
    await expect(pod).toBeInViewport();
    await expect(pod).toBeFocused();
    await expect(show).toHaveCount(0);
    expect(health.consoleErrors).toEqual([]);
  });
}

test('a pod that lands on a node in view offers nothing to show', async ({ page, baseURL }) => {
  const health = watchPageHealth(page, baseURL!);
  await page.setViewportSize({ width: 1280, height: 800 });
  await openScenario(page, TWELVE);
  await page.locator('[data-node="n-12"]').scrollIntoViewIfNeeded();
  await page.evaluate(() => window.__podscape!.dispatch({ action: 'scale', kind: 'Deployment', namespace: 'default', name: 'fast', replicas: 1 }));
  await advance(page, 2_000);
  await expect(page.locator('[data-node="n-12"] [data-pod^="default/fast-"]')).toHaveCount(1);
  await expect(page.locator('[data-story-log]').getByText(/Scheduled/).first()).toBeVisible();
  await expect(page.locator('[data-story-log]').getByRole('button', { name: /^Show n-/ })).toHaveCount(0);
  expect(health.consoleErrors).toEqual([]);
});

test.describe('on a phone (390×844, touch)', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

  /**
   * A one-finger gesture through CDP (Playwright has no touch move): press, move in steps, lift.
   * With `hold`, the finger stays still after the press until the page shows the pod picked up
   * (its card's data-dragging), however long a loaded machine takes to fire the 250 ms timer, and
   * no longer than `hold.maxMs`: moving earlier would cancel the pick-up, which is a swipe.
   */
  async function touch(page: Page, from: { x: number; y: number }, to: { x: number; y: number }, hold?: { maxMs: number }) {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [from] });
    if (hold) await expect(page.locator('[data-dragging]')).toHaveCount(1, { timeout: hold.maxMs });
    for (let i = 1; i <= 12; i++) {
      const point = { x: from.x + ((to.x - from.x) * i) / 12, y: from.y + ((to.y - from.y) * i) / 12 };
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [point] });
    }
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await cdp.detach();
  }

  /** Waits until the page stops scrolling (a swipe's fling goes on after the finger lifts). */
  async function scrollSettled(page: Page) {
    let last = -1;
    await expect
      .poll(async () => {
        const y = await page.evaluate(() => window.scrollY);
        const still = y === last;
        last = y;
        return still;
      }, { intervals: [150] })
      .toBe(true);
  }

  /** The pod card under a point, by its data-pod (what the finger would land on). */
  const podAt = (page: Page, p: { x: number; y: number }) =>
    page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.closest('[data-pod]')?.getAttribute('data-pod') ?? null, p);

  test('a swipe over a pod card scrolls the page and picks nothing up; a press held on it then moved drags the pod', async ({ page, baseURL }) => {
    const health = watchPageHealth(page, baseURL!);
    await page.goto('/');
    await waitForCluster(page);
    const pod = page.locator('[data-node="worker-1"] [data-pod][data-draggable]').nth(1);
    await pod.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    const box = (await pod.boundingBox())!;
    const centre = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    const before = await page.evaluate(() => window.scrollY);
    await touch(page, centre, { x: centre.x, y: centre.y - 300 });
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(before + 100);
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await expect(page.locator('[data-dragging]')).toHaveCount(0);

    // Held still, the same finger picks the pod up: dropped on worker-2, the drop dialog asks.
    await scrollSettled(page);
    await pod.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await scrollSettled(page);
    const from = (await pod.boundingBox())!;
    const target = (await page.locator('[data-node="worker-2"]').boundingBox())!;
    expect(target.y).toBeLessThan(844);
    const press = { x: from.x + from.width / 2, y: from.y + from.height / 2 };
    expect(await podAt(page, press)).toBe(await pod.getAttribute('data-pod'));
    await touch(page, press, { x: target.x + target.width / 2, y: Math.min(target.y + 40, 830) }, { maxMs: 5_000 });
    const dialog = page.getByRole('dialog', { name: /^Move pod / });
    await expect(dialog).toBeVisible();
    // Its buttons fit the phone's width (they ran off the left edge: "ecreate on control-plane").
    for (const button of await dialog.getByRole('button').all()) {
      const b = (await button.boundingBox())!;
      expect(b.x).toBeGreaterThanOrEqual(0);
      expect(b.x + b.width).toBeLessThanOrEqual(390);
    }
    expect(health.consoleErrors).toEqual([]);
  });
});

test('the inspector says, under each filter reason, what it means on that node in numbers', async ({ page, baseURL }) => {
  const health = watchPageHealth(page, baseURL!);
  await page.goto('/');
  await waitForCluster(page);
  await page.locator('[data-pod="default/ml-training"]').getByRole('button', { name: 'ml-training' }).click();
  const row = page.locator('[data-explain-node="worker-1"]');
  await expect(row).toContainText('Insufficient cpu');
  await expect(row).toContainText(/the pod asks for 8 cpu; \d+m? of \d+m? are free/);
  await expect(row).toContainText(/the pod asks for 32Gi memory; about \d+\.\dGi of about \d+\.\dGi are free/);
  await expect(page.locator('[data-explain-node="control-plane"]')).toContainText(
    'its taints: node-role.kubernetes.io/control-plane:NoSchedule; the pod has no toleration for one of them',
  );
  expect(health.consoleErrors).toEqual([]);
});

test('the clock says "paused" beside the cluster time while it is paused, and nothing while it plays', async ({ page, baseURL }) => {
  const health = watchPageHealth(page, baseURL!);
  await page.goto('/');
  await waitForCluster(page);
  const clock = page.getByRole('group', { name: 'Clock' });
  const state = clock.locator('[data-clock-state]');
  await expect(state).toHaveText('paused');
  await expect(state).toBeVisible();
  await clock.getByRole('button', { name: 'Play' }).click();
  await expect(clock.getByRole('button', { name: 'Pause' })).toBeVisible();
  await expect(state).toBeHidden();
  await clock.getByRole('button', { name: 'Pause' }).click();
  await expect(state).toHaveText('paused');
  expect(health.consoleErrors).toEqual([]);
});

test('a refused import takes the keyboard back to the YAML with the line at fault selected and scrolled into view', async ({ page, baseURL }) => {
  const health = watchPageHealth(page, baseURL!);
  await page.goto('/');
  await waitForCluster(page);
  const nodes = Array.from({ length: 8 }, (_, i) => `apiVersion: v1\nkind: Node\nmetadata: { name: n-${i} }\nstatus:\n  allocatable: { cpu: "2", memory: 4Gi, pods: "110" }`);
  // Document 9, line 48: a cpu quantity Kubernetes refuses.
  const text = [...nodes, 'apiVersion: v1\nkind: Pod\nmetadata: { name: bad, namespace: default }\nspec:\n  containers:\n    - name: c\n      image: nginx\n      resources: { requests: { cpu: two } }'].join('\n---\n');
  const lines = text.split('\n');
  const badLine = lines.findIndex((l) => l.includes('cpu: two')) + 1;
  expect(badLine).toBeGreaterThan(40);
  await page.getByRole('button', { name: 'Import YAML' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import YAML' });
  const field = dialog.getByLabel('Scenario YAML', { exact: true });
  await field.fill(text);
  await dialog.getByRole('button', { name: 'Import scenario', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText(`line ${badLine}, column`);
  await expect(field).toBeFocused();
  const selected = await field.evaluate((el: HTMLTextAreaElement) => ({ text: el.value.slice(el.selectionStart, el.selectionEnd), top: el.scrollTop }));
  expect(selected.text).toBe(lines[badLine - 1]);
  expect(selected.top).toBeGreaterThan(0);
  // The cluster was kept.
  await expect(page.locator('[data-node="worker-1"]')).toHaveCount(1);
  expect(health.consoleErrors).toEqual([]);
});
