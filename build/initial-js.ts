import { gzipSync } from 'node:zlib';

/**
 * DESIGN.md's budget for the JavaScript of the first load, and how it is measured: the
 * built index.html's module script and its preloads, each gzipped at level 9. Shared by
 * `npm run bench` (bench/ui/ui.bench.ts) and the e2e spec that guards the budget.
 */
export const INITIAL_JS_BUDGET_KB = 150;

/** The script files (paths relative to the site root, without a leading `./`) index.html loads at once. */
export function initialScripts(html: string): string[] {
  return [...new Set([...html.matchAll(/(?:src|href)="\.?\/?([^"]+\.js)"/g)].map((m) => m[1]))];
}

/** A file's size once gzipped as the budget counts it. */
export const gzippedBytes = (bytes: Uint8Array): number => gzipSync(bytes, { level: 9 }).length;
