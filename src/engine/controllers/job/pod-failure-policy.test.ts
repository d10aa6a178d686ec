/** matchPodFailurePolicy (pkg/controller/job/pod_failure_policy.go). */
import { describe, expect, it } from 'vitest';
import type { Pod } from '../../model/types';
import { matchPodFailurePolicy } from './pod-failure-policy';

const failed = (exitCode: number, conditions: { type: string; status: string }[] = []): Pod =>
  ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', namespace: 'ns' },
    spec: { containers: [{ name: 'main' }] },
    status: { phase: 'Failed', conditions, containerStatuses: [{ name: 'main', state: { terminated: { exitCode } } }] },
  }) as unknown as Pod;

describe('matchPodFailurePolicy', () => {
  it('FailJob on an exit code names the container, the code, the action and the rule index', () => {
    const policy = { rules: [{ action: 'Ignore', onExitCodes: { operator: 'In', values: [1] } }, { action: 'FailJob', onExitCodes: { operator: 'In', values: [42] } }] };
    expect(matchPodFailurePolicy(policy, failed(42))).toEqual({ failJob: 'Container main for pod ns/p failed with exit code 42 matching FailJob rule at index 1', count: true });
    expect(matchPodFailurePolicy(policy, failed(1))).toEqual({ count: false });
    expect(matchPodFailurePolicy(policy, failed(3))).toEqual({ count: true });
  });

  it('NotIn matches other non-zero codes only; containerName restricts the container', () => {
    expect(matchPodFailurePolicy({ rules: [{ action: 'Ignore', onExitCodes: { operator: 'NotIn', values: [5] } }] }, failed(7))).toEqual({ count: false });
    expect(matchPodFailurePolicy({ rules: [{ action: 'Ignore', onExitCodes: { operator: 'NotIn', values: [5] } }] }, failed(0))).toEqual({ count: true });
    expect(matchPodFailurePolicy({ rules: [{ action: 'Ignore', onExitCodes: { containerName: 'side', operator: 'In', values: [7] } }] }, failed(7))).toEqual({ count: true });
  });

  it('onPodConditions: status defaults to True', () => {
    const policy = { rules: [{ action: 'FailJob', onPodConditions: [{ type: 'DisruptionTarget' }] }] };
    expect(matchPodFailurePolicy(policy, failed(137, [{ type: 'DisruptionTarget', status: 'True' }])).failJob).toBe('Pod ns/p has condition DisruptionTarget matching FailJob rule at index 0');
    expect(matchPodFailurePolicy(policy, failed(137, [{ type: 'DisruptionTarget', status: 'False' }]))).toEqual({ count: true });
  });
});
