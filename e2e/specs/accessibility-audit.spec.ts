import { expect, test, type Page } from '@playwright/test';
import type {} from '../../src/ui/e2e-api'; // declares window.__podscape
import { axeViolations } from '../fixtures/axe';
import { waitForCluster, watchPageHealth } from '../fixtures/page-health';
import { showAllTools } from '../fixtures/more-tools';
import { advanceShown, animationsSettled, frameShown } from '../fixtures/session';

/**
 * axe-core over the states a newcomer and a workshop pass through. Every violation fails the
 * test, whatever its impact: none is excluded (docs/ui.md, "Eighth pass").
 */
async function expectClean(page: Page, state: string) {
  expect(await axeViolations(page), `axe violations in: ${state}`).toEqual([]);
}

/** Past 200 nodes the pods are drawn on canvases: 205 nodes, 300 replicas. */
function largeCluster(): string {
  const docs: unknown[] = [{ apiVersion: 'podscape.dev/v1alpha1', kind: 'Scenario', metadata: { name: 'large' }, spec: { seed: 3, speed: 10 } }];
  for (let i = 0; i < 205; i++) {
    docs.push({ apiVersion: 'v1', kind: 'Node', metadata: { name: `worker-${i}` }, status: { allocatable: { cpu: '4', memory: '8Gi', pods: '110' } } });
  }
  const template = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx', resources: { requests: { cpu: '100m', memory: '64Mi' } } }] } };
  docs.push({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default' }, spec: { replicas: 300, selector: { matchLabels: { app: 'web' } }, template } });
  return docs.map((doc) => JSON.stringify(doc)).join('\n---\n');
}

async function openImportWithError(page: Page) {
  await showAllTools(page);
  await page.getByRole('button', { name: 'Import YAML' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import YAML' });
  await dialog.getByLabel('Scenario YAML', { exact: true }).fill('apiVersion: v1\nkind: Node\nmetadata:\n  name: n1\nstatus:\n  allocatable:\n    cpu: lots\n');
  await dialog.getByRole('button', { name: 'Import scenario', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('Could not import');
  return dialog;
}

test('light theme at 1280×800: the default cluster, a killed node (its taint form open), the pod inspector, an import error, the gallery and a lesson', async ({ page, baseURL }) => {
  const health = watchPageHealth(page, baseURL!);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
  await page.goto('/');
  await waitForCluster(page);
  await expectClean(page, 'the default cluster');

  // A node killed: Unknown, its pods Terminating, the story and the Next line.
  await page.evaluate(async () => {
    await window.__podscape!.advance(20_000);
    await window.__podscape!.dispatch({ action: 'killNode', node: 'worker-2' });
  });
  await advanceShown(page, 360_000);
  await expect(page.locator('[data-node="worker-2"]')).toHaveAttribute('data-node-status', 'Unknown');
  await expect(page.locator('[data-terminating="true"]').first()).toBeVisible();
  await expectClean(page, 'a killed node with its pods Terminating');
  // Its taint form open on the dark card (the non-graceful-shutdown lesson's step), with kubectl's line.
  await page.getByLabel('Taints and labels of node worker-2', { exact: true }).click();
  await page.getByLabel('kubectl taint node worker-2').fill('node.kubernetes.io/out-of-service=nodeshutdown:NoExecute');
  await page.getByRole('button', { name: 'Taint node worker-2' }).click();
  await expect(page.locator('[data-node="worker-2"]').getByRole('status').filter({ hasText: 'node/' })).toHaveText('node/worker-2 tainted');
  await expectClean(page, 'the taint form open on the killed node');

  // The inspector: the pending pod (every node rejects it), then a bound pod, each with its scheduling table.
  await page.locator('[data-pending-tray] [data-pod="default/ml-training"]').getByRole('button', { name: 'ml-training' }).click();
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  await expect(inspector.getByRole('table', { name: /Filter and Score of default\/ml-training/ })).toBeVisible();
  await expectClean(page, 'the inspector of a pending pod');
  await page.locator('[data-node="worker-1"] [data-pod] .select-button').first().click();
  // In view: axe cannot tell the colours of text outside the window (its selected row, green on a tint).
  const bound = inspector.getByRole('table', { name: /Filter and Score of default\/.*if it were placed now/ });
  await bound.scrollIntoViewIfNeeded();
  await expect(bound.locator('tr[data-bound="true"]')).toBeInViewport();
  await expectClean(page, 'the inspector of a bound pod, its scheduling table in view');
  await page.keyboard.press('Escape');

  await openImportWithError(page);
  await expectClean(page, 'the import dialog with an error');
  await page.getByRole('button', { name: 'Cancel import' }).click();

  await page.getByRole('button', { name: 'Scenarios' }).click();
  const gallery = page.getByRole('dialog', { name: 'Presets and lessons' });
  await expect(gallery).toBeVisible();
  await expectClean(page, 'the scenario gallery');
  await gallery.getByRole('button', { name: 'Start lesson Maintenance without downtime' }).click();
  await expect(page.getByRole('region', { name: 'Lesson: Maintenance without downtime' })).toBeVisible();
  await expectClean(page, 'a lesson');

  // The Export menu: each item's hint is its description, not part of its name.
  await page.getByRole('button', { name: 'Export' }).click();
  await expect(page.getByRole('menuitem', { name: 'Scenario (YAML)', exact: true })).toBeFocused();
  await expectClean(page, 'the Export menu');
  await page.keyboard.press('Escape');
  expect(health.consoleErrors).toEqual([]);
});

test('dark theme on a phone (390×844): a killed node, the inspector, an import error, a large cluster on canvases', async ({ page, baseURL }) => {
  const health = watchPageHealth(page, baseURL!);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.emulateMedia({ colorScheme: 'dark', reducedMotion: 'reduce' });
  await page.goto('/');
  await waitForCluster(page);
  await page.evaluate(async () => {
    await window.__podscape!.advance(20_000);
    await window.__podscape!.dispatch({ action: 'killNode', node: 'worker-2' });
  });
  await advanceShown(page, 360_000);
  await expect(page.locator('[data-terminating="true"]').first()).toBeAttached();
  await expectClean(page, 'a killed node, dark, on a phone');

  await page.locator('[data-pending-tray] [data-pod="default/ml-training"]').getByRole('button', { name: 'ml-training' }).click();
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  await expect(inspector.getByRole('table', { name: /Filter and Score of default\/ml-training/ })).toBeVisible();
  await expectClean(page, 'the inspector, dark, on a phone');
  await page.keyboard.press('Escape');

  await openImportWithError(page);
  await expectClean(page, 'the import dialog with an error, dark, on a phone');
  await page.getByRole('button', { name: 'Cancel import' }).click();

  await page.evaluate((text) => window.__podscape!.load(text), largeCluster());
  await advanceShown(page, 30_000);
  await expect(page.getByLabel('Pod view')).toHaveValue('canvas');
  await frameShown(page);
  await expectClean(page, 'a large cluster on canvases, dark, on a phone');
  expect(health.consoleErrors).toEqual([]);
});

test('dark theme at 1920×1080: presenter mode on a lesson, a pod being dragged (its overlay), a node\'s taint form with a refusal', async ({ page, baseURL }) => {
  const health = watchPageHealth(page, baseURL!);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.emulateMedia({ colorScheme: 'dark', reducedMotion: 'reduce' });
  await page.goto('/');
  await waitForCluster(page);

  await page.getByRole('button', { name: 'Scenarios' }).click();
  await page.getByRole('dialog', { name: 'Presets and lessons' }).getByRole('button', { name: 'Start lesson Maintenance without downtime' }).click();
  await expect(page.getByRole('region', { name: 'Lesson: Maintenance without downtime' })).toBeVisible();
  await page.getByRole('button', { name: 'Presenter mode' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-presenter', 'true');
  await expect(page.getByRole('button', { name: 'Presenter mode' })).toHaveAttribute('aria-pressed', 'true');
  await expectClean(page, 'presenter mode on a lesson, dark');
  await page.getByRole('button', { name: 'Presenter mode' }).click();
  await expect(page.locator('html')).not.toHaveAttribute('data-presenter', 'true');

  // A pod picked up with the mouse and held over a node: the overlay, the node's verdict, the live region.
  const from = page.locator('[data-node="worker-1"] [data-pod][data-draggable]').first();
  await from.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await animationsSettled(page);
  const a = (await from.boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(a.x + a.width / 2 + 12, a.y + a.height / 2 + 4, { steps: 3 });
  const to = page.locator('[data-node="worker-3"]');
  const b = (await to.boundingBox())!;
  await page.mouse.move(b.x + b.width / 2, b.y + 60, { steps: 8 });
  await expect(to).toHaveAttribute('data-drop-verdict', /fits|rejects/);
  await expectClean(page, 'a pod being dragged over a node, dark');
  await page.keyboard.press('Escape');
  await page.mouse.up();
  await expect(page.locator('[data-drop-verdict]')).toHaveCount(0);

  // The taint and label forms of a node, after a refusal.
  await page.getByLabel('Taints and labels of node worker-1', { exact: true }).click();
  const field = page.getByLabel('kubectl taint node worker-1');
  await field.fill('gpu=yes');
  await field.press('Enter');
  await expect(page.locator('[data-node="worker-1"]').getByRole('alert')).toContainText('invalid taint spec');
  await expectClean(page, 'a node\'s taint form with a refusal, dark');
  expect(health.consoleErrors).toEqual([]);
});

// With motion on (the other tests reduce it): the YAML editor, a drain's report, the share link,
// and a kill's replacements after their flights have landed. axe reads colours with the opacity
// of the moment, so a card fading in mid-flight "fails" contrast for its 650 ms; the state a
// reader stays in is the landed one, and that is the one checked.
for (const [width, height, colorScheme] of [
  [1440, 900, 'light'],
  [390, 844, 'dark'],
] as const) {
  test(`${colorScheme} theme at ${width}×${height}, motion on: the YAML editor (with a syntax error), a drain under way and finished, the share link, a kill's replacements landed`, async ({ page, baseURL }) => {
    // Seven axe runs over whole pages: under the shared machine's load (~20) 60 s was not enough.
    test.setTimeout(180_000);
    const health = watchPageHealth(page, baseURL!);
    await page.setViewportSize({ width, height });
    await page.emulateMedia({ colorScheme, reducedMotion: 'no-preference' });
    await page.goto('/');
    await waitForCluster(page);

    await page.getByRole('button', { name: 'Apply YAML' }).click();
    const editor = page.getByRole('form', { name: 'YAML editor' });
    const text = editor.getByLabel(/Manifest YAML/);
    await expect(text).toBeVisible();
    await expectClean(page, 'the YAML editor open');
    await text.fill('apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x\n');
    await editor.getByRole('button', { name: 'Apply manifest' }).click();
    await expect(editor.getByRole('alert')).toContainText('YAML syntax error');
    await expectClean(page, 'the YAML editor with a syntax error');
    await editor.getByRole('button', { name: 'Close YAML editor' }).click();
    await expect(editor).toHaveCount(0);

    await page.evaluate(() => window.__podscape!.advance(20_000));
    await page.getByRole('button', { name: 'Drain node worker-2' }).click();
    await expect(page.locator('[data-node="worker-2"]')).toHaveAttribute('data-unschedulable', 'true');
    // The evicted pods' replacements appear at once, fading in: checked once they have landed.
    await animationsSettled(page);
    await expectClean(page, 'a drain under way (the clock paused)');
    await advanceShown(page, 10_000); // the evictions go through: no budget holds them here
    await expect(page.getByText('Drain of worker-2 finished')).toBeVisible();
    await animationsSettled(page);
    await expectClean(page, 'a finished drain and its report');

    await page.getByRole('button', { name: 'Share' }).click();
    await expect(page.getByLabel('Share link')).toHaveValue(/#s=/);
    await expectClean(page, 'the share link');

    await page.getByRole('button', { name: 'Kill node worker-3' }).click();
    await expect(page.locator('[data-node="worker-3"]')).toHaveAttribute('data-powered', 'false');
    await advanceShown(page, 400_000); // Unknown at 50 s, evicted 300 s after the taint, replaced
    await expect(page.locator('[data-node="worker-3"]')).toHaveAttribute('data-node-status', 'Unknown');
    await animationsSettled(page);
    await expectClean(page, 'a killed node, its replacements landed');
    expect(health.consoleErrors).toEqual([]);
  });
}
