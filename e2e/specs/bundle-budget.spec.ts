import { gzipSync } from 'node:zlib';
import { expect, test } from '@playwright/test';

/**
 * DESIGN.md's budget for initial JavaScript (≤ 150 KB gzip): the page's module script and
 * its preloads, as served, gzipped at level 9 (as `npm run bench` measures it). A size is
 * deterministic, so this is a plain test, not a timing; it fails when a static import pulls
 * a lazily loaded library (the YAML editor, zod, lz-string) into the first load.
 */
const BUDGET_KB = 150;

test('the JavaScript of the first load fits the 150 KB gzip budget, and the worker is not part of it', async ({ request }) => {
  const html = await (await request.get('/')).text();
  const files = [...html.matchAll(/(?:src|href)="\.?\/?([^"]+\.js)"/g)].map((m) => m[1]);
  expect(files.length).toBeGreaterThan(0);
  expect(files.some((f) => f.includes('worker'))).toBe(false);
  let gzip = 0;
  for (const file of files) {
    const response = await request.get(`/${file}`);
    expect(response.ok(), file).toBe(true);
    gzip += gzipSync(await response.body(), { level: 9 }).length;
  }
  expect(Math.round(gzip / 1024), `initial JavaScript: ${files.join(', ')}`).toBeLessThanOrEqual(BUDGET_KB);
});
