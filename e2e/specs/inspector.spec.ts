import { expect, test, type Page } from '@playwright/test';
import type { Frame } from '../../src/protocol/engine-api';
import type {} from '../../src/ui/e2e-api'; // declares window.__podscape
import { waitForCluster, watchPageHealth } from '../fixtures/page-health';

const snapshot = (page: Page) => page.evaluate(() => window.__podscape!.snapshot()) as Promise<Frame>;
const inspector = (page: Page) => page.getByRole('complementary', { name: 'Inspector' });

test('selecting the pending ml-training pod explains why every node rejects it', async ({ page, baseURL }) => {
  const health = watchPageHealth(page, baseURL!);
  await page.goto('/');
  await waitForCluster(page);
  const nodes = (await snapshot(page)).nodes.map((n) => n.name);
  await expect(inspector(page)).toHaveCount(0);

  const card = page.locator('[data-pending-tray] [data-pod="default/ml-training"]');
  await card.click();
  const panel = inspector(page);
  await expect(panel.getByRole('heading', { level: 2 })).toHaveText('Pod default/ml-training');
  await expect(card).toHaveAttribute('aria-current', 'true');
  await expect(panel.getByText('unschedulablePods')).toBeVisible();

  // The scheduling table: a row per node, each rejected with the engine's reason.
  const table = panel.getByRole('table', { name: /Filter and Score of default\/ml-training/ });
  await expect(table).toBeVisible();
  await expect(table.getByRole('columnheader', { name: 'NodeResourcesFit' })).toBeVisible();
  await expect(table.getByRole('columnheader', { name: 'TaintToleration' })).toBeVisible();
  const rows = table.locator('tbody tr');
  await expect(rows).toHaveCount(nodes.length);
  expect((await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-explain-node')))).sort()).toEqual([...nodes].sort());
  for (const node of nodes) {
    const row = table.locator(`tr[data-explain-node="${node}"]`);
    await expect(row).toHaveAttribute('data-feasible', 'false');
    await expect(row.getByRole('cell').last()).toHaveText('rejected');
  }
  for (const worker of nodes.filter((n) => n.startsWith('worker-'))) {
    await expect(table.locator(`tr[data-explain-node="${worker}"]`)).toContainText('Insufficient cpu');
    await expect(table.locator(`tr[data-explain-node="${worker}"]`)).toContainText('Insufficient memory');
  }
  await expect(table.locator('tr[data-explain-node="control-plane"]')).toContainText('untolerated taint');
  await expect(panel.locator('[data-explain-message]')).toHaveText(/^0\/4 nodes are available: /);

  // Its YAML as the API server holds it, and its PodScheduled condition.
  const yaml = panel.getByRole('region', { name: 'YAML of pod default/ml-training' });
  await expect(yaml).toContainText('kind: Pod');
  await expect(yaml).toContainText('name: ml-training');
  await expect(panel.locator('tr[data-condition="PodScheduled"]')).toContainText('Unschedulable');

  // Escape closes it and gives focus back to the card.
  await page.keyboard.press('Escape');
  await expect(inspector(page)).toHaveCount(0);
  await expect(card).not.toHaveAttribute('aria-current', 'true');
  await expect(card.getByRole('button', { name: 'ml-training' })).toBeFocused();

  expect(health.consoleErrors).toEqual([]);
  expect(health.foreignRequests).toEqual([]);
});

test('selecting a node by keyboard shows its conditions, taints and pods; a dead node turns Unknown and tainted', async ({ page, baseURL }) => {
  const health = watchPageHealth(page, baseURL!);
  await page.goto('/');
  await waitForCluster(page);

  // The control plane: Ready, with kubeadm's NoSchedule taint.
  await page.locator('[data-node="control-plane"]').getByRole('button', { name: 'control-plane', exact: true }).press('Enter');
  const panel = inspector(page);
  await expect(panel.getByRole('heading', { level: 2 })).toHaveText('Node control-plane');
  await expect(page.locator('[data-node="control-plane"]')).toHaveAttribute('aria-current', 'true');
  await expect(panel.locator('tr[data-condition="Ready"]')).toContainText('True');
  await expect(panel.locator('tr[data-condition="Ready"]')).toContainText('KubeletReady');
  await expect(panel.getByRole('list', { name: 'Taints of node control-plane' })).toContainText('node-role.kubernetes.io/control-plane:NoSchedule');

  // worker-2 loses power; after the grace period the node controller marks it Unknown and taints it.
  await page.evaluate(() => window.__podscape!.dispatch({ action: 'killNode', node: 'worker-2' }));
  await page.evaluate(() => window.__podscape!.advance(60_000));
  await page.locator('[data-node="worker-2"]').getByRole('button', { name: 'worker-2', exact: true }).click();
  await expect(panel.getByRole('heading', { level: 2 })).toHaveText('Node worker-2');
  const ready = panel.locator('tr[data-condition="Ready"]');
  await expect(ready).toContainText('Unknown');
  await expect(ready).toContainText('NodeStatusUnknown');
  await expect(ready).toContainText('Kubelet stopped posting node status.');
  const taints = panel.getByRole('list', { name: 'Taints of node worker-2' });
  await expect(taints.locator('[data-taint="node.kubernetes.io/unreachable:NoExecute"]')).toContainText(/added at \d\d:\d\d:\d\d/);
  await expect(taints.locator('[data-taint="node.kubernetes.io/unreachable:NoSchedule"]')).toBeVisible();
  await expect(panel.getByRole('cell', { name: '3920m' })).toBeVisible(); // allocatable cpu from the Node object

  // Its pods are listed; choosing one switches the inspector to it.
  const onWorker2 = (await snapshot(page)).pods.filter((p) => p.nodeName === 'worker-2');
  const podList = panel.getByRole('list', { name: 'Pods on node worker-2' });
  await expect(podList.getByRole('listitem')).toHaveCount(onWorker2.length);
  const first = `${onWorker2[0].namespace}/${onWorker2[0].name}`;
  await podList.getByRole('button', { name: first }).click();
  await expect(panel.getByRole('heading', { level: 2 })).toHaveText(`Pod ${first}`);
  // A bound pod: whatever explain answers for it (a table, or why it cannot), never invented data.
  await expect(panel.locator('table.explain-table, [data-unavailable]').first()).toBeVisible();

  await panel.getByRole('button', { name: 'Close inspector' }).click();
  await expect(inspector(page)).toHaveCount(0);
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(health.consoleErrors).toEqual([]);
  expect(health.foreignRequests).toEqual([]);
});
