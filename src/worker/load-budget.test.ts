/**
 * A load's wall-clock budget (robustness round 23): a scenario that is valid but enormous in
 * work, to read or to settle at time 0, is stopped with a message saying how far it got, and
 * the current cluster is kept. A fake clock: every reading is `tick` ms later.
 */
import { describe, expect, it } from 'vitest';
import { createEngineHost, createManualTicker } from './engine-host';
import { nodeYaml, webDeploymentYaml } from './scenario-fixtures';
import type { ReplayBudget } from './session';

const SMALL = `${nodeYaml('worker-1', 'zone-a')}\n${webDeploymentYaml(2)}`;
/** Long to read: a few hundred nodes (about 70 tokens each). */
const MANY_NODES = Array.from({ length: 400 }, (_, i) => nodeYaml(`worker-${i}`, `zone-${i % 3}`)).join('\n');
/** Short to read, long to settle: one node, 3,000 replicas to create and try to schedule at time 0. */
const MANY_REPLICAS = `${nodeYaml('worker-1', 'zone-a')}\n${webDeploymentYaml(3000)}`;

function setup(limitMs = 5000) {
  const clock = { wall: 0, tick: 1000, readings: 0 };
  const budget: ReplayBudget = { now: () => (clock.readings++, (clock.wall += clock.tick)), limitMs };
  const host = createEngineHost({ ticker: createManualTicker(), replayBudget: budget });
  host.load(SMALL, 'small.yaml');
  host.dispatch({ action: 'cordon', node: 'worker-1' });
  return { host, clock, before: host.stateHash() };
}

describe('the load budget', () => {
  it('stops reading a long text once the budget is spent, says how much was read, and keeps the current cluster', () => {
    const { host, before } = setup();
    let error: Error | undefined;
    try {
      host.load(MANY_NODES, 'nodes.yaml');
    } catch (e) {
      error = e as Error;
    }
    expect(error?.message).toMatch(/^loading this scenario stopped after 5 s of work, while reading its YAML \((\d+) % read\), past the 5 s a load may take; the current cluster is kept$/);
    const percent = Number(/\((\d+) %/.exec(error!.message)![1]);
    expect(percent).toBeGreaterThan(0);
    expect(percent).toBeLessThan(100);
    expect(host.stateHash()).toEqual(before);
    expect(host.snapshot()!.nodes.map((n) => n.name)).toEqual(['worker-1']);
  });

  it('stops settling a cluster at time 0 between the clock callbacks, naming what was created so far', () => {
    const { host, before } = setup();
    expect(() => host.load(MANY_REPLICAS, 'replicas.yaml')).toThrow(
      /^loading this scenario stopped after 5 s of work, while creating its objects at time 0 \(1 node, \d+ pods so far\), past the 5 s a load may take; the current cluster is kept$/,
    );
    expect(host.stateHash()).toEqual(before);
    // The host still works: a small load afterwards succeeds.
    expect(host.load(SMALL, 'again.yaml').scenario.file).toBe('again.yaml');
  });

  it('a load within the budget gives the same cluster as without one, and leaves no checkpoint behind on the clock', () => {
    const { host, clock } = setup(Number.MAX_SAFE_INTEGER);
    host.load(MANY_REPLICAS, 'replicas.yaml');
    const unbudgeted = createEngineHost({ ticker: createManualTicker() });
    unbudgeted.load(MANY_REPLICAS, 'replicas.yaml');
    expect(host.stateHash()).toEqual(unbudgeted.stateHash());
    // Looked at during the settle (every few hundred callbacks), not after it: stepping reads no clock.
    const readings = clock.readings;
    expect(readings).toBeGreaterThan(3);
    host.step(60_000);
    expect(clock.readings).toBe(readings);
  });

  it("a replay's load counts toward the replay's budget", () => {
    const { host, before } = setup();
    expect(() => host.loadSession({ scenarioText: MANY_NODES, commands: [], time: 0 })).toThrow(
      /^replaying this session stopped after 5 s of work, while reading its YAML \(\d+ % read\), past the 5 s a replay may take; the current cluster is kept$/,
    );
    expect(host.stateHash()).toEqual(before);
  });
});
