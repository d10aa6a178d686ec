/**
 * A Job's podFailurePolicy (pkg/controller/job/pod_failure_policy.go matchPodFailurePolicy): the
 * first rule whose onExitCodes or onPodConditions requirement matches a failed pod decides its
 * fate: Ignore (not counted towards backoffLimit), Count, or FailJob (the Job fails with
 * reason PodFailurePolicy and a message naming the container or condition). No rule matching:
 * counted. FailIndex (with backoffLimitPerIndex) is not modelled: such a rule counts.
 */
import type { Pod } from '../../model/types';
import { isObj } from '../../model/is-object';

export interface PodFailureMatch {
  /** FailJob's message, when that rule matched. */
  failJob?: string;
  /** Whether the failure counts towards backoffLimit (false for Ignore). */
  count: boolean;
}


interface Terminated {
  name?: string;
  state?: { terminated?: { exitCode?: number } };
}

/** getMatchingContainerFromList: the first terminated container with a non-zero exit code the requirement accepts. */
function matchingContainer(statuses: unknown, req: Record<string, unknown>): Terminated | undefined {
  if (!Array.isArray(statuses)) return undefined;
  const values = Array.isArray(req.values) ? (req.values as unknown[]) : [];
  for (const cs of statuses as Terminated[]) {
    const code = cs?.state?.terminated?.exitCode;
    if (typeof code !== 'number') continue;
    if (typeof req.containerName === 'string' && req.containerName !== cs.name) continue;
    if (code === 0) continue;
    const listed = values.includes(code);
    if ((req.operator === 'In' && listed) || (req.operator === 'NotIn' && !listed)) return cs;
  }
  return undefined;
}

export function matchPodFailurePolicy(policy: unknown, pod: Pod): PodFailureMatch {
  if (!isObj(policy) || !Array.isArray(policy.rules)) return { count: true };
  const ns = pod.metadata.namespace ?? 'default';
  const name = pod.metadata.name ?? '';
  for (const [index, rule] of (policy.rules as unknown[]).entries()) {
    if (!isObj(rule)) continue;
    let failJob: string | undefined;
    if (isObj(rule.onExitCodes)) {
      const cs = matchingContainer(pod.status?.containerStatuses, rule.onExitCodes) ?? matchingContainer(pod.status?.initContainerStatuses, rule.onExitCodes);
      if (!cs) continue;
      failJob = `Container ${cs.name} for pod ${ns}/${name} failed with exit code ${cs.state?.terminated?.exitCode} matching ${String(rule.action)} rule at index ${index}`;
    } else if (Array.isArray(rule.onPodConditions)) {
      const patterns = rule.onPodConditions as unknown[];
      // The pattern's status defaults to True (SetDefaults_PodFailurePolicyOnPodConditionsPattern).
      const cond = (pod.status?.conditions ?? []).find((c) => patterns.some((pt) => isObj(pt) && pt.type === c.type && (pt.status ?? 'True') === c.status));
      if (!cond) continue;
      failJob = `Pod ${ns}/${name} has condition ${cond.type} matching ${String(rule.action)} rule at index ${index}`;
    } else continue;
    if (rule.action === 'Ignore') return { count: false };
    if (rule.action === 'Count') return { count: true };
    if (rule.action === 'FailJob') return { failJob, count: true };
  }
  return { count: true };
}
