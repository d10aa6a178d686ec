import { describe, expect, it } from 'vitest';
import { importScenario } from './import/import';
import { ManifestError, MAX_NESTING, parseFieldPath, parseManifests } from './parse';

const importScenarioText = (text: string) => importScenario(text, 'name.yaml');

describe('parseManifests', () => {
  it('reads a multi-document stream and a List as kubectl prints it', () => {
    const m = parseManifests(
      `apiVersion: v1
kind: Node
metadata: {name: a}
---
apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Pod
  metadata:
    name: p
    namespace: default
    managedFields: [{manager: kubectl}]
  spec:
    containers: [{name: c}]
  status: {phase: Pending}
metadata: {resourceVersion: ""}
---
`,
      'in.yaml',
    );
    expect(m.objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['Node/a', 'Pod/p']);
    expect((m.objects[1].metadata as Record<string, unknown>).managedFields).toEqual([{ manager: 'kubectl' }]);
  });

  it('refuses lists and mappings nested past MAX_NESTING with a clear, located error, however deep', () => {
    const fails = (text: string) => {
      try {
        parseManifests(text, 'deep.yaml');
      } catch (e) {
        return e as ManifestError;
      }
      throw new Error('parsed');
    };
    const head = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata:\n  x: ';
    // Deep enough to pass the parser but past the limit: the error is at the first level too deep.
    const flow = fails(`${head}${'['.repeat(150)}${']'.repeat(150)}\n`);
    expect(flow).toBeInstanceOf(ManifestError);
    expect(flow.message).toBe(`deep.yaml:5:${MAX_NESTING + 4}: lists and mappings nested more than ${MAX_NESTING} levels deep; the limit is ${MAX_NESTING} (Kubernetes objects nest about a dozen levels)`);
    const block = fails(`apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata:\n${Array.from({ length: 120 }, (_, i) => `${'  '.repeat(i + 1)}a:\n`).join('')}`);
    expect(block.message).toMatch(new RegExp(`^deep\\.yaml:\\d+:\\d+: lists and mappings nested more than ${MAX_NESTING} levels deep`));
    expect(block.line).toBe(MAX_NESTING + 4);
    // Deeper than the parser's own recursion reaches (it gave up with "Maximum call stack size exceeded").
    for (const deep of [`${head}${'['.repeat(5000)}${']'.repeat(5000)}\n`, `${'- '.repeat(5000)}x\n`, `{"kind":"Pod","metadata":{"name":"p"},"x":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}`]) {
      const e = fails(deep);
      expect(e).toBeInstanceOf(ManifestError);
      expect(e.detail).toBe(`lists and mappings nested more than ${MAX_NESTING} levels deep; the limit is ${MAX_NESTING} (Kubernetes objects nest about a dozen levels)`);
    }
    // At the limit, it reads.
    expect(parseManifests(`${head}${'['.repeat(MAX_NESTING - 2)}${']'.repeat(MAX_NESTING - 2)}\n`).objects).toHaveLength(1);
  });

  it('stops reading a nesting bomb within the first levels past the limit, whatever its shape (robustness round 22)', () => {
    // 20,000 levels (40 KB; a share link carries 2 MiB, a million levels, which took 34 s and 1.2 GB
    // before the parse stopped): the parser now stops where its stack passes 2 × MAX_NESTING.
    const n = 20_000;
    // Each shape with the characters one level takes.
    const bombs: [string, string, number][] = [
      ['brackets', `a: ${'['.repeat(n)}${']'.repeat(n)}\n`, 1],
      ['unclosed', `a: ${'['.repeat(n)}\n`, 1],
      ['braces', `a: ${'{a: '.repeat(n)}b${'}'.repeat(n)}\n`, 4],
      ['dashes', `${'- '.repeat(n)}x\n`, 2],
      ['keys', `${'? '.repeat(n)}x\n`, 2],
    ];
    for (const [shape, text, width] of bombs) {
      let error: unknown;
      try {
        parseManifests(text, 'bomb.yaml');
      } catch (e) {
        error = e;
      }
      expect(error, shape).toBeInstanceOf(ManifestError);
      const e = error as ManifestError;
      expect(e.detail, shape).toBe(`lists and mappings nested more than ${MAX_NESTING} levels deep; the limit is ${MAX_NESTING} (Kubernetes objects nest about a dozen levels)`);
      expect(e.line, shape).toBe(1);
      // Located where reading stopped: within the first 2 × MAX_NESTING levels.
      expect(e.column, shape).toBeLessThanOrEqual(3 + width * 2 * MAX_NESTING + 10);
    }
  });

  it('reads merge keys (<<) as kubectl does (sigs.k8s.io/yaml, YAML 1.1 merge): the keys written next to one win', () => {
    const m = parseManifests(
      `apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Pod
  metadata: {name: a, labels: &labels {app: web, tier: fe}}
  spec: {containers: [{name: c, resources: {requests: &requests {cpu: 500m, memory: 1Gi}}}]}
- apiVersion: v1
  kind: Pod
  metadata:
    name: b
    labels:
      <<: *labels
      tier: be
  spec:
    containers:
    - name: c
      resources:
        requests:
          <<: *requests
          cpu: "2"
`,
      'merge.yaml',
    );
    const b = m.objects[1] as unknown as { metadata: { labels: unknown }; spec: { containers: { resources: { requests: unknown } }[] } };
    expect(b.metadata.labels).toEqual({ app: 'web', tier: 'be' });
    expect(b.spec.containers[0].resources.requests).toEqual({ cpu: '2', memory: '1Gi' });
  });

  it('an alias bomb ("billion laughs") is stopped by the alias limit, located at its document', () => {
    const laughs = ['a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (let i = 1; i < 9; i++) laughs.push(`a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(', ')}]`);
    const text = `apiVersion: v1\nkind: Node\nmetadata: {name: n}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: bomb}\ndata:\n${laughs.map((l) => `  ${l}`).join('\n')}\n`;
    expect(() => parseManifests(text, 'lol.yaml')).toThrow('lol.yaml:4:1: document 2: Excessive alias count indicates a resource exhaustion attack');
  });

  it('refuses a list or a mapping as a mapping key, located at the key (kubectl: yaml: invalid map key), and says nothing on the console', () => {
    const errors: unknown[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => errors.push(args);
    try {
      for (const [key, line, column] of [['[a]', 6, 18], ['{x: y}', 6, 18], ['? [a, b]\n    : c', 7, 7]] as const) {
        const text = `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: c, image: i}]\n  nodeSelector: ${key.startsWith('?') ? `\n    ${key}` : `{${key}: b}`}\n`;
        expect(() => parseManifests(text, 'p.yaml'), key).toThrow(
          new ManifestError('p.yaml', line, column, '', 'YAML syntax error: a list or mapping cannot be a mapping key (kubectl: error converting YAML to JSON: yaml: invalid map key)'),
        );
      }
      const aliased = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\nx: &k [a]\ndata:\n  *k : v\n';
      expect(() => parseManifests(aliased, 'c.yaml')).toThrow(/^c\.yaml:6:3: YAML syntax error: a list or mapping cannot be a mapping key/);
    } finally {
      console.warn = warn;
    }
    expect(errors).toEqual([]);
  });

  it('reads JSON too', () => {
    const m = parseManifests('{"kind":"List","items":[{"kind":"Node","metadata":{"name":"x"}}]}');
    expect(m.objects[0].metadata.name).toBe('x');
  });

  it('locates a field to its line', () => {
    const m = parseManifests(`kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: c
    resources:
      requests:
        cpu: lots
`, 'pod.yaml');
    expect(m.locate(0, 'spec.containers[0].resources.requests.cpu')).toEqual({ line: 9, column: 14 });
    // A missing field falls back to its nearest parent.
    expect(m.locate(0, 'spec.containers[0].ports[0]').line).toBe(6);
    const e = m.error(0, 'spec.containers[0].resources.requests.cpu', 'Invalid value: "lots"');
    expect(e.message).toBe('pod.yaml:9:14: spec.containers[0].resources.requests.cpu: Invalid value: "lots" (in Pod p)');
  });

  it.each([
    ['kind: Pod\nmetadata: {name: [', /^x\.yaml:\d+:\d+: YAML syntax error/],
    ['- just\n- a list', /document 1 is not a Kubernetes object/],
    ['metadata: {name: a}', /kind: Required value/],
    ['kind: Pod\nkind: Node', /YAML syntax error/],
    ['kind: List\nitems: 3', /items: Invalid value/],
  ])('refuses %j with a located error', (text, re) => {
    expect(() => parseManifests(text, 'x.yaml')).toThrow(ManifestError);
    expect(() => parseManifests(text, 'x.yaml')).toThrow(re);
  });

  it('says a List cut short before its closing kind: List is probably truncated, not merely missing a kind', () => {
    const cut = 'apiVersion: v1\nitems:\n- apiVersion: v1\n  kind: Node\n  metadata:\n    name: a\n- apiVersion: v1\n  kind: Pod\n  metadata:\n    name: p\n';
    expect(() => parseManifests(cut, 'in.yaml')).toThrow(
      'in.yaml:1:1: kind: Required value: every object needs a kind; this document has items but no kind: List (kubectl prints that line after the items): was the text cut short?',
    );
    // Without items: the plain message.
    expect(() => parseManifests('apiVersion: v1\nmetadata: {name: a}\n', 'in.yaml')).toThrow(/every object needs a kind$/);
  });

  it('names the over-indented line itself, not the line above that the YAML library reports', () => {
    // The library reads "a\n   labels" as one two-line key and reports line 4 ("name: a").
    const slip = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n   labels:\n    x: y\n';
    expect(() => parseManifests(slip, 'in.yaml')).toThrow(
      'in.yaml:5:4: YAML syntax error: this line is indented 3 spaces, deeper than "name: a" above it (2), so it reads as more of that value (Nested mappings are not allowed in compact mappings); indent it 2 spaces, as name is',
    );
    // In a list item the key starts after "- ".
    const item = 'kind: Pod\nspec:\n  containers:\n  - name: a\n     image: b\n';
    expect(() => parseManifests(item, 'in.yaml')).toThrow(/^in\.yaml:5:6: YAML syntax error: this line is indented 5 spaces, deeper than "- name: a" above it \(4\), .*; indent it 4 spaces, as name is$/);
    // A line indented less than its siblings: the library already names that line.
    expect(() => parseManifests('kind: Pod\nmetadata:\n  name: a\n labels: {}\n', 'in.yaml')).toThrow(/^in\.yaml:4:\d+: YAML syntax error: /);
  });

  it('refuses alias bombs instead of expanding them', () => {
    const bomb = 'a: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\nkind: Pod\n';
    expect(() => parseManifests(bomb)).toThrow(ManifestError);
  });

  it('parses field paths', () => {
    expect(parseFieldPath('spec.containers[0].resources.requests.cpu')).toEqual(['spec', 'containers', 0, 'resources', 'requests', 'cpu']);
  });
});

describe('an object whose name is not a string', () => {
  it('is named by its kind alone in the error, without a blank or a JSON object where the name goes (robustness round 23)', () => {
    for (const name of ['!!binary AAAA', '[a, b]', '{x: 1}']) {
      expect(() => importScenarioText(`apiVersion: v1\nkind: Node\nmetadata: {name: ${name}, namespace: [x]}\n`)).toThrow(/\(in Node\)$/);
    }
  });
});
