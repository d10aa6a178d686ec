/**
 * InterPodAffinityArgs: upstream's defaulting (SetDefaults_InterPodAffinityArgs)
 * and validation (ValidateInterPodAffinityArgs), with field-error wording.
 */

export interface InterPodAffinityArgs {
  /** Score for each existing pod whose required affinity term selects the incoming pod; 0..100, default 1. */
  hardPodAffinityWeight: number;
  /** Skip scoring entirely when the incoming pod has no preferred (anti-)affinity terms. */
  ignorePreferredTermsOfExistingPods: boolean;
}

export const DEFAULT_HARD_POD_AFFINITY_WEIGHT = 1;
const MIN_HARD_POD_AFFINITY_WEIGHT = 0;
const MAX_HARD_POD_AFFINITY_WEIGHT = 100;

export function defaultInterPodAffinityArgs(args: Partial<InterPodAffinityArgs> | undefined): InterPodAffinityArgs {
  return {
    hardPodAffinityWeight: args?.hardPodAffinityWeight ?? DEFAULT_HARD_POD_AFFINITY_WEIGHT,
    ignorePreferredTermsOfExistingPods: args?.ignorePreferredTermsOfExistingPods ?? false,
  };
}

/** Every problem with `args`, each message prefixed by its field path under `path`. */
export function validateInterPodAffinityArgs(args: InterPodAffinityArgs, path: string): string[] {
  const field = path === '' ? 'hardPodAffinityWeight' : `${path}.hardPodAffinityWeight`;
  const w = args.hardPodAffinityWeight;
  if (!(w >= MIN_HARD_POD_AFFINITY_WEIGHT && w <= MAX_HARD_POD_AFFINITY_WEIGHT)) {
    return [
      `${field}: Invalid value: ${w}: not in valid range [${MIN_HARD_POD_AFFINITY_WEIGHT}, ${MAX_HARD_POD_AFFINITY_WEIGHT}]`,
    ];
  }
  return [];
}
