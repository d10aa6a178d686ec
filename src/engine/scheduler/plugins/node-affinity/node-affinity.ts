/**
 * NodeAffinity mirrors upstream's nodeaffinity plugin (PreFilter, Filter,
 * PreScore, Score, NormalizeScore) with NodeAffinityArgs.addedAffinity.
 * Selector parse errors follow model/labels.ts, whose messages are shorter than upstream's.
 */
import type { CycleState, StateData } from '../../framework/cycle-state';
import {
  PREFILTER_OK,
  type FilterPlugin,
  type PluginFactory,
  type PreFilterOutcome,
  type PreFilterPlugin,
  type PreScorePlugin,
  type ScoreExtensions,
  type ScorePlugin,
} from '../../framework/interfaces';
import type { NodeInfo } from '../../framework/node-info';
import type { PodInfo } from '../../framework/pod-info';
import { errorStatus, SKIP, unresolvable, type MaybeStatus } from '../../framework/status';
import { CompiledNodeSelector, selectorFromSet, type NodeView, type Selector } from '../../../model/labels';
import type {
  NodeAffinity as NodeAffinitySpec,
  NodeSelectorTerm,
  PodSpec,
  PreferredSchedulingTerm,
} from '../../../model/types';
import { defaultNormalizeScore, MAX_NODE_SCORE } from '../helpers/normalize-score';
import { NodeAffinity } from '../names';

export const REASON_POD = "node(s) didn't match Pod's node affinity/selector";
export const REASON_ENFORCED = "node(s) didn't match scheduler-enforced node affinity";
export const REASON_CONFLICT = 'pod affinity terms conflict';

export const PRE_FILTER_STATE_KEY = 'PreFilter' + NodeAffinity;
export const PRE_SCORE_STATE_KEY = 'PreScore' + NodeAffinity;

const OBJECT_NAME_FIELD = 'metadata.name';

/** The plugin's args (upstream's NodeAffinityArgs). */
export interface NodeAffinityArgs {
  /** Node affinity every pod of the profile must also satisfy (required) and is scored by (preferred). */
  addedAffinity?: NodeAffinitySpec | null;
}

const SKIP_OUTCOME: PreFilterOutcome = Object.freeze({ status: SKIP });

/** Upstream aggregates several parse errors as `[a, b]`. */
function aggregate(messages: readonly string[]): string {
  return messages.length === 1 ? messages[0] : `[${messages.join(', ')}]`;
}

// ---- compiled selectors ----

/** The pod's nodeSelector AND its required node affinity (component-helpers' RequiredNodeAffinity). */
class RequiredNodeAffinity {
  constructor(
    private readonly labelSelector: Selector | null,
    private readonly nodeSelector: CompiledNodeSelector | null,
  ) {}

  /** Terms that fail to parse match nothing; the others still apply (lazy errors, as upstream). */
  match(node: NodeView): boolean {
    if (this.labelSelector !== null && !this.labelSelector.matches(node.labels)) return false;
    if (this.nodeSelector !== null) return this.nodeSelector.match(node);
    return true;
  }
}

function requiredNodeAffinity(spec: PodSpec): RequiredNodeAffinity {
  const labelSelector = hasNodeSelector(spec) ? selectorFromSet(spec.nodeSelector) : null;
  const required = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  return new RequiredNodeAffinity(labelSelector, required ? new CompiledNodeSelector(required) : null);
}

interface WeightedTerm {
  readonly weight: number;
  readonly selector: CompiledNodeSelector;
}

/** Preferred scheduling terms: a node scores the sum of the weights of the terms it matches. */
class PreferredTerms {
  constructor(private readonly terms: readonly WeightedTerm[]) {}

  score(node: NodeView): number {
    let sum = 0;
    for (const t of this.terms) if (t.selector.match(node)) sum += t.weight;
    return sum;
  }
}

function isEmptyTerm(t: NodeSelectorTerm | null | undefined): boolean {
  return (t?.matchExpressions?.length ?? 0) === 0 && (t?.matchFields?.length ?? 0) === 0;
}

/**
 * Compiles preferred terms; terms with weight 0 or no requirements are dropped
 * unparsed, as upstream does. Error paths read `<field>[i].matchExpressions[j]…`.
 */
function compilePreferred(
  terms: readonly PreferredSchedulingTerm[],
  field: string,
): { terms: PreferredTerms; errors: string[] } {
  const out: WeightedTerm[] = [];
  const errors: string[] = [];
  terms.forEach((t, i) => {
    if (!t || !t.weight || isEmptyTerm(t.preference)) return;
    // A one-term selector whose term sits at index i (the other slots are holes),
    // so parse errors carry the term's real index in their field path.
    const slots: NodeSelectorTerm[] = [];
    slots[i] = t.preference;
    const selector = new CompiledNodeSelector({ nodeSelectorTerms: slots }, field);
    if (selector.errors.length > 0) errors.push(...selector.errors.map((e) => e.message));
    else out.push({ weight: t.weight, selector });
  });
  return { terms: new PreferredTerms(out), errors };
}

/**
 * A real scheduler reads pods through protobuf, where an empty list or map
 * decodes as nil: `[]` / `{}` here behave as if the field were absent.
 */
function podPreferred(spec: PodSpec): readonly PreferredSchedulingTerm[] | null {
  const terms = spec.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution;
  return terms && terms.length > 0 ? terms : null;
}

function hasNodeSelector(spec: PodSpec): boolean {
  return spec.nodeSelector != null && Object.keys(spec.nodeSelector).length > 0;
}

// ---- cycle state ----

class PreFilterState implements StateData {
  constructor(readonly required: RequiredNodeAffinity) {}
  clone(): StateData {
    return this; // not affected by adding or removing pods
  }
}

class PreScoreState implements StateData {
  constructor(readonly preferred: PreferredTerms | null) {}
  clone(): StateData {
    return this;
  }
}

/**
 * The node names a pod's required terms pin it to through
 * `matchFields: metadata.name In [...]`: intersected within a term, unioned
 * across terms. null when some term leaves every node possible.
 */
function nodeNamesFromMatchFields(terms: readonly (NodeSelectorTerm | null | undefined)[]): Set<string> | null {
  let union: Set<string> | null = null;
  for (const t of terms) {
    let termNames: Set<string> | null = null;
    for (const r of t?.matchFields ?? []) {
      if (r.key !== OBJECT_NAME_FIELD || r.operator !== 'In') continue;
      const values = new Set(r.values ?? []);
      if (termNames === null) termNames = values;
      else for (const n of termNames) if (!values.has(n)) termNames.delete(n);
    }
    if (termNames === null) return null;
    union ??= new Set();
    for (const n of termNames) union.add(n);
  }
  return union;
}

// ---- the plugin ----

export class NodeAffinityPlugin
  implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin, ScoreExtensions
{
  readonly name = NodeAffinity;
  private readonly addedNodeSelector: CompiledNodeSelector | null = null;
  private readonly addedPreferred: PreferredTerms | null = null;
  /** Filter/Score without PreFilter/PreScore compile per pod, not per node. */
  private fallbackPod: PodInfo | null = null;
  private fallbackRequired: RequiredNodeAffinity | null = null;
  private fallbackScorePod: PodInfo | null = null;
  private fallbackPreferred: PreferredTerms | null = null;

  /** Throws if addedAffinity does not parse (upstream's New fails the same way). */
  constructor(args: NodeAffinityArgs) {
    const added = args.addedAffinity;
    if (!added) return;
    const required = added.requiredDuringSchedulingIgnoredDuringExecution;
    if (required) {
      const sel = new CompiledNodeSelector(required);
      if (sel.errors.length > 0) {
        throw new Error(
          `parsing addedAffinity.requiredDuringSchedulingIgnoredDuringExecution: ${aggregate(sel.errors.map((e) => e.message))}`,
        );
      }
      this.addedNodeSelector = sel;
    }
    const preferred = added.preferredDuringSchedulingIgnoredDuringExecution;
    if (preferred && preferred.length > 0) {
      const { terms, errors } = compilePreferred(preferred, '');
      if (errors.length > 0) {
        throw new Error(`parsing addedAffinity.preferredDuringSchedulingIgnoredDuringExecution: ${aggregate(errors)}`);
      }
      this.addedPreferred = terms;
    }
  }

  preFilter(state: CycleState, pod: PodInfo, _nodes: readonly NodeInfo[]): PreFilterOutcome {
    const spec = pod.pod.spec;
    const required = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
    // An empty term list (unlike an empty nodeSelector map) survives protobuf: it takes part and matches nothing.
    if (!required && this.addedNodeSelector === null && !hasNodeSelector(spec)) return SKIP_OUTCOME;

    state.write(PRE_FILTER_STATE_KEY, new PreFilterState(requiredNodeAffinity(spec)));

    const terms = required?.nodeSelectorTerms ?? [];
    if (terms.length === 0) return PREFILTER_OK;
    const nodeNames = nodeNamesFromMatchFields(terms);
    if (nodeNames === null) return PREFILTER_OK;
    if (nodeNames.size === 0) return { status: unresolvable(REASON_CONFLICT) };
    return { status: null, nodeNames };
  }

  preFilterExtensions(): null {
    return null; // the state does not depend on other pods
  }

  filter(state: CycleState, pod: PodInfo, nodeInfo: NodeInfo): MaybeStatus {
    if (this.addedNodeSelector !== null && !this.addedNodeSelector.match(nodeInfo)) {
      return unresolvable(REASON_ENFORCED);
    }
    const s = state.tryRead<PreFilterState>(PRE_FILTER_STATE_KEY);
    const required = s !== undefined ? s.required : this.requiredWithoutPreFilter(pod);
    if (!required.match(nodeInfo)) return unresolvable(REASON_POD);
    return null;
  }

  preScore(state: CycleState, pod: PodInfo, _nodes: readonly NodeInfo[]): MaybeStatus {
    const preferred = podPreferred(pod.pod.spec);
    if (preferred === null && this.addedPreferred === null) return SKIP;
    let terms: PreferredTerms | null = null;
    if (preferred !== null) {
      const compiled = compilePreferred(preferred, '');
      if (compiled.errors.length > 0) return errorStatus(aggregate(compiled.errors));
      terms = compiled.terms;
    }
    state.write(PRE_SCORE_STATE_KEY, new PreScoreState(terms));
    return null;
  }

  /** The summed weights of the matching preferred terms, the profile's added ones included. */
  score(state: CycleState, pod: PodInfo, nodeInfo: NodeInfo): number {
    let count = 0;
    if (this.addedPreferred !== null) count += this.addedPreferred.score(nodeInfo);
    const s = state.tryRead<PreScoreState>(PRE_SCORE_STATE_KEY);
    const preferred = s !== undefined ? s.preferred : this.preferredWithoutPreScore(pod);
    if (preferred !== null) count += preferred.score(nodeInfo);
    return count;
  }

  scoreExtensions(): ScoreExtensions {
    return this;
  }

  normalizeScore(_state: CycleState, _pod: PodInfo, _nodes: readonly NodeInfo[], scores: number[]): MaybeStatus {
    return defaultNormalizeScore(MAX_NODE_SCORE, false, scores);
  }

  private requiredWithoutPreFilter(pod: PodInfo): RequiredNodeAffinity {
    if (this.fallbackPod !== pod || this.fallbackRequired === null) {
      this.fallbackRequired = requiredNodeAffinity(pod.pod.spec);
      this.fallbackPod = pod;
    }
    return this.fallbackRequired;
  }

  /** Throws on a preferred term that does not parse: Score has no status to report it with. */
  private preferredWithoutPreScore(pod: PodInfo): PreferredTerms | null {
    if (this.fallbackScorePod !== pod) {
      const preferred = podPreferred(pod.pod.spec);
      let terms: PreferredTerms | null = null;
      if (preferred !== null) {
        const compiled = compilePreferred(preferred, '');
        if (compiled.errors.length > 0) throw new Error(aggregate(compiled.errors));
        terms = compiled.terms;
      }
      this.fallbackPreferred = terms;
      this.fallbackScorePod = pod;
    }
    return this.fallbackPreferred;
  }
}

// ---- args ----

function joinPath(path: string, child: string): string {
  return path ? `${path}.${child}` : child;
}

/** upstream's ValidateNodeAffinityArgs: addedAffinity must parse. */
export function validateNodeAffinityArgs(args: NodeAffinityArgs, path: string): string[] {
  const added = args.addedAffinity;
  if (!added) return [];
  const base = joinPath(path, 'addedAffinity');
  const errors: string[] = [];
  const required = added.requiredDuringSchedulingIgnoredDuringExecution;
  if (required) {
    const sel = new CompiledNodeSelector(required, `${base}.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms`);
    for (const e of sel.errors) errors.push(e.message);
  }
  const preferred = added.preferredDuringSchedulingIgnoredDuringExecution;
  if (preferred && preferred.length > 0) {
    errors.push(...compilePreferred(preferred, `${base}.preferredDuringSchedulingIgnoredDuringExecution`).errors);
  }
  return errors;
}

export const nodeAffinityFactory: PluginFactory<NodeAffinityArgs> = {
  // Upstream has no defaults for NodeAffinityArgs.
  defaultArgs: (args) => ({ ...(args ?? {}) }),
  validateArgs: validateNodeAffinityArgs,
  create: (args) => new NodeAffinityPlugin(args ?? {}),
};
