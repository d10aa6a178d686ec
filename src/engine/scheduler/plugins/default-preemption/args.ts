/**
 * DefaultPreemptionArgs (kubescheduler.config.k8s.io/v1): how many candidate
 * nodes the dry run must find before it stops looking.
 */

export interface DefaultPreemptionArgs {
  /** Percentage (0..100) of the potential nodes to shortlist. Default 10. */
  minCandidateNodesPercentage: number;
  /** Lower bound on the shortlist, whatever the percentage gives. Default 100. */
  minCandidateNodesAbsolute: number;
}

export const DEFAULT_MIN_CANDIDATE_NODES_PERCENTAGE = 10;
export const DEFAULT_MIN_CANDIDATE_NODES_ABSOLUTE = 100;

const PERCENTAGE = 'minCandidateNodesPercentage';
const ABSOLUTE = 'minCandidateNodesAbsolute';

/** SetDefaults_DefaultPreemptionArgs: a field left out (or null) takes its default. */
export function defaultPreemptionArgs(args: Partial<DefaultPreemptionArgs> | undefined): DefaultPreemptionArgs {
  const a = (args ?? {}) as Partial<Record<keyof DefaultPreemptionArgs, unknown>>;
  const pick = (v: unknown, d: number) => (v === undefined || v === null ? d : (v as number));
  return {
    minCandidateNodesPercentage: pick(a.minCandidateNodesPercentage, DEFAULT_MIN_CANDIDATE_NODES_PERCENTAGE),
    minCandidateNodesAbsolute: pick(a.minCandidateNodesAbsolute, DEFAULT_MIN_CANDIDATE_NODES_ABSOLUTE),
  };
}

/** Formats a bad value the way apimachinery's field.Invalid does (numbers bare, strings quoted). */
function shown(v: unknown): string {
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v === 'string') return JSON.stringify(v);
  return v === undefined || v === null ? 'null' : JSON.stringify(v);
}

const isInt32 = (v: unknown): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= -2147483648 && v <= 2147483647;

/**
 * ValidateDefaultPreemptionArgs: each message is `<field path>: <problem>`,
 * in upstream's order (percentage range, absolute range, then the pair rule).
 */
export function validateDefaultPreemptionArgs(args: DefaultPreemptionArgs, path: string): string[] {
  const child = (name: string) => (path ? `${path}.${name}` : name);
  const pctPath = child(PERCENTAGE);
  const absPath = child(ABSOLUTE);
  const pct: unknown = args.minCandidateNodesPercentage;
  const abs: unknown = args.minCandidateNodesAbsolute;
  const errs: string[] = [];

  // Upstream would reject a non-integer while decoding; report it on the field instead.
  if (!isInt32(pct)) errs.push(`${pctPath}: Invalid value: ${shown(pct)}: must be an integer`);
  else if (pct < 0 || pct > 100) errs.push(`${pctPath}: Invalid value: ${pct}: not in valid range [0, 100]`);

  if (!isInt32(abs)) errs.push(`${absPath}: Invalid value: ${shown(abs)}: must be an integer`);
  else if (abs < 0) errs.push(`${absPath}: Invalid value: ${abs}: not in valid range [0, inf)`);

  if (pct === 0 && abs === 0) {
    errs.push(`${pctPath}: Invalid value: 0: cannot be zero at the same time as ${ABSOLUTE}`);
    errs.push(`${absPath}: Invalid value: 0: cannot be zero at the same time as ${PERCENTAGE}`);
  }
  return errs;
}

/**
 * How many candidates the dry run must produce: `pct%` of the potential nodes
 * (int32 arithmetic, truncating), at least `abs`, never more than the nodes.
 */
export function calculateNumCandidates(numNodes: number, args: DefaultPreemptionArgs): number {
  let n = Math.trunc((numNodes * args.minCandidateNodesPercentage) / 100);
  if (n < args.minCandidateNodesAbsolute) n = args.minCandidateNodesAbsolute;
  if (n > numNodes) n = numNodes;
  return n;
}
