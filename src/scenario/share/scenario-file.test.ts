import { describe, expect, it } from 'vitest';
import { readScenario } from '../scenario';
import { parseManifests } from '../parse';
import { scenarioWithTimeline } from './scenario-file';

const NODE = 'apiVersion: v1\nkind: Node\nmetadata:\n  name: n1 # the only node\n';
const commands = [
  { at: 1500, action: 'cordon' as const, node: 'n1' },
  { at: 90_000, action: 'killNode' as const, node: 'n1' },
];
const timelineOf = (text: string) => readScenario(parseManifests(text, 'x.yaml')).timeline;

describe('scenarioWithTimeline', () => {
  it('adds a Scenario object holding the commands when the file has none, keeping comments', () => {
    const out = scenarioWithTimeline(NODE, commands);
    expect(out).toContain('# the only node');
    expect(timelineOf(out)).toEqual(commands);
  });

  it('appends to an existing timeline', () => {
    const text = `apiVersion: podscape.dev/v1alpha1\nkind: Scenario\nmetadata: {name: s}\nspec:\n  seed: 3\n  timeline:\n    - {at: 1s, action: uncordon, node: n1}\n---\n${NODE}`;
    const out = scenarioWithTimeline(text, commands);
    expect(timelineOf(out)).toEqual([{ at: 1000, action: 'uncordon', node: 'n1' }, ...commands]);
    expect(readScenario(parseManifests(out, 'x.yaml')).scenario.seed).toBe(3);
  });

  it('leaves the text alone when there are no commands', () => {
    expect(scenarioWithTimeline(NODE, [])).toBe(NODE);
  });
});
