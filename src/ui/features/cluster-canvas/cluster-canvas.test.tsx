import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { Frame, NodeFrame, PodFrame } from '../../../protocol/engine-api';
import { node as baseNode, pod } from '../../../protocol/frame-fixtures';
import type { EngineClient } from '../../bridge/engine-client';
import { createStore } from 'zustand';
import { applyFrame, createPodscapeStore, StoreProvider, type PodscapeState } from '../../store/podscape-store';
import { groupPods, podsOf } from './group-pods';
import { describePods, sameCard } from './NodeCanvasCard';
import { canvasSize, CELL, COLUMNS, GAP, LIGHT, podIndexAt } from './pod-canvas';
import { CANVAS_THRESHOLD, defaultPodView, PodViews } from './PodViews';

const amounts = { cpu: 1000, memory: 1024, pods: 110 };
const node = (name: string): NodeFrame => baseNode(name, { allocatable: amounts, requested: amounts });

describe('groupPods', () => {
  it('groups by node, sends unbound and orphaned pods apart, and keeps arrays whose pods did not change', () => {
    const a = pod('a', 'n1');
    const b = pod('b', 'n2');
    const first = groupPods([a, b, pod('p', null), pod('lost', 'gone')], new Set(['n1', 'n2']), null);
    expect(podsOf(first, 'n1')).toEqual([a]);
    expect(first.unbound.map((p) => p.name)).toEqual(['p', 'lost']);
    expect(podsOf(first, 'n3')).toEqual([]);
    const b2 = { ...b, phase: 'Failed' as const };
    const second = groupPods([a, b2, ...first.unbound], new Set(['n1', 'n2']), first);
    expect(podsOf(second, 'n1')).toBe(podsOf(first, 'n1'));
    expect(podsOf(second, 'n2')).not.toBe(podsOf(first, 'n2'));
    expect(second.unbound).toBe(first.unbound);
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
    expect(describePods([pod('a', 'n'), pod('b', 'n', { deletionTimestamp: '2026-01-01T00:00:00Z' }), pod('c', 'n')])).toBe('3 pods: 2 Running, 1 Terminating');
    expect(describePods([])).toBe('0 pods');
  });
});

describe('NodeCanvasCard re-renders', () => {
  it('skip a node frame that changed only in fields the card does not show, not one whose meters or status changed', () => {
    const n = node('n1');
    const props = { node: n, pods: [], selected: null, palette: LIGHT };
    expect(sameCard(props, { ...props, node: { ...n, lastHeartbeat: 20_000, readyUnknownAt: 50_000 } })).toBe(true);
    expect(sameCard(props, { ...props, node: { ...n, requested: { ...n.requested, cpu: 1 } } })).toBe(false);
    expect(sameCard(props, { ...props, node: { ...n, status: 'Unknown' } })).toBe(false);
    expect(sameCard(props, { ...props, pods: [pod('a', 'n1')] })).toBe(false);
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
    expect(large).toContain('data-node="n0" data-node-status="Ready"');
    expect(large).toContain('aria-label="Pods on n0, 1 pod: 1 Running. Arrow keys move between pods, Enter selects, Space picks the pod up to drag it."');
    expect(large).toMatch(/data-pending-tray[^]*data-pod="default\/wait" data-pod-phase="Pending"/);
    expect(large).not.toMatch(/data-pod="default\/a"/); // drawn, not a DOM card
  });
});
