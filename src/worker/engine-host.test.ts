import { afterEach, describe, expect, it, vi } from 'vitest';
import { Simulation } from '../engine/sim/simulation';
import { ENGINE_PROTOCOL_VERSION, type EnginePush, type Frame, type PodFrame } from '../protocol/engine-api';
import { createEngineHost, createManualTicker, MAX_TICK_REAL_MS, STEP_MS } from './engine-host';
import { nodeYaml, webDeploymentYaml } from './scenario-fixtures';

const SCENARIO = `
apiVersion: podscape.dev/v1alpha1
kind: Scenario
metadata: { name: tiny }
spec: { title: Tiny, seed: 7, speed: 60 }
${nodeYaml('cp', 'zone-a', ', node-role.kubernetes.io/control-plane: ""')}
${nodeYaml('worker-1', 'zone-a')}
${nodeYaml('worker-2', 'zone-b')}
${nodeYaml('worker-3', 'zone-c')}
${webDeploymentYaml(4)}
---
apiVersion: v1
kind: Pod
metadata: { name: huge, namespace: default }
spec:
  containers: [{ name: app, image: nginx, resources: { requests: { cpu: "8" } } }]
`;

function setup() {
  const ticker = createManualTicker();
  const host = createEngineHost({ ticker });
  const pushes: EnginePush[] = [];
  host.subscribe((p) => {
    pushes.push(p);
  });
  const frames = () => pushes.flatMap((p) => (p.type === 'frame' ? [p.frame] : []));
  return { ticker, host, pushes, frames };
}

const webPods = (frame: Frame): PodFrame[] => frame.pods.filter((p) => p.owner?.kind === 'ReplicaSet');

afterEach(() => {
  vi.restoreAllMocks();
});

describe('engine host: handshake', () => {
  it('answers its protocol version and refuses another one', () => {
    const { host } = setup();
    expect(host.hello(ENGINE_PROTOCOL_VERSION)).toEqual({ protocolVersion: ENGINE_PROTOCOL_VERSION });
    expect(() => host.hello(ENGINE_PROTOCOL_VERSION + 1)).toThrow(/speaks protocol \d+ but this page speaks \d+: reload the page/);
  });
});

describe('engine host: load', () => {
  it('loads a scenario paused at time 0 with the scheduler and controllers settled', () => {
    const { host, frames } = setup();
    expect(host.snapshot()).toBeNull();
    const { scenario, frame } = host.load(SCENARIO, 'tiny.yaml');
    expect(scenario).toEqual({ file: 'tiny.yaml', name: 'tiny', title: 'Tiny', seed: 7, speed: 60, timingOverrides: [] });
    expect(frame).toMatchObject({ seq: 1, time: 0, playing: false, speed: 60, reset: true });
    expect(frames()).toEqual([frame]);

    expect(frame.nodes.map((n) => [n.name, n.status, n.roles, n.zone])).toEqual([
      ['cp', 'Ready', ['control-plane'], 'zone-a'],
      ['worker-1', 'Ready', [], 'zone-a'],
      ['worker-2', 'Ready', [], 'zone-b'],
      ['worker-3', 'Ready', [], 'zone-c'],
    ]);
    // Every Deployment pod is bound; the oversized bare pod waits with upstream's message.
    expect(webPods(frame)).toHaveLength(4);
    for (const pod of webPods(frame)) expect(pod.nodeName).not.toBeNull();
    expect(frame.queue).toEqual([
      {
        namespace: 'default',
        name: 'huge',
        queue: 'unschedulable',
        reason: 'Unschedulable',
        message: expect.stringMatching(/^0\/4 nodes are available: 4 Insufficient cpu\./),
      },
    ]);
    // Requests and allocatable in millicores, bytes and pods.
    const total = frame.nodes.reduce((sum, n) => sum + n.requested.cpu, 0);
    expect(total).toBe(4 * 250);
    expect(frame.nodes[1].allocatable).toEqual({ cpu: 2000, memory: 4 * 1024 ** 3, pods: 110 });
    expect(frame.pods.find((p) => p.name === 'huge')?.requests).toEqual({ cpu: 8000, memory: 0 });
    expect(frame.events.map((e) => e.id)).toEqual(frame.events.map((_, i) => i));
    expect(frame.events.filter((e) => e.reason === 'Scheduled')).toHaveLength(4);
  });

  it('rejects malformed YAML with the file and line, keeping the previous cluster', () => {
    const { host, frames } = setup();
    host.load(SCENARIO, 'tiny.yaml');
    host.dispatch({ action: 'cordon', node: 'worker-1' });
    const before = host.snapshot()!;
    const pushed = frames().length;

    expect(() => host.load('kind: Pod\nmetadata: [unclosed', 'broken.yaml')).toThrow(/^broken\.yaml:2:\d+: /);
    const line = SCENARIO.split('\n').findIndex((l) => l.includes('cpu: "8"')) + 1;
    expect(() => host.load(SCENARIO.replace('cpu: "8"', 'cpu: eight'), 'typo.yaml')).toThrow(
      new RegExp(`^typo\\.yaml:${line}:\\d+: spec\\.containers\\[0\\]\\.resources\\.requests\\.cpu: Invalid value: "eight": .*\\(in Pod default/huge\\)$`),
    );
    expect(frames()).toHaveLength(pushed);
    expect(host.snapshot()).toEqual(before);
    expect(before.nodes.find((n) => n.name === 'worker-1')?.unschedulable).toBe(true);
  });

  it('names the timeline entry at fault', () => {
    const { host } = setup();
    const bad = SCENARIO.replace('speed: 60 }', 'speed: 60, timeline: [{ at: 5s, action: killNode, nodes: worker-1 }] }');
    expect(() => host.load(bad, 'bad.yaml')).toThrow(/^bad\.yaml:5:\d+: spec\.timeline\[0\]\.nodes: unknown field "nodes"/);
  });
});

describe('engine host: the clock', () => {
  it('plays at 60× in fixed virtual steps, one frame per tick at most, and stops on pause', () => {
    const { host, ticker, frames } = setup();
    host.load(SCENARIO);
    host.setSpeed(60);
    expect(ticker.running).toBe(false);
    host.play();
    expect(ticker.running).toBe(true);
    expect(frames().at(-1)).toMatchObject({ playing: true, time: 0 });

    const before = frames().length;
    for (let i = 0; i < 10; i++) ticker.tick(100); // one real second
    expect(host.snapshot()!.time).toBe(60_000);
    expect(frames().length - before).toBeLessThanOrEqual(10);
    const seqs = frames().map((f) => f.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(seqs.length);

    // Sub-step ticks accumulate: 60 × 1 ms = 60 ms < one 100 ms step, then 60 × 1 more ms passes it.
    ticker.tick(1);
    expect(host.snapshot()!.time).toBe(60_000);
    ticker.tick(1);
    expect(host.snapshot()!.time).toBe(60_000 + STEP_MS);

    host.pause();
    expect(ticker.running).toBe(false);
    expect(frames().at(-1)).toMatchObject({ playing: false });
    const paused = frames().length;
    ticker.tick(1000);
    expect(host.snapshot()!.time).toBe(60_000 + STEP_MS);
    expect(frames()).toHaveLength(paused);
  });

  it('caps one late tick', () => {
    const { host, ticker } = setup();
    host.load(SCENARIO);
    host.setSpeed(300);
    host.play();
    ticker.tick(60_000); // a tab in the background for a minute
    expect(host.snapshot()!.time).toBe(MAX_TICK_REAL_MS * 300);
  });

  it('steps the paused clock, by one real second at the current speed by default, and refuses while playing', () => {
    const { host } = setup();
    expect(() => host.step(10)).toThrow('step: no scenario is loaded yet');
    host.load(SCENARIO);
    host.setSpeed(10);
    expect(host.step().time).toBe(10_000);
    expect(host.step(2_500).time).toBe(12_500);
    expect(() => host.step(-1)).toThrow(/step: -1 is not a duration/);
    host.play();
    expect(() => host.step(1000)).toThrow('step: the clock is playing; pause it first');
    expect(() => host.setSpeed(2 as never)).toThrow('setSpeed: 2 is not a speed; choose one of 1, 10, 60, 300');
  });

  it('turns a failure while playing into an error push and pauses', () => {
    const { host, ticker, pushes } = setup();
    host.load(SCENARIO);
    host.play();
    vi.spyOn(Simulation.prototype, 'advanceTo').mockImplementationOnce(() => {
      throw new Error('virtual clock: boom');
    });
    ticker.tick(100);
    const error = pushes.find((p) => p.type === 'error');
    expect(error).toMatchObject({ type: 'error', message: 'The simulation stopped at 0 ms: virtual clock: boom' });
    expect(ticker.running).toBe(false);
    expect(pushes.at(-1)).toMatchObject({ type: 'frame', frame: { playing: false } });
    const seqs = pushes.map((p) => (p.type === 'frame' ? p.frame.seq : p.seq));
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
  });
});

describe('engine host: commands', () => {
  it('replaces the Deployment pods of a killed node on the other nodes after the taint-based eviction', () => {
    const { host, frames } = setup();
    const { frame } = host.load(SCENARIO);
    const victimNode = webPods(frame)[0].nodeName!;
    const lost = webPods(frame).filter((p) => p.nodeName === victimNode).map((p) => p.name);

    expect(host.dispatch({ action: 'killNode', node: victimNode })).toEqual({ ok: true, messages: [`node/${victimNode} powered off`] });
    expect(frames().at(-1)!.nodes.find((n) => n.name === victimNode)?.powered).toBe(false);

    const after = host.step(6 * 60 * 1000);
    expect(after.time).toBe(360_000);
    expect(after.nodes.find((n) => n.name === victimNode)?.status).toBe('Unknown');
    const live = webPods(after).filter((p) => !p.deletionTimestamp);
    expect(live).toHaveLength(4);
    for (const pod of live) expect(pod.nodeName).not.toBe(victimNode);
    for (const name of lost) {
      expect(after.pods.find((p) => p.name === name)?.deletionTimestamp).not.toBeNull();
    }
    // Frames carry only the events since the previous one.
    expect(after.reset).toBe(false);
    expect(after.events.map((e) => e.reason)).toEqual(expect.arrayContaining(['NodeNotReady', 'TaintManagerEviction', 'Scheduled']));
    expect(after.events.every((e) => e.lastTime > 0)).toBe(true);
  });

  it('returns a refused command as { ok: false } and rejects when nothing is loaded', () => {
    const { host } = setup();
    expect(() => host.dispatch({ action: 'cordon', node: 'worker-1' })).toThrow('dispatch: no scenario is loaded yet');
    host.load(SCENARIO);
    expect(host.dispatch({ action: 'cordon', node: 'nope' })).toEqual({ ok: false, error: 'Error from server (NotFound): nodes "nope" not found' });
    expect(host.dispatch({ action: 'explode' } as never)).toMatchObject({ ok: false });
  });

  it('explains a pending pod with the scheduler filter table', () => {
    const { host } = setup();
    host.load(SCENARIO);
    const explanation = host.explain('default/huge');
    expect(explanation.selectedNode).toBeNull();
    expect(explanation.filter['worker-1']).toMatchObject({ NodeResourcesFit: ['Insufficient cpu'], TaintToleration: 'passed' });
    expect(() => host.explain('default/nope')).toThrow(/not found/);
  });

  it('explains a bound pod as if unbound, over the live cluster, without changing it', () => {
    const { host } = setup();
    host.load(SCENARIO);
    const before = host.snapshot()!;
    const pod = webPods(before)[0];
    const explanation = host.explain(`${pod.namespace}/${pod.name}`);
    expect(explanation.boundNode).toBe(pod.nodeName);
    expect(Object.values(explanation.filter[pod.nodeName!]).every((v) => v === 'passed')).toBe(true);
    expect(explanation.finalScore[pod.nodeName!]).toBeDefined();
    expect(host.snapshot()).toEqual(before);
  });

  it('exports the objects and the commands applied', () => {
    const { host } = setup();
    host.load(SCENARIO);
    host.dispatch({ action: 'cordon', node: 'worker-3' });
    const state = host.exportState();
    expect(state.time).toBe(0);
    expect(state.commands).toEqual([{ time: 0, source: 'dispatch', command: { action: 'cordon', node: 'worker-3' }, result: expect.objectContaining({ ok: true }) }]);
    expect(state.objects.filter((o) => o.kind === 'Node')).toHaveLength(4);
  });

  it('stops pushing to an unsubscribed listener', () => {
    const { host } = setup();
    const seen: number[] = [];
    const id = host.subscribe((p) => {
      if (p.type === 'frame') seen.push(p.frame.seq);
    });
    host.load(SCENARIO);
    host.unsubscribe(id);
    host.step(1000);
    expect(seen).toEqual([1]);
  });
});
