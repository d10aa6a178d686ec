import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseManifests } from './parse';
import { toYaml } from './export/yaml-out';
import { resolveGoYaml } from './go-yaml-scalars';
import { importScenario } from './import/import';

/** The value kubectl (sigs.k8s.io/yaml over go-yaml v2) sends for a plain scalar, from goyaml.v2/resolve.go. */
const KUBECTL: [string, unknown][] = [
  ['yes', true],
  ['Yes', true],
  ['YES', true],
  ['y', true],
  ['Y', true],
  ['on', true],
  ['On', true],
  ['ON', true],
  ['True', true],
  ['no', false],
  ['No', false],
  ['n', false],
  ['N', false],
  ['off', false],
  ['OFF', false],
  ['FALSE', false],
  ['yEs', 'yEs'],
  ['oN', 'oN'],
  ['0644', 420],
  ['0777', 511],
  ['-010', -8],
  ['0o17', 15],
  ['0x1F', 31],
  ['-0x1F', -31],
  ['0b101', 5],
  ['-0b101', -5],
  ['1_000', 1000],
  ['09', 9],
  ['0', 0],
  ['42', 42],
  ['+42', 42],
  ['1e3', 1000],
  ['1e400', '1e400'],
  ['-1_0e400', '-1_0e400'],
  ['.5e999', '.5e999'],
  ['1e-400', 0],
  ['.5', 0.5],
  ['1.', 1],
  ['2024-01-02', '2024-01-02'],
  ['2024-01-02T10:00:00Z', '2024-01-02T10:00:00Z'],
  ['1:20', '1:20'],
  ['100m', '100m'],
  ['~', null],
  ['Null', null],
  ['0x', '0x'],
  ['12abc', '12abc'],
];

describe('plain scalars read as kubectl reads them (go-yaml v2, YAML 1.1)', () => {
  it.each(KUBECTL)('%s', (text, want) => {
    expect(resolveGoYaml(text).value).toEqual(want);
    const m = parseManifests(`apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n  k: ${text}\n  "${text}": key\n`, 'c.yaml');
    const data = m.objects[0].data as Record<string, unknown>;
    expect(data.k).toEqual(want);
    // A key is read the same way, then written as JSON writes it (sigs.k8s.io/yaml's convertToJSONableObject).
    if (!text.startsWith('~') && want !== null) expect(Object.keys(data)).toContain(String(text));
  });

  it('keys: an unquoted on, yes or y is the key "true" (sigs.k8s.io/yaml turns a boolean key into its JSON text)', () => {
    const m = parseManifests('apiVersion: v1\nkind: Node\nmetadata:\n  name: n\n  labels:\n    on: "a"\n    n: "b"\n    0644: "c"\n', 'n.yaml');
    expect(m.objects[0].metadata.labels).toEqual({ true: 'a', false: 'b', '420': 'c' });
  });

  it('a word that names a property of every JavaScript object (constructor, toString, __proto__) is a plain string, as a value and as a key', () => {
    const words = fc.oneof(fc.constantFrom(...Object.getOwnPropertyNames(Object.prototype)), fc.stringMatching(/^[a-zA-Z_][a-zA-Z0-9_]{0,15}$/));
    fc.assert(
      fc.property(words, (word) => {
        fc.pre(!['y', 'Y', 'n', 'N', 'yes', 'Yes', 'YES', 'no', 'No', 'NO', 'on', 'On', 'ON', 'off', 'Off', 'OFF', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE', 'null', 'Null', 'NULL'].includes(word));
        expect(resolveGoYaml(word)).toEqual({ type: 'str', value: word });
        fc.pre(word !== 'k'); // the key below
        const m = parseManifests(`apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n  k: ${word}\n  ${word}: v\n`, 'c.yaml');
        const data = m.objects[0].data as Record<string, unknown>;
        expect(data.k).toBe(word);
        expect(Object.hasOwn(data, word) && data[word]).toBe('v');
      }),
      { numRuns: 300, examples: [['constructor'], ['toString'], ['__proto__'], ['valueOf'], ['hasOwnProperty']] },
    );
  });

  it('quoted scalars stay strings', () => {
    const m = parseManifests('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: "yes", b: \'0644\', c: !!str on}\n', 'c.yaml');
    expect(m.objects[0].data).toEqual({ a: 'yes', b: '0644', c: 'on' });
  });

  it('the exports quote strings kubectl would read as booleans or numbers, so they read back as strings', () => {
    const values = ['yes', 'no', 'on', 'OFF', 'y', 'N', '1_000', '0b1', '-0x1F', '09', '0644', 'plain', '100m', '2024-01-02'];
    const text = toYaml({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: Object.fromEntries(values.map((v) => [v, v])) });
    const back = parseManifests(text, 'out.yaml').objects[0].data as Record<string, unknown>;
    expect(back).toEqual(Object.fromEntries(values.map((v) => [v, v])));
    expect(text).toContain('plain: plain\n');
  });
});

describe('where kubectl would then refuse the object', () => {
  const refusal = (text: string) => {
    try {
      importScenario(text, 'web.yaml');
    } catch (e) {
      return (e as Error).message;
    }
    throw new Error('imported');
  };

  it('an env value yes is a boolean: refused as the API server refuses it, saying why and how to write the string', () => {
    const msg = refusal(`apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
  - name: c
    env:
    - {name: DEBUG, value: yes}
`);
    expect(msg).toBe(
      'web.yaml:8:28: spec.containers[0].env[0].value: Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal bool into Go struct field EnvVar.spec.containers.env.value of type string (in Pod web); kubectl reads YAML 1.1, where the unquoted yes is the boolean true: write "yes" in quotes for the string',
    );
  });

  it('a label value on, under the key on: the key is "true" and the value a boolean', () => {
    const msg = refusal('apiVersion: v1\nkind: Node\nmetadata:\n  name: n1\n  labels:\n    on: on\n');
    expect(msg).toMatch(/^web\.yaml:6:9: metadata\.labels\.true: Node in version "v1" cannot be handled as a Node: json: cannot unmarshal bool into Go struct field ObjectMeta\.metadata\.labels of type string \(in Node n1\); kubectl reads YAML 1\.1, where the unquoted on is the boolean true/);
  });

  it('a quoted "yes" loads, and a plain true says nothing about YAML 1.1 (it is a boolean in both)', () => {
    expect(() => importScenario('apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers:\n  - {name: c, env: [{name: A, value: "yes"}]}\n', 'web.yaml')).not.toThrow();
    const msg = refusal('apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers:\n  - {name: c, env: [{name: A, value: true}]}\n');
    expect(msg).not.toContain('YAML 1.1');
  });
});

describe('a bad label or annotation is located at its entry', () => {
  it('the error names metadata.labels, as upstream does, at the line of the bad key or value', () => {
    const text = 'apiVersion: v1\nkind: Node\nmetadata:\n  name: n1\n  labels:\n    app: web\n    tier: "front end"\n  annotations:\n    ok: "1"\n    "bad key": x\n';
    expect(() => importScenario(text, 'n.yaml')).toThrow(/^n\.yaml:7:5: metadata\.labels: Invalid value: "front end": a valid label must be/);
    const notes = text.replace('"front end"', 'front');
    expect(() => importScenario(notes, 'n.yaml')).toThrow(/^n\.yaml:10:5: metadata\.annotations: Invalid value: "bad key": name part must consist/);
  });
});
