/** threeWayMerge: kubectl apply's three-way strategic merge (live, last-applied, new manifest). */
import { describe, expect, it } from 'vitest';
import { schemaOf, threeWayMerge } from './three-way';

type Obj = Record<string, unknown>;
const podSpec = schemaOf('Pod').spec.of!;
const merge = (live: Obj, original: Obj | undefined, modified: Obj, kind = 'Pod') => threeWayMerge(live, original, modified, schemaOf(kind));

describe('threeWayMerge: maps', () => {
  it('sets what the manifest names, deletes what only the previous manifest named, keeps the rest', () => {
    const live = { metadata: { labels: { app: 'web', team: 'a', 'added-by': 'kubectl-label' } } };
    const out = merge(live, { metadata: { labels: { app: 'web', team: 'a' } } }, { metadata: { labels: { app: 'web', tier: 'front' } } });
    expect(out.metadata).toEqual({ labels: { app: 'web', 'added-by': 'kubectl-label', tier: 'front' } });
  });

  it('without an original nothing is deleted; an explicit null deletes', () => {
    expect(merge({ spec: { a: 1, b: 2 } }, undefined, { spec: { a: 3 } })).toEqual({ spec: { a: 3, b: 2 } });
    expect(merge({ spec: { a: 1, b: 2 } }, undefined, { spec: { b: null } })).toEqual({ spec: { a: 1 } });
  });

  it('a null under a map the live object lacks is not stored (strategicpatch discardNullValuesFromPatch), at any depth', () => {
    const out = merge({ spec: { a: 1 } }, undefined, { spec: { nodeSelector: { disk: null, zone: 'a' }, extra: { deeper: { gone: null, kept: 0 } } } });
    expect(out).toEqual({ spec: { a: 1, nodeSelector: { zone: 'a' }, extra: { deeper: { kept: 0 } } } });
    // A map of nulls only leaves an empty map, as upstream's patch does.
    expect(merge({ spec: {} }, undefined, { spec: { nodeSelector: { disk: null } } })).toEqual({ spec: { nodeSelector: {} } });
    // A whole missing metadata.labels with a null among them.
    expect(merge({ metadata: { name: 'p' } }, undefined, { metadata: { labels: { app: 'web', old: null } } })).toEqual({ metadata: { name: 'p', labels: { app: 'web' } } });
  });

  it('a map replacing a scalar, and the maps inside a list taken whole, lose their nulls too; list items themselves stay', () => {
    expect(merge({ spec: { x: 'scalar' } }, undefined, { spec: { x: { y: null, z: 1 } } })).toEqual({ spec: { x: { z: 1 } } });
    const out = merge({ spec: {} }, undefined, { spec: { tolerations: [{ key: 'k', value: null, effect: 'NoSchedule' }], args: ['a', null] } });
    expect(out).toEqual({ spec: { tolerations: [{ key: 'k', effect: 'NoSchedule' }], args: ['a', null] } });
  });

  it('a new container of a merged list keeps no nulls', () => {
    const live = { containers: [{ name: 'app', image: 'a' }] };
    const out = threeWayMerge(live, undefined, { containers: [{ name: 'app', image: 'a' }, { name: 'side', image: 's', resources: { limits: null, requests: { cpu: '1' } } }] }, podSpec);
    expect(out.containers).toEqual([{ name: 'app', image: 'a' }, { name: 'side', image: 's', resources: { requests: { cpu: '1' } } }]);
  });

  it('does not write its inputs', () => {
    const live = { spec: { x: { y: 1 } } };
    const out = merge(live, undefined, { spec: { x: { z: 2 } } });
    expect(live).toEqual({ spec: { x: { y: 1 } } });
    (out.spec as { x: Obj }).x.y = 9;
    expect(live.spec.x.y).toBe(1);
  });
});

describe('threeWayMerge: lists by their strategic-merge keys', () => {
  it('containers by name: a defaulted field the manifests never named stays; the image changes', () => {
    const live = { containers: [{ name: 'app', image: 'nginx:1', imagePullPolicy: 'IfNotPresent', terminationMessagePath: '/dev/termination-log' }] };
    const out = threeWayMerge(live, { containers: [{ name: 'app', image: 'nginx:1' }] }, { containers: [{ name: 'app', image: 'nginx:2' }] }, podSpec);
    expect(out.containers).toEqual([{ name: 'app', image: 'nginx:2', imagePullPolicy: 'IfNotPresent', terminationMessagePath: '/dev/termination-log' }]);
  });

  it("a container only the previous manifest had goes; one only in the live object (injected) stays, after the manifest's items (mergeSortedSlice)", () => {
    const live = { containers: [{ name: 'app', image: 'a' }, { name: 'sidecar', image: 's' }, { name: 'old', image: 'o' }] };
    const out = threeWayMerge(live, { containers: [{ name: 'app', image: 'a' }, { name: 'old', image: 'o' }] }, { containers: [{ name: 'app', image: 'a' }, { name: 'new', image: 'n' }] }, podSpec);
    expect((out.containers as Obj[]).map((c) => c.name)).toEqual(['app', 'new', 'sidecar']);
  });

  it('env by name and ports by containerPort; a field removed from one env var goes', () => {
    const c = (env: Obj[], ports: Obj[]) => ({ containers: [{ name: 'app', env, ports }] });
    const live = c(
      [
        { name: 'A', value: '1' },
        { name: 'B', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
      ],
      [{ containerPort: 80, protocol: 'TCP' }],
    );
    const original = c([{ name: 'A', value: '1' }, { name: 'B', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }], [{ containerPort: 80 }]);
    const modified = c([{ name: 'B', value: 'x' }], [{ containerPort: 80, name: 'http' }, { containerPort: 443 }]);
    const out = threeWayMerge(live, original, modified, podSpec) as { containers: { env: Obj[]; ports: Obj[] }[] };
    expect(out.containers[0].env).toEqual([{ name: 'B', value: 'x' }]);
    expect(out.containers[0].ports).toEqual([{ containerPort: 80, protocol: 'TCP', name: 'http' }, { containerPort: 443 }]);
  });

  it('tolerations have no merge key: the manifest list replaces the live one (a shortened list stays short)', () => {
    const t = (key: string) => ({ key, operator: 'Exists', effect: 'NoSchedule' });
    const out = threeWayMerge({ tolerations: [t('a'), t('b'), t('c')] }, { tolerations: [t('a'), t('b')] }, { tolerations: [t('a')] }, podSpec);
    expect(out.tolerations).toEqual([t('a')]);
  });

  it('volumes by name with retainKeys: a volume switched from emptyDir to configMap loses emptyDir', () => {
    const live = { volumes: [{ name: 'data', emptyDir: {} }, { name: 'cache', emptyDir: { medium: 'Memory' } }] };
    const out = threeWayMerge(live, undefined, { volumes: [{ name: 'data', configMap: { name: 'cfg' } }] }, podSpec);
    expect(out.volumes).toEqual([{ name: 'data', configMap: { name: 'cfg' } }, { name: 'cache', emptyDir: { medium: 'Memory' } }]);
  });

  it('finalizers merge as a set of strings', () => {
    const out = merge({ metadata: { finalizers: ['a', 'server'] } }, { metadata: { finalizers: ['a'] } }, { metadata: { finalizers: ['b'] } });
    // The new item first: mergeSortedSlice puts a server-only item first only when the live list has it before the next patched one.
    expect((out.metadata as Obj).finalizers).toEqual(['b', 'server']);
  });

  it('a list without a strategy anywhere else is replaced whole (args, a Node taint list)', () => {
    const out = threeWayMerge({ containers: [{ name: 'c', args: ['a', 'b'] }] }, undefined, { containers: [{ name: 'c', args: ['c'] }] }, podSpec);
    expect(out.containers).toEqual([{ name: 'c', args: ['c'] }]);
    expect(merge({ spec: { taints: [{ key: 'x', effect: 'NoSchedule' }] } }, undefined, { spec: { taints: [] } }, 'Node')).toEqual({ spec: { taints: [] } });
  });
});

describe('threeWayMerge: retainKeys and replace', () => {
  it("a Deployment's strategy keeps only the keys the manifest names (type: Recreate drops rollingUpdate)", () => {
    const live = { spec: { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } } } };
    expect(merge(live, undefined, { spec: { strategy: { type: 'Recreate' } } }, 'Deployment')).toEqual({ spec: { strategy: { type: 'Recreate' } } });
    // A manifest that does not name the strategy leaves it alone.
    expect(merge(live, undefined, { spec: {} }, 'Deployment')).toEqual(live);
  });

  it("a PodDisruptionBudget's selector is replaced, not merged (patchStrategy replace)", () => {
    const out = merge({ spec: { selector: { matchLabels: { app: 'a', tier: 'x' } } } }, undefined, { spec: { selector: { matchLabels: { app: 'b' } } } }, 'PodDisruptionBudget');
    expect(out).toEqual({ spec: { selector: { matchLabels: { app: 'b' } } } });
  });
});

describe('threeWayMerge: keys every JavaScript object has are data (robustness round 22)', () => {
  const parse = (s: string) => JSON.parse(s) as Obj;
  it('a key the previous manifest had and the new one has not is deleted, whatever its name', () => {
    const live = parse('{"data": {"constructor": "1", "toString": "2", "keep": "3"}}');
    const out = merge(live, live, parse('{"data": {"keep": "3"}}'), 'ConfigMap');
    expect(out).toEqual({ data: { keep: '3' } });
  });

  it('a key named __proto__ is set as the manifest own key, its mapping merged, never the prototype', () => {
    const out = merge(parse('{"spec": {"__proto__": {"a": 1}}}'), undefined, parse('{"spec": {"__proto__": {"b": 2}, "constructor": {"c": 3}}}'), 'Widget');
    expect(JSON.stringify(out)).toBe('{"spec":{"__proto__":{"a":1,"b":2},"constructor":{"c":3}}}');
    const added = merge(parse('{"spec": {"a": 1}}'), undefined, parse('{"spec": {"__proto__": {"b": 2}}}'), 'Widget');
    expect(JSON.stringify(added)).toBe('{"spec":{"a":1,"__proto__":{"b":2}}}');
    const fresh = merge({}, undefined, parse('{"spec": {"__proto__": "x"}}'), 'Widget');
    expect(JSON.stringify(fresh)).toBe('{"spec":{"__proto__":"x"}}');
  });
});
