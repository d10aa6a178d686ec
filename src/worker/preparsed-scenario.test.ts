import { describe, expect, it } from 'vitest';
import { PRESETS } from '../scenario/presets';
import { importScenario } from '../scenario/import/import';
import { DEFAULT_PREPARSED, DEFAULT_SCENARIO } from './default-scenario';
import { loadScenario, type LoadedScenario } from './load-scenario';
import { preparseScenario, readPreparsed, type PreparsedScenario } from './preparsed-scenario';
import { stateHash } from './session';

/** Everything a load gives, after `ms` of virtual time and a node kill at 60 s. */
function runOf(loaded: LoadedScenario, ms: number, kill: string | null) {
  const { sim, summary, seed, schedulerConfiguration, scenarioObject, timeline } = loaded;
  const atLoad = JSON.stringify(sim.snapshot());
  const hashAtLoad = stateHash(sim);
  if (kill) {
    sim.advanceTo(60_000);
    sim.dispatch({ action: 'killNode', node: kill });
  }
  sim.advanceTo(ms);
  return {
    summary: JSON.stringify(summary),
    seed,
    schedulerConfiguration: JSON.stringify(schedulerConfiguration),
    scenarioObject: JSON.stringify(scenarioObject),
    timeline: JSON.stringify(timeline),
    atLoad,
    hashAtLoad,
    after: JSON.stringify({ snapshot: sim.snapshot(), events: sim.events(), objects: sim.objects() }),
  };
}

describe('the default scenario parsed at build time', () => {
  it('is what parsing the file gives (the ?preparsed import equals preparseScenario of the text)', () => {
    expect(DEFAULT_PREPARSED.text).toBe(DEFAULT_SCENARIO.text);
    expect(DEFAULT_PREPARSED.json).toBe(preparseScenario(DEFAULT_SCENARIO.text, DEFAULT_SCENARIO.file));
    const { manifests, scenario, unsupported } = importScenario(DEFAULT_SCENARIO.text, DEFAULT_SCENARIO.file);
    const read = readPreparsed(DEFAULT_PREPARSED);
    expect(read.read).toEqual(scenario);
    expect(read.scenarioObject).toEqual(manifests.objects.find((o) => o.kind === 'Scenario'));
    expect(read.unsupported).toEqual(unsupported);
    expect(read.read.objects.length).toBeGreaterThan(10);
  });

  it('loads byte-identically to the text: summary, objects, first frame, and ten minutes with a node kill', () => {
    const { text, file } = DEFAULT_SCENARIO;
    const reference = runOf(loadScenario(text, file), 600_000, 'worker-2');
    const fast = runOf(loadScenario(text, file, DEFAULT_PREPARSED), 600_000, 'worker-2');
    expect(fast).toEqual(reference);
  });

  it('gives fresh objects on every load (a second load is not touched by the first one’s run)', () => {
    const { text, file } = DEFAULT_SCENARIO;
    runOf(loadScenario(text, file, DEFAULT_PREPARSED), 300_000, 'worker-1');
    const again = runOf(loadScenario(text, file, DEFAULT_PREPARSED), 120_000, null);
    expect(again).toEqual(runOf(loadScenario(text, file), 120_000, null));
  });
});

describe('preparsed loads of every bundled preset', () => {
  for (const preset of PRESETS) {
    it(`${preset.id}: equals loading its text`, () => {
      const preparsed: PreparsedScenario = { text: preset.text, json: preparseScenario(preset.text, preset.file) };
      const reference = runOf(loadScenario(preset.text, preset.file), 240_000, null);
      expect(runOf(loadScenario(preset.text, preset.file, preparsed), 240_000, null)).toEqual(reference);
    });
  }
});

describe('when the preparsed scenario does not apply', () => {
  const other = PRESETS[0];

  it('loads the text itself when it is not the preparsed text', () => {
    const reference = runOf(loadScenario(other.text, other.file), 60_000, null);
    expect(runOf(loadScenario(other.text, other.file, DEFAULT_PREPARSED), 60_000, null)).toEqual(reference);
  });

  it('falls back to the text when the preparsed JSON is broken, and reports the text’s own errors', () => {
    const broken: PreparsedScenario = { text: other.text, json: '{"read":' };
    const reference = runOf(loadScenario(other.text, other.file), 60_000, null);
    expect(runOf(loadScenario(other.text, other.file, broken), 60_000, null)).toEqual(reference);

    const bad = 'apiVersion: v1\nkind: Node\nmetadata: {}\n';
    const expected = (() => {
      try {
        loadScenario(bad, 'bad.yaml');
      } catch (e) {
        return (e as Error).message;
      }
      return 'loaded';
    })();
    expect(expected).toMatch(/^bad\.yaml:\d+:\d+: /);
    expect(() => loadScenario(bad, 'bad.yaml', { text: bad, json: '{}' })).toThrow(expected);
  });
});

describe('preparseScenario', () => {
  it('refuses values JSON would not give back as they are', () => {
    const withInfinity = `${DEFAULT_SCENARIO.text}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: { name: c, namespace: default }\nx: .inf\n`;
    expect(() => importScenario(withInfinity, 'x.yaml')).not.toThrow();
    expect(() => preparseScenario(withInfinity, 'x.yaml')).toThrow(/Infinity does not survive JSON/);
    const withMinusZero = withInfinity.replace('x: .inf', 'x: -0.0');
    expect(() => preparseScenario(withMinusZero, 'x.yaml')).toThrow(/does not survive JSON/);
  });

  it('throws the load’s own ManifestError for a bad file', () => {
    expect(() => preparseScenario('kind: [', 'broken.yaml')).toThrow(/^broken\.yaml:/);
  });
});
