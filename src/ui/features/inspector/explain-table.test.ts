import { describe, expect, it } from 'vitest';
import type { ExplainResult } from '../../../engine/scheduler/batch';
import { createInProcessClient, createManualTicker } from '../../bridge/in-process-client';
import { DEFAULT_SCENARIO } from '../scenario/default-scenario';
import { buildExplainTable, lastAttemptNote, schedulingSummary } from './explain-table';

const result = (over: Partial<ExplainResult>): ExplainResult => ({
  namespace: 'default',
  name: 'p',
  message: '',
  preFilter: {},
  preScore: {},
  filter: {},
  score: {},
  finalScore: {},
  selectedNode: null,
  ...over,
});

describe('buildExplainTable', () => {
  it('shows every node of the default scenario rejecting ml-training with the engine reasons', async () => {
    const client = createInProcessClient({ ticker: createManualTicker() });
    await client.load(DEFAULT_SCENARIO.text, DEFAULT_SCENARIO.file);
    const table = buildExplainTable(await client.explain('default/ml-training'));

    expect(table.selectedNode).toBeNull();
    expect(table.message).toMatch(/^0\/4 nodes are available: /);
    expect(table.rows.map((r) => r.node)).toEqual(['control-plane', 'worker-1', 'worker-2', 'worker-3']);
    expect(table.rows.every((r) => !r.feasible && r.total === null && r.score === null)).toBe(true);
    // The control plane is refused for its taint; the workers for their size.
    expect(table.filterColumns).toEqual(['TaintToleration', 'NodeResourcesFit']);
    const cp = table.rows[0];
    expect(cp.filter.TaintToleration).toEqual({ kind: 'rejected', reasons: [expect.stringMatching(/^node\(s\) had untolerated taint/)] });
    expect(cp.filter.NodeResourcesFit).toEqual({ kind: 'not-run' });
    for (const worker of table.rows.slice(1)) {
      expect(worker.filter.TaintToleration).toEqual({ kind: 'passed' });
      expect(worker.reasons).toEqual(['Insufficient cpu', 'Insufficient memory']);
    }
    expect(table.scoreColumns).toEqual([]);
    client.close();
  });

  it('puts the selected node first, then feasible nodes by total, then rejected ones by name; derives weights', () => {
    const table = buildExplainTable(
      result({
        filter: {
          a: { NodeUnschedulable: 'passed', NodeResourcesFit: 'passed' },
          b: { NodeUnschedulable: 'passed', NodeResourcesFit: 'passed' },
          c: { NodeUnschedulable: 'passed', NodeResourcesFit: 'passed' },
          z: { NodeUnschedulable: ["node(s) were unschedulable"] },
          y: { NodeUnschedulable: 'passed', NodeResourcesFit: ['Insufficient memory'] },
        },
        score: { a: { TaintToleration: 100, NodeResourcesFit: 40 }, b: { TaintToleration: 100, NodeResourcesFit: 80 }, c: { TaintToleration: 0, NodeResourcesFit: 90 } },
        finalScore: { a: { TaintToleration: 300, NodeResourcesFit: 40 }, b: { TaintToleration: 300, NodeResourcesFit: 80 }, c: { TaintToleration: 0, NodeResourcesFit: 90 } },
        selectedNode: 'a',
      }),
    );
    expect(table.rows.map((r) => [r.node, r.total])).toEqual([['a', 340], ['b', 380], ['c', 90], ['y', null], ['z', null]]);
    expect(table.filterColumns).toEqual(['NodeUnschedulable', 'NodeResourcesFit']);
    expect(table.filterPluginCount).toBe(2);
    expect(table.rows.find((r) => r.node === 'z')!.filter.NodeResourcesFit).toEqual({ kind: 'not-run' });
    expect(table.rows.find((r) => r.node === 'y')!.reasons).toEqual(['Insufficient memory']);
    expect(table.scoreColumns).toEqual([{ plugin: 'TaintToleration', weight: 3 }, { plugin: 'NodeResourcesFit', weight: 1 }]);
    expect(table.rows[1].score).toEqual({ TaintToleration: { normalized: 100, weighted: 300 }, NodeResourcesFit: { normalized: 80, weighted: 80 } });
    expect(table.rows[0].selected).toBe(true);
    expect(table.scoringSkipped).toBe(false);
  });

  it('says when scoring was skipped because a single node passed, and has no filter column when nobody was rejected', () => {
    const table = buildExplainTable(result({ filter: { only: { NodeName: 'passed', NodeResourcesFit: 'passed' } }, selectedNode: 'only' }));
    expect(table.scoringSkipped).toBe(true);
    expect(table.filterColumns).toEqual([]);
    expect(table.filterPluginCount).toBe(2);
    expect(table.rows).toEqual([expect.objectContaining({ node: 'only', selected: true, feasible: true, total: null })]);
    expect(buildExplainTable(result({ finalScore: { n: { ImageLocality: 0 } }, score: { n: { ImageLocality: 0 } } })).scoreColumns).toEqual([
      { plugin: 'ImageLocality', weight: null },
    ]);
  });

  it('a bound pod: the table marks the node it runs on, and the summary tells where it runs from where it would go now', () => {
    const filter = { a: { NodeResourcesFit: 'passed' as const }, b: { NodeResourcesFit: 'passed' as const }, c: { NodeResourcesFit: ['Insufficient cpu'] } };
    const finalScore = { a: { NodeResourcesBalancedAllocation: 90 }, b: { NodeResourcesBalancedAllocation: 40 } };
    const elsewhere = buildExplainTable(result({ filter, finalScore, score: finalScore, selectedNode: 'a', boundNode: 'b' }));
    expect(elsewhere.boundNode).toBe('b');
    expect(elsewhere.rows.map((r) => [r.node, r.selected, r.bound])).toEqual([['a', true, false], ['b', false, true], ['c', false, false]]);
    expect(schedulingSummary(elsewhere)).toBe(
      'Runs on b. Placed now, the scheduler would choose a instead: the table weighs this pod as if it were on no node (its own requests freed on b). A bound pod stays where it is; the scheduler places each pod once.',
    );
    const same = buildExplainTable(result({ filter, finalScore, score: finalScore, selectedNode: 'a', boundNode: 'a' }));
    expect(schedulingSummary(same)).toBe('Runs on a. Placed now, the scheduler would choose a again: the table weighs this pod as if it were on no node (its own requests freed on a).');
    const nowhere = buildExplainTable(result({ filter: { c: { NodeResourcesFit: ['Insufficient cpu'] } }, selectedNode: null, boundNode: 'c', message: '0/1 nodes are available: 1 Insufficient cpu.' }));
    expect(schedulingSummary(nowhere)).toBe('Runs on c. Placed now, it would fit no node (below); a bound pod stays where it is.');
    // Not bound: the scheduler's choice, as before; none when nothing fits (the message says why).
    expect(schedulingSummary(buildExplainTable(result({ filter, finalScore, score: finalScore, selectedNode: 'a' })))).toBe('The scheduler would choose a.');
    expect(schedulingSummary(buildExplainTable(result({ filter: { c: { NodeResourcesFit: ['Insufficient cpu'] } } })))).toBe('');
  });
});

describe('lastAttemptNote', () => {
  it("says when a pending pod's PodScheduled condition (the last attempt) and an attempt now disagree, and is silent while they agree", async () => {
    const client = createInProcessClient({ ticker: createManualTicker() });
    await client.load(DEFAULT_SCENARIO.text, DEFAULT_SCENARIO.file);
    const condition = async () => {
      const pod = (await client.getObject('Pod', 'default', 'ml-training')) as { status?: { conditions?: { type: string; message?: string }[] } };
      return pod.status?.conditions?.find((c) => c.type === 'PodScheduled')?.message;
    };
    // At first the condition says what an attempt now says (plus its preemption tail): no note.
    const first = await condition();
    expect(first).toMatch(/ preemption: /);
    expect(lastAttemptNote(buildExplainTable(await client.explain('default/ml-training')), first)).toBeNull();

    // A worker dies: its unreachable taint changes what an attempt now says, while the pod
    // waits in unschedulablePods with its old condition (the taint cannot help it).
    await client.dispatch({ action: 'killNode', node: 'worker-3' });
    await client.step(60_000);
    const table = buildExplainTable(await client.explain('default/ml-training'));
    const last = await condition();
    expect(last).toBe(first);
    expect(table.message).not.toBe(first!.split(' preemption: ')[0]);
    expect(lastAttemptNote(table, last)).toMatch(/^The PodScheduled condition above is the scheduler’s last attempt; the message here is what it would say if it tried now\./);
    // A bound pod, or no condition at all, has no such note.
    expect(lastAttemptNote({ ...table, boundNode: 'worker-1' }, last)).toBeNull();
    expect(lastAttemptNote(table, undefined)).toBeNull();
  });
});
