/// <reference types="vite/client" />
/**
 * Fuzzing the importer: thousands of random and mutated inputs (the kubectl fixture with
 * lines deleted, duplicated, re-indented, truncated, or values swapped for hostile YAML).
 * No exception other than a ManifestError may escape, and every ManifestError names a
 * line inside the input, the document it is in, and a field or the kind of problem.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ManifestError } from '../parse';
import kubectlGetAll from './fixtures/kubectl-get-all.yaml?raw';
import { describeImportError, importScenario, locateInStream } from './import';

const FIXTURE_LINES = kubectlGetAll.split('\n');
/** The List's items, each as its lines (`- apiVersion: …` up to the next item). */
const ITEMS: string[][] = [];
for (const line of FIXTURE_LINES.slice(1)) {
  if (line.startsWith('- ')) ITEMS.push([line]);
  else if (line.startsWith(' ') && ITEMS.length > 0) ITEMS[ITEMS.length - 1].push(line);
}
/** A smaller List of some of the fixture's items, as kubectl prints it. */
const listOf = (picks: number[]) => ['apiVersion: v1', 'items:', ...picks.flatMap((i) => ITEMS[i % ITEMS.length]), 'kind: List', 'metadata:', '  resourceVersion: ""'];

/** Messages that are about the stream rather than one field of an object. */
const FIELDLESS = [/YAML syntax error: /, /is not a Kubernetes object/, /^document \d+: /, /limit is/];

function check(text: string): void {
  let error: unknown;
  try {
    importScenario(text, 'fuzz.yaml');
    return;
  } catch (e) {
    error = e;
  }
  if (!(error instanceof ManifestError)) throw new Error(`not a ManifestError: ${String(error)}\n--- input ---\n${text.slice(0, 2000)}`);
  const lines = text.split('\n').length;
  expect(error.line).toBeGreaterThanOrEqual(1);
  expect(error.line).toBeLessThanOrEqual(lines + 1);
  expect(error.column).toBeGreaterThanOrEqual(1);
  expect(error.message.startsWith(`fuzz.yaml:${error.line}:${error.column}: `)).toBe(true);
  if (error.field === '') expect(FIELDLESS.some((re) => re.test(error.detail)), error.message).toBe(true);
  else expect(error.message).toContain(`: ${error.field}: `);
  const shown = describeImportError(text, error.message);
  const where = locateInStream(text, error.line);
  expect(shown.startsWith(`document ${where.document}`)).toBe(true);
  expect(where.document).toBeLessThanOrEqual(where.documents);
  expect(shown).toContain(`line ${error.line}, column ${error.column}: `);
}

const HOSTILE = ['null', '~', '[]', '{}', '-1', '0', '1e309', '"x"', 'true', '*anchor', '&a x', '!!binary AAAA', '"12345678901234567890"', '-', ':', '{ a: [ }', "'", '|', '>-', '? x', '@', '`', '%YAML 1.2', '---', '...', '1Gi', '-500m', 'NaN', '.inf', '0x10', '"\\u0000"'];

type Mutation = (lines: string[]) => string[];
const at = (n: number, lines: string[]) => Math.min(lines.length - 1, Math.floor(n * lines.length));

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.double({ min: 0, max: 1, noNaN: true }).map((p): Mutation => (ls) => ls.filter((_, i) => i !== at(p, ls))),
  fc.double({ min: 0, max: 1, noNaN: true }).map((p): Mutation => (ls) => {
    const i = at(p, ls);
    return [...ls.slice(0, i + 1), ls[i], ...ls.slice(i + 1)];
  }),
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: -4, max: 4 })).map(([p, d]): Mutation => (ls) => {
    const i = at(p, ls);
    const out = [...ls];
    out[i] = d >= 0 ? ' '.repeat(d) + out[i] : out[i].replace(new RegExp(`^ {0,${-d}}`), '');
    return out;
  }),
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(...HOSTILE)).map(([p, v]): Mutation => (ls) => {
    const i = at(p, ls);
    const out = [...ls];
    const m = /^(\s*(?:- )?[^:]+:)\s.*$/.exec(out[i]);
    out[i] = m ? `${m[1]} ${v}` : `${out[i]} ${v}`;
    return out;
  }),
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.string({ maxLength: 8 })).map(([p, s]): Mutation => (ls) => {
    const i = at(p, ls);
    const out = [...ls];
    const col = Math.floor(p * 997) % (out[i].length + 1);
    out[i] = out[i].slice(0, col) + s + out[i].slice(col);
    return out;
  }),
  fc.double({ min: 0, max: 1, noNaN: true }).map((p): Mutation => (ls) => ls.slice(0, Math.max(1, at(p, ls)))),
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })).map(([p, q]): Mutation => (ls) => {
    const out = [...ls];
    const i = at(p, out);
    const j = at(q, out);
    [out[i], out[j]] = [out[j], out[i]];
    return out;
  }),
);

describe('importer fuzzing', () => {
  it('mutated kubectl output: imports, or fails with a located ManifestError', { timeout: 300_000 }, () => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: 1, maxLength: 3 }), fc.array(mutation, { minLength: 1, maxLength: 4 }), (picks, ms) => {
        check(ms.reduce((ls, m) => (ls.length === 0 ? [''] : m(ls)), listOf(picks)).join('\n'));
      }),
      { numRuns: 600, seed: 20261128 },
    );
  });

  it('random text and random JSON values', { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 200 }), fc.jsonValue().map((v) => JSON.stringify(v))), (text) => {
        check(text);
      }),
      { numRuns: 2000, seed: 7 },
    );
  });

  it('random objects shaped like Kubernetes ones', { timeout: 60_000 }, () => {
    const value = fc.oneof(fc.constant(null), fc.string({ maxLength: 6 }), fc.integer(), fc.double(), fc.boolean(), fc.array(fc.string({ maxLength: 4 }), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 6 }), fc.string({ maxLength: 6 }), { maxKeys: 3 }));
    const object = fc.record(
      {
        apiVersion: fc.constantFrom('v1', 'apps/v1', 'batch/v1', 'policy/v1', 'example.com/v1'),
        kind: fc.constantFrom('Node', 'Pod', 'Deployment', 'ReplicaSet', 'DaemonSet', 'StatefulSet', 'Job', 'PodDisruptionBudget', 'PriorityClass', 'Service', 'Widget', 'List', 'Scenario'),
        metadata: fc.record({ name: fc.oneof(fc.constantFrom('a', 'b', 'web'), value), namespace: fc.oneof(fc.constant('default'), value), labels: value, ownerReferences: value }, { requiredKeys: [] }),
        spec: fc.oneof(value, fc.record({ containers: fc.oneof(value, fc.array(fc.record({ name: value, resources: fc.record({ requests: fc.dictionary(fc.constantFrom('cpu', 'memory', 'pods'), fc.oneof(value, fc.constantFrom('1', '500m', '2Gi'))) }) }), { maxLength: 2 })), nodeName: value, replicas: value, selector: value, template: value, taints: value })),
        status: value,
        items: value,
      },
      { requiredKeys: ['kind'] },
    );
    fc.assert(
      fc.property(fc.array(object, { minLength: 1, maxLength: 4 }), fc.boolean(), (objects, asList) => {
        const text = asList ? JSON.stringify({ apiVersion: 'v1', kind: 'List', items: objects }) : objects.map((o) => JSON.stringify(o)).join('\n---\n');
        check(text);
      }),
      { numRuns: 800, seed: 11 },
    );
  });
});
