import { readFileSync, writeFileSync } from 'node:fs';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { parseAllDocuments } from 'yaml';
import type { Frame } from '../../src/protocol/engine-api';
import type {} from '../../src/ui/e2e-api'; // declares window.__podscape
import { waitForCluster, watchPageHealth } from '../fixtures/page-health';

const FIXTURE = readFileSync(new URL('../../src/scenario/import/fixtures/kubectl-get-all.yaml', import.meta.url), 'utf8');

interface Item {
  kind: string;
  metadata: { name: string; namespace?: string };
  spec?: { nodeName?: string };
}
// Where the dump has each node and pod: the test follows the fixture.
const items = (parseAllDocuments(FIXTURE)[0].toJS() as { items: Item[] }).items;
const dumpNodes = items.filter((i) => i.kind === 'Node').map((i) => i.metadata.name);
const dumpPods = items.filter((i) => i.kind === 'Pod').map((i) => ({ key: `${i.metadata.namespace}/${i.metadata.name}`, node: i.spec!.nodeName! }));

const snapshot = (page: Page) => page.evaluate(() => window.__podscape!.snapshot()) as Promise<Frame>;

// Pastes as a user does: the text on the clipboard, then Ctrl+V in the focused field. (Playwright's
// `fill` inserts a multi-line text through the editor's typing path, which in Chromium grows with the
// square of its lines: 5-10 s for this 43 KB dump, against ~0.2 s for a paste.)
async function paste(page: Page, field: Locator, text: string) {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.evaluate((value) => navigator.clipboard.writeText(value), text);
  await field.focus();
  await page.keyboard.press('ControlOrMeta+V');
  await expect(field).toHaveValue(text);
}

async function openImport(page: Page) {
  await page.getByRole('button', { name: 'Import YAML' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import YAML' });
  await expect(dialog).toBeVisible();
  return dialog;
}

test('import a pasted kubectl List: its nodes and pods appear where the dump had them, unsupported kinds are named', async ({ page, baseURL }) => {
  const health = watchPageHealth(page, baseURL!);
  await page.goto('/');
  await waitForCluster(page);

  const dialog = await openImport(page);
  await expect(dialog.getByLabel('Scenario YAML', { exact: true })).toBeFocused();
  await paste(page, dialog.getByLabel('Scenario YAML', { exact: true }), FIXTURE);
  await dialog.getByRole('button', { name: 'Import scenario', exact: true }).click();
  await expect(dialog).toBeHidden();

  await expect(page.locator('[data-node]')).toHaveCount(dumpNodes.length);
  for (const name of dumpNodes) await expect(page.locator(`[data-node="${name}"]`)).toHaveAttribute('data-node-status', 'Ready');
  for (const pod of dumpPods) await expect(page.locator(`[data-node="${pod.node}"] [data-pod="${pod.key}"]`)).toBeVisible();
  await expect(page.locator('[data-pending-tray] [data-pod]')).toHaveCount(0);

  const notice = page.getByRole('status', { name: 'Kinds kept but not simulated' });
  for (const kind of ['ConfigMap', 'Service', 'Ingress', 'Certificate']) await expect(notice.locator(`[data-unsupported-kind="${kind}"]`)).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);

  // The pods stay: the controllers adopt them instead of replacing them.
  const uids = (await snapshot(page)).pods.map((p) => p.uid).sort();
  await page.evaluate(() => window.__podscape!.advance(5 * 60 * 1000));
  expect((await snapshot(page)).pods.map((p) => p.uid).sort()).toEqual(uids);

  await page.screenshot({ path: '/tmp/import-imported.png', fullPage: true });
  expect(health.consoleErrors).toEqual([]);
  expect(health.foreignRequests).toEqual([]);
});

test('a broken paste shows an alert naming the document and line, and the cluster is kept', async ({ page, baseURL }) => {
  const health = watchPageHealth(page, baseURL!);
  await page.goto('/');
  await waitForCluster(page);
  const before = await snapshot(page);

  const broken = FIXTURE.replace('cpu: 500m\n          memory: 1Gi', 'cpu: lots\n          memory: 1Gi');
  const line = broken.split('\n').findIndex((l) => l.includes('cpu: lots')) + 1;
  const dialog = await openImport(page);
  await paste(page, dialog.getByLabel('Scenario YAML', { exact: true }), broken);
  await dialog.getByRole('button', { name: 'Import scenario', exact: true }).click();

  const alert = page.getByRole('alert');
  await expect(alert).toContainText(`line ${line}`);
  await expect(alert).toContainText('document 1');
  await expect(alert).toContainText('spec.containers[0].resources.requests.cpu');
  // Still open with the text, to be fixed; the cluster is the one from before.
  await expect(dialog.getByLabel('Scenario YAML', { exact: true })).toHaveValue(broken);
  await expect(page.locator('[data-node]')).toHaveCount(before.nodes.length);
  for (const node of before.nodes) await expect(page.locator(`[data-node="${node.name}"]`)).toBeVisible();
  expect((await snapshot(page)).pods.map((p) => p.uid)).toEqual(before.pods.map((p) => p.uid));
  await page.screenshot({ path: '/tmp/import-error.png' });

  // Escape closes the dialog and gives focus back to its button.
  await dialog.getByLabel('Scenario YAML', { exact: true }).press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('button', { name: 'Import YAML' })).toBeFocused();

  expect(health.consoleErrors).toEqual([]);
  expect(health.foreignRequests).toEqual([]);
});

test('uploading a file, or dropping one on the page, imports it', async ({ page, baseURL }) => {
  const health = watchPageHealth(page, baseURL!);
  await page.goto('/');
  await waitForCluster(page);
  const dialog = await openImport(page);
  await dialog.getByLabel('Upload a file').setInputFiles({ name: 'dump.yaml', mimeType: 'application/yaml', buffer: Buffer.from(FIXTURE) });
  await expect(dialog).toBeHidden();
  await expect(page.locator('[data-node]')).toHaveCount(dumpNodes.length);

  // Drop the default scenario back anywhere on the page.
  const dropped = readFileSync(new URL('../../scenarios/default.yaml', import.meta.url), 'utf8');
  const transfer = await page.evaluateHandle((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'default.yaml', { type: 'application/yaml' }));
    return dt;
  }, dropped);
  await page.dispatchEvent('main', 'dragenter', { dataTransfer: transfer });
  await expect(page.getByText('Drop a YAML or JSON file to import it')).toBeVisible();
  await page.dispatchEvent('main', 'dragover', { dataTransfer: transfer });
  await page.dispatchEvent('main', 'drop', { dataTransfer: transfer });
  await expect(page.getByText('Drop a YAML or JSON file to import it')).toHaveCount(0);
  await expect(page.locator('[data-node="worker-3"]')).toBeVisible();
  await expect(page.locator('[data-node="cp-1"]')).toHaveCount(0);
  expect(health.consoleErrors).toEqual([]);
  expect(health.foreignRequests).toEqual([]);
});

test('export downloads the scenario, clean manifests, KWOK nodes and the picture; the scenario imports back', async ({ page, baseURL }) => {
  const health = watchPageHealth(page, baseURL!);
  await page.goto('/');
  await waitForCluster(page);
  await page.evaluate((text) => window.__podscape!.load(text), FIXTURE);

  const download = async (item: string) => {
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: item }).click()]);
    const path = await file.path();
    return { name: file.suggestedFilename(), body: readFileSync(path!) };
  };

  const scenario = await download('Scenario (YAML)');
  expect(scenario.name).toMatch(/-scenario\.yaml$/);
  const text = scenario.body.toString('utf8');
  expect(text).toContain('kind: Certificate');

  const clean = await download('Clean manifests (YAML)');
  const cleanText = clean.body.toString('utf8');
  expect(cleanText).toContain('kind: Deployment');
  expect(cleanText).not.toContain('managedFields');
  expect(cleanText).not.toMatch(/^kind: Pod$/m);

  const kwok = await download('KWOK nodes (YAML)');
  const kwokText = kwok.body.toString('utf8');
  expect(kwokText.match(/kwok\.x-k8s\.io\/node: fake/g)).toHaveLength(dumpNodes.length);

  const svg = await download('Picture (SVG)');
  expect(svg.name).toMatch(/\.svg$/);
  const svgText = svg.body.toString('utf8');
  for (const pod of dumpPods) expect(svgText).toContain(`data-pod="${pod.key}"`);

  const png = await download('Picture (PNG)');
  expect(png.name).toMatch(/\.png$/);
  expect([...png.body.subarray(1, 4)].map((b) => String.fromCharCode(b)).join('')).toBe('PNG');
  writeFileSync('/tmp/import-picture.png', png.body);

  // Keyboard: the menu opens with ArrowDown, moves with the arrows, closes with Escape.
  const button = page.getByRole('button', { name: 'Export', exact: true });
  await button.focus();
  await button.press('ArrowDown');
  await expect(page.getByRole('menuitem', { name: 'Scenario (YAML)' })).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(page.getByRole('menuitem', { name: 'Picture (PNG)' })).toBeFocused();
  await page.screenshot({ path: '/tmp/import-menu.png' });
  await page.keyboard.press('Escape');
  await expect(page.getByRole('menu')).toHaveCount(0);
  await expect(button).toBeFocused();

  // The exported scenario loads back to the same pods.
  const before = (await snapshot(page)).pods.map((p) => `${p.namespace}/${p.name}@${p.nodeName}`);
  await page.evaluate((t) => window.__podscape!.load(t), text);
  expect((await snapshot(page)).pods.map((p) => `${p.namespace}/${p.name}@${p.nodeName}`)).toEqual(before);

  expect(health.consoleErrors).toEqual([]);
  expect(health.foreignRequests).toEqual([]);
});
