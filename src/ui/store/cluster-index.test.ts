import { describe, expect, it } from 'vitest';
import { frame, node, pod } from '../../protocol/frame-fixtures';
import { EMPTY_INDEX, equal, indexFrame } from './cluster-index';

const first = frame({
  nodes: [node('w1', { labels: { b: '1', a: '2' } }), node('w2', { labels: { a: '3' } })],
  pods: [pod('a', 'w1'), pod('b', 'w2'), pod('wait', null), pod('lost', 'gone')],
  queue: [{ namespace: 'default', name: 'wait', queue: 'unschedulable', reason: 'Unschedulable', message: '0/2 nodes are available.' }],
});

describe('indexFrame', () => {
  it('indexes nodes, pods, pods per node, the pending tray and label keys', () => {
    const index = indexFrame(EMPTY_INDEX, first);
    expect(index.nodeNames).toEqual(['w1', 'w2']);
    expect(index.nodes.get('w2')?.name).toBe('w2');
    expect(index.pods.get('uid-a')?.name).toBe('a');
    expect(index.podsByNode.get('w1')).toEqual(['uid-a']);
    expect(index.pending).toEqual(['uid-wait', 'uid-lost']);
    expect(index.pendingMessages.get('uid-wait')).toBe('0/2 nodes are available.');
    expect(index.pendingMessages.get('uid-lost')).toBe('node "gone" not found');
    expect(index.labelKeys).toEqual(['a', 'b']);
  });

  it('keeps every unchanged object and array from the previous index', () => {
    const before = indexFrame(EMPTY_INDEX, first);
    const copy = structuredClone({ ...first, seq: 2 });
    const same = indexFrame(before, copy);
    for (const key of ['nodeNames', 'nodes', 'pods', 'podsByNode', 'pending', 'pendingMessages', 'labelKeys'] as const) {
      expect(same[key]).toBe(before[key]);
    }

    const changed = indexFrame(before, { ...copy, pods: [pod('a', 'w1', { ready: false }), pod('b', 'w2'), pod('wait', null), pod('lost', 'gone')] });
    expect(changed.pods).not.toBe(before.pods);
    expect(changed.pods.get('uid-a')).not.toBe(before.pods.get('uid-a'));
    expect(changed.pods.get('uid-b')).toBe(before.pods.get('uid-b'));
    expect(changed.podsByNode).toBe(before.podsByNode);
    expect(changed.nodes).toBe(before.nodes);
  });

  it('reuses the pods part when the frame hands over the same pod and queue lists, and still follows node changes', () => {
    const before = indexFrame(EMPTY_INDEX, first);
    expect(indexFrame(before, { ...first, seq: 2 })).toBe(before);
    const cordoned = node('w2', { labels: { a: '3' }, unschedulable: true });
    const after = indexFrame(before, { ...first, seq: 3, nodes: [first.nodes[0], cordoned] });
    expect(after.nodes.get('w2')).toBe(cordoned);
    expect(after.nodes.get('w1')).toBe(before.nodes.get('w1'));
    expect(after.pods).toBe(before.pods);
    expect(after.podsByNode).toBe(before.podsByNode);
    // A node gone: its pod moves to the pending tray although the pod list is the same.
    const gone = indexFrame(after, { ...first, seq: 4, nodes: [first.nodes[0]] });
    expect(gone.nodeNames).toEqual(['w1']);
    expect(gone.pending).toEqual(['uid-b', 'uid-wait', 'uid-lost']);
    expect(gone.pendingMessages.get('uid-b')).toBe('node "w2" not found');
  });

  it('gives a node a new pod list only when its pods change', () => {
    const before = indexFrame(EMPTY_INDEX, first);
    const moved = indexFrame(before, { ...first, pods: [pod('a', 'w1'), pod('b', 'w2'), pod('wait', 'w2'), pod('lost', 'gone')], queue: [] });
    expect(moved.podsByNode.get('w1')).toBe(before.podsByNode.get('w1'));
    expect(moved.podsByNode.get('w2')).toEqual(['uid-b', 'uid-wait']);
    expect(moved.pending).toEqual(['uid-lost']);
  });
});

describe('indexFrame label keys', () => {
  it('keeps the label keys while every node keeps its labels object, and follows a label change', () => {
    const before = indexFrame(EMPTY_INDEX, first);
    const beat = indexFrame(before, { ...first, seq: 2, nodes: first.nodes.map((n) => ({ ...n, lastHeartbeat: 10_000 })) });
    expect(beat.nodes.get('w1')?.lastHeartbeat).toBe(10_000);
    expect(beat.labelKeys).toBe(before.labelKeys);
    const relabelled = indexFrame(beat, { ...first, seq: 3, nodes: [first.nodes[0], { ...first.nodes[1], labels: { c: '1' } }] });
    expect(relabelled.labelKeys).toEqual(['a', 'b', 'c']);
  });
});

describe('equal', () => {
  it('compares plain data structurally', () => {
    expect(equal({ a: [1, { b: null }] }, { a: [1, { b: null }] })).toBe(true);
    expect(equal({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(equal([1, 2], { 0: 1, 1: 2 })).toBe(false);
    expect(equal({ a: 'forever' }, { a: 300 })).toBe(false);
  });
});
