/**
 * NodeResourcesFitArgs: the KubeSchedulerConfiguration args of NodeResourcesFit,
 * with upstream's v1 defaulting (SetDefaults_NodeResourcesFitArgs) and
 * validation (ValidateNodeResourcesFitArgs), messages and field paths included.
 */
import { defaultResourceSpecs, type ResourceSpec } from '../helpers/resource-allocation';
import { child, index, invalid, notSupported, required, validateLabelName } from '../helpers/args-validation';

export type { ResourceSpec } from '../helpers/resource-allocation';

export const LEAST_ALLOCATED = 'LeastAllocated';
export const MOST_ALLOCATED = 'MostAllocated';
export const REQUESTED_TO_CAPACITY_RATIO = 'RequestedToCapacityRatio';

export type ScoringStrategyType = typeof LEAST_ALLOCATED | typeof MOST_ALLOCATED | typeof REQUESTED_TO_CAPACITY_RATIO;

/** Sorted, as sets.List prints them in the "supported values" message. */
export const SUPPORTED_SCORING_STRATEGY_TYPES: readonly string[] = [
  LEAST_ALLOCATED,
  MOST_ALLOCATED,
  REQUESTED_TO_CAPACITY_RATIO,
];

/** Shape scores are written on 0..10 (MaxCustomPriorityScore) and scaled ×10 to node scores. */
export const MAX_CUSTOM_PRIORITY_SCORE = 10;

export interface UtilizationShapePoint {
  /** 0..100 */
  utilization: number;
  /** 0..10 */
  score: number;
}

export interface RequestedToCapacityRatioParam {
  shape: UtilizationShapePoint[];
}

export interface ScoringStrategy {
  /** Kept as a string: validation reports unsupported values. */
  type: ScoringStrategyType | (string & {});
  resources: ResourceSpec[];
  requestedToCapacityRatio?: RequestedToCapacityRatioParam;
}

export interface NodeResourcesFitArgs {
  /** Extended resources the Filter does not check. */
  ignoredResources: string[];
  /** Extended-resource groups (the part before `/`) the Filter does not check. */
  ignoredResourceGroups: string[];
  scoringStrategy: ScoringStrategy;
}

/** Loosely typed input, as read from a config file. */
type ArgsInput = Partial<Omit<NodeResourcesFitArgs, 'scoringStrategy'>> & {
  scoringStrategy?: Partial<Omit<ScoringStrategy, 'resources'>> & { resources?: Partial<ResourceSpec>[] };
};

/** Weight 0 or missing becomes 1 (v1's int64 zero value is "not set"). */
function withDefaultWeights(resources: readonly Partial<ResourceSpec>[]): ResourceSpec[] {
  return resources.map((r) => ({ name: r.name ?? '', weight: r.weight === undefined || r.weight === 0 ? 1 : r.weight }));
}

/**
 * SetDefaults_NodeResourcesFitArgs: no scoringStrategy → LeastAllocated with
 * cpu:1, memory:1; empty resources → cpu:1, memory:1; weight 0 → 1. The type
 * itself is not defaulted when a strategy is given. Returns a fresh object.
 */
export function defaultNodeResourcesFitArgs(input?: Partial<NodeResourcesFitArgs>): NodeResourcesFitArgs {
  const a = (input ?? {}) as ArgsInput;
  const s = a.scoringStrategy;
  let scoringStrategy: ScoringStrategy;
  if (s === undefined || s === null) {
    scoringStrategy = { type: LEAST_ALLOCATED, resources: defaultResourceSpecs() };
  } else {
    const resources = s.resources && s.resources.length > 0 ? withDefaultWeights(s.resources) : defaultResourceSpecs();
    scoringStrategy = { type: s.type ?? '', resources };
    if (s.requestedToCapacityRatio) {
      scoringStrategy.requestedToCapacityRatio = {
        shape: (s.requestedToCapacityRatio.shape ?? []).map((p) => ({ utilization: p.utilization, score: p.score })),
      };
    }
  }
  return {
    ignoredResources: [...(a.ignoredResources ?? [])],
    ignoredResourceGroups: [...(a.ignoredResourceGroups ?? [])],
    scoringStrategy,
  };
}

/** validateFunctionShape: at least one point, utilizations strictly increasing, in range. */
export function validateFunctionShape(shape: readonly UtilizationShapePoint[] | undefined, path: string): string[] {
  const errs: string[] = [];
  if (!shape || shape.length === 0) {
    errs.push(required(path, 'at least one point must be specified'));
    return errs;
  }
  for (let i = 1; i < shape.length; i++) {
    if (shape[i - 1].utilization >= shape[i].utilization) {
      errs.push(invalid(child(index(path, i), 'utilization'), shape[i].utilization, 'values must be sorted in increasing order'));
      break;
    }
  }
  shape.forEach((p, i) => {
    if (!(p.utilization >= 0 && p.utilization <= 100)) {
      errs.push(invalid(child(index(path, i), 'utilization'), p.utilization, 'not in valid range [0, 100]'));
    }
    if (!(p.score >= 0 && p.score <= MAX_CUSTOM_PRIORITY_SCORE)) {
      errs.push(invalid(child(index(path, i), 'score'), p.score, `not in valid range [0, ${MAX_CUSTOM_PRIORITY_SCORE}]`));
    }
  });
  return errs;
}

/** validateResources: each weight in (0, 100]. */
export function validateResourceWeights(resources: readonly ResourceSpec[], path: string): string[] {
  const errs: string[] = [];
  resources.forEach((r, i) => {
    if (!(r.weight > 0 && r.weight <= 100)) {
      errs.push(invalid(child(index(path, i), 'weight'), r.weight, `resource weight of ${r.name} not in valid range (0, 100]`));
    }
  });
  return errs;
}

/**
 * ValidateNodeResourcesFitArgs. `path` prefixes every field path ("" for none,
 * as NewFit validates). Upstream does not reject duplicate resource names here.
 */
export function validateNodeResourcesFitArgs(args: NodeResourcesFitArgs, path = ''): string[] {
  const errs: string[] = [];
  const resPath = child(path, 'ignoredResources');
  args.ignoredResources.forEach((r, i) => errs.push(...validateLabelName(r, index(resPath, i))));

  const groupPath = child(path, 'ignoredResourceGroups');
  args.ignoredResourceGroups.forEach((g, i) => {
    const p = index(groupPath, i);
    if (g.includes('/')) errs.push(invalid(p, g, "resource group name can't contain '/'"));
    errs.push(...validateLabelName(g, p));
  });

  const s = args.scoringStrategy;
  const strategyPath = child(path, 'scoringStrategy');
  if (s) {
    if (!SUPPORTED_SCORING_STRATEGY_TYPES.includes(s.type)) {
      errs.push(notSupported(child(strategyPath, 'type'), s.type, SUPPORTED_SCORING_STRATEGY_TYPES));
    }
    errs.push(...validateResourceWeights(s.resources, child(strategyPath, 'resources')));
    if (s.requestedToCapacityRatio) {
      // Upstream reports shape errors under scoringStrategy.shape, not requestedToCapacityRatio.shape.
      errs.push(...validateFunctionShape(s.requestedToCapacityRatio.shape, child(strategyPath, 'shape')));
    } else if (s.type === REQUESTED_TO_CAPACITY_RATIO) {
      // Upstream would dereference a nil param and crash; report it as a missing shape instead.
      errs.push(required(child(strategyPath, 'shape'), 'at least one point must be specified'));
    }
  }
  return errs;
}
