/**
 * `kubectl rollout restart|pause|resume|undo` as timeline commands (sim/rollout.ts), played through
 * `podscape run FILE --until T --output json`. What each asserts comes from kubectl's
 * pkg/cmd/rollout and pkg/polymorphichelpers and the Deployment controller's revision handling
 * (the fixtures' headers say which).
 */
import { describe, expect, it } from 'vitest';
import { obj, pods, run, s, type Doc, type Obj } from './held-out';
import { checkCommand } from '../engine/sim/command-check';

const lines = (d: Doc) => d.kubectl.filter((l) => l.action === 'rollout').map((l) => `${l.time / 1000} ${l.stream} ${l.text}`);
const annotations = (o: Obj | undefined) => (o?.metadata as { annotations?: Record<string, string> } | undefined)?.annotations ?? {};
const template = (o: Obj | undefined) => (o?.spec as { template?: { metadata?: { annotations?: Record<string, string>; labels?: Record<string, string> }; spec?: { containers?: { image: string }[] } } }).template;
const image = (o: Obj | undefined) => template(o)?.spec?.containers?.[0]?.image;
const replicaSets = (d: Doc) => d.objects.filter((o) => o.kind === 'ReplicaSet' && o.metadata.name.startsWith('web-'));
const revision = (o: Obj) => annotations(o)['deployment.kubernetes.io/revision'];

describe('rollout undo, pause, resume and restart (rollout-commands.yaml)', () => {
  const at = (t: string) => run('rollout-commands.yaml', t);

  it("prints kubectl's words for every subcommand, success on stdout and refusals on stderr", () => {
    expect(lines(at('300s'))).toEqual([
      '90 stdout deployment.apps/web rolled back',
      '150 stdout deployment.apps/web rolled back',
      '160 stderr error: unable to find specified revision 9 in history',
      '165 stdout deployment.apps/web skipped rollback (current template already matches revision 4)',
      '170 stdout deployment.apps/web paused',
      '175 stderr error: deployments.apps "web" is already paused',
      '180 stderr error: deployments.apps "web" can\'t restart paused deployment (run rollout resume first)',
      "185 stderr error: you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume deployment/web' and try again",
      '190 stdout deployment.apps/web resumed',
      '195 stderr error: deployments.apps "web" is not paused',
      '200 stderr error: no last revision to roll back to',
      '210 stdout daemonset.apps/agent restarted',
      '260 stdout daemonset.apps/agent rolled back',
      '270 stderr error: no rollbacker has been implemented for "ReplicaSet.apps"',
      '271 stderr error: daemonsets.apps "agent" pausing is not supported',
      '272 stderr error: jobs.batch "once" restarting is not supported',
      '273 stderr Error from server (NotFound): deployments.apps "missing" not found',
    ]);
  });

  it('undo brings back the previous template; the controller reuses its ReplicaSet with the next revision and records the old one', () => {
    const before = at('89s');
    expect(image(obj(before, 'Deployment', 'web'))).toBe('nginx:2');
    expect(replicaSets(before).map((rs) => [image(rs), revision(rs)]).sort()).toEqual([
      ['nginx:1', '1'],
      ['nginx:2', '2'],
    ]);

    const undone = at('140s');
    const d = obj(undone, 'Deployment', 'web');
    expect(image(d)).toBe('nginx:1');
    // kubectl removes the pod-template-hash label before patching the template back.
    expect(template(d)?.metadata?.labels).toEqual({ app: 'web' });
    const v1 = replicaSets(undone).find((rs) => image(rs) === 'nginx:1')!;
    expect([revision(v1), annotations(v1)['deployment.kubernetes.io/revision-history']]).toEqual(['3', '1']);
    expect(annotations(d)['deployment.kubernetes.io/revision']).toBe('3');
    // Only the same two ReplicaSets: no third was made for a template that already had one.
    expect(replicaSets(undone)).toHaveLength(2);
    expect(pods(undone).filter((p) => p.metadata.name.startsWith('web-') && !p.metadata.deletionTimestamp).map((p) => p.metadata.name.startsWith(v1.metadata.name))).toEqual([true, true]);

    const again = at('160s');
    const v2 = replicaSets(again).find((rs) => image(rs) === 'nginx:2')!;
    expect(image(obj(again, 'Deployment', 'web'))).toBe('nginx:2');
    expect([revision(v2), annotations(v2)['deployment.kubernetes.io/revision-history']]).toEqual(['4', '2']);
  });

  it('pause sets spec.paused and resume clears it; a refused command changes nothing', () => {
    expect(obj(at('172s'), 'Deployment', 'web')?.spec?.paused).toBe(true);
    const resumed = obj(at('192s'), 'Deployment', 'web');
    expect(resumed?.spec?.paused).toBeUndefined();
    // The restart refused while paused left no restartedAt on the template.
    expect(template(resumed)?.metadata?.annotations).toBeUndefined();
  });

  it('a DaemonSet restart adds a revision, and undo returns to the first template, renumbered', () => {
    const restarted = at('220s');
    const stamp = template(obj(restarted, 'DaemonSet', 'agent'))?.metadata?.annotations?.['kubectl.kubernetes.io/restartedAt'];
    expect(stamp).toBe('2026-01-01T00:03:30Z');
    const undone = at('300s');
    expect(template(obj(undone, 'DaemonSet', 'agent'))?.metadata?.annotations).toBeUndefined();
    const history = undone.objects
      .filter((o) => o.kind === 'ControllerRevision')
      .map((o) => [(o as unknown as { revision: number }).revision, (o as unknown as { data: { spec: { template: { metadata?: { annotations?: object } } } } }).data.spec.template.metadata?.annotations !== undefined]);
    expect(history.sort()).toEqual([
      [2, true],
      [3, false],
    ]);
  });
});

describe('rollout restart rebalances a Deployment after its node comes back (rollout-rebalance.yaml)', () => {
  const perNode = (d: Doc) => {
    const count: Record<string, number> = {};
    for (const p of pods(d)) if (!p.metadata.deletionTimestamp) count[p.spec?.nodeName ?? '-'] = (count[p.spec?.nodeName ?? '-'] ?? 0) + 1;
    return count;
  };

  it("the evicted pods' replacements stay where they are when worker-3 returns", () => {
    expect(perNode(run('rollout-rebalance.yaml', '479s'))).toEqual({ 'worker-1': 3, 'worker-2': 3 });
  });

  it('a restart rolls out a new ReplicaSet, and its pods spread over all three nodes again', () => {
    const d = run('rollout-rebalance.yaml', '700s');
    expect(template(obj(d, 'Deployment', 'web'))?.metadata?.annotations).toEqual({ 'kubectl.kubernetes.io/restartedAt': '2026-01-01T00:08:00Z' });
    expect(perNode(d)).toEqual({ 'worker-1': 2, 'worker-2': 2, 'worker-3': 2 });
    const current = replicaSets(d).filter((rs) => (rs.spec?.replicas as number) > 0);
    expect(current.map(revision)).toEqual(['2']);
    expect(d.time).toBe(s(700));
  });
});

describe('the rollout command shape', () => {
  it('names the subcommands kubectl has, and refuses others and negative revisions', () => {
    expect(checkCommand({ action: 'rollout', subcommand: 'history', kind: 'Deployment', name: 'web' }).errors).toEqual([
      { field: 'subcommand', message: 'Unsupported value: "history": supported values: "restart", "pause", "resume", "undo"' },
    ]);
    expect(checkCommand({ action: 'rollout', subcommand: 'undo', kind: 'Deployment', name: 'web', toRevision: -1 }).errors).toEqual([
      { field: 'toRevision', message: 'Invalid value: -1: must be a whole number ≥ 0' },
    ]);
    expect(checkCommand({ action: 'rollout', subcommand: 'restart', kind: 'Deployment', name: 'web' }).command).toEqual({
      action: 'rollout',
      subcommand: 'restart',
      kind: 'Deployment',
      namespace: 'default',
      name: 'web',
    });
  });
});
