/**
 * `kubectl taint node` and `kubectl label node` on an existing node, as the node card offers
 * them. kubectl reads the node, changes its taints or labels on the client and sends the change;
 * here the page reads the node from its latest frame, computes the new taints or labels with
 * kubectl's rules and words (k8s.io/kubectl pkg/cmd/taint and pkg/cmd/label, and
 * pkg/util/taints), and sends the change as the engine's `apply` of a partial Node manifest
 * (node-commands.ts: `nodeEditCommand`). The engine validates the object again.
 *
 * Simplified: one node at a time, no --all, --selector, --dry-run or --list.
 */
import type { Command } from '../../../engine/commands';
import type { Taint, TaintEffect } from '../../../engine/model/types';
import { isQualifiedName, isValidLabelValue } from '../../../scenario/label-syntax';
import { taintText } from '../../components/taint-text';

const EFFECTS: readonly string[] = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

/** The arguments after the node's name, as a shell splits them (spaces; no quoting). */
export function specsOf(text: string): string[] {
  return text.split(/\s+/).filter((s) => s !== '');
}

/** Go's errors.NewAggregate(...).Error(). */
const aggregate = (errs: readonly string[]) => (errs.length === 1 ? errs[0] : `[${errs.join(', ')}]`);

// ---- kubectl taint ----

interface ParsedTaint {
  key: string;
  value: string;
  effect: string;
}

/** kubectl's parseTaint: `key=value:effect`, `key:effect` or `key`; throws kubectl's error. */
function parseTaint(spec: string): ParsedTaint {
  const parts = spec.split(':');
  let key: string;
  let value = '';
  let effect = '';
  if (parts.length === 1) key = parts[0];
  else if (parts.length === 2) {
    effect = parts[1];
    if (!EFFECTS.includes(effect)) throw new Error(`invalid taint effect: ${effect}, unsupported taint effect`);
    const kv = parts[0].split('=');
    if (kv.length > 2) throw new Error(`invalid taint spec: ${spec}`);
    key = kv[0];
    if (kv.length === 2) {
      value = kv[1];
      const errs = isValidLabelValue(value);
      if (errs.length > 0) throw new Error(`invalid taint spec: ${spec}, ${errs.join('; ')}`);
    }
  } else throw new Error(`invalid taint spec: ${spec}`);
  const errs = isQualifiedName(key);
  if (errs.length > 0) throw new Error(`invalid taint spec: ${spec}, ${errs.join('; ')}`);
  return { key, value, effect };
}

/** kubectl's ParseTaints: the taints to add and to remove (a trailing `-`); throws kubectl's error. */
export function parseTaintSpecs(specs: readonly string[]): { add: Taint[]; remove: { key: string; effect?: TaintEffect }[] } {
  const add: Taint[] = [];
  const remove: { key: string; effect?: TaintEffect }[] = [];
  for (const spec of specs) {
    if (spec.endsWith('-')) {
      const t = parseTaint(spec.slice(0, -1));
      remove.push(t.effect ? { key: t.key, effect: t.effect as TaintEffect } : { key: t.key });
      continue;
    }
    const t = parseTaint(spec);
    if (t.effect === '') throw new Error(`invalid taint spec: ${spec}`);
    // Go prints the Taint struct with %v: {key value effect <nil>}.
    if (add.some((a) => a.key === t.key && a.effect === t.effect)) throw new Error(`duplicated taints with the same key and effect: {${t.key} ${t.value} ${t.effect} <nil>}`);
    add.push(t.value ? { key: t.key, value: t.value, effect: t.effect as TaintEffect } : { key: t.key, effect: t.effect as TaintEffect });
  }
  return { add, remove };
}

export interface NodeEditResult {
  /** The node's whole new taint list, or its labels (a removed one as null). */
  taints?: Taint[];
  labels?: Record<string, string | null>;
  /** kubectl's line: `node/worker-1 tainted`; notes such as `label "x" not found.` before it. */
  messages: string[];
  /** The engine command that makes the change itself (a label: kubectl label), when there is one. */
  command?: Command;
}

/**
 * `kubectl taint node NAME SPECS…`: the node's new taints and kubectl's line, or throws
 * kubectl's error (the node is left as it is). New taints come first, then the old ones they do
 * not replace (ReorganizeTaints); none carries a timeAdded (kubectl sets none; the taint eviction
 * controller counts from when it sees the taint), the old ones keep theirs.
 */
export function taintNode(node: { name: string; taints: readonly Taint[] }, text: string, overwrite = false): NodeEditResult {
  const specs = specsOf(text);
  if (specs.length === 0) throw new Error('at least one taint update is required');
  const { add, remove } = parseTaintSpecs(specs);
  if (!overwrite) {
    const existing = add.filter((t) => node.taints.some((o) => o.key === t.key && o.effect === t.effect)).map((t) => t.key);
    if (existing.length > 0) throw new Error(`Node ${node.name} already has ${existing.join(',')} taint(s) with same effect(s) and --overwrite is false`);
  }
  let taints: Taint[] = [...add];
  for (const old of node.taints) if (!taints.some((t) => t.key === old.key && t.effect === old.effect)) taints.push(old);
  const added = node.taints.length !== taints.length;
  const errs: string[] = [];
  let deleted = false;
  for (const r of remove) {
    const kept = taints.filter((t) => !(t.key === r.key && (r.effect === undefined || t.effect === r.effect)));
    deleted = kept.length !== taints.length; // as upstream: the last removal's outcome
    if (!deleted) errs.push(`taint "${taintText(r)}" not found`);
    taints = kept;
  }
  if (errs.length > 0) throw new Error(aggregate(errs));
  const operation = (added && deleted) || overwrite ? 'modified' : added ? 'tainted' : 'untainted';
  return { taints, messages: [`node/${node.name} ${operation}`] };
}

// ---- kubectl label ----

/**
 * `kubectl label node NAME SPECS…`: the labels to set (a removed one as null) and kubectl's
 * lines, or throws kubectl's error. kubectl checks the values; the API server checks the keys
 * (`The Node "x" is invalid: metadata.labels: Invalid value: …`), which this does here too.
 */
export function labelNode(node: { name: string; labels: Readonly<Record<string, string>> }, text: string, overwrite = false): NodeEditResult {
  const specs = specsOf(text);
  if (specs.length === 0) throw new Error('at least one label update is required');
  // Own keys only, on both maps: a label may be named constructor or __proto__.
  const set: Record<string, string> = Object.create(null) as Record<string, string>;
  const has = (k: string) => Object.hasOwn(node.labels, k);
  const remove: string[] = [];
  for (const spec of specs) {
    if (spec.includes('=')) {
      const parts = spec.split('=');
      if (parts.length !== 2) throw new Error(`invalid label spec: ${spec}`);
      const errs = isValidLabelValue(parts[1]);
      if (errs.length > 0) throw new Error(`invalid label value: ${JSON.stringify(spec)}: ${errs.join(';')}`);
      set[parts[0]] = parts[1];
    } else if (spec.endsWith('-')) remove.push(spec.slice(0, -1));
    else throw new Error(`unknown label spec: ${spec}`);
  }
  if (remove.some((k) => k in set)) throw new Error('can not both modify and remove a label in the same command');
  const keyErrs = Object.keys(set).flatMap((k) => isQualifiedName(k).map((m) => `metadata.labels: Invalid value: ${JSON.stringify(k)}: ${m}`));
  if (keyErrs.length > 0) throw new Error(`The Node "${node.name}" is invalid: ${keyErrs.length === 1 ? keyErrs[0] : `[${keyErrs.join(', ')}]`}`);
  const notes = remove.filter((k) => !has(k)).map((k) => `label ${JSON.stringify(k)} not found.`);
  if (!overwrite) {
    const clashes = Object.entries(set)
      .filter(([k]) => has(k))
      .map(([k]) => `'${k}' already has a value (${node.labels[k]}), and --overwrite is false`);
    if (clashes.length > 0) throw new Error(aggregate(clashes));
  }
  const labels: Record<string, string | null> = { ...node.labels, ...set };
  for (const k of remove) if (has(k)) labels[k] = null;
  const removed = remove.some(has);
  const changed = Object.entries(set).some(([k, v]) => !has(k) || node.labels[k] !== v);
  const word = changed && removed ? 'label(s) changed' : changed ? 'labeled' : removed ? 'unlabeled' : 'not labeled';
  // The engine's `label` command does it (sim/patch.ts); its answer is what the page says.
  const command: Command = { action: 'label', kind: 'Node', namespace: 'default', name: node.name, changes: specs, ...(overwrite ? { overwrite: true } : {}) };
  return { labels, messages: [...notes, `node/${node.name} ${word}`], command };
}

/**
 * Plain words after kubectl's refusal of a taint to add that names no effect (kubectl reads
 * `dedicated=db` as a key with '=' in it and says only that the name is invalid), or null.
 */
export function taintAdvice(text: string): string | null {
  const missing = specsOf(text).find((s) => !s.endsWith('-') && !s.includes(':'));
  if (missing === undefined) return null;
  return `A taint to add needs an effect after a colon: ${missing}:NoSchedule, ${missing}:PreferNoSchedule or ${missing}:NoExecute.`;
}
