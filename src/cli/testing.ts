/**
 * Helpers for the CLI's tests: run the command in-process and capture its
 * output, and write input files into a temporary folder.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from './main';

export interface CliResult {
  code: number;
  out: string;
  err: string;
}

/** Runs `podscape <argv…>` in-process. */
export function cli(...argv: string[]): CliResult {
  const out: string[] = [];
  const err: string[] = [];
  const code = run(argv, (s) => out.push(s), (s) => err.push(s));
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** A writer of files into a fresh temporary folder; returns each file's path. */
export function tempFiles(prefix: string): (name: string, text: string) => string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return (name, text) => {
    const p = join(dir, name);
    writeFileSync(p, text);
    return p;
  };
}
