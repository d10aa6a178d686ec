import { expect, test, type Locator, type Page } from '@playwright/test';
import type {} from '../../src/ui/e2e-api'; // declares window.__podscape
import { waitForCluster, watchPageHealth } from '../fixtures/page-health';

// A Deployment with two typos a real cluster refuses (kubectl apply's strict field validation).
const TYPOS = `apiVersion: v1
kind: Node
metadata: {name: worker-a}
status: {allocatable: {cpu: "4", memory: 8Gi, pods: "110"}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: default}
spec:
  replica: 3
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: c
        image: nginx
        resource: {requests: {cpu: 100m}}
`;

async function paste(page: Page, field: Locator, text: string) {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.evaluate((value) => navigator.clipboard.writeText(value), text);
  await field.focus();
  await page.keyboard.press('ControlOrMeta+V');
  await expect(field).toHaveValue(text);
}

async function importText(page: Page, text: string) {
  await page.getByRole('button', { name: 'Import YAML' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import YAML' });
  await paste(page, dialog.getByLabel('Scenario YAML', { exact: true }), text);
  await dialog.getByRole('button', { name: 'Import scenario', exact: true }).click();
  return dialog;
}

test('unknown fields: the import loads, and a notice names each field, its line and the field meant; dismissed by keyboard', async ({ page, baseURL }) => {
  const health = watchPageHealth(page, baseURL!);
  await page.goto('/');
  await waitForCluster(page);
  const dialog = await importText(page, TYPOS);
  await expect(dialog).toBeHidden();
  await expect(page.locator('[data-node="worker-a"] [data-pod]')).toHaveCount(1);

  const notice = page.getByRole('status', { name: 'Fields a real cluster would refuse' });
  await expect(notice).toContainText('2 fields the Kubernetes API does not have');
  await expect(notice.locator('[data-unknown-field="spec.replica"]')).toHaveText('line 10: spec.replica in Deployment default/web — did you mean replicas?');
  await expect(notice.locator('[data-unknown-field="spec.template.spec.containers[0].resource"]')).toContainText('did you mean resources?');
  await page.screenshot({ path: '/tmp/import-unknown-fields.png' });

  const dismiss = notice.getByRole('button', { name: 'Dismiss unknown fields notice' });
  await dismiss.focus();
  await page.keyboard.press('Enter');
  await expect(notice).toHaveCount(0);
  expect(health.consoleErrors).toEqual([]);
});

test('an unquoted yes in an env value is refused as kubectl refuses it, saying how to write the string; the cluster is kept', async ({ page, baseURL }) => {
  const health = watchPageHealth(page, baseURL!);
  await page.goto('/');
  await waitForCluster(page);
  const nodes = await page.locator('[data-node]').count();
  const dialog = await importText(page, `${TYPOS.split('---')[0]}---\napiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    env: [{name: DEBUG, value: yes}]\n`);
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('line 12');
  await expect(alert).toContainText('cannot unmarshal bool into Go struct field EnvVar');
  await expect(alert).toContainText('write "yes" in quotes for the string');
  await expect(dialog).toBeVisible();
  await expect(page.locator('[data-node]')).toHaveCount(nodes);
  expect(health.consoleErrors).toEqual([]);
});

test('Apply YAML: an object with an unknown field is applied, and the editor warns about the field at its line', async ({ page, baseURL }) => {
  const health = watchPageHealth(page, baseURL!);
  await page.goto('/');
  await waitForCluster(page);
  await page.getByRole('button', { name: 'Apply YAML', exact: true }).click();
  const editor = page.getByRole('form', { name: 'YAML editor' });
  await expect(editor).toBeVisible({ timeout: 15_000 }); // the editor's chunk loads lazily
  await editor.getByRole('textbox').fill(TYPOS.split('---\n')[1].replace('name: web', 'name: typo-web'));
  await editor.getByRole('button', { name: 'Apply manifest' }).click();
  await expect(editor.getByRole('status').filter({ hasText: 'deployment.apps/typo-web created' })).toBeVisible();
  const warning = editor.getByRole('status', { name: 'Fields a real cluster would refuse' });
  await expect(warning).toContainText('editor.yaml:5:3: spec.replica: unknown field "spec.replica" (in Deployment default/typo-web); did you mean "replicas"?');
  await expect(warning).toContainText('editor.yaml:13:9: spec.template.spec.containers[0].resource: unknown field');
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(health.consoleErrors).toEqual([]);
});
