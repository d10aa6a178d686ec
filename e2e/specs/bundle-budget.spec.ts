import { expect, test } from '@playwright/test';
import { gzippedBytes, INITIAL_JS_BUDGET_KB, initialScripts } from '../../build/initial-js';

/**
 * DESIGN.md's budget for initial JavaScript (≤ 150 KB gzip), measured on the files as
 * served, the way `npm run bench` measures it (build/initial-js.ts). A size is
 * deterministic, so this is a plain test, not a timing; it fails when a static import pulls
 * a lazily loaded library (the YAML editor, zod, lz-string) into the first load.
 */

test('the JavaScript of the first load fits the 150 KB gzip budget, and the worker is not part of it', async ({ request }) => {
  const html = await (await request.get('/')).text();
  const files = initialScripts(html);
  expect(files.length).toBeGreaterThan(0);
  expect(files.some((f) => f.includes('worker'))).toBe(false);
  let gzip = 0;
  for (const file of files) {
    const response = await request.get(`/${file}`);
    expect(response.ok(), file).toBe(true);
    gzip += gzippedBytes(await response.body());
  }
  expect(Math.round(gzip / 1024), `initial JavaScript: ${files.join(', ')}`).toBeLessThanOrEqual(INITIAL_JS_BUDGET_KB);
});
