import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Command } from '../engine/commands';
import { createEngineHost, createManualTicker } from './engine-host';
import { MAX_SESSION_MS } from './session';
import { nodeYaml, webDeploymentYaml } from './scenario-fixtures';

const SCENARIO = `
apiVersion: podscape.dev/v1alpha1
kind: Scenario
metadata: { name: tiny }
spec: { seed: 3, speed: 60 }
${nodeYaml('worker-1', 'zone-a')}
${nodeYaml('worker-2', 'zone-b')}
${nodeYaml('worker-3', 'zone-c')}
${webDeploymentYaml(5)}
---
apiVersion: v1
kind: Pod
metadata: { name: solo, namespace: default }
spec:
  containers: [{ name: app, image: nginx, resources: { requests: { cpu: 100m } } }]
`;

const newHost = () => createEngineHost({ ticker: createManualTicker() });
const NODES = ['worker-1', 'worker-2', 'worker-3'];

const command: fc.Arbitrary<Command> = fc.oneof(
  fc.record({ action: fc.constantFrom('killNode' as const, 'restoreNode' as const, 'cordon' as const, 'uncordon' as const), node: fc.constantFrom(...NODES) }),
  fc.record({ action: fc.constant('scale' as const), kind: fc.constant('Deployment'), namespace: fc.constant('default'), name: fc.constant('web'), replicas: fc.nat(8) }),
  fc.record({ action: fc.constant('deletePod' as const), namespace: fc.constant('default'), name: fc.constant('solo') }),
);
/** A user's afternoon: steps of virtual time (in uneven pieces) and commands between them. */
const gestures = fc.array(fc.record({ steps: fc.array(fc.integer({ min: 0, max: 40_000 }), { maxLength: 3 }), command }), { minLength: 1, maxLength: 8 });

describe('sessions', () => {
  it('replaying the exported session gives the same state hash, whatever the steps in between', () => {
    fc.assert(
      fc.property(gestures, fc.integer({ min: 0, max: 400_000 }), (plan, tail) => {
        const live = newHost();
        live.load(SCENARIO, 'tiny.yaml');
        for (const { steps, command: c } of plan) {
          for (const ms of steps) live.step(ms);
          live.dispatch(c);
        }
        live.step(tail);
        const session = live.exportSession();
        expect(session.commands.every((c, i, all) => i === 0 || all[i - 1].at <= c.at)).toBe(true);

        const replayed = newHost();
        replayed.loadSession(session);
        expect(replayed.stateHash()).toEqual(live.stateHash());
        expect(replayed.exportSession()).toEqual(session);
        expect(replayed.snapshot()!.pods).toEqual(live.snapshot()!.pods);
      }),
      { numRuns: 25 },
    );
  });

  it('keeps only the commands that succeeded, with their times', () => {
    const host = newHost();
    host.load(SCENARIO, 'tiny.yaml');
    host.step(5000);
    host.dispatch({ action: 'cordon', node: 'worker-1' });
    host.dispatch({ action: 'cordon', node: 'nope' });
    host.step(1000);
    expect(host.exportSession()).toEqual({ scenarioText: SCENARIO, file: 'tiny.yaml', commands: [{ action: 'cordon', node: 'worker-1', at: 5000 }], time: 6000 });
  });

  it('different states hash differently', () => {
    const host = newHost();
    host.load(SCENARIO);
    const first = host.stateHash();
    host.dispatch({ action: 'cordon', node: 'worker-2' });
    const cordoned = host.stateHash();
    host.step(1);
    expect(new Set([first.hash, cordoned.hash, host.stateHash().hash]).size).toBe(3);
    expect(host.stateHash().time).toBe(1);
  });

  it('refuses a session whose command fails, naming it, and keeps the current cluster', () => {
    const host = newHost();
    host.load(SCENARIO, 'tiny.yaml');
    const before = host.stateHash();
    expect(() => host.loadSession({ scenarioText: SCENARIO, commands: [{ at: 10, action: 'killNode', node: 'worker-9' }], time: 20 })).toThrow(
      /command 1 of 1 \(killNode at 10 ms\) was refused: .*worker-9/,
    );
    expect(() => host.loadSession({ scenarioText: SCENARIO, commands: [{ at: 50, action: 'cordon', node: 'worker-1' }, { at: 10, action: 'uncordon', node: 'worker-1' }], time: 60 })).toThrow(
      /command 2 of 2 \(uncordon\) is at 10 ms, before the command ahead of it/,
    );
    expect(() => host.loadSession({ scenarioText: SCENARIO, commands: [], time: MAX_SESSION_MS + 1 })).toThrow(/0 to 2592000000 ms \(30 days\)/);
    expect(() => host.loadSession({ scenarioText: 'kind: [', commands: [], time: 0 })).toThrow(/shared\.yaml:1/);
    expect(host.stateHash()).toEqual(before);
  });

  it('refuses markup in a name as the API server does (not a DNS-1123 subdomain), keeping the session', () => {
    const host = newHost();
    host.loadSession({ scenarioText: SCENARIO, commands: [], time: 0 });
    const before = host.stateHash();
    const hostile = SCENARIO.replace('name: solo', 'name: "<img src=x onerror=alert(1)>"');
    expect(() => host.loadSession({ scenarioText: hostile, commands: [], time: 0 })).toThrow(/metadata\.name: Invalid value: "<img src=x onerror=alert\(1\)>": a lowercase RFC 1123 subdomain must consist of/);
    expect(host.stateHash()).toEqual(before);
  });

  it('stops a replay that outruns its wall-clock budget, says how far it got, and keeps the current cluster (robustness round 22)', () => {
    // A fake clock: every reading is one second later, so the 5 s budget runs out after a few chunks.
    let wall = 0;
    let tick = 1000;
    const host = createEngineHost({ ticker: createManualTicker(), replayBudget: { now: () => (wall += tick), limitMs: 5000 } });
    host.load(SCENARIO, 'tiny.yaml');
    host.dispatch({ action: 'cordon', node: 'worker-1' });
    const before = host.stateHash();
    expect(() => host.loadSession({ scenarioText: SCENARIO, commands: [{ at: 60_000, action: 'cordon', node: 'worker-2' }], time: MAX_SESSION_MS })).toThrow(
      /^replaying this session stopped after 5 s of work, at \d+m0s of its 720h0m0s \(3 nodes, 6 pods\), past the 5 s a replay may take; the current cluster is kept$/,
    );
    expect(host.stateHash()).toEqual(before);
    // A session that fits the budget replays in chunks to the same state as in one go, without a budget.
    tick = 0;
    const session = {
      scenarioText: SCENARIO,
      commands: [
        { at: 60_000, action: 'cordon' as const, node: 'worker-2' },
        { at: 1_234_567, action: 'killNode' as const, node: 'worker-3' },
        { at: 1_800_000, action: 'scale' as const, kind: 'Deployment', namespace: 'default', name: 'web', replicas: 8 },
      ],
      time: 7_200_001,
    };
    host.loadSession(session);
    const plain = newHost();
    plain.loadSession(session);
    expect(host.stateHash()).toEqual(plain.stateHash());
  });
});
