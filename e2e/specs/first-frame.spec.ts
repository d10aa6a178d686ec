import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import type { Frame } from '../../src/protocol/engine-api';
import type {} from '../../src/ui/e2e-api'; // declares window.__podscape

const DEFAULT_YAML = readFileSync(new URL('../../scenarios/default.yaml', import.meta.url), 'utf8');

/** At the first node card in the DOM: whether the app's API was there, and its snapshot then (the cold load's first cluster frame). */
const RECORD_FIRST_NODE = `
  new MutationObserver((_, observer) => {
    if (!document.querySelector('[data-node]')) return;
    observer.disconnect();
    const api = window.__podscape;
    window.__firstNode = { api: typeof api?.dispatch === 'function', snapshot: JSON.stringify(api?.snapshot() ?? null) };
  }).observe(document, { childList: true, subtree: true });
`;

const withoutSeq = ({ seq: _seq, ...rest }: Frame) => rest;

test('the cold first cluster frame is the live app’s, equal to the engine’s own load of the default scenario', async ({ page, browser }) => {
  await page.addInitScript(RECORD_FIRST_NODE);
  await page.goto('/');
  await page.waitForFunction(() => (window as unknown as { __firstNode?: unknown }).__firstNode !== undefined);
  const first = await page.evaluate(() => (window as unknown as { __firstNode: { api: boolean; snapshot: string } }).__firstNode);
  // The first node card comes with a working window.__podscape and a frame in the store.
  expect(first.api).toBe(true);
  const atFirstNode = JSON.parse(first.snapshot) as Frame | null;
  expect(atFirstNode).not.toBeNull();
  expect(atFirstNode).toMatchObject({ time: 0, playing: false });

  // The worker's answer (any call waits for it) leaves the frame as it was drawn.
  await page.evaluate(() => window.__podscape!.events({ offset: 0, limit: 1 }));
  const afterWorker = (await page.evaluate(() => window.__podscape!.snapshot())) as Frame;
  expect(afterWorker).toEqual(atFirstNode);

  // A page that loads the default scenario's text through the engine (no build-time frame, no boot shortcut).
  const other = await browser.newPage();
  await other.goto('/');
  await other.waitForFunction(() => window.__podscape?.snapshot() != null);
  const loaded = await other.evaluate(async (yaml) => {
    await window.__podscape!.load(yaml);
    return window.__podscape!.snapshot();
  }, DEFAULT_YAML);
  expect(withoutSeq(loaded as Frame)).toEqual(withoutSeq(atFirstNode!));
  await other.close();

  // And the drawn cluster answers a command at once.
  const node = atFirstNode!.nodes[0].name;
  await expect(page.locator(`[data-node="${node}"]`)).not.toHaveAttribute('data-unschedulable', 'true');
  expect(await page.evaluate((name) => window.__podscape!.dispatch({ action: 'cordon', node: name }), node)).toMatchObject({ ok: true });
  await expect(page.locator(`[data-node="${node}"]`)).toHaveAttribute('data-unschedulable', 'true');
});
