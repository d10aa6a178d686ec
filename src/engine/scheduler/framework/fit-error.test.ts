import { describe, expect, it } from 'vitest';
import { fitErrorMessage, reasonHistogram, truncateEventMessage } from './fit-error';
import { NodeToStatus } from './interfaces';
import { Code, Status } from './status';

const st = (...r: string[]) => new Status(Code.Unschedulable, r);

describe('FitError message', () => {
  it('sorts "<count> <reason>" entries as plain strings, so 10 sorts before 2', () => {
    const m = new NodeToStatus();
    for (let i = 0; i < 10; i++) m.set(`a${i}`, st('Insufficient cpu'));
    m.set('b0', st('Insufficient memory'));
    m.set('b1', st('Insufficient memory'));
    expect(reasonHistogram(12, m)).toEqual(['10 Insufficient cpu', '2 Insufficient memory']);
  });

  it('counts a node once per reason, so counts may exceed N', () => {
    const m = new NodeToStatus();
    m.set('n1', st('Insufficient cpu', 'Insufficient memory'));
    m.set('n2', st('Insufficient cpu'));
    expect(fitErrorMessage(2, { nodeToStatus: m, preFilterMsg: '', postFilterMsg: '', unschedulablePlugins: new Set() })).toBe(
      '0/2 nodes are available: 1 Insufficient memory, 2 Insufficient cpu.',
    );
  });

  it('capital letters sort before lower case', () => {
    const m = new NodeToStatus();
    for (let i = 0; i < 3; i++) m.set(`t${i}`, st("node(s) had untolerated taint(s)"));
    for (let i = 0; i < 3; i++) m.set(`c${i}`, st('Insufficient cpu'));
    expect(reasonHistogram(6, m)).toEqual(['3 Insufficient cpu', "3 node(s) had untolerated taint(s)"]);
  });

  it('counts nodes without a status under the absent-nodes status', () => {
    const m = new NodeToStatus();
    m.set('n1', st('Too many pods'));
    m.absentNodesStatus = new Status(Code.UnschedulableAndUnresolvable, ["node(s) didn't satisfy plugin(s) [NodeAffinity]"]);
    expect(fitErrorMessage(46, { nodeToStatus: m, preFilterMsg: '', postFilterMsg: '', unschedulablePlugins: new Set() })).toBe(
      "0/46 nodes are available: 1 Too many pods, 45 node(s) didn't satisfy plugin(s) [NodeAffinity].",
    );
  });

  it('a PreFilter rejection replaces the histogram; the PostFilter part follows without a trailing dot', () => {
    const m = new NodeToStatus();
    m.absentNodesStatus = st('x');
    expect(
      fitErrorMessage(3, {
        nodeToStatus: m,
        preFilterMsg: 'persistentvolumeclaim "data" not found',
        postFilterMsg: 'preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
        unschedulablePlugins: new Set(),
      }),
    ).toBe(
      '0/3 nodes are available: persistentvolumeclaim "data" not found. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
    );
  });

  it('truncates event messages to 1024 bytes ending in " ..."', () => {
    const long = 'x'.repeat(2000);
    const t = truncateEventMessage(long);
    expect(t.length).toBe(1024);
    expect(t.endsWith(' ...')).toBe(true);
    expect(truncateEventMessage('short')).toBe('short');
  });
});
