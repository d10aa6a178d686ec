import { describe, expect, it } from 'vitest';
import { inTreeRegistry } from '../plugins/registry';
import { ConfigError, mergePluginSet, resolveConfig } from './config';

const set = (enabled: (string | [string, number])[], disabled: string[] = []) => ({
  enabled: enabled.map((e) => (typeof e === 'string' ? { name: e } : { name: e[0], weight: e[1] })),
  disabled: disabled.map((name) => ({ name })),
});

describe('mergePluginSet (upstream merge rules)', () => {
  it('keeps default order, drops disabled ones and appends new custom plugins', () => {
    const m = mergePluginSet(set(['A', 'B', 'C']), set(['D'], ['B']));
    expect(m.enabled.map((p) => p.name)).toEqual(['A', 'C', 'D']);
  });
  it('a custom plugin naming a default one replaces it in place (new weight)', () => {
    const m = mergePluginSet(set(['A', ['B', 1], 'C']), set([['B', 5]]));
    expect(m.enabled).toEqual([{ name: 'A' }, { name: 'B', weight: 5 }, { name: 'C' }]);
  });
  it('"*" disables every default plugin; the custom ones stay', () => {
    const m = mergePluginSet(set(['A', 'B']), set(['C'], ['*']));
    expect(m.enabled.map((p) => p.name)).toEqual(['C']);
    expect(m.disabled.map((p) => p.name)).toEqual(['*']);
  });
});

describe('resolveConfig', () => {
  const reg = inTreeRegistry();
  it('defaults to one default-scheduler profile with adaptive percentage', () => {
    const c = resolveConfig(undefined, reg);
    expect(c.profiles.map((p) => p.schedulerName)).toEqual(['default-scheduler']);
    expect(c.percentageOfNodesToScore).toBe(0);
    expect(c.podInitialBackoffSeconds).toBe(1);
    expect(c.podMaxBackoffSeconds).toBe(10);
  });
  it('reports every problem with its field path', () => {
    try {
      resolveConfig(
        {
          apiVersion: 'kubescheduler.config.k8s.io/v1',
          kind: 'KubeSchedulerConfiguration',
          percentageOfNodesToScore: 120,
          profiles: [{ schedulerName: 'a' }, { schedulerName: 'a', plugins: { bogus: {} } }],
        },
        reg,
      );
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const fields = (e as ConfigError).errors.map((x) => x.field);
      expect(fields).toContain('percentageOfNodesToScore');
      expect(fields).toContain('profiles[1].schedulerName');
      expect(fields).toContain('profiles[1].plugins.bogus');
      expect((e as ConfigError).errors.find((x) => x.field === 'percentageOfNodesToScore')!.message).toBe(
        'Invalid value: 120: not in valid range [0-100]',
      );
    }
  });
  it('rejects a non-integer weight and duplicate pluginConfig entries', () => {
    expect(() =>
      resolveConfig({ profiles: [{ plugins: { score: { enabled: [{ name: 'ImageLocality', weight: 'x' }] } } }] }, reg),
    ).toThrow(/profiles\[0\]\.plugins\.score\.enabled\[0\]\.weight: Invalid value: "x": must be an integer/);
    expect(() =>
      resolveConfig({ profiles: [{ pluginConfig: [{ name: 'NodeResourcesFit' }, { name: 'NodeResourcesFit' }] }] }, reg),
    ).toThrow(/pluginConfig\[1\]\.name: Duplicate value/);
  });
  it('gives each enabled plugin its defaulted args', () => {
    const c = resolveConfig({ profiles: [{ pluginConfig: [{ name: 'InterPodAffinity', args: {} }] }] }, reg);
    const ipa = c.profiles[0].pluginArgs.get('InterPodAffinity') as { hardPodAffinityWeight: number };
    expect(ipa.hardPodAffinityWeight).toBe(1);
  });
});
