import { describe, expect, it } from 'vitest';
import { pod } from '../../../protocol/frame-fixtures';
import { announcements, lateVerdictSentence } from './announcements';
import type { DragState } from './drag-store';
import type { NodeVerdict } from './verdict';

const verdicts = new Map<string, NodeVerdict>([
  ['worker-1', { kind: 'rejects', reasons: ['Insufficient cpu', 'Insufficient memory'], plugins: ['NodeResourcesFit'] }],
  ['worker-2', { kind: 'fits', score: 187, best: true }],
]);
const state = { verdicts, verdictError: null } as unknown as DragState;
const drag = (p: ReturnType<typeof pod>) => ({ active: { id: p.uid, data: { current: { pod: p } } }, over: null }) as never;

const ended = (node: string | null, p = pod('ml-training', null)) => announcements(() => state, () => node).onDragEnd!(drag(p));

describe('drag announcements at the drop', () => {
  it('a drop the scheduler refuses says so, with the filter reasons, and that a dialog asks', () => {
    const text = ended('worker-1');
    expect(text).toContain('Dropped pod ml-training on node worker-1');
    expect(text).toContain('rejects');
    expect(text).toContain('Insufficient cpu; Insufficient memory');
    expect(text).toContain('Bind anyway');
  });

  it('knows the verdict at the drop though the drag store was reset before the announcement (as drag-controller does)', () => {
    let current = state;
    const say = announcements(() => current, () => 'worker-1');
    say.onDragStart!(drag(pod('ml-training', null)));
    say.onDragOver!(drag(pod('ml-training', null)));
    current = { ...state, verdicts: null };
    expect(say.onDragEnd!(drag(pod('ml-training', null)))).toContain('rejects: Insufficient cpu; Insufficient memory');
    // A new drag starts without the old verdicts.
    say.onDragStart!(drag(pod('ml-training', null)));
    expect(say.onDragEnd!(drag(pod('ml-training', null)))).not.toContain('Insufficient');
  });

  it('a drop on a node that fits says the pod is bound there', () => {
    expect(ended('worker-2')).toBe('Dropped pod ml-training on node worker-2: it fits; binding it there.');
  });

  it('a drop on its own node, or on no node, changes nothing and says so', () => {
    expect(ended('worker-2', pod('web-1', 'worker-2'))).toContain('nothing changes');
    expect(ended(null)).toBe('Dropped pod ml-training outside any node: nothing changes.');
  });

  it('moving a pod that runs elsewhere says a dialog asks first', () => {
    expect(ended('worker-2', pod('web-1', 'worker-1', { owner: { kind: 'ReplicaSet', name: 'web' } }))).toContain('asks');
  });
});

describe('the verdict that arrives after the announcement', () => {
  const solo = pod('solo', null);
  const dragging = (over: string | null, answered: boolean) => ({ active: solo, over, verdicts: answered ? verdicts : null, verdictError: null }) as unknown as DragState;

  it('dnd-kit said "checking" for a node: once the engine answers, the verdict for that node is said', () => {
    const say = announcements(() => dragging('worker-2', false), () => 'worker-2');
    expect(say.onDragOver!(drag(solo))).toBe('pod solo is over node worker-2: checking with the scheduler.');
    expect(lateVerdictSentence(dragging('worker-2', true), 'worker-2')).toBe(String(say.onDragOver!(drag(solo))).replace('checking with the scheduler', 'fits — score 187'));
  });

  it('says nothing for a node announced with its verdict, one the pod has left, or before the answer', () => {
    expect(lateVerdictSentence(dragging('worker-2', true), null)).toBe('');
    expect(lateVerdictSentence(dragging('worker-1', true), 'worker-2')).toBe('');
    expect(lateVerdictSentence(dragging('worker-2', false), 'worker-2')).toBe('');
    expect(lateVerdictSentence({ ...dragging('worker-2', true), active: null }, 'worker-2')).toBe('');
  });
});

describe('the pick-up sentence', () => {
  const solo = pod('solo', 'worker-2');
  it('is said with the first node sentence, which dnd-kit announces right after it and which would replace it in the live region', () => {
    const say = announcements(() => state, () => 'worker-2');
    const picked = String(say.onDragStart!(drag(solo)));
    expect(picked).toMatch(/^Picked up pod solo, on node worker-2\./);
    const first = String(say.onDragOver!(drag(solo)));
    expect(first).toBe(`${picked} pod solo is over node worker-2: fits — score 187. It runs there now.`);
    // Only once: the next node sentences are the node alone, and a new drag starts afresh.
    expect(say.onDragOver!(drag(solo))).toBe('pod solo is over node worker-2: fits — score 187. It runs there now.');
    say.onDragStart!(drag(solo));
    say.onDragCancel!(drag(solo));
    expect(say.onDragOver!(drag(solo))).not.toContain('Picked up');
  });

  it('is not repeated when the first node is another one (a waiting pod reaches a node only after a key press)', () => {
    const say = announcements(() => state, () => 'worker-2');
    say.onDragStart!(drag(pod('batch', null)));
    expect(say.onDragOver!(drag(pod('batch', null)))).toBe('pod batch is over node worker-2: fits — score 187.');
  });
});
