/**
 * Shape checks for commands arriving as untyped data (the UI, a share link, a
 * scenario timeline): every field named in the error, nothing changed when
 * anything is wrong.
 */
import type { Command, CommandAction } from '../commands';
import type { KubeObject } from '../model/types';
import { parseDuration, type FieldError } from './config';
import { isObj } from '../model/is-object';
import { showValue } from './show-value';

type FieldType = 'name' | 'namespace' | 'boolean' | 'replicas' | 'object' | 'kind' | 'propagation' | 'duration' | 'text' | 'integer' | 'subcommand' | 'dryrun' | 'patch' | 'patchtype' | 'changes';

/** `kubectl rollout` subcommands that change a workload, in kubectl's help order (sim/rollout.ts). */
export const ROLLOUT_SUBCOMMANDS = ['restart', 'pause', 'resume', 'undo'] as const;

/** DeleteOptions.propagationPolicy (kubectl --cascade=background|orphan|foreground). */
export const PROPAGATION_POLICIES = ['Background', 'Foreground', 'Orphan'] as const;

/** `kubectl patch --type` (sim/patch.ts): strategic is the default. */
export const PATCH_TYPES = ['strategic', 'merge', 'json'] as const;

/** kubectl drain --dry-run's strategies besides none (the flag left out). */
export const DRY_RUN_STRATEGIES = ['client', 'server'] as const;

/** The values each enumerated field type accepts. */
const ENUM_VALUES: Record<'subcommand' | 'dryrun' | 'patchtype' | 'propagation', readonly string[]> = {
  subcommand: ROLLOUT_SUBCOMMANDS,
  dryrun: DRY_RUN_STRATEGIES,
  patchtype: PATCH_TYPES,
  propagation: PROPAGATION_POLICIES,
};

const LABEL_SHAPE = {
  kind: { type: 'kind', required: true },
  namespace: { type: 'namespace', required: false },
  name: { type: 'name', required: true },
  changes: { type: 'changes', required: true },
  overwrite: { type: 'boolean', required: false },
} as const;

const SHAPES: Record<CommandAction, Record<string, { type: FieldType; required: boolean }>> = {
  killNode: { node: { type: 'name', required: true } },
  restoreNode: { node: { type: 'name', required: true } },
  cordon: { node: { type: 'name', required: true } },
  uncordon: { node: { type: 'name', required: true } },
  drain: {
    node: { type: 'name', required: true },
    ignoreDaemonSets: { type: 'boolean', required: false },
    deleteEmptyDirData: { type: 'boolean', required: false },
    force: { type: 'boolean', required: false },
    timeout: { type: 'duration', required: false },
    disableEviction: { type: 'boolean', required: false },
    podSelector: { type: 'text', required: false },
    skipWaitForDeleteTimeout: { type: 'integer', required: false },
    gracePeriod: { type: 'integer', required: false },
    dryRun: { type: 'dryrun', required: false },
  },
  deleteNode: { node: { type: 'name', required: true } },
  addNode: { object: { type: 'object', required: true } },
  deletePod: { namespace: { type: 'namespace', required: false }, name: { type: 'name', required: true }, force: { type: 'boolean', required: false } },
  bindPod: { namespace: { type: 'namespace', required: false }, name: { type: 'name', required: true }, node: { type: 'name', required: true } },
  scale: {
    kind: { type: 'kind', required: true },
    namespace: { type: 'namespace', required: false },
    name: { type: 'name', required: true },
    replicas: { type: 'replicas', required: true },
  },
  apply: { object: { type: 'object', required: true } },
  delete: {
    kind: { type: 'kind', required: true },
    namespace: { type: 'namespace', required: false },
    name: { type: 'name', required: true },
    propagationPolicy: { type: 'propagation', required: false },
  },
  rollout: {
    subcommand: { type: 'subcommand', required: true },
    kind: { type: 'kind', required: true },
    namespace: { type: 'namespace', required: false },
    name: { type: 'name', required: true },
    toRevision: { type: 'replicas', required: false },
  },
  patch: {
    kind: { type: 'kind', required: true },
    namespace: { type: 'namespace', required: false },
    name: { type: 'name', required: true },
    patch: { type: 'patch', required: true },
    type: { type: 'patchtype', required: false },
  },
  label: LABEL_SHAPE,
  annotate: LABEL_SHAPE,
};

/** Every command action, in DESIGN.md's order. */
export const COMMAND_ACTIONS = Object.keys(SHAPES) as CommandAction[];

const join = (path: string, field: string) => (path ? `${path}.${field}` : field);

export interface CheckOptions {
  /** Fields besides the command's own that may appear (a timeline entry's `at`). */
  extraFields?: readonly string[];
}

/**
 * Checks a command's shape. `path` prefixes field names in errors
 * (`spec.timeline[2]`). Returns the command (with `namespace` defaulted to
 * `default`, extra fields dropped) or the errors.
 */
export function checkCommand(raw: unknown, path = '', options: CheckOptions = {}): { command: Command; errors: [] } | { command?: undefined; errors: FieldError[] } {
  if (!isObj(raw)) return { errors: [{ field: path, message: 'Invalid value: a command must be a mapping with an action' }] };
  const action = raw.action;
  if (action === undefined) return { errors: [{ field: join(path, 'action'), message: `Required value: one of ${COMMAND_ACTIONS.join(', ')}` }] };
  if (typeof action !== 'string' || !Object.hasOwn(SHAPES, action)) {
    return {
      errors: [{ field: join(path, 'action'), message: `Unsupported value: ${JSON.stringify(action)}: supported values: ${COMMAND_ACTIONS.map((a) => `"${a}"`).join(', ')}` }],
    };
  }
  const shape = SHAPES[action as CommandAction];
  const errors: FieldError[] = [];
  const out: Record<string, unknown> = { action };
  for (const key of Object.keys(raw)) {
    if (key === 'action' || options.extraFields?.includes(key)) continue;
    if (!Object.hasOwn(shape, key)) {
      const known = Object.keys(shape);
      errors.push({ field: join(path, key), message: `unknown field "${key}" for action ${action} (fields: ${known.join(', ')})` });
    }
  }
  for (const [key, { type, required }] of Object.entries(shape)) {
    const v = raw[key];
    const field = join(path, key);
    if (v === undefined || v === null) {
      if (type === 'namespace') out[key] = 'default';
      else if (required) errors.push({ field, message: 'Required value' });
      continue;
    }
    switch (type) {
      case 'name':
      case 'namespace':
      case 'kind':
        if (typeof v !== 'string' || v === '') errors.push({ field, message: `Invalid value: ${showValue(v)}: must be a non-empty string` });
        else out[key] = v;
        break;
      case 'boolean':
        if (typeof v !== 'boolean') errors.push({ field, message: `Invalid value: ${showValue(v)}: must be true or false` });
        else out[key] = v;
        break;
      case 'duration':
        // A Go duration as kubectl's --timeout takes it (`90s`, `1m30s`), or 0 for none.
        if (v === 0) out[key] = '0';
        else if (typeof v !== 'string') errors.push({ field, message: `Invalid value: ${showValue(v)}: must be a duration such as "60s"` });
        else {
          try {
            parseDuration(v);
            out[key] = v;
          } catch (e) {
            errors.push({ field, message: `Invalid value: ${showValue(v)}: ${(e as Error).message}` });
          }
        }
        break;
      case 'integer':
        if (typeof v !== 'number' || !Number.isInteger(v)) errors.push({ field, message: `Invalid value: ${showValue(v)}: must be a whole number` });
        else out[key] = v;
        break;
      case 'text':
        if (typeof v !== 'string') errors.push({ field, message: `Invalid value: ${showValue(v)}: must be a string` });
        else out[key] = v;
        break;
      case 'subcommand':
      case 'dryrun':
      case 'patchtype':
      case 'propagation': {
        const allowed: readonly string[] = ENUM_VALUES[type];
        if (typeof v !== 'string' || !allowed.includes(v)) {
          errors.push({ field, message: `Unsupported value: ${showValue(v)}: supported values: ${allowed.map((p) => `"${p}"`).join(', ')}` });
        } else out[key] = v;
        break;
      }
      case 'patch':
        // kubectl's -p text, or the patch itself (a mapping; a list of operations for --type json).
        if (typeof v !== 'string' && !isObj(v) && !Array.isArray(v)) errors.push({ field, message: `Invalid value: ${showValue(v)}: must be a patch (a JSON string, a mapping or a list)` });
        else out[key] = v;
        break;
      case 'changes':
        // kubectl label/annotate's arguments: `key=value` sets, `key-` removes.
        if (!Array.isArray(v) || v.length === 0 || v.some((x) => typeof x !== 'string' || x === '')) {
          errors.push({ field, message: `Invalid value: ${showValue(v)}: must be a non-empty list of key=value or key- strings` });
        } else out[key] = [...(v as string[])];
        break;
      case 'replicas':
        if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) errors.push({ field, message: `Invalid value: ${showValue(v)}: must be a whole number ≥ 0` });
        else out[key] = v;
        break;
      case 'object':
        if (!isObj(v)) errors.push({ field, message: 'Invalid value: must be a Kubernetes object (a mapping)' });
        else if (!isObj(v.metadata) || typeof v.metadata.name !== 'string' || v.metadata.name === '') {
          errors.push({ field: `${field}.metadata.name`, message: 'Required value' });
        } else if (action === 'addNode' && v.kind !== undefined && v.kind !== 'Node') {
          errors.push({ field: `${field}.kind`, message: `Invalid value: ${showValue(v.kind)}: addNode takes a Node` });
        } else if (action === 'apply' && (typeof v.kind !== 'string' || v.kind === '')) {
          errors.push({ field: `${field}.kind`, message: 'Required value' });
        } else out[key] = v as KubeObject;
        break;
    }
  }
  if (errors.length > 0) return { errors };
  return { command: out as unknown as Command, errors: [] };
}
