import { describe, expect, it } from 'vitest';
import { createEngineHost, createManualTicker } from './engine-host';
import { nodeYaml, webDeploymentYaml } from './scenario-fixtures';

/** A scenario whose timeline, at 10 s, applies the web Deployment with a changed (immutable) selector. */
const SCENARIO = `apiVersion: podscape.dev/v1alpha1
kind: Scenario
metadata: { name: timeline-failure }
spec:
  seed: 1
  timeline:
    - at: 10s
      action: apply
      object:
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: web, namespace: default }
        spec:
          replicas: 2
          selector: { matchLabels: { app: web, tier: front } }
          template:
            metadata: { labels: { app: web, tier: front } }
            spec: { containers: [{ name: nginx, image: nginx }] }
    - { at: 20s, action: cordon, node: worker-9 }
${nodeYaml('worker-1', 'a')}
${webDeploymentYaml(2)}
`;

describe('frames: failed timeline commands', () => {
  it('carry nothing before a timeline command fails, then kubectl’s text with its time and action', () => {
    const host = createEngineHost({ ticker: createManualTicker() });
    const loaded = host.load(SCENARIO, 'timeline.yaml');
    expect(loaded.frame.commandFailures).toBeUndefined();
    expect(host.step(9_000).commandFailures).toBeUndefined();
    const at10 = host.step(2_000);
    expect(at10.commandFailures).toEqual([
      {
        index: 0,
        time: 10_000,
        action: 'apply',
        error: expect.stringMatching(/^The Deployment "web" is invalid: spec\.selector: Invalid value: .*: field is immutable$/),
      },
    ]);
    const at20 = host.step(10_000);
    expect(at20.commandFailures?.map((f) => [f.index, f.time, f.action, f.error])).toEqual([
      [0, 10_000, 'apply', expect.any(String)],
      [1, 20_000, 'cordon', 'Error from server (NotFound): nodes "worker-9" not found'],
    ]);
  });

  it('leave out a refused command the user dispatched (the page already shows its result)', () => {
    const host = createEngineHost({ ticker: createManualTicker() });
    host.load(SCENARIO, 'timeline.yaml');
    expect(host.dispatch({ action: 'cordon', node: 'nope' }).ok).toBe(false);
    expect(host.step(1_000).commandFailures).toBeUndefined();
  });

  it('keep the newest ones when there are many, numbered from the first', () => {
    const lines = Array.from({ length: 30 }, (_, i) => `    - { at: ${i + 1}s, action: cordon, node: ghost-${i} }`).join('\n');
    const text = `apiVersion: podscape.dev/v1alpha1\nkind: Scenario\nmetadata: { name: many }\nspec:\n  seed: 1\n  timeline:\n${lines}\n${nodeYaml('worker-1', 'a')}\n`;
    const host = createEngineHost({ ticker: createManualTicker() });
    host.load(text, 'many.yaml');
    const failures = host.step(31_000).commandFailures ?? [];
    expect(failures.length).toBeLessThan(30);
    expect(failures.at(-1)).toMatchObject({ index: 29, action: 'cordon', error: expect.stringContaining('ghost-29') });
    expect(failures[0].index).toBe(30 - failures.length);
  });
});
