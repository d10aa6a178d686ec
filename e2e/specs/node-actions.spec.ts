import { expect, test, type Page } from '@playwright/test';
import type { Frame, PodFrame } from '../../src/protocol/engine-api';
import type {} from '../../src/ui/e2e-api'; // declares window.__podscape
import { waitForCluster, watchPageHealth } from '../fixtures/page-health';

const snapshot = (page: Page) => page.evaluate(() => window.__podscape!.snapshot()) as Promise<Frame>;
const advance = (page: Page, ms: number) => page.evaluate((by) => window.__podscape!.advance(by), ms);
const podKey = (p: PodFrame) => `${p.namespace}/${p.name}`;
const live = (frame: Frame) => frame.pods.filter((p) => p.deletionTimestamp === null);

/** A budget that allows no disruption of web (3 replicas): the Eviction API answers 429 for them. */
async function budgetForWeb(page: Page) {
  const pdb = await page.evaluate(() =>
    window.__podscape!.dispatch({
      action: 'apply',
      object: { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'web', namespace: 'default' }, spec: { minAvailable: 3, selector: { matchLabels: { app: 'web' } } } },
    }),
  );
  expect(pdb).toMatchObject({ ok: true });
}

test.beforeEach(async ({ page }) => {
  await page.goto('/');
  await waitForCluster(page);
});

test('cordon and uncordon a node from its card', async ({ page, baseURL }) => {
  const health = watchPageHealth(page, baseURL!);
  const card = page.locator('[data-node="worker-1"]');
  await expect(card).not.toHaveAttribute('data-unschedulable');

  await page.getByRole('button', { name: 'Cordon node worker-1' }).click();
  await expect(card).toHaveAttribute('data-unschedulable', 'true');
  await expect(page.getByRole('button', { name: 'Cordon node worker-1', exact: true })).toHaveCount(0);

  await page.getByRole('button', { name: 'Uncordon node worker-1' }).click();
  await expect(card).not.toHaveAttribute('data-unschedulable');
  await expect(page.getByRole('button', { name: 'Cordon node worker-1', exact: true })).toBeVisible();

  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(health.consoleErrors).toEqual([]);
  expect(health.foreignRequests).toEqual([]);
});

test('draining worker-2 moves its controller pods elsewhere, keeps the DaemonSet pod and leaves the node cordoned', async ({ page, baseURL }) => {
  const health = watchPageHealth(page, baseURL!);
  const before = await snapshot(page);
  const onNode = before.pods.filter((p) => p.nodeName === 'worker-2');
  const moved = onNode.filter((p) => p.owner && p.owner.kind !== 'DaemonSet');
  const daemon = onNode.find((p) => p.owner?.kind === 'DaemonSet')!;
  expect(moved.length).toBeGreaterThan(0);

  await page.getByRole('button', { name: 'Drain node worker-2' }).click();
  await expect(page.locator('[data-node="worker-2"]')).toHaveAttribute('data-unschedulable', 'true');
  await advance(page, 3 * 60 * 1000);

  const after = await snapshot(page);
  // Only the DaemonSet pod is left on the node, not terminating.
  expect(after.pods.filter((p) => p.nodeName === 'worker-2').map(podKey)).toEqual([podKey(daemon)]);
  await expect(page.locator(`[data-node="worker-2"] [data-pod="${podKey(daemon)}"]`)).not.toHaveAttribute('data-terminating', 'true');
  // Each owner is back to its size on other nodes, Running.
  for (const owner of new Set(moved.map((p) => `${p.owner!.kind}/${p.owner!.name}`))) {
    const mine = (f: Frame) => live(f).filter((p) => `${p.owner?.kind}/${p.owner?.name}` === owner);
    expect(mine(after)).toHaveLength(mine(before).length);
    for (const pod of mine(after)) {
      expect(pod.nodeName).not.toBe('worker-2');
      await expect(page.locator(`[data-node="${pod.nodeName}"] [data-pod="${podKey(pod)}"]`)).toHaveAttribute('data-pod-phase', 'Running');
    }
  }
  await expect(page.locator('[data-node="worker-2"]')).toHaveAttribute('data-unschedulable', 'true');
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(health.consoleErrors).toEqual([]);
  expect(health.foreignRequests).toEqual([]);
});

test("a drain refused by kubectl's checks or by a PodDisruptionBudget shows the refusal; --force from the options lets it through", async ({ page, baseURL }) => {
  const health = watchPageHealth(page, baseURL!);
  // worker-1 runs a bare pod: kubectl drain refuses without --force, but cordons.
  await page.getByRole('button', { name: 'Drain node worker-1' }).click();
  await expect(page.getByRole('alert')).toContainText('cannot delete Pods that declare no controller (use --force to override): default/nightly-report');
  await expect(page.locator('[data-node="worker-1"]')).toHaveAttribute('data-unschedulable', 'true');
  await page.getByRole('button', { name: 'Dismiss error' }).click();

  await page.getByLabel('Drain options for node worker-1').click();
  await page.getByRole('checkbox', { name: '--force' }).check();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('checkbox', { name: '--force' })).toBeHidden();
  await expect(page.getByLabel('Drain options for node worker-1')).toBeFocused();
  await page.getByRole('button', { name: 'Drain node worker-1' }).click();
  await expect(page.locator('[data-node="worker-1"] [data-pod="default/nightly-report"]')).toHaveAttribute('data-terminating', 'true');
  await advance(page, 60_000);
  await expect(page.locator('[data-node="worker-1"] [data-pod="default/nightly-report"]')).toHaveCount(0);
  await expect(page.getByRole('alert')).toHaveCount(0);

  // A budget that allows no disruption of web: the Eviction API answers 429, kubectl keeps retrying.
  await budgetForWeb(page);
  await advance(page, 60_000);
  const web = (await snapshot(page)).pods.find((p) => p.nodeName === 'worker-3' && p.owner?.name.startsWith('web-'))!;
  // With --timeout=20s (the eleventh pass): kubectl's later lines reach the page, and it gives up when kubectl says so.
  await page.getByLabel('Drain options for node worker-3').click();
  await page.getByRole('textbox', { name: '--timeout' }).fill('20s');
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Drain node worker-3' }).click();
  // A wait, not an error (newcomer.spec.ts): a notice with kubectl's line, and no alert.
  const waiting = page.getByRole('region', { name: 'Drain of worker-3 is waiting' });
  await expect(waiting).toContainText(`error when evicting pods/"${web.name}" -n "default" (will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.`);
  await expect(waiting).toContainText('With --timeout=20s, kubectl drain stops retrying at');
  await expect(page.getByRole('alert')).toHaveCount(0);
  const output = page.getByRole('list', { name: 'kubectl drain worker-3: output' });
  const refusals = () => output.getByRole('listitem').filter({ hasText: `error when evicting pods/"${web.name}"` }).count();
  const first = await refusals();
  await advance(page, 10_000);
  // The retries 5 s apart, each with its line.
  await expect.poll(refusals).toBe(first + 2);
  await expect(waiting).toBeVisible();
  await advance(page, 15_000);
  const gaveUp = page.getByRole('region', { name: 'Drain of worker-3 gave up' });
  await expect(gaveUp).toContainText(`not having moved ${web.name}. It leaves worker-3 cordoned`);
  await expect(output).toContainText(`error when evicting pods/"${web.name}" -n "default": global timeout reached: 20s`);
  // The newest line in view.
  const box = await output.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight);
  expect(box).toBeLessThan(2);
  // On a phone the words and the output take the notice's whole width (Dismiss beside them left a narrow column).
  await page.setViewportSize({ width: 390, height: 844 });
  const widths = await gaveUp.evaluate((el) => ({ notice: el.clientWidth, text: el.querySelector('.drain-notice-text')!.getBoundingClientRect().width }));
  expect(widths.text).toBeGreaterThan(widths.notice * 0.85);
  await page.setViewportSize({ width: 1280, height: 720 });
  await advance(page, 60_000);
  await expect(page.locator(`[data-node="worker-3"] [data-pod="default/${web.name}"]`)).not.toHaveAttribute('data-terminating', 'true');
  expect(health.consoleErrors).toEqual([]);
});

test('on a phone the story bar brings a held drain\'s kubectl output into view (the notice sits above the nodes, scrolled away)', async ({ page, baseURL }) => {
  const health = watchPageHealth(page, baseURL!);
  await page.setViewportSize({ width: 390, height: 844 });
  await budgetForWeb(page);
  await advance(page, 60_000);
  const drain = page.getByRole('button', { name: 'Drain node worker-3' });
  await drain.scrollIntoViewIfNeeded();
  await drain.click();
  const output = page.getByRole('list', { name: 'kubectl drain worker-3: output' });
  await expect(output).toContainText('(will retry after 5s)');
  await expect(output).not.toBeInViewport();
  await page.locator('[data-story-next="drain"]').getByRole('button', { name: 'Show kubectl output' }).click();
  await expect(output).toBeInViewport();
  await expect(output).toBeFocused();
  expect(health.consoleErrors).toEqual([]);
});

test('killing worker-2 from its card: Unknown, then its ReplicaSet pods run elsewhere, the DaemonSet pod stays, the bare pod is not replaced', async ({ page, baseURL }) => {
  const health = watchPageHealth(page, baseURL!);
  // A bare pod on worker-2, created with the form.
  await page.getByRole('button', { name: 'Create workload' }).click();
  const form = page.getByRole('form', { name: 'Create workload' });
  await form.getByLabel('Kind').selectOption('Pod');
  await form.getByLabel('Workload name', { exact: true }).fill('solo');
  await form.getByLabel('Node selector').fill('kubernetes.io/hostname=worker-2');
  await form.getByRole('button', { name: 'Create Pod', exact: true }).click();
  await expect(form).toHaveCount(0);
  await advance(page, 10_000);
  await expect(page.locator('[data-node="worker-2"] [data-pod="default/solo"]')).toHaveAttribute('data-pod-phase', 'Running');

  const before = await snapshot(page);
  const replicated = before.pods.filter((p) => p.nodeName === 'worker-2' && p.owner?.kind === 'ReplicaSet');
  const daemon = before.pods.find((p) => p.nodeName === 'worker-2' && p.owner?.kind === 'DaemonSet')!;
  expect(replicated.length).toBeGreaterThan(0);

  await page.getByRole('button', { name: 'Kill node worker-2' }).click();
  await expect(page.getByRole('button', { name: 'Restore node worker-2' })).toBeVisible();
  await advance(page, 7 * 60 * 1000);

  const card = page.locator('[data-node="worker-2"]');
  await expect(card).toHaveAttribute('data-node-status', 'Unknown');
  const after = await snapshot(page);
  for (const owner of new Set(replicated.map((p) => p.owner!.name))) {
    const mine = (f: Frame) => live(f).filter((p) => p.owner?.kind === 'ReplicaSet' && p.owner.name === owner);
    expect(mine(after)).toHaveLength(mine(before).length);
    for (const pod of mine(after)) {
      expect(pod.nodeName).not.toBe('worker-2');
      await expect(page.locator(`[data-node="${pod.nodeName}"] [data-pod="${podKey(pod)}"]`)).toHaveAttribute('data-pod-phase', 'Running');
    }
  }
  await expect(card.locator(`[data-pod="${podKey(daemon)}"]`)).not.toHaveAttribute('data-terminating', 'true');
  // The bare pod was evicted with the others; nothing brings it back.
  await expect(card.locator('[data-pod="default/solo"]')).toHaveAttribute('data-terminating', 'true');
  expect(live(after).filter((p) => p.name === 'solo')).toEqual([]);

  await page.getByRole('button', { name: 'Restore node worker-2' }).click();
  await advance(page, 60_000);
  await expect(card).toHaveAttribute('data-node-status', 'Ready');
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(health.consoleErrors).toEqual([]);
  expect(health.foreignRequests).toEqual([]);
});

test('adding a large node through the form lets the oversized pod schedule; deleting it from its card', async ({ page, baseURL }) => {
  const health = watchPageHealth(page, baseURL!);
  await expect(page.locator('[data-pending-tray] [data-pod="default/ml-training"]')).toBeVisible();

  await page.getByRole('button', { name: 'Add node' }).click();
  const form = page.getByRole('form', { name: 'Add node' });
  await expect(form.getByLabel('Template')).toBeFocused();
  await expect(form.getByLabel('Node name')).toHaveValue('worker-4');
  await form.getByLabel('Template').selectOption('large');
  await form.getByLabel('Zone').fill('eu-west-1c');
  await form.getByLabel('Labels').fill('disktype=ssd');
  await form.getByRole('button', { name: 'Create node' }).click();

  const card = page.locator('[data-node="worker-4"]');
  await expect(card).toBeVisible();
  await expect(card.getByRole('meter', { name: 'cpu' })).toHaveAttribute('aria-valuemax', '16000');
  await expect(card.getByRole('meter', { name: 'pods' })).toHaveAttribute('aria-valuemax', '110');
  const node = (await snapshot(page)).nodes.find((n) => n.name === 'worker-4')!;
  expect(node.labels).toMatchObject({ 'topology.kubernetes.io/zone': 'eu-west-1c', disktype: 'ssd', 'kubernetes.io/hostname': 'worker-4' });

  await advance(page, 30_000);
  await expect(card.locator('[data-pod="default/ml-training"]')).toHaveAttribute('data-pod-phase', 'Running');

  // A malformed taint is refused with a specific message; the cluster keeps its nodes.
  await page.getByRole('button', { name: 'Add node' }).click();
  await expect(form.getByLabel('Node name')).toHaveValue('worker-5');
  await form.getByLabel('Taints').fill('gpu=yes');
  await form.getByRole('button', { name: 'Create node' }).click();
  await expect(page.getByRole('alert')).toContainText('taints: "gpu=yes" needs an effect');
  await expect(page.locator('[data-node]')).toHaveCount(5);

  await page.getByRole('button', { name: 'Delete node worker-4' }).click();
  await expect(card).toHaveCount(0);
  expect(health.consoleErrors).toEqual([]);
  expect(health.foreignRequests).toEqual([]);
});

test('create a Deployment with the form, scale it up and down, delete it with its pods', async ({ page, baseURL }) => {
  const health = watchPageHealth(page, baseURL!);
  await page.getByRole('button', { name: 'Create workload' }).click();
  const form = page.getByRole('form', { name: 'Create workload' });
  await form.getByLabel('Workload name', { exact: true }).fill('shop');
  await form.getByLabel('Replicas').fill('2');
  await form.getByLabel('CPU request').fill('100m');
  await form.getByRole('button', { name: 'Create Deployment', exact: true }).click();

  const row = page.locator('[data-workload="Deployment/default/shop"]');
  await expect(row).toBeVisible();
  await advance(page, 30_000);
  const shopPods = (f: Frame) => live(f).filter((p) => p.owner?.kind === 'ReplicaSet' && p.owner.name.startsWith('shop-'));
  expect(shopPods(await snapshot(page))).toHaveLength(2);

  await page.getByRole('button', { name: 'Scale Deployment shop up' }).click();
  await expect(page.getByLabel('Replicas of Deployment shop')).toHaveText('3');
  await advance(page, 30_000);
  const scaled = shopPods(await snapshot(page));
  expect(scaled).toHaveLength(3);
  for (const pod of scaled) await expect(page.locator(`[data-node="${pod.nodeName}"] [data-pod="${podKey(pod)}"]`)).toHaveAttribute('data-pod-phase', 'Running');

  await page.getByRole('button', { name: 'Scale Deployment shop down' }).click();
  await expect(page.getByLabel('Replicas of Deployment shop')).toHaveText('2');

  await page.getByRole('button', { name: 'Delete Deployment shop' }).click();
  await expect(row).toHaveCount(0);
  await advance(page, 60_000);
  expect((await snapshot(page)).pods.filter((p) => p.name.startsWith('shop-'))).toEqual([]);
  await expect(page.locator('[data-pod^="default/shop-"]')).toHaveCount(0);
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(health.consoleErrors).toEqual([]);
  expect(health.foreignRequests).toEqual([]);
});

test('the YAML editor loads on demand, shows the engine refusal with its line, then applies the fixed manifest', async ({ page, baseURL }) => {
  const health = watchPageHealth(page, baseURL!);
  await page.getByRole('button', { name: 'Create workload' }).click();
  const form = page.getByRole('form', { name: 'Create workload' });
  await form.getByLabel('Kind').selectOption('StatefulSet');
  await form.getByLabel('Workload name', { exact: true }).fill('cache');
  await form.getByRole('button', { name: 'Edit as YAML' }).click();

  const editor = page.getByLabel(/^Manifest YAML/);
  await expect(editor).toHaveValue(/kind: StatefulSet\n/);
  const text = await editor.inputValue();
  await editor.fill(text.replace('replicas: 3', 'replicas: -2'));
  await page.getByRole('form', { name: 'YAML editor' }).getByRole('button', { name: 'Apply manifest' }).click();
  await expect(page.getByRole('alert')).toContainText(/editor\.yaml:\d+:\d+: The StatefulSet "cache" is invalid: spec\.replicas: Invalid value: -2: must be greater than or equal to 0/);
  expect((await snapshot(page)).workloads.some((w) => w.name === 'cache')).toBe(false);

  await editor.fill(text);
  await page.getByRole('form', { name: 'YAML editor' }).getByRole('button', { name: 'Apply manifest' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'statefulset.apps/cache created' })).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.locator('[data-workload="StatefulSet/default/cache"]')).toBeVisible();
  expect(health.consoleErrors).toEqual([]);
  expect(health.foreignRequests).toEqual([]);
});
