import { chromium, type Page } from 'playwright-core';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
await page.goto('http://127.0.0.1:4305/');
await page.waitForFunction(() => (window as any).__podscape?.snapshot() != null);
await page.waitForTimeout(500);
const CONTROL = /^\s*- (button|link|textbox|searchbox|combobox|checkbox|radio|menuitem|menuitemcheckbox|tab|spinbutton|slider|switch|option)(?: "((?:[^"\\]|\\.)*)")?/;
async function names(p: Page) {
  const out: string[] = [];
  for (const line of (await p.locator('body').ariaSnapshot()).split('\n')) {
    const m = CONTROL.exec(line);
    if (m) out.push(`${m[1]} ${m[2] === undefined ? '(no name)' : JSON.parse(`"${m[2]}"`)}`);
  }
  return out;
}
const base = new Set(await names(page));
async function show(label: string, open: () => Promise<void>, close: () => Promise<void>) {
  try {
    await open();
    await page.waitForTimeout(400);
    const now = await names(page);
    console.log(`== ${label}:`, [...new Set(now.filter((n) => !base.has(n)))].join(' | '));
  } catch (e) { console.log(`== ${label}: FAILED ${(e as Error).message.split('\n')[0]}`); }
  await close().catch(() => {});
  await page.keyboard.press('Escape');
  await page.waitForTimeout(200);
}
const btn = (name: string) => page.getByRole('button', { name, exact: true });
await show('Scenarios', () => btn('Scenarios').click(), async () => {});
await show('Import YAML', () => btn('Import YAML').click(), async () => {});
await show('Export', () => btn('Export').click(), async () => {});
await show('Share', () => btn('Share').click(), async () => {});
await show('Add node', () => btn('Add node').click(), async () => {});
await show('Create workload', () => btn('Create workload').click(), async () => {});
await show('Apply YAML', () => btn('Apply YAML').click(), async () => {});
await show('About', () => page.getByText('About this state').click(), async () => {});
await show('Drain options', () => page.locator('summary[aria-label="Drain options for node worker-1"]').click(), async () => {});
await show('Inspector pod', () => page.locator('[data-pod^="default/web"]').first().getByRole('button').first().click(), async () => {});
await show('Inspector node', () => btn('worker-2').click(), async () => {});
await show('Presenter', () => btn('Presenter mode').click(), async () => { await page.getByRole('button', { name: /presenter/i }).first().click(); });
await show('Drop dialog', async () => { const c = page.locator('[data-pod^="default/web"]').first(); await c.focus(); await page.keyboard.press('Space'); await page.waitForTimeout(300); await page.keyboard.press('ArrowRight'); await page.waitForTimeout(300); await page.keyboard.press('ArrowRight'); await page.keyboard.press('Space'); }, async () => {});
console.log('BASE:', [...base].filter((n) => !/node\/|pod\//.test(n)).join(' | '));
await browser.close();
