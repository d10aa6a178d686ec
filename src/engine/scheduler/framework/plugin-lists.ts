/**
 * Builds a profile's plugin lists as upstream's NewFramework does: every
 * plugin named in the profile instantiated once, the per-extension-point
 * lists, multiPoint expansion with its ordering rules (explicit overrides
 * first, then multiPoint, then the rest), and the score weights.
 */
import type { ExtensionPoint, Registry, ResolvedProfile } from './config';
import { ConfigError } from './config';
import type { AnyPlugin, Handle } from './interfaces';

export const MAX_NODE_SCORE = 100;
const MAX_TOTAL_SCORE = Number.MAX_SAFE_INTEGER;

/** Which method makes a plugin implement an extension point, and upstream's interface name. */
export const IMPLEMENTS: Record<ExtensionPoint, { method: string; type: string }> = {
  preEnqueue: { method: 'preEnqueue', type: 'PreEnqueuePlugin' },
  queueSort: { method: 'less', type: 'QueueSortPlugin' },
  preFilter: { method: 'preFilter', type: 'PreFilterPlugin' },
  filter: { method: 'filter', type: 'FilterPlugin' },
  postFilter: { method: 'postFilter', type: 'PostFilterPlugin' },
  preScore: { method: 'preScore', type: 'PreScorePlugin' },
  score: { method: 'score', type: 'ScorePlugin' },
  reserve: { method: 'reserve', type: 'ReservePlugin' },
  permit: { method: 'permit', type: 'PermitPlugin' },
  preBind: { method: 'preBind', type: 'PreBindPlugin' },
  bind: { method: 'bind', type: 'BindPlugin' },
  postBind: { method: 'postBind', type: 'PostBindPlugin' },
};

export const implementsPoint = (p: AnyPlugin, ep: ExtensionPoint) =>
  typeof (p as unknown as Record<string, unknown>)[IMPLEMENTS[ep].method] === 'function';

export interface PluginLists {
  pluginsMap: Map<string, AnyPlugin>;
  lists: Map<ExtensionPoint, AnyPlugin[]>;
  scorePluginWeight: Map<string, number>;
}

/** Throws ConfigError naming the field path of every problem. */
export function buildPluginLists(profile: ResolvedProfile, registry: Registry, handle: Handle): PluginLists {
  const pluginsMap = new Map<string, AnyPlugin>();
  const scorePluginWeight = new Map<string, number>();
    const path = `profiles[${profile.index}].plugins`;
    const errors: { field: string; message: string }[] = [];

    // Instantiate every plugin named anywhere in the profile.
    const needed = new Map<string, string>();
    for (const ep of ['multiPoint', ...Object.keys(IMPLEMENTS)] as ('multiPoint' | ExtensionPoint)[]) {
      profile.plugins[ep].enabled.forEach((p, i) => {
        if (!needed.has(p.name)) needed.set(p.name, `${path}.${ep}.enabled[${i}]`);
      });
    }
    for (const [name, field] of needed) {
      const factory = registry.get(name);
      if (!factory) {
        const ep = field.split('.')[2];
        const type = ep === 'multiPoint' ? 'Plugin' : IMPLEMENTS[ep as ExtensionPoint].type;
        errors.push({ field, message: `${type} ${JSON.stringify(name)} does not exist` });
        continue;
      }
      pluginsMap.set(name, factory.create(profile.pluginArgs.get(name), handle));
    }
    if (errors.length) throw new ConfigError(errors);

    // Plugins per extension point, then multiPoint expansion (upstream's order rules).
    const lists = new Map<ExtensionPoint, AnyPlugin[]>();
    for (const ep of Object.keys(IMPLEMENTS) as ExtensionPoint[]) {
      const set = profile.plugins[ep];
      const list: AnyPlugin[] = [];
      const seen = new Set<string>();
      set.enabled.forEach((ref, i) => {
        const field = `${path}.${ep}.enabled[${i}]`;
        const pg = pluginsMap.get(ref.name)!;
        if (!implementsPoint(pg, ep)) {
          errors.push({ field, message: `plugin ${JSON.stringify(ref.name)} does not extend ${IMPLEMENTS[ep].type} plugin` });
          return;
        }
        if (seen.has(ref.name)) {
          errors.push({ field, message: `plugin ${JSON.stringify(ref.name)} already registered as ${JSON.stringify(IMPLEMENTS[ep].type)}` });
          return;
        }
        seen.add(ref.name);
        list.push(pg);
      });
      lists.set(ep, list);
    }
    if (profile.plugins.multiPoint.enabled.length > 0) {
      for (const ep of Object.keys(IMPLEMENTS) as ExtensionPoint[]) {
        const set = profile.plugins[ep];
        const enabledSet = set.enabled.map((p) => p.name);
        const disabled = new Set(set.disabled.map((d) => d.name));
        if (disabled.has('*')) continue;
        const multi: string[] = [];
        const overrides: string[] = [];
        profile.plugins.multiPoint.enabled.forEach((ref, i) => {
          const pg = pluginsMap.get(ref.name)!;
          if (!implementsPoint(pg, ep) || disabled.has(ref.name)) return;
          if (enabledSet.includes(ref.name)) {
            if (!overrides.includes(ref.name)) overrides.push(ref.name);
            return;
          }
          if (multi.includes(ref.name)) {
            errors.push({ field: `${path}.multiPoint.enabled[${i}]`, message: `plugin ${JSON.stringify(ref.name)} already registered as ${JSON.stringify(IMPLEMENTS[ep].type)}` });
            return;
          }
          multi.push(ref.name);
        });
        const order: string[] = [...overrides];
        for (const n of [...multi, ...enabledSet]) if (!order.includes(n)) order.push(n);
        lists.set(ep, order.map((n) => pluginsMap.get(n)!));
      }
    }
    if ((lists.get('queueSort') ?? []).length !== 1) {
      errors.push({ field: `${path}.queueSort`, message: `only one queue sort plugin required for profile with scheduler name ${JSON.stringify(profile.schedulerName)}, but got ${(lists.get('queueSort') ?? []).length}` });
    }
    if ((lists.get('bind') ?? []).length === 0) {
      errors.push({ field: `${path}.bind`, message: `at least one bind plugin is needed for profile with scheduler name ${JSON.stringify(profile.schedulerName)}` });
    }
    // Weights: an explicit score weight wins over the multiPoint one; 0 or unset means 1.
    let total = 0;
    for (const ref of [...profile.plugins.score.enabled, ...profile.plugins.multiPoint.enabled]) {
      const pg = pluginsMap.get(ref.name);
      if (!pg || !implementsPoint(pg, 'score') || scorePluginWeight.has(ref.name)) continue;
      const w = ref.weight === undefined || ref.weight === 0 ? 1 : ref.weight;
      scorePluginWeight.set(ref.name, w);
      if (w * MAX_NODE_SCORE > MAX_TOTAL_SCORE - total) {
        errors.push({ field: `${path}.score`, message: 'total score of Score plugins could overflow' });
      }
      total += w * MAX_NODE_SCORE;
    }
    if (errors.length) throw new ConfigError(errors);
  return { pluginsMap, lists, scorePluginWeight };
}
