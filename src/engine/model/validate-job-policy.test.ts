import { describe, expect, it } from 'vitest';
import { validateJobPolicies } from './validate-job-policy';

const spec = (rules: unknown[], extra: Record<string, unknown> = {}) => ({
  podFailurePolicy: { rules },
  template: { spec: { restartPolicy: 'Never', containers: [{ name: 'main' }], initContainers: [{ name: 'init' }] } },
  ...extra,
});
const check = (s: Record<string, unknown>) => {
  const errs: { index: number; field: string; message: string }[] = [];
  validateJobPolicies(s, 0, errs);
  return errs.map((e) => `${e.field}: ${e.message}`);
};

describe('validateJobPolicies', () => {
  it('unsorted exit codes, an unknown operator, action and status, a missing action', () => {
    expect(check(spec([{ action: 'Retry', onExitCodes: { operator: 'Gt', values: [5, 2] } }]))).toEqual([
      'spec.podFailurePolicy.rules[0].action: Unsupported value: "Retry": supported values: "Count", "FailIndex", "FailJob", "Ignore"',
      'spec.podFailurePolicy.rules[0].onExitCodes.operator: Unsupported value: "Gt": supported values: "In", "NotIn"',
      'spec.podFailurePolicy.rules[0].onExitCodes.values: Invalid value: [5,2]: must be ordered',
    ]);
    expect(check(spec([{ onPodConditions: [{ type: 'DisruptionTarget', status: 'Maybe' }] }]))).toEqual([
      'spec.podFailurePolicy.rules[0].action: Required value: valid values: ["Count" "FailIndex" "FailJob" "Ignore"]',
      'spec.podFailurePolicy.rules[0].onPodConditions[0].status: Unsupported value: "Maybe": supported values: "False", "True", "Unknown"',
    ]);
  });

  it('both kinds of requirement in one rule; an init container name is accepted; no values', () => {
    expect(check(spec([{ action: 'Count', onExitCodes: { containerName: 'init', operator: 'NotIn', values: [] }, onPodConditions: [{ type: 'X' }] }]))).toEqual([
      'spec.podFailurePolicy.rules[0].onExitCodes.values: Invalid value: []: at least one value is required',
      'spec.podFailurePolicy.rules[0]: Invalid value: specifying both OnExitCodes and OnPodConditions is not supported',
    ]);
  });

  it('valid policies pass: FailIndex with backoffLimitPerIndex, a defaulted status, either replacement policy without a failure policy', () => {
    expect(check(spec([{ action: 'FailIndex', onPodConditions: [{ type: 'DisruptionTarget' }] }], { backoffLimitPerIndex: 1, podReplacementPolicy: 'Failed' }))).toEqual([]);
    expect(check({ podReplacementPolicy: 'TerminatingOrFailed' })).toEqual([]);
    expect(check({ podReplacementPolicy: 'Failed' })).toEqual([]);
  });
});
