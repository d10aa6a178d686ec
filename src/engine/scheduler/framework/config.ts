/**
 * KubeSchedulerConfiguration (kubescheduler.config.k8s.io/v1): defaults,
 * upstream's merge of a profile's plugins onto the default profile, and
 * validation with field paths. The result is plain data the runtime builds
 * a framework from.
 */
import * as names from '../plugins/names';
import type { PluginFactory } from './interfaces';
import { isObj } from '../../model/is-object';

export const EXTENSION_POINTS = [
  'preEnqueue',
  'queueSort',
  'preFilter',
  'filter',
  'postFilter',
  'preScore',
  'score',
  'reserve',
  'permit',
  'preBind',
  'bind',
  'postBind',
] as const;
export type ExtensionPoint = (typeof EXTENSION_POINTS)[number];

export interface PluginRef {
  name: string;
  weight?: number;
}
export interface PluginSet {
  enabled: PluginRef[];
  disabled: { name: string }[];
}
export type Plugins = Record<ExtensionPoint | 'multiPoint', PluginSet>;

export interface ResolvedProfile {
  schedulerName: string;
  percentageOfNodesToScore: number | undefined;
  /** The profile's plugins after merging onto the defaults; paths index the user's config for errors. */
  plugins: Plugins;
  /** Args per plugin, defaulted and validated. */
  pluginArgs: Map<string, unknown>;
  /** Index of this profile in the user's config, for error paths. */
  index: number;
}

export interface ResolvedConfig {
  percentageOfNodesToScore: number;
  podInitialBackoffSeconds: number;
  podMaxBackoffSeconds: number;
  profiles: ResolvedProfile[];
}

export type Registry = ReadonlyMap<string, PluginFactory>;

/** One or more configuration errors, each with the field path at fault. */
export class ConfigError extends Error {
  constructor(readonly errors: { field: string; message: string }[]) {
    super(errors.map((e) => (e.field ? `${e.field}: ${e.message}` : e.message)).join('; '));
    this.name = 'ConfigError';
  }
}

export const DEFAULT_SCHEDULER_NAME = 'default-scheduler';

/** The default profile as one multiPoint list, in upstream's order and weights. */
export function defaultPlugins(): Plugins {
  const p = emptyPlugins();
  p.multiPoint.enabled = [
    { name: names.SchedulingGates },
    { name: names.PrioritySort },
    { name: names.NodeUnschedulable },
    { name: names.NodeName },
    { name: names.TaintToleration, weight: 3 },
    { name: names.NodeAffinity, weight: 2 },
    { name: names.NodePorts },
    { name: names.NodeResourcesFit, weight: 1 },
    { name: names.VolumeRestrictions },
    { name: names.NodeVolumeLimits },
    { name: names.VolumeBinding },
    { name: names.VolumeZone },
    { name: names.PodTopologySpread, weight: 2 },
    { name: names.InterPodAffinity, weight: 2 },
    { name: names.DynamicResources },
    { name: names.DefaultPreemption },
    { name: names.NodeResourcesBalancedAllocation, weight: 1 },
    { name: names.ImageLocality, weight: 1 },
    { name: names.DefaultBinder },
  ];
  return p;
}

export function emptyPlugins(): Plugins {
  const p = { multiPoint: { enabled: [], disabled: [] } } as unknown as Plugins;
  for (const ep of EXTENSION_POINTS) p[ep] = { enabled: [], disabled: [] };
  return p;
}

/**
 * upstream mergePluginSet: default plugins keep their order unless disabled
 * (or all are, with "*"); a custom plugin that names a default one replaces
 * it in place; the remaining custom plugins are appended.
 */
export function mergePluginSet(defaults: PluginSet, custom: PluginSet): PluginSet {
  const disabledNames = new Set<string>();
  const disabled: { name: string }[] = [];
  for (const d of custom.disabled) {
    disabled.push({ name: d.name });
    disabledNames.add(d.name);
  }
  for (const d of defaults.disabled) {
    disabled.push({ name: d.name });
    disabledNames.add(d.name);
  }
  const customByName = new Map<string, { index: number; plugin: PluginRef }>();
  custom.enabled.forEach((plugin, index) => customByName.set(plugin.name, { index, plugin }));
  const replaced = new Set<number>();
  const enabled: PluginRef[] = [];
  if (!disabledNames.has('*')) {
    for (const def of defaults.enabled) {
      if (disabledNames.has(def.name)) continue;
      const c = customByName.get(def.name);
      if (c) {
        enabled.push(c.plugin);
        replaced.add(c.index);
      } else {
        enabled.push(def);
      }
    }
  }
  custom.enabled.forEach((p, i) => {
    if (!replaced.has(i)) enabled.push(p);
  });
  return { enabled, disabled };
}

// ---- reading the user's YAML/JSON, with type checks and field paths ----

type Errs = { field: string; message: string }[];


function readInt(v: unknown, field: string, errs: Errs): number | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v)) {
    errs.push({ field, message: `Invalid value: ${JSON.stringify(v)}: must be an integer` });
    return undefined;
  }
  return v;
}

function readPluginSet(raw: unknown, field: string, errs: Errs): PluginSet {
  const set: PluginSet = { enabled: [], disabled: [] };
  if (raw === undefined || raw === null) return set;
  if (!isObj(raw)) {
    errs.push({ field, message: 'Invalid value: must be an object with `enabled` and `disabled` lists' });
    return set;
  }
  for (const key of ['enabled', 'disabled'] as const) {
    const list = raw[key];
    if (list === undefined || list === null) continue;
    if (!Array.isArray(list)) {
      errs.push({ field: `${field}.${key}`, message: 'Invalid value: must be a list' });
      continue;
    }
    list.forEach((item, i) => {
      const f = `${field}.${key}[${i}]`;
      if (!isObj(item) || typeof item.name !== 'string' || item.name === '') {
        errs.push({ field: `${f}.name`, message: 'Required value: a plugin name' });
        return;
      }
      if (key === 'disabled') {
        set.disabled.push({ name: item.name });
        return;
      }
      const weight = readInt(item.weight, `${f}.weight`, errs);
      set.enabled.push(weight === undefined ? { name: item.name } : { name: item.name, weight });
    });
  }
  return set;
}

function readPercentage(v: unknown, field: string, errs: Errs): number | undefined {
  const n = readInt(v, field, errs);
  if (n !== undefined && (n < 0 || n > 100)) {
    errs.push({ field, message: `Invalid value: ${n}: not in valid range [0-100]` });
    return undefined;
  }
  return n;
}

/**
 * Defaults, merges and validates a KubeSchedulerConfiguration. `raw` is the
 * parsed YAML/JSON (or undefined for the built-in defaults).
 * Throws ConfigError listing every problem with its field path.
 */
export function resolveConfig(raw: unknown, registry: Registry): ResolvedConfig {
  const errs: Errs = [];
  const cfg = raw === undefined || raw === null ? {} : raw;
  if (!isObj(cfg)) throw new ConfigError([{ field: '', message: 'a KubeSchedulerConfiguration must be a mapping' }]);
  if (cfg.apiVersion !== undefined && cfg.apiVersion !== 'kubescheduler.config.k8s.io/v1') {
    errs.push({ field: 'apiVersion', message: `Unsupported value: ${JSON.stringify(cfg.apiVersion)}: supported values: "kubescheduler.config.k8s.io/v1"` });
  }
  if (cfg.kind !== undefined && cfg.kind !== 'KubeSchedulerConfiguration') {
    errs.push({ field: 'kind', message: `Unsupported value: ${JSON.stringify(cfg.kind)}: supported values: "KubeSchedulerConfiguration"` });
  }
  const parallelism = readInt(cfg.parallelism, 'parallelism', errs);
  if (parallelism !== undefined && parallelism <= 0) {
    errs.push({ field: 'parallelism', message: `Invalid value: ${parallelism}: should be an integer value greater than zero` });
  }
  const pct = readPercentage(cfg.percentageOfNodesToScore, 'percentageOfNodesToScore', errs) ?? 0;
  const initialBackoff = readInt(cfg.podInitialBackoffSeconds, 'podInitialBackoffSeconds', errs) ?? 1;
  const maxBackoff = readInt(cfg.podMaxBackoffSeconds, 'podMaxBackoffSeconds', errs) ?? 10;
  if (initialBackoff <= 0) errs.push({ field: 'podInitialBackoffSeconds', message: `Invalid value: ${initialBackoff}: must be greater than 0` });
  if (maxBackoff < initialBackoff) {
    errs.push({ field: 'podMaxBackoffSeconds', message: `Invalid value: ${maxBackoff}: must be greater than or equal to PodInitialBackoffSeconds` });
  }

  let rawProfiles: unknown[] = [{}];
  if (cfg.profiles !== undefined && cfg.profiles !== null) {
    if (!Array.isArray(cfg.profiles)) errs.push({ field: 'profiles', message: 'Invalid value: must be a list' });
    else if (cfg.profiles.length === 0) errs.push({ field: 'profiles', message: 'Required value' });
    else rawProfiles = cfg.profiles;
  }

  const profiles: ResolvedProfile[] = [];
  const seenNames = new Set<string>();
  rawProfiles.forEach((rp, index) => {
    const path = `profiles[${index}]`;
    if (!isObj(rp)) {
      errs.push({ field: path, message: 'Invalid value: must be a mapping' });
      return;
    }
    const schedulerName = rp.schedulerName === undefined ? DEFAULT_SCHEDULER_NAME : rp.schedulerName;
    if (typeof schedulerName !== 'string' || schedulerName === '') {
      errs.push({ field: `${path}.schedulerName`, message: 'Required value' });
    } else if (seenNames.has(schedulerName)) {
      errs.push({ field: `${path}.schedulerName`, message: `Duplicate value: ${JSON.stringify(schedulerName)}` });
    } else seenNames.add(schedulerName);
    const profilePct = readPercentage(rp.percentageOfNodesToScore, `${path}.percentageOfNodesToScore`, errs);

    const custom = emptyPlugins();
    if (rp.plugins !== undefined && rp.plugins !== null) {
      if (!isObj(rp.plugins)) errs.push({ field: `${path}.plugins`, message: 'Invalid value: must be a mapping' });
      else {
        for (const key of Object.keys(rp.plugins)) {
          if (key !== 'multiPoint' && !(EXTENSION_POINTS as readonly string[]).includes(key)) {
            errs.push({ field: `${path}.plugins.${key}`, message: `Unsupported value: ${JSON.stringify(key)}: not an extension point` });
          }
        }
        for (const ep of ['multiPoint', ...EXTENSION_POINTS] as const) {
          custom[ep] = readPluginSet(rp.plugins[ep], `${path}.plugins.${ep}`, errs);
        }
      }
    }
    const defaults = defaultPlugins();
    const merged = emptyPlugins();
    for (const ep of ['multiPoint', ...EXTENSION_POINTS] as const) merged[ep] = mergePluginSet(defaults[ep], custom[ep]);

    // pluginConfig: args per plugin, then defaults for every enabled plugin.
    const pluginArgs = new Map<string, unknown>();
    const rawArgs = new Map<string, { args: unknown; field: string }>();
    if (rp.pluginConfig !== undefined && rp.pluginConfig !== null) {
      if (!Array.isArray(rp.pluginConfig)) errs.push({ field: `${path}.pluginConfig`, message: 'Invalid value: must be a list' });
      else
        rp.pluginConfig.forEach((pc, i) => {
          const f = `${path}.pluginConfig[${i}]`;
          if (!isObj(pc) || typeof pc.name !== 'string') {
            errs.push({ field: `${f}.name`, message: 'Required value' });
            return;
          }
          if (rawArgs.has(pc.name)) {
            errs.push({ field: `${f}.name`, message: `Duplicate value: ${JSON.stringify(pc.name)}` });
            return;
          }
          if (pc.args !== undefined && pc.args !== null && !isObj(pc.args)) {
            errs.push({ field: `${f}.args`, message: 'Invalid value: must be a mapping' });
            return;
          }
          rawArgs.set(pc.name, { args: pc.args ?? undefined, field: `${f}.args` });
        });
    }
    const needed = new Set<string>();
    for (const ep of ['multiPoint', ...EXTENSION_POINTS] as const) for (const p of merged[ep].enabled) needed.add(p.name);
    for (const name of needed) {
      const factory = registry.get(name);
      if (!factory) continue; // reported with its path when the framework is built
      const given = rawArgs.get(name);
      let args: unknown = given?.args;
      try {
        if (factory.defaultArgs) args = factory.defaultArgs(args as never);
      } catch (e) {
        errs.push({ field: given?.field ?? `${path}.pluginConfig`, message: (e as Error).message });
        continue;
      }
      if (factory.validateArgs) {
        for (const m of factory.validateArgs(args as never, given?.field ?? `${path}.pluginConfig[${name}].args`)) {
          const colon = m.indexOf(': ');
          errs.push(colon > 0 && !m.startsWith(' ') ? { field: m.slice(0, colon), message: m.slice(colon + 2) } : { field: given?.field ?? '', message: m });
        }
      }
      pluginArgs.set(name, args);
    }
    profiles.push({ schedulerName: String(schedulerName), percentageOfNodesToScore: profilePct, plugins: merged, pluginArgs, index });
  });

  // Every profile must share one queue sort plugin (one queue serves them all).
  if (profiles.length > 1) {
    const qs = (p: ResolvedProfile) => JSON.stringify([p.plugins.queueSort, p.plugins.multiPoint.enabled.find((x) => x.name === names.PrioritySort)?.name]);
    for (let i = 1; i < profiles.length; i++) {
      if (qs(profiles[i]) !== qs(profiles[0])) {
        errs.push({ field: `profiles[${i}].plugins.queueSort`, message: `Invalid value: queueSort must be the same for all profiles` });
      }
    }
  }
  if (errs.length > 0) throw new ConfigError(errs);
  return { percentageOfNodesToScore: pct, podInitialBackoffSeconds: initialBackoff, podMaxBackoffSeconds: maxBackoff, profiles };
}
