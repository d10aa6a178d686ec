/// <reference types="vite/client" />
/**
 * scanStream, the reader-free locate for long texts (a refused 20 MB import located on the page's
 * main thread): on streams and Lists as kubectl prints them it names the same document and List
 * item as locateInStream, which parses.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import kubectlGetAll from './fixtures/kubectl-get-all.yaml?raw';
import { describeImportError, locateInStream, SCAN_ABOVE_CHARS, scanStream } from './locate';

const FIXTURE_LINES = kubectlGetAll.split('\n');
const ITEMS: string[][] = [];
for (const line of FIXTURE_LINES.slice(1)) {
  if (line.startsWith('- ')) ITEMS.push([line]);
  else if (line.startsWith(' ') && ITEMS.length > 0) ITEMS[ITEMS.length - 1].push(line);
}
const list = (picks: number[], indent: string) => ['apiVersion: v1', 'items:', ...picks.flatMap((i) => ITEMS[i % ITEMS.length].map((l) => indent + l)), 'kind: List', 'metadata:', '  resourceVersion: ""'];
/** One item as a document of its own (its lines unindented by two). */
const single = (i: number) => ITEMS[i % ITEMS.length].map((l) => l.slice(2));

const doc = fc.oneof(
  fc.record({ picks: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), indent: fc.constantFrom('', '  ') }).map(({ picks, indent }) => list(picks, indent)),
  fc.nat().map(single),
  fc.constant(['# only a comment', 'apiVersion: v1', 'kind: Namespace', 'metadata: {name: x}']),
);
const stream = fc.record({
  docs: fc.array(doc, { minLength: 1, maxLength: 4 }),
  lead: fc.constantFrom('', '---\n', '# header\n', '# header\n---\n'),
  ends: fc.boolean(),
});

describe('scanStream', () => {
  it('names the document and List item of every content line as locateInStream does', () => {
    fc.assert(
      fc.property(stream, fc.nat(), ({ docs, lead, ends }, offset) => {
        const text = lead + docs.map((d) => d.join('\n')).join(ends ? '\n...\n---\n' : '\n---\n') + '\n';
        const lines = text.split('\n');
        const parsed = locateInStream(text, 1);
        expect(scanStream(text, 1).documents).toBe(parsed.documents);
        // Every few lines (locateInStream parses the whole text per line).
        const step = Math.max(1, Math.floor(lines.length / 12));
        lines.forEach((l, i) => {
          const t = l.trim();
          if ((i + offset) % step !== 0) return;
          if (t === '' || t.startsWith('#') || t === '---' || t === '...') return;
          expect(scanStream(text, i + 1), `line ${i + 1}: ${l}`).toEqual(locateInStream(text, i + 1));
        });
      }),
      { numRuns: 50 },
    );
  });

  it('is what describeImportError uses past SCAN_ABOVE_CHARS, with the same words', () => {
    const items = Array.from({ length: Math.ceil(SCAN_ABOVE_CHARS / kubectlGetAll.length) + 1 }, (_, i) => i);
    const text = `apiVersion: v1\nkind: Node\nmetadata: {name: a}\n---\n${list(items.flatMap(() => ITEMS.map((_, j) => j)), '').join('\n')}\n`;
    expect(text.length).toBeGreaterThan(SCAN_ABOVE_CHARS);
    const line = text.split('\n').length - 10;
    const message = `big.yaml:${line}:3: spec: something`;
    const where = locateInStream(text, line);
    expect(where.item).not.toBeNull();
    expect(describeImportError(text, message)).toBe(`document 2 (items[${where.item}]), line ${line}, column 3: spec: something`);
  });

  it('a List in flow style gets no item number, only its document', () => {
    const text = 'a: 1\n---\napiVersion: v1\nkind: List\nitems: [\n  {kind: Node},\n  {kind: Pod}\n]\n';
    expect(scanStream(text, 7)).toEqual({ document: 2, documents: 2, item: null });
  });
});
