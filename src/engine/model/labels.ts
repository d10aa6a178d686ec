/**
 * Label selectors and node selector terms, with the matching rules of
 * apimachinery's `labels` package and component-helpers' `nodeaffinity`.
 */
import type {
  LabelSelector,
  Node,
  NodeSelector,
  NodeSelectorRequirement,
  NodeSelectorTerm,
} from './types';

export type Labels = Readonly<Record<string, string>> | undefined;

/** A compiled selector. `nothing` never matches; `everything` always does. */
export interface Selector {
  readonly matches: (labels: Labels) => boolean;
  /** True for the empty selector `{}`: it matches every label set. */
  readonly empty: boolean;
  /** True for a nil selector: it matches nothing. */
  readonly nothing: boolean;
}

export const NOTHING: Selector = { matches: () => false, empty: false, nothing: true };
export const EVERYTHING: Selector = { matches: () => true, empty: true, nothing: false };

/** A selector that fails validation, with the field path at fault. */
export class SelectorError extends Error {
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
    this.name = 'SelectorError';
  }
}

type Matcher = (labels: Labels) => boolean;

function has(labels: Labels, key: string): boolean {
  return labels !== undefined && Object.prototype.hasOwnProperty.call(labels, key);
}

function requirementMatcher(
  key: string,
  operator: string,
  values: readonly string[] | undefined,
  field: string,
): Matcher {
  const vals = values ?? [];
  switch (operator) {
    case 'In':
    case 'NotIn': {
      if (vals.length === 0) {
        throw new SelectorError(`${field}.values: Required value: must be specified when \`operator\` is 'In' or 'NotIn'`, `${field}.values`);
      }
      const set = new Set(vals);
      return operator === 'In'
        ? (l) => has(l, key) && set.has(l![key])
        : (l) => !has(l, key) || !set.has(l![key]);
    }
    case 'Exists':
    case 'DoesNotExist': {
      if (vals.length > 0) {
        throw new SelectorError(`${field}.values: Forbidden: may not be specified when \`operator\` is 'Exists' or 'DoesNotExist'`, `${field}.values`);
      }
      return operator === 'Exists' ? (l) => has(l, key) : (l) => !has(l, key);
    }
    case 'Gt':
    case 'Lt': {
      if (vals.length !== 1 || !/^[+-]?\d+$/.test(vals[0])) {
        throw new SelectorError(`${field}.values: Required value: must be specified single value when \`operator\` is 'Lt' or 'Gt'`, `${field}.values`);
      }
      const bound = BigInt(vals[0]);
      return (l) => {
        if (!has(l, key)) return false;
        const v = l![key];
        if (!/^[+-]?\d+$/.test(v)) return false;
        const n = BigInt(v);
        return operator === 'Gt' ? n > bound : n < bound;
      };
    }
    default:
      throw new SelectorError(`${field}.operator: Unsupported value: "${operator}"`, `${field}.operator`);
  }
}

function allOf(matchers: Matcher[]): Matcher {
  if (matchers.length === 1) return matchers[0];
  return (l) => {
    for (const m of matchers) if (!m(l)) return false;
    return true;
  };
}

/**
 * metav1.LabelSelectorAsSelector: a nil selector matches nothing, an empty
 * one (no matchLabels, no matchExpressions) matches everything.
 */
export function labelSelectorAsSelector(
  sel: LabelSelector | null | undefined,
  field = 'labelSelector',
): Selector {
  if (sel === null || sel === undefined) return NOTHING;
  const matchers: Matcher[] = [];
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) {
    // The value as a string once, not on every match (controllers and spreading match every pod).
    const want = String(v);
    matchers.push((l) => has(l, k) && l![k] === want);
  }
  (sel.matchExpressions ?? []).forEach((r, i) => {
    if (r.operator === ('Gt' as string) || r.operator === ('Lt' as string)) {
      throw new SelectorError(`${field}.matchExpressions[${i}].operator: Unsupported value: "${r.operator}"`, `${field}.matchExpressions[${i}].operator`);
    }
    matchers.push(requirementMatcher(r.key, r.operator, r.values, `${field}.matchExpressions[${i}]`));
  });
  if (matchers.length === 0) return EVERYTHING;
  return { matches: allOf(matchers), empty: false, nothing: false };
}

/** A selector from a plain map (`nodeSelector`, Service `.spec.selector`). Empty → everything. */
export function selectorFromSet(set: Record<string, string> | undefined): Selector {
  const entries = Object.entries(set ?? {});
  if (entries.length === 0) return EVERYTHING;
  return {
    matches: (l) => {
      for (const [k, v] of entries) if (!has(l, k) || l![k] !== v) return false;
      return true;
    },
    empty: false,
    nothing: false,
  };
}

/** The fields a node selector term can see: its name (for matchFields) and its labels. */
export interface NodeView {
  readonly name: string;
  readonly labels: Labels;
}

export function nodeView(node: Node): NodeView {
  return { name: node.metadata.name ?? '', labels: node.metadata.labels };
}

type TermMatcher = (node: NodeView) => boolean;

function compileTerm(term: NodeSelectorTerm, field: string): TermMatcher {
  const exprs = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  // A term with no requirements matches nothing.
  if (exprs.length === 0 && fields.length === 0) return () => false;
  const labelMatchers = exprs.map((r, i) =>
    requirementMatcher(r.key, r.operator, r.values, `${field}.matchExpressions[${i}]`),
  );
  const fieldMatchers = fields.map((r: NodeSelectorRequirement, i) => {
    const f = `${field}.matchFields[${i}]`;
    if (r.key !== 'metadata.name') {
      throw new SelectorError(`${f}.key: Invalid value: "${r.key}": not a valid field selector key`, `${f}.key`);
    }
    if (r.operator !== 'In' && r.operator !== 'NotIn') {
      throw new SelectorError(`${f}.operator: Invalid value: "${r.operator}": not a valid selector operator`, `${f}.operator`);
    }
    if ((r.values ?? []).length !== 1) {
      throw new SelectorError(`${f}.values: Required value: must be only one value when \`operator\` is 'In' or 'NotIn' for node field selector`, `${f}.values`);
    }
    const m = requirementMatcher('metadata.name', r.operator, r.values, f);
    return (n: NodeView) => m({ 'metadata.name': n.name });
  });
  return (n) => {
    for (const m of labelMatchers) if (!m(n.labels)) return false;
    for (const m of fieldMatchers) if (!m(n)) return false;
    return true;
  };
}

/**
 * A compiled NodeSelector: terms are ORed, requirements inside a term ANDed.
 * Like upstream's lazy-error selector, a term that fails to parse matches
 * nothing while the other terms still work; `errors` keeps what went wrong.
 */
export class CompiledNodeSelector {
  private readonly terms: TermMatcher[] = [];
  readonly errors: SelectorError[] = [];
  constructor(ns: NodeSelector | undefined, field = 'nodeSelectorTerms') {
    (ns?.nodeSelectorTerms ?? []).forEach((t, i) => {
      try {
        this.terms.push(compileTerm(t ?? {}, `${field}[${i}]`));
      } catch (e) {
        if (e instanceof SelectorError) this.errors.push(e);
        else throw e;
      }
    });
  }
  match(node: NodeView): boolean {
    for (const t of this.terms) if (t(node)) return true;
    return false;
  }
}

/** Whether one NodeSelectorTerm matches a node (preferred scheduling terms). */
export function compileNodeSelectorTerm(term: NodeSelectorTerm, field = 'preference'): TermMatcher {
  try {
    return compileTerm(term, field);
  } catch (e) {
    if (e instanceof SelectorError) return () => false;
    throw e;
  }
}
