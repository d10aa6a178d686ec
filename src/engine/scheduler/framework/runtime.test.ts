import { describe, expect, it } from 'vitest';
import { Rng } from '../../random/rng';
import { StaticCluster } from '../batch';
import { inTreeRegistry } from '../plugins/registry';
import { ConfigError, resolveConfig } from './config';
import { Framework } from './runtime';

function build(raw?: unknown) {
  const registry = inTreeRegistry();
  const cfg = resolveConfig(raw, registry);
  const cluster = new StaticCluster([]);
  const deps = { snapshot: cluster.snapshot, listers: cluster, cluster, nominator: { nominatedPodsForNode: () => [] }, rng: new Rng(1) };
  return cfg.profiles.map((p) => new Framework(p, registry, deps));
}
const namesOf = (l: { name: string }[]) => l.map((p) => p.name);

describe('Framework plugin lists', () => {
  it('expands the default multiPoint profile in upstream order', () => {
    const [f] = build();
    expect(namesOf(f.filterPlugins)).toEqual([
      'NodeUnschedulable', 'NodeName', 'TaintToleration', 'NodeAffinity', 'NodePorts', 'NodeResourcesFit',
      'VolumeRestrictions', 'NodeVolumeLimits', 'VolumeBinding', 'VolumeZone', 'PodTopologySpread', 'InterPodAffinity', 'DynamicResources',
    ]);
    expect(namesOf(f.preFilterPlugins)).toEqual([
      'NodeAffinity', 'NodePorts', 'NodeResourcesFit', 'VolumeRestrictions', 'NodeVolumeLimits', 'VolumeBinding', 'VolumeZone',
      'PodTopologySpread', 'InterPodAffinity', 'DynamicResources',
    ]);
    expect(namesOf(f.scorePlugins)).toEqual([
      'TaintToleration', 'NodeAffinity', 'NodeResourcesFit', 'VolumeBinding', 'PodTopologySpread', 'InterPodAffinity',
      'NodeResourcesBalancedAllocation', 'ImageLocality',
    ]);
    expect(Object.fromEntries(f.scorePluginWeight)).toEqual({
      TaintToleration: 3, NodeAffinity: 2, NodeResourcesFit: 1, VolumeBinding: 1, PodTopologySpread: 2, InterPodAffinity: 2,
      NodeResourcesBalancedAllocation: 1, ImageLocality: 1,
    });
    expect(namesOf(f.queueSortPlugins)).toEqual(['PrioritySort']);
    expect(namesOf(f.postFilterPlugins)).toEqual(['DefaultPreemption']);
    expect(namesOf(f.bindPlugins)).toEqual(['DefaultBinder']);
  });

  it('an explicit score entry overrides multiPoint: it moves first and its weight wins', () => {
    const [f] = build({ profiles: [{ plugins: { score: { enabled: [{ name: 'ImageLocality', weight: 5 }] } } }] });
    expect(f.scorePlugins[0].name).toBe('ImageLocality');
    expect(f.scorePluginWeight.get('ImageLocality')).toBe(5);
    expect(f.scorePlugins).toHaveLength(8);
  });

  it('disabling a plugin at one extension point keeps it at the others', () => {
    const [f] = build({ profiles: [{ plugins: { score: { disabled: [{ name: 'NodeResourcesBalancedAllocation' }, { name: 'TaintToleration' }] } } }] });
    expect(namesOf(f.scorePlugins)).not.toContain('TaintToleration');
    expect(namesOf(f.filterPlugins)).toContain('TaintToleration');
    expect(namesOf(f.scorePlugins)).not.toContain('NodeResourcesBalancedAllocation');
  });

  it('"*" disables every default plugin at that extension point', () => {
    const [f] = build({ profiles: [{ plugins: { score: { disabled: [{ name: '*' }] } } }] });
    expect(f.scorePlugins).toHaveLength(0);
    expect(f.filterPlugins.length).toBeGreaterThan(0);
  });

  it('names an unknown plugin with its field path', () => {
    expect(() => build({ profiles: [{ plugins: { filter: { enabled: [{ name: 'Foo' }] } } }] })).toThrow(ConfigError);
    try {
      build({ profiles: [{ plugins: { filter: { enabled: [{ name: 'Foo' }] } } }] });
    } catch (e) {
      expect((e as ConfigError).errors[0]).toEqual({ field: 'profiles[0].plugins.filter.enabled[0]', message: 'FilterPlugin "Foo" does not exist' });
    }
  });

  it('rejects a plugin at an extension point it does not implement', () => {
    expect(() => build({ profiles: [{ plugins: { score: { enabled: [{ name: 'NodeName' }] } } }] })).toThrow(
      'profiles[0].plugins.score.enabled[0]: plugin "NodeName" does not extend ScorePlugin plugin',
    );
  });

  it('needs exactly one queue sort plugin and at least one binder', () => {
    expect(() => build({ profiles: [{ plugins: { queueSort: { disabled: [{ name: '*' }] }, multiPoint: { disabled: [{ name: 'PrioritySort' }] } } }] })).toThrow(
      /only one queue sort plugin required/,
    );
    expect(() => build({ profiles: [{ plugins: { multiPoint: { disabled: [{ name: 'DefaultBinder' }] } } }] })).toThrow(/at least one bind plugin/);
  });
});
