import { expect, test, type Page } from '@playwright/test';
import type { Frame, PodFrame } from '../../src/protocol/engine-api';
import type {} from '../../src/ui/e2e-api'; // declares window.__podscape
import { waitForCluster, watchPageHealth } from '../fixtures/page-health';

const snapshot = (page: Page) => page.evaluate(() => window.__podscape!.snapshot()) as Promise<Frame>;
const podKey = (p: PodFrame) => `${p.namespace}/${p.name}`;
const kind = (p: PodFrame) => p.owner?.kind ?? null;

/** Lets every container start, then picks the worker that holds a bare pod, a ReplicaSet pod and a DaemonSet pod. */
async function settledVictim(page: Page) {
  await page.evaluate(() => window.__podscape!.advance(15_000));
  const before = await snapshot(page);
  const victim = before.nodes.find((n) => {
    const kinds = new Set(before.pods.filter((p) => p.nodeName === n.name).map(kind));
    return kinds.has(null) && kinds.has('ReplicaSet') && kinds.has('DaemonSet');
  });
  expect(victim, 'a node with a bare pod, a ReplicaSet pod and a DaemonSet pod').toBeDefined();
  const onVictim = before.pods.filter((p) => p.nodeName === victim!.name);
  return { before, node: victim!.name, onVictim };
}

test('killing a node at high speed: controller-owned pods run elsewhere, the DaemonSet pod stays, the bare pod is gone', async ({ page, baseURL }) => {
  const health = watchPageHealth(page, baseURL!);
  await page.goto('/');
  await waitForCluster(page);
  const { before, node, onVictim } = await settledVictim(page);
  const card = page.locator(`[data-node="${node}"]`);

  expect(await page.evaluate((n) => window.__podscape!.dispatch({ action: 'killNode', node: n }), node)).toMatchObject({ ok: true });
  // The machine is dark at once; the API server still says Ready and the countdown runs to Unknown.
  await expect(card).toHaveAttribute('data-powered', 'false');
  await expect(card).toHaveAttribute('data-node-status', 'Ready');
  await expect(card.getByRole('timer', { name: 'Ready → Unknown in' })).toHaveText(/^0:\d\d$/);

  // At 300× the eviction countdown is on screen for about one real second (the 300 s
  // tolerations): on a loaded machine it can come and go between two of Playwright's looks.
  // The card records whether it was ever drawn, visible, instead.
  await card.evaluate((el) => {
    const observer = new MutationObserver(() => {
      const timer = el.querySelector('[role="timer"][aria-label="Eviction in"]');
      if (!timer?.checkVisibility()) return;
      observer.disconnect();
      el.setAttribute('data-test-eviction-timer-seen', '');
    });
    observer.observe(el, { subtree: true, childList: true, attributes: true, characterData: true });
  });
  await page.getByLabel('Speed').selectOption('300');
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(card).toHaveAttribute('data-node-status', 'Unknown', { timeout: 15_000 });
  await expect(card).toHaveAttribute('data-test-eviction-timer-seen', '', { timeout: 15_000 });

  // Each ReplicaSet is back to full size with every live replica Running on another node.
  const replicaSets = [...new Set(onVictim.filter((p) => kind(p) === 'ReplicaSet').map((p) => p.owner!.name))];
  const live = (f: Frame, owner: string) => f.pods.filter((p) => p.owner?.name === owner && p.deletionTimestamp === null);
  const size = (owner: string) => live(before, owner).length;
  await expect
    .poll(
      async () => {
        const f = await snapshot(page);
        return replicaSets.every((o) => live(f, o).length === size(o) && live(f, o).every((p) => p.nodeName !== node && p.phase === 'Running'));
      },
      { timeout: 30_000 },
    )
    .toBe(true);
  await page.getByRole('button', { name: 'Pause' }).click();
  const after = await snapshot(page);

  for (const owner of replicaSets) {
    for (const pod of live(after, owner)) {
      await expect(page.locator(`[data-node="${pod.nodeName}"] [data-pod="${podKey(pod)}"]`)).toHaveAttribute('data-pod-phase', 'Running');
    }
  }
  for (const pod of onVictim) {
    const podCard = card.locator(`[data-pod="${podKey(pod)}"]`);
    const twins = after.pods.filter((p) => p.namespace === pod.namespace && p.name === pod.name);
    switch (kind(pod)) {
      case 'DaemonSet':
        // It tolerates the unreachable taint: it stays, not Terminating, and says why.
        await expect(podCard).not.toHaveAttribute('data-terminating', 'true');
        await expect(podCard.locator('[data-pod-fate]')).toHaveAttribute('data-pod-fate', 'stays');
        break;
      case null:
        // Evicted, and nothing recreates it: the only pod of that name is the Terminating one.
        await expect(podCard).toHaveAttribute('data-terminating', 'true');
        await expect(podCard.locator('[data-pod-fate]')).toHaveAttribute('data-pod-fate', 'gone');
        expect(twins.map((p) => p.nodeName)).toEqual([node]);
        break;
      case 'ReplicaSet':
        await expect(podCard).toHaveAttribute('data-terminating', 'true');
        await expect(podCard.locator('[data-pod-fate]')).toHaveAttribute('data-pod-fate', 'replaced');
        break;
      case 'StatefulSet':
        // No replacement while the old object exists.
        await expect(podCard.locator('[data-pod-fate]')).toHaveAttribute('data-pod-fate', 'waits');
        expect(twins.map((p) => p.nodeName)).toEqual([node]);
        break;
    }
  }
  await expect(card.getByRole('status')).toHaveText('Pods evicted');

  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(health.consoleErrors).toEqual([]);
  expect(health.foreignRequests).toEqual([]);
});

test('replacement pods fly from the pending tray to their new node', async ({ page, baseURL }) => {
  const health = watchPageHealth(page, baseURL!);
  await page.emulateMedia({ reducedMotion: 'no-preference' });
  await page.goto('/');
  await waitForCluster(page);
  const { node } = await settledVictim(page);
  await page.evaluate((n) => window.__podscape!.dispatch({ action: 'killNode', node: n }), node);
  // Up to just before the evictions, then past them: the replacements bind in this step.
  await page.evaluate(() => window.__podscape!.advance(340_000));
  const flights = await page.evaluate(async () => {
    await window.__podscape!.advance(60_000);
    await new Promise((resolve) => requestAnimationFrame(resolve));
    // Pod-card animations only, not the meters' or cards' CSS transitions.
    return document.getAnimations().flatMap((a) => {
      const target = (a.effect as KeyframeEffect | null)?.target;
      return target instanceof Element && target.hasAttribute('data-pod') ? [target.getAttribute('data-pod')] : [];
    });
  });
  // The ReplicaSets' new pods (and nothing on the dead node) are in flight.
  expect(flights.length).toBeGreaterThan(0);
  const after = await snapshot(page);
  for (const key of flights) {
    const pod = after.pods.find((p) => podKey(p) === key)!;
    expect(pod.owner?.kind).toBe('ReplicaSet');
    expect(pod.nodeName).not.toBe(node);
  }
  expect(health.consoleErrors).toEqual([]);
});

test('with prefers-reduced-motion nothing animates during a kill', async ({ page, baseURL }) => {
  const health = watchPageHealth(page, baseURL!);
  // Every animation a pod card starts during the whole test, not only those running at the
  // moments sampled below: a flight is 650 ms and could start and end between two samples.
  await page.addInitScript(() => {
    const started: string[] = [];
    (window as unknown as { __podAnimations: string[] }).__podAnimations = started;
    const animate = Element.prototype.animate;
    Element.prototype.animate = function (this: Element, ...args: Parameters<Element['animate']>) {
      const pod = this.closest('[data-pod]');
      if (pod) started.push(pod.getAttribute('data-pod')!);
      return animate.apply(this, args);
    };
    document.addEventListener('animationstart', (e) => {
      const pod = (e.target as Element).closest?.('[data-pod]');
      if (pod) started.push(`${pod.getAttribute('data-pod')} (css ${e.animationName})`);
    }, true);
  });
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto('/');
  await waitForCluster(page);
  const { node, before } = await settledVictim(page);
  await page.evaluate((n) => window.__podscape!.dispatch({ action: 'killNode', node: n }), node);
  await expect(page.locator(`[data-node="${node}"]`)).toHaveAttribute('data-powered', 'false');
  await page.evaluate(() => window.__podscape!.advance(340_000));
  const animations = await page.evaluate(async () => {
    await window.__podscape!.advance(60_000);
    await new Promise((resolve) => requestAnimationFrame(resolve));
    return document.getAnimations().length;
  });
  expect(animations).toBe(0);
  // The replacements are in place all the same.
  await expect(page.locator(`[data-node="${node}"] [data-terminating="true"]`).first()).toBeVisible();
  expect(await page.evaluate(() => document.getAnimations().length)).toBe(0);
  // No card flew or faded at any time, though pods were evicted and replaced.
  const known = new Set(before.pods.map((p) => p.uid));
  const replaced = (await snapshot(page)).pods.filter((p) => !known.has(p.uid) && p.owner?.kind === 'ReplicaSet' && p.nodeName !== null && p.nodeName !== node);
  expect(replaced.length).toBeGreaterThan(0);
  expect(await page.evaluate(() => (window as unknown as { __podAnimations: string[] }).__podAnimations)).toEqual([]);
  expect(health.consoleErrors).toEqual([]);
  expect(health.foreignRequests).toEqual([]);
});
