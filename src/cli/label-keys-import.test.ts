/**
 * matchLabelKeys are merged into a pod's selectors once, when the API server creates the pod
 * (PrepareForCreate). A pod read back from an exported scenario (it has a uid) already carries the
 * merged selector, so loading it must not append the `key In [value]` expressions again (round 23).
 */
import { describe, expect, it } from 'vitest';
import type { KubeObject, Pod } from '../engine/model/types';
import { createSimulation } from '../engine/sim/simulation';
import { exportScenario } from '../scenario/export/scenario-export';
import { parseManifests } from '../scenario/parse';
import { readScenario } from '../scenario/scenario';

const manifest = `apiVersion: v1
kind: Pod
metadata: {name: web, labels: {app: web, version: v2}}
spec:
  containers: [{name: c, image: nginx}]
  topologySpreadConstraints:
  - maxSkew: 1
    topologyKey: kubernetes.io/hostname
    whenUnsatisfiable: ScheduleAnyway
    labelSelector: {matchLabels: {app: web}}
    matchLabelKeys: [version]
  affinity:
    podAntiAffinity:
      preferredDuringSchedulingIgnoredDuringExecution:
      - weight: 1
        podAffinityTerm:
          topologyKey: kubernetes.io/hostname
          labelSelector: {matchLabels: {app: web}}
          matchLabelKeys: [version]
`;

const web = (objects: readonly KubeObject[]) => objects.find((o) => o.kind === 'Pod' && o.metadata.name === 'web') as Pod;
const spreadSelector = (p: Pod) => p.spec.topologySpreadConstraints?.[0].labelSelector;
const affinitySelector = (p: Pod) => p.spec.affinity?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution?.[0].podAffinityTerm.labelSelector;

function load(text: string) {
  const sim = createSimulation({ seed: 1 });
  sim.load(readScenario(parseManifests(text, 'x.yaml')).objects);
  sim.advanceBy(2000);
  return sim;
}

describe('matchLabelKeys merged once (PrepareForCreate), not again on import', () => {
  it('a created pod gets one `version In [v2]` expression in each selector', () => {
    const p = web(load(manifest).objects());
    expect(spreadSelector(p)?.matchExpressions).toEqual([{ key: 'version', operator: 'In', values: ['v2'] }]);
    expect(affinitySelector(p)?.matchExpressions).toEqual([{ key: 'version', operator: 'In', values: ['v2'] }]);
  });

  it('the pod read back from an exported scenario keeps the same selectors (not doubled), and exporting again writes the same pod', () => {
    const first = load(manifest);
    const before = web(first.objects());
    const exported = exportScenario({ objects: first.objects(), time: first.time });
    const again = load(exported);
    const after = web(again.objects());
    expect(after.metadata.uid).toBe(before.metadata.uid);
    expect(spreadSelector(after)).toEqual(spreadSelector(before));
    expect(affinitySelector(after)).toEqual(affinitySelector(before));
    expect(spreadSelector(after)?.matchExpressions).toHaveLength(1);
    const reexported = exportScenario({ objects: again.objects(), time: again.time });
    expect(web(readScenario(parseManifests(reexported, 'y.yaml')).objects).spec).toEqual(web(readScenario(parseManifests(exported, 'y.yaml')).objects).spec);
  });
});
