import { renderToStaticMarkup } from 'react-dom/server';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Frame, NodeFrame, PodFrame } from '../../../protocol/engine-api';
import { node as baseNode, pod } from '../../../protocol/frame-fixtures';
import type { EngineClient } from '../../bridge/engine-client';
import { createStore } from 'zustand';
import { applyFrame, createPodscapeStore, StoreProvider, type PodscapeState } from '../../store/podscape-store';
import { PodTable } from '../../../protocol/pod-table';
import { EMPTY_SLICE, groupRows, podsOf, unboundRows } from './group-pods';
import { cardsPerBlock } from './CardBlock';
import { describePods, sameCard, sameNodeView, stableNodes } from './NodeCanvasCard';
import { canvasSize, CELL, COLUMNS, drawPods, GAP, LIGHT, podIndexAt, runningNotReadyState } from './pod-canvas';
import { CANVAS_THRESHOLD, defaultPodView, PodViews } from './PodViews';

const amounts = { cpu: 1000, memory: 1024, pods: 110 };
const node = (name: string): NodeFrame => baseNode(name, { allocatable: amounts, requested: amounts });

describe('groupRows', () => {
  const nodes = [node('n1'), node('n2')];
  const versionsOf = (t: PodTable, rows: number[]) => rows.map((r) => t.versions[r]);

  it('groups rows by node, sends unbound and orphaned pods apart, and keeps slices whose pods did not change', () => {
    const a = pod('a', 'n1');
    const b = pod('b', 'n2');
    const c = pod('c', 'n2', { deletionTimestamp: '2026-01-01T00:00:00Z' });
    const pods = [a, b, c, pod('lost', 'gone'), pod('p', null)];
    const t1 = PodTable.fromPods(pods, nodes);
    const first = groupRows(t1, nodes, null);
    expect([...podsOf(first, 'n1').versions]).toEqual(versionsOf(t1, [0]));
    expect([...podsOf(first, 'n2').versions]).toEqual(versionsOf(t1, [1, 2]));
    expect([...podsOf(first, 'n2').states].map((s) => describePods(new Uint8Array([s])))).toEqual(['1 pod: 1 Running', '1 pod: 1 Terminating']);
    expect(first.unbound.map((r) => t1.get(r).name)).toEqual(['lost', 'p']);
    expect(podsOf(first, 'n3')).toBe(EMPTY_SLICE);
    // b fails: n2's slice is new, n1's and the tray's stay.
    const t2 = t1.applyDiff({ changed: [[1, { ...b, phase: 'Failed' }]], added: [], removed: [], length: 5 }, nodes);
    const second = groupRows(t2, nodes, first);
    expect(podsOf(second, 'n1')).toBe(podsOf(first, 'n1'));
    expect(podsOf(second, 'n2')).not.toBe(podsOf(first, 'n2'));
    expect(describePods(podsOf(second, 'n2').states)).toBe('2 pods: 1 Failed, 1 Terminating');
    expect(second.unbound).toBe(first.unbound);
    // A pod added before the others moves every row but changes only n1's pods.
    const t3 = t2.applyDiff({ changed: [], added: [[0, pod('0', 'n1')]], removed: [], length: 6 }, nodes);
    const third = groupRows(t3, nodes, second);
    expect(podsOf(third, 'n2')).toBe(podsOf(second, 'n2'));
    expect(podsOf(third, 'n1').versions).toHaveLength(2);
    expect(third.unbound.map((r) => t3.get(r).name)).toEqual(['lost', 'p']);
  });

  it('builds each slice when read, equal to the rows on its node, keeping the previous grouping\'s slice where the pods did not change', () => {
    const where = fc.constantFrom('n1', 'n2', 'n3', 'gone', null);
    fc.assert(
      fc.property(
        fc.array(where, { maxLength: 30 }),
        fc.array(fc.tuple(fc.nat(), where), { maxLength: 5 }),
        fc.subarray(['n1', 'n2', 'n3', 'n4']),
        fc.boolean(),
        (first, moves, readFirst, stay) => {
          const three = [...nodes, node('n3')];
          const pods = first.map((n, i) => pod(`p${i}`, n));
          const t1 = PodTable.fromPods(pods, three);
          const g1 = groupRows(t1, three, null);
          const before = new Map(readFirst.map((name) => [name, podsOf(g1, name)]));
          const changed = new Map<number, PodFrame>();
          // `stay`: every changed pod keeps its node (the grouping is derived from the previous one, groupRows' fast path).
          for (const [at, n] of moves) if (pods.length > 0) changed.set(at % pods.length, pod(`p${at % pods.length}`, stay ? first[at % pods.length] : n, { ready: false }));
          const t2 = t1.applyDiff({ changed: [...changed], added: [], removed: [], length: pods.length }, three);
          const g2 = groupRows(t2, three, g1);
          for (const name of ['n1', 'n2', 'n3', 'n4']) {
            const rows = [...Array(t2.length).keys()].filter((r) => t2.node(r) >= 0 && three[t2.node(r)].name === name);
            const slice = podsOf(g2, name);
            expect([...slice.versions]).toEqual(rows.map((r) => t2.versions[r]));
            expect([...slice.states]).toEqual(rows.map((r) => t2.phases[r]));
            expect(podsOf(g2, name)).toBe(slice); // built once
            const old = before.get(name);
            const same = old !== undefined && old.versions.length === rows.length && rows.every((r, j) => t2.versions[r] === old.versions[j]);
            if (same) expect(slice).toBe(old);
            else if (rows.length > 0) expect(slice).not.toBe(old);
          }
          expect(g2.unbound).toEqual(unboundRows(t2));
          // The same slices as a grouping built from nothing.
          const fresh = groupRows(t2, three, null);
          for (const name of ['n1', 'n2', 'n3', 'n4']) {
            expect([...podsOf(g2, name).versions]).toEqual([...podsOf(fresh, name).versions]);
            expect([...podsOf(g2, name).states]).toEqual([...podsOf(fresh, name).states]);
          }
        },
      ),
    );
  });

  it('finds the same unbound rows without grouping (a new grid\'s first commit)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('n1', 'n2', 'gone', null), { maxLength: 40 }), (where) => {
        const t = PodTable.fromPods(where.map((n, i) => pod(`p${i}`, n)), nodes);
        expect(unboundRows(t)).toEqual(groupRows(t, nodes, null).unbound);
      }),
    );
  });
});

describe('pod canvas layout', () => {
  it('finds the pod under a point, and nothing over gaps or past the last pod', () => {
    const step = CELL + GAP;
    expect(podIndexAt(GAP, GAP, 5)).toBe(0);
    expect(podIndexAt(GAP + CELL - 1, GAP + CELL - 1, 5)).toBe(0);
    expect(podIndexAt(GAP + CELL + 1, GAP, 5)).toBe(-1); // the gap
    expect(podIndexAt(GAP + 2 * step, GAP, 5)).toBe(2);
    expect(podIndexAt(GAP, GAP + step, COLUMNS + 1)).toBe(COLUMNS);
    expect(podIndexAt(GAP + step, GAP + step, COLUMNS + 1)).toBe(-1); // past the last pod
    expect(podIndexAt(0, 0, 5)).toBe(-1);
    expect(canvasSize(0)).toEqual({ width: COLUMNS * step + GAP, height: step + GAP });
    expect(canvasSize(COLUMNS + 1).height).toBe(2 * step + GAP);
  });

  it('describes a node’s pods as kubectl shows them', () => {
    const t = PodTable.fromPods([pod('a', 'n'), pod('b', 'n', { deletionTimestamp: '2026-01-01T00:00:00Z' }), pod('c', 'n')], [node('n')]);
    expect(describePods(podsOf(groupRows(t, [node('n')], null), 'n').states)).toBe('3 pods: 2 Running, 1 Terminating');
    expect(describePods(new Uint8Array(0))).toBe('0 pods');
  });

  it("carries a container's reason (kubectl's STATUS) into the slice and the description; Terminating still wins", () => {
    const t = PodTable.fromPods(
      [
        pod('a', 'n'),
        pod('b', 'n', { containerReason: 'CrashLoopBackOff', restarts: 3 }),
        pod('c', 'n', { containerReason: 'CrashLoopBackOff', deletionTimestamp: '2026-01-01T00:00:00Z' }),
        pod('d', 'n', { containerReason: 'CrashLoopBackOff' }),
        pod('e', 'n', { phase: 'Succeeded', containerReason: 'Completed' }),
      ],
      [node('n')],
    );
    const slice = podsOf(groupRows(t, [node('n')], null), 'n');
    expect(slice.reasons).toEqual([null, 'CrashLoopBackOff', 'CrashLoopBackOff', 'CrashLoopBackOff', 'Completed']);
    expect(describePods(slice.states, slice.reasons)).toBe('5 pods: 1 Running, 2 CrashLoopBackOff, 1 Terminating, 1 Completed');
    // A node none of whose pods has a reason keeps no array for it.
    expect(podsOf(groupRows(PodTable.fromPods([pod('a', 'n')], [node('n')]), [node('n')], null), 'n').reasons).toBeUndefined();
  });

  it('marks a pod in trouble (CrashLoopBackOff, Error) with a cross over its phase colour; a terminating pod is hollow; Completed is left plain', () => {
    const calls: string[] = [];
    const context = new Proxy({} as Record<string, unknown>, {
      get: (target, key) => (key in target ? target[key as string] : typeof key === 'string' && /^[a-z]/.test(key) ? (...args: unknown[]) => calls.push(`${key}(${args.join(',')}) ${String(target.strokeStyle ?? '')}`) : undefined),
      set: (target, key, value) => ((target[key as string] = value), true),
    }) as unknown as CanvasRenderingContext2D;
    const draw = (reasons: (string | null)[] | undefined, states: number[]) => {
      calls.length = 0;
      drawPods(context, { versions: new Uint32Array(states.length), states: new Uint8Array(states), ...(reasons ? { reasons } : {}) }, { palette: LIGHT, ratio: 1, selected: 0, focused: -1 });
      return calls.filter((c) => c.startsWith('lineTo') || c.startsWith('stroke(') || c.startsWith('strokeRect'));
    };
    // Running (1) with CrashLoopBackOff: two strokes of the Failed colour across the square.
    expect(draw(['CrashLoopBackOff'], [1]).filter((c) => c.startsWith('stroke(') && c.endsWith(LIGHT.Failed))).toHaveLength(1);
    expect(draw(['Error'], [3])).not.toEqual([]); // Failed with Error: the cross in the background colour over the red
    expect(draw(['Completed'], [2])).toEqual([]);
    expect(draw(undefined, [1 | 8])).toEqual([]); // Running and Ready: a plain square
    expect(draw(undefined, [1 | 16]).some((c) => c.startsWith('strokeRect'))).toBe(true);
  });

  it("draws a Running pod that is not Ready half filled inside its outline, as the card's ◐; counts it as the card words it", () => {
    const calls: string[] = [];
    const context = new Proxy({} as Record<string, unknown>, {
      get: (target, key) => (key in target ? target[key as string] : typeof key === 'string' && /^[a-z]/.test(key) ? (...args: unknown[]) => calls.push(`${key}(${args.join(',')})`) : undefined),
      set: (target, key, value) => ((target[key as string] = value), true),
    }) as unknown as CanvasRenderingContext2D;
    const t = PodTable.fromPods(
      [pod('ready', 'n', { ready: true }), pod('warming', 'n', { ready: false }), pod('crashing', 'n', { ready: false, containerReason: 'CrashLoopBackOff' }), pod('going', 'n', { ready: false, deletionTimestamp: '2026-01-01T00:00:00Z' })],
      [node('n')],
    );
    const slice = podsOf(groupRows(t, [node('n')], null), 'n');
    expect([...slice.states].map((s, i) => runningNotReadyState(s, slice.reasons?.[i]))).toEqual([false, true, false, false]);
    expect(describePods(slice.states, slice.reasons)).toBe('4 pods: 1 Running, 1 Running, not ready, 1 CrashLoopBackOff, 1 Terminating');
    drawPods(context, slice, { palette: LIGHT, ratio: 1, selected: 0, focused: -1 });
    const { x, y } = { x: GAP + (CELL + GAP), y: GAP }; // the second cell: warming
    expect(calls).toContain(`fillRect(${x},${y},${CELL / 2},${CELL})`);
    expect(calls).toContain(`strokeRect(${x + 1},${y + 1},${CELL - 2},${CELL - 2})`);
    expect(calls).toContain(`fillRect(${GAP},${GAP},${CELL},${CELL})`); // ready: the whole square
    expect(calls).not.toContain(`fillRect(${GAP},${GAP},${CELL / 2},${CELL})`);
  });
});

describe('NodeCanvasCard re-renders', () => {
  it('skip a node frame that changed only in fields the card does not show, not one whose meters or status changed', () => {
    const n = node('n1');
    const podAt = () => null;
    const props = { node: n, pods: EMPTY_SLICE, selected: 0, palette: LIGHT, podAt };
    expect(sameCard(props, { ...props, node: { ...n, lastHeartbeat: 20_000, readyUnknownAt: 50_000 } })).toBe(true);
    expect(sameCard(props, { ...props, node: { ...n, requested: { ...n.requested, cpu: 1 } } })).toBe(false);
    expect(sameCard(props, { ...props, node: { ...n, status: 'Unknown' } })).toBe(false);
    const one = { versions: new Uint32Array([7]), states: new Uint8Array([1]) };
    expect(sameCard({ ...props, pods: one }, { ...props, pods: { ...one, versions: new Uint32Array([7]) } })).toBe(true);
    expect(sameCard({ ...props, pods: one }, { ...props, pods: { ...one, versions: new Uint32Array([8]) } })).toBe(false);
    expect(sameCard(props, { ...props, pods: one })).toBe(false);
    expect(sameCard(props, { ...props, selected: 7 })).toBe(false);
  });
});

describe('stableNodes', () => {
  it('keeps the previous list while only fields the cards do not draw changed', () => {
    const prev = [node('n1'), node('n2')];
    expect(stableNodes(prev, prev.map((n) => ({ ...n, lastHeartbeat: 10_000, readyUnknownAt: 50_000 })))).toBe(prev);
    const cordoned = [{ ...prev[0], lastHeartbeat: 20_000 }, { ...prev[1], unschedulable: true }];
    // Only the node that looks different is new; the other keeps its previous object.
    const next = stableNodes(prev, cordoned);
    expect(next).toEqual([prev[0], cordoned[1]]);
    expect(next[0]).toBe(prev[0]);
    expect(next[1]).toBe(cordoned[1]);
    const fewer = [prev[0]];
    expect(stableNodes(prev, fewer)).toBe(fewer);
  });

  it('draws a node anew when a pressure condition turns True or clears (the card lists it beside Ready)', () => {
    const calm = node('n1');
    const pressed = { ...calm, pressures: ['MemoryPressure'] };
    expect(sameNodeView(calm, pressed)).toBe(false);
    expect(sameNodeView(pressed, { ...pressed, pressures: ['MemoryPressure'] })).toBe(true);
    expect(sameNodeView(calm, { ...calm, pressures: [] })).toBe(true);
  });

  it('always gives a list each of whose nodes the cards draw as the new one, from the previous objects where they can', () => {
    const view = fc.record({
      status: fc.constantFrom('Ready', 'NotReady', 'Unknown'),
      unschedulable: fc.boolean(),
      powered: fc.boolean(),
      cpu: fc.integer({ min: 0, max: 3 }),
      beat: fc.integer({ min: 0, max: 1e6 }),
      name: fc.constantFrom('n1', 'n2', 'n3'),
    });
    const build = (v: { status: string; unschedulable: boolean; powered: boolean; cpu: number; beat: number; name: string }): NodeFrame => ({
      ...node(v.name),
      status: v.status as NodeFrame['status'],
      unschedulable: v.unschedulable,
      powered: v.powered,
      requested: { ...amounts, cpu: v.cpu },
      lastHeartbeat: v.beat,
    });
    fc.assert(
      fc.property(fc.array(fc.array(view, { minLength: 0, maxLength: 5 }), { minLength: 1, maxLength: 6 }), (lists) => {
        let shown: readonly NodeFrame[] = [];
        for (const list of lists) {
          const next = list.map(build);
          const before = shown;
          shown = stableNodes(before, next);
          expect(shown.length).toBe(next.length);
          next.forEach((n, i) => {
            expect(sameNodeView(shown[i], n)).toBe(true);
            // A node that looks the same keeps the object shown before; one that does not is the new one.
            if (before.length === next.length) expect(shown[i]).toBe(sameNodeView(before[i], n) ? before[i] : n);
          });
          if (before.length === next.length && next.every((n, i) => sameNodeView(before[i], n))) expect(shown).toBe(before);
        }
      }),
    );
  });
});

describe('PodViews', () => {
  const frameOf = (nodes: number, pods: PodFrame[]): Frame => ({
    seq: 1,
    time: 0,
    playing: false,
    speed: 1,
    reset: true,
    nodes: Array.from({ length: nodes }, (_, i) => node(`n${i}`)),
    pods,
    queue: [],
    events: [],
    eventsReplace: true,
    eventCount: 0,
    workloads: [],
  });
  const render = (frame: Frame) => {
    const built = createPodscapeStore();
    applyFrame(built, frame);
    // A static render reads the store's initial state (zustand's server snapshot).
    const state: PodscapeState = { ...built.getState(), status: 'ready', selected: { kind: 'pod', key: 'default/a' } };
    const store = createStore<PodscapeState>()(() => state);
    return renderToStaticMarkup(
      <StoreProvider store={store} client={{} as EngineClient}>
        <PodViews cards={<p>the cards</p>} />
      </StoreProvider>,
    );
  };

  it('shows the cards for small clusters and canvases past the threshold, with a labelled switch', () => {
    expect(defaultPodView(CANVAS_THRESHOLD)).toBe('cards');
    expect(defaultPodView(CANVAS_THRESHOLD + 1)).toBe('canvas');
    const small = render(frameOf(3, [pod('a', 'n0')]));
    expect(small).toContain('the cards');
    expect(small).toMatch(/<label class="pod-view-switch">Pod view <select>/);
    const large = render(frameOf(CANVAS_THRESHOLD + 1, [pod('a', 'n0'), pod('wait', null)]));
    expect(large).not.toContain('the cards');
    expect(large.match(/<canvas/g)).toHaveLength(CANVAS_THRESHOLD + 1);
    // Every node card is in the DOM, in order, in blocks (CardBlock.tsx; one column until measured).
    expect([...large.matchAll(/data-node="([^"]+)"/g)].map((m) => m[1])).toEqual(Array.from({ length: CANVAS_THRESHOLD + 1 }, (_, i) => `n${i}`));
    expect(large.match(/class="node-grid canvas-block"/g)).toHaveLength(Math.ceil((CANVAS_THRESHOLD + 1) / cardsPerBlock(1)));
    expect(large).toContain('data-node="n0" data-node-status="Ready"');
    expect(large).toContain('aria-label="Pods on n0, 1 pod: 1 Running. Arrow keys move between pods, Enter selects, Space picks the pod up to drag it."');
    expect(large).toMatch(/data-pending-tray[^]*data-pod="default\/wait" data-pod-phase="Pending"/);
    expect(large).not.toMatch(/data-pod="default\/a"/); // drawn, not a DOM card
  });

  it('lays the node cards out in natural order (worker-2 before worker-10), as the card view does, whatever the frame\'s string order', () => {
    const count = CANVAS_THRESHOLD + 12;
    const names = Array.from({ length: count }, (_, i) => `worker-${i}`);
    const apiOrder = [...names].sort(); // the API server's (and the frame's) order: worker-0, worker-1, worker-10, worker-100, …
    const built: Frame = { ...frameOf(0, [pod('a', 'worker-10')]), nodes: apiOrder.map((name) => node(name)) };
    const html = render(built);
    expect([...html.matchAll(/data-node="([^"]+)"/g)].map((m) => m[1])).toEqual(names);
    expect(html).toContain('aria-label="Pods on worker-10, 1 pod: 1 Running.');
  });
});
