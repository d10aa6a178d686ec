/**
 * Golden end-to-end cases re-expressed from upstream kube-scheduler's own unit
 * tests (pkg/scheduler/schedule_one_test.go, framework/types_test.go and the
 * plugin tests). Each fixture in ./upstream-cases is a List of Nodes and Pods
 * (plus an optional KubeSchedulerConfiguration next to it); each case runs it
 * through the CLI and checks what upstream's test expects: the chosen node (or
 * the set upstream accepts when it ties), the FailedScheduling message, the
 * per-node filter reasons and the normalized per-plugin scores.
 *
 * The upstream test a case comes from is named in the fixture's header comment
 * and in the case title. Where an upstream unit test fed a plugin a hand-made
 * status or skipped a plugin, the fixture sets the cluster up so the default
 * profile reaches the same situation, and the comment says so.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ExplainResult, Explanation, PodScheduleResult } from '../engine/index';
import { cli } from './testing';

const DIR = join(dirname(fileURLToPath(import.meta.url)), 'upstream-cases');
const path = (f: string) => join(DIR, f);

type PodResult = PodScheduleResult;

function cliOut(argv: string[]): string {
  const r = cli(...argv);
  if (r.code !== 0) throw new Error(`podscape ${argv.join(' ')} exited ${r.code}: ${r.err}`);
  return r.out;
}

/** `podscape schedule`: every pending pod, keyed by name. */
function schedule(file: string, opts: { config?: string; seed?: number } = {}): Record<string, PodResult> {
  const argv = ['schedule', path(file), '--seed', String(opts.seed ?? 1)];
  if (opts.config) argv.push('--config', path(opts.config));
  const { pods } = JSON.parse(cliOut(argv)) as { pods: PodResult[] };
  return Object.fromEntries(pods.map((p) => [p.name, p]));
}

/** `podscape explain` for one pending pod (namespace default unless given). */
function explain(file: string, pod: string, opts: { config?: string; nodes?: string[] } = {}): ExplainResult {
  const argv = ['explain', path(file), '--pod', pod.includes('/') ? pod : `default/${pod}`];
  if (opts.config) argv.push('--config', path(opts.config));
  if (opts.nodes) argv.push('--nodes', opts.nodes.join(','));
  return JSON.parse(cliOut(argv)) as ExplainResult;
}

/** node → reasons of the plugin that rejected it; nodes that passed every filter are left out. */
function failures(e: Pick<Explanation, 'filter'>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [node, verdicts] of Object.entries(e.filter)) {
    const bad = Object.values(verdicts).find((v): v is string[] => Array.isArray(v));
    if (bad) out[node] = bad;
  }
  return out;
}

/** Nodes that passed every filter, sorted. */
function feasible(e: Pick<Explanation, 'filter'>): string[] {
  return Object.entries(e.filter)
    .filter(([, verdicts]) => Object.values(verdicts).every((v) => v === 'passed'))
    .map(([n]) => n)
    .sort();
}

/** node → one plugin's normalized score (before weighting). */
function scores(e: Pick<Explanation, 'score'>, plugin: string): Record<string, number | undefined> {
  return Object.fromEntries(Object.entries(e.score).map(([n, s]) => [n, s[plugin]]));
}

/** Plugins that produced a score for this pod (PreScore did not skip them). */
function scoredPlugins(e: Pick<Explanation, 'score'>): string[] {
  const first = Object.values(e.score)[0];
  return first ? Object.keys(first).sort() : [];
}

describe('NodeResourcesFit scoring and NodeResourcesBalancedAllocation (noderesources/*_test.go)', () => {
  it('least_allocated + balanced_allocation: nothing scheduled, resources requested, differently sized nodes', () => {
    const e = explain('noderesources-least-allocated-differently-sized.yaml', 'pod');
    expect(scores(e, 'NodeResourcesFit')).toEqual({ node1: 37, node2: 50 });
    // v1.36 (kubernetes#135573): node1 87 with the pod, 100 without → 68; node2 100 and 100 → 75.
    expect(scores(e, 'NodeResourcesBalancedAllocation')).toEqual({ node1: 68, node2: 75 });
    expect(schedule('noderesources-least-allocated-differently-sized.yaml').pod.nodeName).toBe('node2');
  });

  it('least_allocated: different weights on cpu (1) and memory (2)', () => {
    const e = explain('noderesources-least-allocated-differently-sized.yaml', 'pod', {
      config: 'noderesources-least-allocated-weights.config.yaml',
    });
    expect(scores(e, 'NodeResourcesFit')).toEqual({ node1: 41, node2: 50 });
  });

  it('least/most/balanced: resources requested, pods scheduled with resources', () => {
    const e = explain('noderesources-pods-scheduled-with-resources.yaml', 'pod');
    expect(scores(e, 'NodeResourcesFit')).toEqual({ node1: 57, node2: 45 });
    // node1 82 with the pod, 85 without → 73; node2 95 and 97 → 74.
    expect(scores(e, 'NodeResourcesBalancedAllocation')).toEqual({ node1: 73, node2: 74 });
    const most = explain('noderesources-pods-scheduled-with-resources.yaml', 'pod', {
      config: 'noderesources-most-allocated.config.yaml',
    });
    expect(scores(most, 'NodeResourcesFit')).toEqual({ node1: 42, node2: 55 });
  });

  it('least/balanced: resources requested, pods scheduled with resources, differently sized nodes', () => {
    const e = explain('noderesources-pods-scheduled-differently-sized.yaml', 'pod');
    expect(scores(e, 'NodeResourcesFit')).toEqual({ node1: 57, node2: 60 });
    // node1 82 and 85 → 73; node2 80 and 90 → 70.
    expect(scores(e, 'NodeResourcesBalancedAllocation')).toEqual({ node1: 73, node2: 70 });
  });

  it('least/most: no resources requested, pods scheduled with resources; BalancedAllocation skips the best-effort pod', () => {
    const e = explain('noderesources-least-allocated-no-requests.yaml', 'pod');
    expect(scores(e, 'NodeResourcesFit')).toEqual({ node1: 70, node2: 57 });
    expect(e.preScore.NodeResourcesBalancedAllocation).toBe('skip');
    expect(scoredPlugins(e)).not.toContain('NodeResourcesBalancedAllocation');
    const most = explain('noderesources-least-allocated-no-requests.yaml', 'pod', {
      config: 'noderesources-most-allocated.config.yaml',
    });
    expect(scores(most, 'NodeResourcesFit')).toEqual({ node1: 30, node2: 42 });
  });

  it('least/most: extended resources are scored only when the pod requests them', () => {
    const least = 'noderesources-extended-resource.LeastAllocated.config.yaml';
    const most = 'noderesources-extended-resource.MostAllocated.config.yaml';
    const withExt = explain('noderesources-extended-resource.yaml', 'with-ext', { config: least });
    // node3 has none of the extended resource: 2 > 0 allocatable, so it is filtered out.
    expect(failures(withExt)).toEqual({ node3: ['Insufficient example.com/foo'] });
    expect(scores(withExt, 'NodeResourcesFit')).toEqual({ node1: 50, node2: 60 });
    expect(scores(explain('noderesources-extended-resource.yaml', 'with-ext', { config: most }), 'NodeResourcesFit')).toEqual({
      node1: 50,
      node2: 40,
    });
    expect(scores(explain('noderesources-extended-resource.yaml', 'without-ext', { config: least }), 'NodeResourcesFit')).toEqual({
      node1: 50,
      node2: 50,
      node3: 50,
    });
    expect(scores(explain('noderesources-extended-resource.yaml', 'cpu3000-mem4000', { config: least }), 'NodeResourcesFit')).toEqual({
      node1: 55,
      node2: 55,
      node3: 55,
    });
    expect(scores(explain('noderesources-extended-resource.yaml', 'cpu3000-mem4000', { config: most }), 'NodeResourcesFit')).toEqual({
      node1: 45,
      node2: 45,
      node3: 45,
    });
  });

  it('most_allocated: nothing scheduled, resources requested, differently sized nodes; and with weights', () => {
    const f = 'noderesources-least-allocated-differently-sized.yaml';
    expect(scores(explain(f, 'pod', { config: 'noderesources-most-allocated.config.yaml' }), 'NodeResourcesFit')).toEqual({ node1: 62, node2: 50 });
    expect(scores(explain(f, 'pod', { config: 'noderesources-most-allocated-weights.config.yaml' }), 'NodeResourcesFit')).toEqual({
      node1: 58,
      node2: 50,
    });
  });

  it('most_allocated: resources requested equal node capacity', () => {
    const e = explain('noderesources-most-allocated-equal-capacity.yaml', 'pod', { config: 'noderesources-most-allocated.config.yaml' });
    expect(feasible(e)).toEqual(['node1', 'node2']);
    expect(scores(e, 'NodeResourcesFit')).toEqual({ node1: 95, node2: 75 });
  });

  it('most_allocated: no resources requested, pods scheduled, nonzero request for resource', () => {
    const e = explain('noderesources-most-allocated-nonzero-defaults.yaml', 'pod', { config: 'noderesources-most-allocated.config.yaml' });
    expect(scores(e, 'NodeResourcesFit')).toEqual({ node1: 80, node2: 30 });
  });

  it('requested_to_capacity_ratio: shape 0→10, 100→0 over cpu and memory', () => {
    const config = 'noderesources-requested-to-capacity-ratio.config.yaml';
    const f = 'noderesources-requested-to-capacity-ratio.yaml';
    expect(scores(explain(f, 'nothing', { config }), 'NodeResourcesFit')).toEqual({ node1: 100, node2: 100 });
    expect(scores(explain(f, 'requested', { config }), 'NodeResourcesFit')).toEqual({ node1: 38, node2: 50 });
    expect(scores(explain('noderesources-requested-to-capacity-ratio-used.yaml', 'pod', { config }), 'NodeResourcesFit')).toEqual({
      node1: 38,
      node2: 50,
    });
  });

  it('requested_to_capacity_ratio: bin packing on a single extended resource', () => {
    const config = 'noderesources-bin-packing-extended.config.yaml';
    const f = 'noderesources-bin-packing-extended.yaml';
    expect(scores(explain(f, 'nothing', { config }), 'NodeResourcesFit')).toEqual({ node1: 0, node2: 0 });
    expect(scores(explain(f, 'foo2', { config }), 'NodeResourcesFit')).toEqual({ node1: 2, node2: 5 });
    expect(scores(explain(f, 'foo4', { config }), 'NodeResourcesFit')).toEqual({ node1: 5, node2: 10 });
    expect(scores(explain('noderesources-bin-packing-extended-used.yaml', 'foo2', { config }), 'NodeResourcesFit')).toEqual({
      node1: 2,
      node2: 10,
    });
  });

  it('balanced_allocation: requested resources at node capacity', () => {
    const e = explain('noderesources-balanced-at-capacity.yaml', 'pod');
    // node1 50 with the pod, 75 without; node2 75 and 100: both 62, as upstream's test after #135573.
    expect(scores(e, 'NodeResourcesBalancedAllocation')).toEqual({ node1: 62, node2: 62 });
  });

  it('balanced_allocation: a requested scalar resource is balanced too; one the pod does not ask for is skipped', () => {
    const config = 'noderesources-balanced-gpu.config.yaml';
    expect(scores(explain('noderesources-balanced-scalar.yaml', 'pod', { config }), 'NodeResourcesBalancedAllocation')).toEqual({
      // node1 70 with the pod, 69 without → 75; node2 65 and 62 → 76.
      node1: 75,
      node2: 76,
    });
    expect(scores(explain('noderesources-balanced-scalar-skipped.yaml', 'pod', { config }), 'NodeResourcesBalancedAllocation')).toEqual({
      // 63 with the pod, 100 on the empty node → 56.
      node1: 56,
      node2: 56,
    });
  });
});

describe('NodeResourcesFit filter (noderesources/fit_test.go)', () => {
  const f = 'noderesources-fit-filter.yaml';
  const on = (pod: string, node: string) => failures(explain(f, pod))[node];
  it.each([
    ['too many resources fails', 'cpu1-mem1', 'n-10-20', ['Insufficient cpu', 'Insufficient memory']],
    ['too many resources fails due to init container cpu', 'init-cpu3', 'n-8-19', ['Insufficient cpu']],
    ['too many resources fails due to highest init container cpu', 'init-cpu3-cpu2', 'n-8-19', ['Insufficient cpu']],
    ['too many resources fails due to init container memory', 'init-mem3', 'n-9-19', ['Insufficient memory']],
    ['too many resources fails due to highest init container memory', 'init-mem3-mem2', 'n-9-19', ['Insufficient memory']],
    ["init container fits because it's the max, not sum, of containers and init containers", 'init-cpu1-mem1', 'n-9-19', undefined],
    ['both resources fit', 'cpu1-mem1', 'n-5-19', undefined],
    ['one resource memory fits', 'cpu2-mem1', 'n-9-5', ['Insufficient cpu']],
    ['one resource cpu fits', 'cpu1-mem2', 'n-5-19', ['Insufficient memory']],
    ['equal edge case', 'cpu5-mem1', 'n-5-19', undefined],
    ['equal edge case for init container', 'cpu4-init-cpu5', 'n-5-19', undefined],
    ['extended resource capacity enforced', 'aaa10', 'n-5-19', ['Insufficient example.com/aaa']],
    ['extended resource allocatable enforced', 'aaa1', 'n-aaa-5', ['Insufficient example.com/aaa']],
    ['extended resource allocatable enforced for unknown resource', 'bbb1', 'n-5-19', ['Insufficient example.com/bbb']],
    ['storage ephemeral local storage request exceeds allocatable', 'storage25', 'n-5-19', ['Insufficient ephemeral-storage']],
    ['pod fits (ephemeral storage)', 'storage10', 'n-5-19', undefined],
    ["even without specified resources, predicate fails when there's no space for additional pod", 'best-effort', 'n-one-pod', ['Too many pods']],
    ['no resources requested always fits', 'best-effort', 'n-10-20', undefined],
    ['resources + pod overhead fits', 'overhead-fits', 'n-5-5', undefined],
    ['requests + overhead does not fit for memory', 'overhead-memory', 'n-5-5', ['Insufficient memory']],
    ['kubernetes.io resource capacity enforced', 'k8s-io-10', 'n-5-5', ['Insufficient kubernetes.io/something']],
    ['hugepages resource capacity enforced', 'hugepages-10', 'n-5-5', ['Insufficient hugepages-2Mi']],
    ['skip checking extended resource request with quantity zero', 'aaa0', 'n-aaa-5', undefined],
    ['both pod-level and container-level resources fit', 'pod-level-1m-2', 'n-5-5', undefined],
    ['pod-level cpu resource not fit', 'pod-level-7m-2', 'n-5-5', ['Insufficient cpu']],
    ['pod-level memory resource not fit', 'pod-level-3m-2', 'n-5-19', ['Insufficient memory']],
    ['one pod-level cpu resource fits and all init and non-init containers resources fit', 'pod-level-3m-2-with-init', 'n-5-19', ['Insufficient memory']],
  ])('%s', (_name, pod, node, want) => {
    expect(on(pod, node)).toEqual(want);
  });

  it('skip checking ignored extended resource (ignoredResources)', () => {
    const e = explain(f, 'bbb1', { config: 'noderesources-fit-ignored-resources.config.yaml' });
    expect(failures(e)['n-5-5']).toBeUndefined();
  });

  it('skip checking ignored extended resource via resource groups (ignoredResourceGroups)', () => {
    const e = explain(f, 'bbb1-and-k8s-io-1', { config: 'noderesources-fit-ignored-groups.config.yaml' });
    expect(failures(e)['n-5-5']).toEqual(['Insufficient kubernetes.io/something']);
  });
});

describe('Scheduling cycle and FailedScheduling message (schedule_one_test.go, framework/types_test.go)', () => {
  it('TestSchedulerFailedSchedulingReasons: 100 nodes, two UnschedulableAndUnresolvable reasons each', () => {
    const { bar } = schedule('schedule-one-failed-scheduling-reasons.yaml');
    expect(bar.nodeName).toBeNull();
    expect(bar.message).toBe(
      '0/100 nodes are available: 100 Insufficient cpu, 100 Insufficient memory. preemption: 0/100 nodes are available: 100 Preemption is not helpful for scheduling.',
    );
  });

  it('TestFitError_Error: histogram entries sort as strings; only the first failing filter counts', () => {
    const { pod } = schedule('schedule-one-fiterror-sorting.yaml');
    expect(pod.message).toBe(
      '0/13 nodes are available: 1 node(s) were unschedulable, 10 Insufficient cpu, 2 node(s) had untolerated taint(s). ' +
        'preemption: 0/13 nodes are available: 10 No preemption victims found for incoming pod, 3 Preemption is not helpful for scheduling.',
    );
    expect(failures(pod.explain!).cordoned).toEqual(['node(s) were unschedulable']);
  });

  it('TestPreferNominatedNodeFilterCallCounts: the nominated node is filtered first and chosen without scoring', () => {
    const { nominated } = schedule('schedule-one-nominated-node.yaml');
    expect(nominated.nodeName).toBe('node1');
    expect(Object.keys(nominated.explain!.filter)).toEqual(['node1']);
    expect(nominated.explain!.score).toEqual({});
  });

  it('TestSchedulerSchedulePod "existing PVC" / "unknown PVC" / "deleted PVC": VolumeBinding PreFilter', () => {
    const pods = schedule('schedule-one-pvc.yaml');
    expect(pods.existing.nodeName).not.toBeNull();
    const notHelpful = ' preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.';
    expect(pods.unknown.nodeName).toBeNull();
    expect(pods.unknown.message).toBe('0/2 nodes are available: persistentvolumeclaim "unknownPVC" not found.' + notHelpful);
    expect(pods.deleted.message).toBe('0/2 nodes are available: persistentvolumeclaim "deletedPVC" is being deleted.' + notHelpful);
    expect(pods.unbound.message).toBe('0/2 nodes are available: pod has unbound immediate PersistentVolumeClaims.' + notHelpful);
  });

  it('no nodes: ErrNoNodesAvailable', () => {
    expect(schedule('schedule-one-no-nodes.yaml').pod.message).toBe('no nodes available to schedule pods');
  });

  it('TestFairEvaluationForNodes / TestNumFeasibleNodesToFind: 500 nodes, percentageOfNodesToScore 30 → 150', () => {
    const pods = schedule('schedule-one-fair-evaluation.yaml', { config: 'schedule-one-fair-evaluation.config.yaml' });
    for (const name of ['pod1', 'pod2', 'pod3', 'pod4']) {
      expect(Object.keys(pods[name].explain!.filter)).toHaveLength(150);
      expect(Object.keys(pods[name].explain!.score)).toHaveLength(150);
    }
  });

  it('TestNumFeasibleNodesToFind: 500 nodes with the adaptive default → 50 - 500/125 = 46 % = 230', () => {
    const pods = schedule('schedule-one-fair-evaluation.yaml');
    for (const name of ['pod1', 'pod2']) expect(Object.keys(pods[name].explain!.score)).toHaveLength(230);
  });

  it('TestNumFeasibleNodesToFind: a profile percentageOfNodesToScore (40) overrides the global one (100)', () => {
    const pods = schedule('schedule-one-fair-evaluation.yaml', { config: 'schedule-one-fair-evaluation.profile.config.yaml' });
    expect(Object.keys(pods.pod1.explain!.score)).toHaveLength(200);
  });

  it('without score plugins a cycle stops at the first feasible node; the start index moves on', () => {
    const pods = schedule('schedule-one-no-score-plugins.yaml', { config: 'schedule-one-no-score-plugins.config.yaml' });
    expect([pods.pod1.nodeName, pods.pod2.nodeName, pods.pod3.nodeName]).toEqual(['node1', 'node2', 'node3']);
    expect(Object.keys(pods.pod1.explain!.filter)).toEqual(['node0', 'node1']);
    expect(Object.keys(pods.pod2.explain!.filter)).toEqual(['node2']);
  });

  it('a node without allocatable pods fits nothing: "Too many pods"', () => {
    expect(schedule('noderesources-no-pods-allocatable.yaml').pod.message).toBe(
      '0/1 nodes are available: 1 Too many pods. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.',
    );
  });

  it('NodeUnschedulable: a cordoned node rejects unless the pod tolerates the unschedulable taint', () => {
    expect(failures(explain('node-unschedulable.yaml', 'plain'))).toEqual({ cordoned: ['node(s) were unschedulable'] });
    expect(failures(explain('node-unschedulable.yaml', 'tolerates-cordon'))).toEqual({});
  });
});

describe('NodeAffinity (nodeaffinity/node_affinity_test.go)', () => {
  const f = 'nodeaffinity-filter.yaml';
  const ALL = ['foo-bar', 'foo-bar-baz-blah', 'foo-barrrrrr', 'gpu-nvidia', 'kernel-0206', 'mem-ddr3'];
  it.each([
    ['nodeSelector: same labels / superset / missing labels', 'selector-foo-bar', ['foo-bar', 'foo-bar-baz-blah']],
    ['nodeSelector: node labels are subset', 'selector-foo-bar-baz-blah', ['foo-bar-baz-blah']],
    ['matchExpressions In', 'in-bar-value2', ['foo-bar', 'foo-bar-baz-blah']],
    ['matchExpressions Gt', 'kernel-gt-0204', ['kernel-0206']],
    ['matchExpressions NotIn (a missing label matches)', 'mem-notin-ddr-ddr2', ALL],
    ['multiple matchExpressions ANDed that matches', 'gpu-exists-notin-amd', ['gpu-nvidia']],
    ["multiple matchExpressions ANDed that doesn't match", 'gpu-exists-in-amd', []],
    ['empty MatchExpressions matches no objects', 'empty-term', []],
    ['multiple NodeSelectorTerms ORed', 'terms-ored', ['foo-bar', 'foo-bar-baz-blah']],
    ['nodeSelector and affinity must both be satisfied', 'selector-and-affinity', ['foo-bar', 'foo-bar-baz-blah']],
    ['Affinity but nil NodeSelector (PreFilter Skip)', 'affinity-without-required', ALL],
  ])('%s', (_name, pod, want) => {
    const e = explain(f, pod);
    expect(feasible(e)).toEqual(want);
    for (const [, reasons] of Object.entries(failures(e))) expect(reasons).toEqual(["node(s) didn't match Pod's node affinity/selector"]);
  });

  it('affinity without required terms: PreFilter and PreScore skip', () => {
    const e = explain(f, 'affinity-without-required');
    expect(e.preFilter.NodeAffinity).toBe('skip');
    expect(e.preScore.NodeAffinity).toBe('skip');
  });

  it('matchFields metadata.name: PreFilterResult; other nodes report "didn\'t satisfy plugin(s) [NodeAffinity]"', () => {
    const m = 'nodeaffinity-match-fields.yaml';
    const notInResult = ["node(s) didn't satisfy plugin(s) [NodeAffinity]"];
    const e = explain(m, 'fields-node2');
    expect(failures(e)).toEqual({ node1: notInResult, node3: notInResult });
    expect(e.selectedNode).toBe('node2');

    const twoTerms = explain(m, 'fields-two-terms');
    expect(failures(twoTerms)).toEqual({ node1: ['node(s) had untolerated taint(s)'], node3: notInResult });

    const orExpr = explain(m, 'fields-or-expressions');
    expect(failures(orExpr)).toEqual({
      node1: ['node(s) had untolerated taint(s)'],
      node3: ["node(s) didn't match Pod's node affinity/selector"],
    });

    const andExpr = explain(m, 'fields-and-expressions');
    expect(failures(andExpr)).toEqual({ node1: notInResult, node2: notInResult, node3: ["node(s) didn't match Pod's node affinity/selector"] });
  });

  it('matchFields: nodes left out by PreFilter count in the histogram and are not helped by preemption', () => {
    const pods = schedule('nodeaffinity-match-fields.yaml');
    expect(pods['fields-node1'].nodeName).toBeNull();
    expect(pods['fields-node1'].message).toBe(
      "0/3 nodes are available: 1 node(s) had untolerated taint(s), 2 node(s) didn't satisfy plugin(s) [NodeAffinity]. " +
        'preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
    );
    expect(pods['fields-node2'].nodeName).toBe('node2');
  });

  it('TestSchedulerSchedulePod "test prefilter plugin returned an invalid node": every node is left out', () => {
    expect(schedule('nodeaffinity-unknown-node.yaml')['test-prefilter'].message).toBe(
      "0/2 nodes are available: 2 node(s) didn't satisfy plugin(s) [NodeAffinity]. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.",
    );
  });

  it('two conflicting matchFields requirements: PreFilter rejects with "pod affinity terms conflict"', () => {
    const { pod } = schedule('nodeaffinity-conflict.yaml');
    expect(pod.message).toBe(
      '0/3 nodes are available: pod affinity terms conflict. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
    );
    expect(explain('nodeaffinity-conflict.yaml', 'pod').message).toBe('0/3 nodes are available: pod affinity terms conflict.');
  });

  it('TestNodeAffinityPriority: preferred terms, weights summed and normalized to the best node', () => {
    const s = 'nodeaffinity-score.yaml';
    expect(scores(explain(s, 'affinity2'), 'NodeAffinity')).toEqual({ node1: 18, node5: 100, node2: 36, node3: 0 });
    expect(scores(explain(s, 'affinity1'), 'NodeAffinity')).toEqual({ node1: 100, node5: 100, node2: 0, node3: 0 });
    expect(explain(s, 'no-affinity').preScore.NodeAffinity).toBe('skip');
  });

  it("addedAffinity (required): \"node(s) didn't match scheduler-enforced node affinity\" is checked before the pod's own", () => {
    const a = 'nodeaffinity-added-affinity.yaml';
    const config = 'nodeaffinity-added-required.config.yaml';
    expect(failures(explain(a, 'plain', { config }))).toEqual({ node1: ["node(s) didn't match scheduler-enforced node affinity"] });
    const both = explain(a, 'requires-zone-foo', { config });
    expect(both.message).toBe(
      "0/3 nodes are available: 1 node(s) didn't match scheduler-enforced node affinity, 2 node(s) didn't match Pod's node affinity/selector.",
    );
  });

  it('addedAffinity (preferred) and pod default affinity: 40 / 60 / 100', () => {
    const e = explain('nodeaffinity-added-affinity.yaml', 'affinity1', { config: 'nodeaffinity-added-preferred.config.yaml' });
    expect(scores(e, 'NodeAffinity')).toEqual({ node1: 40, node2: 60, node3: 100 });
    const plain = explain('nodeaffinity-added-affinity.yaml', 'plain', { config: 'nodeaffinity-added-preferred.config.yaml' });
    expect(scores(plain, 'NodeAffinity')).toEqual({ node1: 0, node2: 100, node3: 100 });
  });
});

describe('TaintToleration (tainttoleration/taint_toleration_test.go)', () => {
  const f = 'tainttoleration-filter.yaml';
  it.each([
    ["A pod having no tolerations can't be scheduled onto a node with nonempty taints", 'no-tolerations', ['prefer-user1']],
    ['A pod which can be scheduled on a dedicated node assigned to user1 with effect NoSchedule', 'tolerates-user1', ['dedicated-user1', 'prefer-user1']],
    ["A pod which can't be scheduled on a dedicated node assigned to user2 with effect NoSchedule", 'tolerates-user2', ['prefer-user1']],
    ['A pod can be scheduled onto the node, with a toleration uses operator Exists', 'foo-exists', ['foo-bar', 'prefer-user1']],
    ['multiple tolerations, multiple taints, all the taints are tolerated', 'user2-and-foo-exists', ['foo-bar', 'prefer-user1', 'user2-and-foo']],
    ["keys and values match but (non-empty) effect doesn't match", 'foo-bar-prefer', ['prefer-user1']],
    ['the effect of toleration is empty and the effect of taint is NoSchedule', 'foo-bar-any-effect', ['foo-bar', 'prefer-user1']],
  ])('%s', (_name, pod, want) => {
    const e = explain(f, pod);
    expect(feasible(e)).toEqual(want);
    for (const reasons of Object.values(failures(e))) expect(reasons).toEqual(['node(s) had untolerated taint(s)']);
  });


  it('Score: a tolerated PreferNoSchedule taint scores higher than an intolerable one', () => {
    expect(scores(explain('tainttoleration-score-value.yaml', 'pod1'), 'TaintToleration')).toEqual({ nodeA: 100, nodeB: 0 });
  });

  it('Score: the more intolerable taints, the lower; tolerated ones do not count; no tolerations prefers untainted', () => {
    const f2 = 'tainttoleration-score-count.yaml';
    expect(scores(explain(f2, 'tolerates-foo'), 'TaintToleration')).toEqual({ nodeA: 100, nodeB: 50, nodeC: 0 });
    expect(scores(explain(f2, 'tolerates-all'), 'TaintToleration')).toEqual({ nodeA: 100, nodeB: 100, nodeC: 100 });
    expect(scores(explain(f2, 'no-tolerations'), 'TaintToleration')).toEqual({ nodeA: 100, nodeB: 50, nodeC: 0 });
  });

  it('Score: only PreferNoSchedule taints and tolerations count', () => {
    const e = explain('tainttoleration-score-prefer-only.yaml', 'pod1');
    expect(feasible(e)).toEqual(['nodeA', 'nodeB', 'nodeC']);
    expect(scores(e, 'TaintToleration')).toEqual({ nodeA: 100, nodeB: 100, nodeC: 0 });
  });
});

describe('ImageLocality (imagelocality/image_locality_test.go, schedule_one_test.go Test_prioritizeNodes)', () => {
  it.each([
    ['two images spread on two nodes, prefer the larger image one', 'imagelocality-two-nodes.yaml', 'pod-40-250', { node1: 0, node2: 5 }],
    ['two images on one node, prefer this node', 'imagelocality-two-nodes.yaml', 'pod-40-300', { node1: 7, node2: 0 }],
    ['if exceed limit, use limit', 'imagelocality-limits.yaml', 'pod', { node1: 100, node2: 0 }],
    ['if exceed limit, use limit (with node which has no images present)', 'imagelocality-limits-three-nodes.yaml', 'pod', { node1: 66, node2: 0, node3: 0 }],
    ['pod with multiple large images, node2 is preferred', 'imagelocality-multiple-large.yaml', 'pod', { node1: 32, node2: 36, node3: 0 }],
    ['pod with multiple small images', 'imagelocality-multiple-small.yaml', 'pod', { node1: 1, node2: 0 }],
    ['include InitContainers: two images spread on two nodes', 'imagelocality-init-containers.yaml', 'pod', { node1: 6, node2: 0 }],
    ['Test_prioritizeNodes: image in all nodes', 'imagelocality-prioritize-nodes.yaml', 'image-40', { node1: 5, node2: 5, node3: 5 }],
    ['Test_prioritizeNodes: image in partial nodes', 'imagelocality-prioritize-nodes.yaml', 'image-300', { node1: 18, node2: 18, node3: 0 }],
  ])('%s', (_name, file, pod, want) => {
    expect(scores(explain(file, pod), 'ImageLocality')).toEqual(want);
  });
});

describe('NodePorts (nodeports/node_ports_test.go)', () => {
  const f = 'nodeports.yaml';
  const REASON = ["node(s) didn't have free ports for the requested pod ports"];
  it.each([
    ['same udp port', 'udp-127-8080', { m1: REASON }],
    ['different protocol', 'tcp-127-8080', {}],
    ['different host ip', 'udp-127002-8080', {}],
    ['second udp port conflict', 'udp-8000-and-8080', { m1: REASON }],
    ['second tcp port conflict to 0.0.0.0 hostIP', 'tcp-127-8001', { m2: REASON }],
    ['second different protocol', 'udp-127-8001', {}],
    ['TCP hostPort conflict from sidecar initContainer', 'sidecar-8001', { m2: REASON }],
    ['non-sidecar initContainer using hostPort', 'init-8001', {}],
    ["an existing pod's sidecar host port is in use", 'tcp-9000', { m3: REASON }],
  ])('%s', (_name, pod, want) => {
    expect(failures(explain(f, pod))).toEqual(want);
  });

  it('PreFilter skips a pod whose only host port is on an ordinary init container', () => {
    expect(explain(f, 'init-8001').preFilter.NodePorts).toBe('skip');
    expect(explain(f, 'sidecar-8001').preFilter.NodePorts).toBe('success');
  });
});

describe('PodTopologySpread (podtopologyspread/filtering_test.go, scoring_test.go; schedule_one_test.go)', () => {
  const SKEW = ["node(s) didn't match pod topology spread constraints"];
  const MISSING = ["node(s) didn't match pod topology spread constraints (missing required label)"];
  const f = 'podtopologyspread-filter.yaml';
  it.each([
    ['pods spread across nodes as 2/1/0/3, only node-x fits', 'node-skew1', { 'node-a': SKEW, 'node-b': SKEW, 'node-y': SKEW }],
    ['pods spread across nodes as 2/1/0/3, maxSkew is 2, node-b and node-x fit', 'node-skew2', { 'node-a': SKEW, 'node-y': SKEW }],
    ['pods spread across zones as 3/3, all nodes fit', 'zone-skew1', {}],
    ["pod cannot be scheduled as all nodes don't have label 'rack'", 'rack', { 'node-a': MISSING, 'node-b': MISSING, 'node-x': MISSING, 'node-y': MISSING }],
    ["pods spread across nodes as 2/1/0/3, but pod doesn't match itself", 'not-self-matching', { 'node-a': SKEW, 'node-y': SKEW }],
    [
      'incoming pod has nodeAffinity, pods spread as 2/~1~/~0~/3, hence node-a fits',
      'node-affinity-a-y',
      { 'node-b': ["node(s) didn't match Pod's node affinity/selector"], 'node-x': ["node(s) didn't match Pod's node affinity/selector"], 'node-y': SKEW },
    ],
    ['existing pods do not match null selector', 'null-selector', {}],
  ])('filter: %s', (_name, pod, want) => {
    expect(failures(explain(f, pod))).toEqual(want);
  });

  it('filter: nodeTaintsPolicy (default Ignore) and nodeAffinityPolicy (default Honor) decide which nodes count', () => {
    const g = 'podtopologyspread-inclusion-policies.yaml';
    expect(explain(g, 'taints-ignored').message).toBe(
      "0/3 nodes are available: 1 node(s) had untolerated taint(s), 2 node(s) didn't match pod topology spread constraints.",
    );
    expect(feasible(explain(g, 'taints-honored'))).toEqual(['node-a', 'node-b']);
    expect(feasible(explain(g, 'affinity-honored'))).toEqual(['node-a', 'node-b']);
    expect(explain(g, 'affinity-ignored').message).toBe(
      "0/3 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 2 node(s) didn't match pod topology spread constraints.",
    );
  });

  it('filter: a node missing the topology key makes the whole message UnschedulableAndUnresolvable', () => {
    expect(schedule(f).rack.message).toBe(
      "0/4 nodes are available: 4 node(s) didn't match pod topology spread constraints (missing required label). " +
        'preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.',
    );
  });

  it('filter: minDomains larger than the number of domains makes the global minimum 0', () => {
    expect(failures(explain('podtopologyspread-min-domains.yaml', 'min-domains-4'))).toEqual({ 'node-a': SKEW, 'node-b': SKEW });
    expect(failures(explain('podtopologyspread-min-domains.yaml', 'min-domains-2'))).toEqual({});
  });

  it('filter: terminating Pods should be excluded', () => {
    expect(failures(explain('podtopologyspread-terminating.yaml', 'pod'))).toEqual({ 'node-b': SKEW });
  });

  it('score: one constraint on node, all 4 nodes are candidates (maxSkew 1 and 2); null selector', () => {
    const s = 'podtopologyspread-score-hostname.yaml';
    expect(scores(explain(s, 'skew1'), 'PodTopologySpread')).toEqual({ 'node-a': 20, 'node-b': 60, 'node-c': 100, 'node-d': 0 });
    expect(scores(explain(s, 'skew2'), 'PodTopologySpread')).toEqual({ 'node-a': 33, 'node-b': 66, 'node-c': 100, 'node-d': 16 });
    expect(scores(explain(s, 'null-selector'), 'PodTopologySpread')).toEqual({ 'node-a': 100, 'node-b': 100, 'node-c': 100, 'node-d': 100 });
  });

  it('score: maxSkew=3, and system defaulting from a Service gives the same scores', () => {
    const s = 'podtopologyspread-score-system-default.yaml';
    const want = { 'node-a': 44, 'node-b': 66, 'node-c': 77, 'node-d': 100 };
    expect(scores(explain(s, 'skew3'), 'PodTopologySpread')).toEqual(want);
    expect(scores(explain(s, 'system-default'), 'PodTopologySpread')).toEqual(want);
  });

  it('score: 3 out of 4 nodes are candidates; one node without the topology key', () => {
    expect(scores(explain('podtopologyspread-score-candidates.yaml', 'pod'), 'PodTopologySpread')).toEqual({ 'node-a': 33, 'node-b': 83, 'node-x': 100 });
    expect(scores(explain('podtopologyspread-score-missing-key.yaml', 'pod'), 'PodTopologySpread')).toEqual({ 'node-a': 16, 'node-b': 0, 'node-x': 100 });
  });

  it('score: one constraint on zone; two constraints on zone and node', () => {
    expect(scores(explain('podtopologyspread-score-zone.yaml', 'pod'), 'PodTopologySpread')).toEqual({ 'node-a': 75, 'node-b': 75, 'node-x': 100 });
    expect(scores(explain('podtopologyspread-score-zone-and-node.yaml', 'pod'), 'PodTopologySpread')).toEqual({ 'node-a': 100, 'node-x': 63 });
  });

  it('score: two constraints with different labelSelectors (all candidates; some nodes empty; 3 of 4 candidates)', () => {
    expect(scores(explain('podtopologyspread-score-selectors.yaml', 'pod'), 'PodTopologySpread')).toEqual({
      'node-a': 60,
      'node-b': 20,
      'node-x': 100,
      'node-y': 60,
    });
    expect(scores(explain('podtopologyspread-score-selectors-empty-nodes.yaml', 'pod'), 'PodTopologySpread')).toEqual({
      'node-a': 100,
      'node-b': 60,
      'node-x': 40,
      'node-y': 0,
    });
    expect(scores(explain('podtopologyspread-score-selectors-candidates.yaml', 'pod'), 'PodTopologySpread')).toEqual({
      'node-a': 50,
      'node-b': 25,
      'node-x': 100,
    });
  });

  it('score: matchLabelKeys is ANDed with the labelSelector (empty and non-empty selector)', () => {
    const want = { 'node-a': 60, 'node-b': 20, 'node-c': 60, 'node-d': 100 };
    expect(scores(explain('podtopologyspread-score-match-label-keys.yaml', 'pod'), 'PodTopologySpread')).toEqual(want);
    expect(scores(explain('podtopologyspread-score-match-label-keys-selector.yaml', 'pod'), 'PodTopologySpread')).toEqual(want);
  });

  it('score: existing pods in a different namespace do not count; terminating pods are excluded', () => {
    expect(scores(explain('podtopologyspread-score-namespace.yaml', 'pod'), 'PodTopologySpread')).toEqual({ 'node-a': 100, 'node-b': 33 });
    expect(scores(explain('podtopologyspread-score-terminating.yaml', 'pod'), 'PodTopologySpread')).toEqual({ 'node-a': 100, 'node-b': 0 });
  });

  it('TestSchedulerSchedulePod: 2 nodes with maxskew=1 → node2 (a single feasible node is not scored)', () => {
    const { p } = schedule('schedule-one-pts-two-nodes.yaml');
    expect(p.nodeName).toBe('node2');
    expect(p.explain!.score).toEqual({});
  });

  it('TestSchedulerSchedulePod: 3 nodes with maxskew=2 → node2 or node3', () => {
    for (const seed of [1, 2, 3, 4]) expect(['node2', 'node3']).toContain(schedule('schedule-one-pts-three-nodes.yaml', { seed }).p.nodeName);
  });
});

describe('InterPodAffinity (interpodaffinity/filtering_test.go, scoring_test.go)', () => {
  const AFF = ["node(s) didn't match pod affinity rules"];
  const f = 'interpodaffinity-filter.yaml';
  it.each([
    ['satisfies PodAffinity using In operator that matches the existing pod', 'affinity-in', { machine2: AFF }],
    ['satisfies PodAffinity using NotIn operator that matches the existing pod', 'affinity-notin', { machine2: AFF }],
    ['does not satisfy the PodAffinity with labelSelector because of diff Namespace', 'affinity-other-namespace', { machine1: AFF, machine2: AFF }],
    ["doesn't satisfy the PodAffinity because of unmatching labelSelector with the existing pod", 'affinity-unmatched', { machine1: AFF, machine2: AFF }],
    ['the labelSelector requirements (items of matchExpressions) are ANDed', 'affinity-anded', { machine1: AFF, machine2: AFF }],
    [
      "satisfies the PodAffinity but doesn't satisfy the PodAntiAffinity with the existing pod",
      'anti-affinity',
      { machine1: ["node(s) didn't match pod anti-affinity rules"], machine2: AFF },
    ],
    ['the first pod of a group may match its own affinity term', 'self-affinity', {}],
    ['... but still needs the topology key on the node', 'self-affinity-rack', { machine1: AFF, machine2: AFF }],
  ])('filter: %s', (_name, pod, want) => {
    expect(failures(explain(f, pod))).toEqual(want);
  });

  const EXISTING = ["node(s) didn't satisfy existing pods anti-affinity rules"];
  const ANTI = ["node(s) didn't match pod anti-affinity rules"];
  it.each([
    ["existing pod's anti-affinity: violates each existing pod's terms on all nodes", 'existing-anti-all-nodes', { nodeA: EXISTING, nodeB: EXISTING }],
    ["incoming pod's anti-affinity: violates at least one rule on every node", 'incoming-anti-one-rule', { nodeA: ANTI, nodeB: ANTI }],
    ["existing pod's anti-affinity: a term with an invalid topologyKey never matches", 'existing-anti-invalid-key', { nodeA: EXISTING }],
    ["incoming pod's anti-affinity: a term with an invalid topologyKey never matches", 'incoming-anti-invalid-key', { nodeA: ANTI }],
    ['existing pods on nodeA and nodeB repel the pod, so only nodeC fits', 'existing-anti-only-node-c', { nodeA: EXISTING, nodeB: EXISTING }],
    ['affinity terms must all be satisfied by the same pod', 'affinity-same-pod', { nodeA: AFF, nodeB: AFF }],
    ['affinity: all terms match one pod, then every topology key must match', 'affinity-all-terms', {}],
  ])('TestRequiredAffinityMultipleNodes: %s', (_name, key, want) => {
    expect(failures(explain(`interpodaffinity-multi-${key}.yaml`, 'pod'))).toEqual(want);
  });

  it('filter: affinity failures are UnschedulableAndUnresolvable, anti-affinity ones Unschedulable', () => {
    const pods = schedule(f);
    expect(pods['affinity-unmatched'].message).toBe(
      "0/2 nodes are available: 2 node(s) didn't match pod affinity rules. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.",
    );
    expect(pods['anti-affinity'].message).toBe(
      "0/2 nodes are available: 1 node(s) didn't match pod affinity rules, 1 node(s) didn't match pod anti-affinity rules. " +
        'preemption: 0/2 nodes are available: 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling.',
    );
  });

  it("filter: an existing pod's required anti-affinity repels a matching incoming pod (symmetry)", () => {
    const g = 'interpodaffinity-existing-anti-affinity.yaml';
    expect(failures(explain(g, 'scan'))).toEqual({ machine1: ["node(s) didn't satisfy existing pods anti-affinity rules"] });
    expect(failures(explain(g, 'other'))).toEqual({});
  });

  it('score: preferred affinity; different label operators; no affinity at all skips', () => {
    const s = 'interpodaffinity-score.yaml';
    expect(scores(explain(s, 'stay-with-s1'), 'InterPodAffinity')).toEqual({ node1: 100, node2: 0, node3: 0 });
    expect(scores(explain(s, 'affinity3'), 'InterPodAffinity')).toEqual({ node1: 20, node2: 100, node3: 0 });
    const none = explain(s, 'no-affinity');
    expect(none.preScore.InterPodAffinity).toBe('skip');
    expect(scoredPlugins(none)).not.toContain('InterPodAffinity');
  });

  it('score: symmetry of preferred and of required affinity (hardPodAffinityWeight)', () => {
    expect(scores(explain('interpodaffinity-score-symmetry.yaml', 'pod'), 'InterPodAffinity')).toEqual({ node1: 0, node2: 100, node3: 0 });
    expect(scores(explain('interpodaffinity-score-hard-symmetry.yaml', 'pod'), 'InterPodAffinity')).toEqual({ node1: 100, node2: 100, node3: 0 });
  });

  it('score: namespaces and namespaceSelector together select the counted pods', () => {
    const n = 'interpodaffinity-score-namespaces.yaml';
    expect(scores(explain(n, 'subteam1.team1/affinity'), 'InterPodAffinity')).toEqual({ node1: 100, node2: 0 });
    expect(scores(explain(n, 'subteam1.team1/anti-affinity'), 'InterPodAffinity')).toEqual({ node1: 0, node2: 100 });
  });

  it('TestPreferredAffinityWithHardPodAffinitySymmetricWeight: default weight, namespaces, zero weight', () => {
    const h = 'interpodaffinity-hard-weight.yaml';
    const want = { node1: 100, node2: 100, node3: 0 };
    expect(scores(explain(h, 'subteam1.team1/in-team1'), 'InterPodAffinity')).toEqual(want);
    expect(scores(explain(h, 'subteam2.team2/in-subteam2-team2'), 'InterPodAffinity')).toEqual(want);
    expect(explain(h, 'subteam1.team2/in-subteam1-team2').preScore.InterPodAffinity).toBe('skip');
    expect(explain(h, 'subteam1.team1/in-team1', { config: 'interpodaffinity-hard-weight-zero.config.yaml' }).preScore.InterPodAffinity).toBe('skip');
  });

  it('score: ignorePreferredTermsOfExistingPods', () => {
    const g = 'interpodaffinity-ignore-preferred.yaml';
    expect(scores(explain(g, 'pod'), 'InterPodAffinity')).toEqual({ node1: 0, node2: 100 });
    expect(explain(g, 'pod', { config: 'interpodaffinity-ignore-preferred.config.yaml' }).preScore.InterPodAffinity).toBe('skip');
  });

  it('score: preferred anti-affinity and its symmetry', () => {
    expect(scores(explain('interpodaffinity-score-anti.yaml', 'away-from-s1'), 'InterPodAffinity')).toEqual({ node1: 0, node2: 100 });
    expect(scores(explain('interpodaffinity-score-anti-symmetry.yaml', 'pod'), 'InterPodAffinity')).toEqual({ node1: 0, node2: 100 });
  });
});

describe('DefaultPreemption (defaultpreemption/default_preemption_test.go)', () => {
  it('TestPostFilter: pod can be made schedulable on one node', () => {
    expect(explain('defaultpreemption-one-node.yaml', 'p').message).toBe('0/2 nodes are available: 2 Too many pods.');
    const { p } = schedule('defaultpreemption-one-node.yaml');
    expect(p.nominatedNodeName).toBe('node2');
    expect(p.victims).toEqual(['default/p2']);
    expect(p.nodeName).toBe('node2');
  });

  it('TestPostFilter: pod with tied priority is still unschedulable; preemptionPolicy Never is not eligible', () => {
    const pods = schedule('defaultpreemption-tied-priority.yaml');
    expect(pods.p.message).toBe(
      '0/1 nodes are available: 1 Too many pods. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.',
    );
    expect(pods.never.message).toBe('0/1 nodes are available: 1 Too many pods. preemption: not eligible due to preemptionPolicy=Never.');
    expect(pods.never.nominatedNodeName).toBeUndefined();
  });

  it('TestPostFilter: no candidate nodes found with mixed reasons, no lower priority pod and no enough CPU resource', () => {
    const { p } = schedule('defaultpreemption-mixed-reasons.yaml');
    expect(p.message).toBe(
      '0/3 nodes are available: 1 Insufficient cpu, 2 Too many pods. ' +
        'preemption: 0/3 nodes are available: 1 Insufficient cpu, 2 No preemption victims found for incoming pod.',
    );
  });

  it('TestPostFilter: 2 UnschedulableAndUnresolvable nodes and 2 nodes without enough CPU', () => {
    const { p } = schedule('defaultpreemption-unresolvable.yaml');
    expect(p.message).toBe(
      '0/4 nodes are available: 4 Insufficient cpu. preemption: 0/4 nodes are available: 2 Insufficient cpu, 2 Preemption is not helpful for scheduling.',
    );
  });

  it('TestPostFilter: pod can be made schedulable on minHighestPriority node (PDB violations tie)', () => {
    const { p } = schedule('defaultpreemption-pdb.yaml');
    expect(p.nominatedNodeName).toBe('node2');
    expect(p.victims).toEqual(['default/p3']);
  });

  it('preemption through a PreFilter extension: removing the pod the anti-affinity rejects makes room', () => {
    expect(explain('defaultpreemption-anti-affinity.yaml', 'web').message).toBe("0/1 nodes are available: 1 node(s) didn't match pod anti-affinity rules.");
    const { web } = schedule('defaultpreemption-anti-affinity.yaml');
    expect(web.nominatedNodeName).toBe('node1');
    expect(web.victims).toEqual(['default/db']);
    expect(web.nodeName).toBe('node1');
  });

  it('PodEligibleToPreemptOthers: a victim of an earlier preemption still terminating on the nominated node', () => {
    const { preemptor } = schedule('defaultpreemption-terminating-victim.yaml');
    expect(preemptor.message).toBe('0/1 nodes are available: 1 Insufficient cpu. preemption: not eligible due to a terminating pod on the nominated node.');
  });

  it.each([
    ['node with min highest priority pod is picked', 'min-highest-priority', 'node3', ['p3.1', 'p3.2']],
    ['when highest priorities are the same, minimum sum of priorities is picked', 'min-sum-priorities', 'node2', ['p2.1', 'p2.2']],
    ['when highest priority and sum are the same, minimum number of pods is picked', 'min-victims', 'node2', ['p2.1', 'p2.2']],
    ['non-overlapping lowest high priority, sum priorities, and number of pods', 'non-overlapping', 'node1', ['p1.1', 'p1.2', 'p1.3']],
    ["same priority, same number of victims, different start time for each node's pod", 'start-time-per-node', 'node2', ['p2.1', 'p2.2']],
    ['same priority, same number of victims, different start time for all pods', 'start-time-all-pods', 'node3', ['p3.1', 'p3.2']],
    ['different priority, same number of victims, different start time for all pods', 'start-time-mixed-priority', 'node2', ['p2.1', 'p2.2']],
  ])('TestSelectBestCandidate: %s', (_name, key, node, victims) => {
    const { p } = schedule(`defaultpreemption-select-${key}.yaml`);
    expect(p.nominatedNodeName).toBe(node);
    expect([...(p.victims ?? [])].sort()).toEqual(victims.map((v) => `default/${v}`));
    expect(p.nodeName).toBe(node);
  });

  it('TestSelectBestCandidate: a pod that fits on both nodes when lower priority pods are preempted → node1 or node2', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const { p } = schedule('defaultpreemption-select-tie.yaml', { seed });
      expect(['node1', 'node2']).toContain(p.nominatedNodeName);
      expect(p.victims).toEqual([p.nominatedNodeName === 'node1' ? 'default/p1' : 'default/p2']);
    }
  });
});
