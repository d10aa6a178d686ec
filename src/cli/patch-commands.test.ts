/**
 * `kubectl patch`, `label` and `annotate` as timeline commands (sim/patch.ts), played through
 * `podscape run FILE --until T --output json` (patch-label.yaml; its header says what each entry
 * expects and from where).
 */
import { describe, expect, it } from 'vitest';
import { obj, run, type Doc, type Obj } from './held-out';
import { checkCommand } from '../engine/sim/command-check';
import { LAST_APPLIED } from '../engine/sim/apply';

const ACTIONS = new Set(['patch', 'label', 'annotate']);
const lines = (d: Doc) => d.kubectl.filter((l) => ACTIONS.has(l.action)).map((l) => `${l.time / 1000} ${l.stream} ${l.text}`);
const spec = (o: Obj | undefined) => o?.spec as { suspend?: boolean; replicas?: number; template?: { spec?: { containers?: { image: string }[] } } };
const meta = (o: Obj | undefined) => o?.metadata as { labels?: Record<string, string>; annotations?: Record<string, string> };

describe('patch, label and annotate (patch-label.yaml)', () => {
  const at = (t: string) => run('patch-label.yaml', t);

  it("prints kubectl's words: success on stdout, refusals on stderr", () => {
    expect(lines(at('90s'))).toEqual([
      "30 stderr error: 'disktype' already has a value (hdd), and --overwrite is false",
      '31 stdout node/worker-1 labeled',
      '40 stdout deployment.apps/web patched',
      '41 stdout deployment.apps/web patched (no change)',
      '50 stdout cronjob.batch/nightly patched',
      '55 stderr The request is invalid: the server rejected our request due to an error in our request',
      '60 stderr The Deployment "web" is invalid: spec.selector: Invalid value: {"matchLabels":{"app":"other"}}: field is immutable',
      '65 stderr Error from server (NotFound): deployments.apps "missing" not found',
      '70 stdout pod/fast annotated',
      "71 stderr error: --overwrite is false but found the following declared annotation(s): 'owner' already has a value (team-a)",
    ]);
  });

  it('the pod Pending on its nodeSelector is scheduled once the node is labelled', () => {
    const podNode = (d: Doc) => (obj(d, 'Pod', 'fast')?.spec as { nodeName?: string }).nodeName;
    expect(podNode(at('30s'))).toBeUndefined();
    expect(meta(obj(at('30s'), 'Node', 'worker-1')).labels?.disktype).toBe('hdd');
    expect(podNode(at('35s'))).toBe('worker-1');
    expect(meta(obj(at('35s'), 'Node', 'worker-1')).labels?.disktype).toBe('ssd');
  });

  it('the YAML patch text rolls the Deployment out; last-applied is not rewritten; refused patches change nothing', () => {
    const before = obj(at('39s'), 'Deployment', 'web');
    const after = at('90s');
    const d = obj(after, 'Deployment', 'web');
    expect(spec(d).template?.spec?.containers?.[0].image).toBe('nginx:2');
    expect(spec(d).replicas).toBe(2);
    expect(meta(d).annotations?.[LAST_APPLIED]).toBe(meta(before).annotations?.[LAST_APPLIED]);
    expect(after.objects.filter((o) => o.kind === 'ReplicaSet')).toHaveLength(2);
    expect(spec(obj(after, 'CronJob', 'nightly')).suspend).toBe(true);
    expect(meta(obj(after, 'Pod', 'fast')).annotations?.owner).toBe('team-a');
  });

  it('checks the entries\' shape with the field named', () => {
    expect(checkCommand({ action: 'patch', kind: 'Deployment', name: 'web', patch: 3 }, 'spec.timeline[0]').errors).toEqual([
      { field: 'spec.timeline[0].patch', message: 'Invalid value: 3: must be a patch (a JSON string, a mapping or a list)' },
    ]);
    expect(checkCommand({ action: 'patch', kind: 'Deployment', name: 'web', patch: {}, type: 'apply' }).errors[0]?.message).toBe('Unsupported value: "apply": supported values: "strategic", "merge", "json"');
    expect(checkCommand({ action: 'label', kind: 'Node', name: 'w', changes: [] }).errors[0]).toEqual({ field: 'changes', message: 'Invalid value: []: must be a non-empty list of key=value or key- strings' });
  });
});
