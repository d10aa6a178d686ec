/**
 * A Job's podFailurePolicy and podReplacementPolicy as the API server validates them after
 * defaulting (pkg/apis/batch/validation/validation.go: validatePodFailurePolicy,
 * validatePodFailurePolicyRule, validatePodFailurePolicyRuleOnExitCodes,
 * validatePodFailurePolicyRuleOnPodConditions, validatePodReplacementPolicy). The supported sets
 * print sorted, as `sets.List` gives them. An onPodConditions pattern without a status is
 * defaulted to True before validation (SetDefaults_Job), so only a status given is checked.
 */
import { isObj } from './is-object';

interface FieldError {
  index: number;
  field: string;
  message: string;
}

const ACTIONS = ['Count', 'FailIndex', 'FailJob', 'Ignore'];
const OPERATORS = ['In', 'NotIn'];
const STATUSES = ['False', 'True', 'Unknown'];
const REPLACEMENT = ['Failed', 'TerminatingOrFailed'];
const MAX_RULES = 20;
const MAX_EXIT_CODES = 255;
const MAX_CONDITION_PATTERNS = 20;

const q = (v: unknown) => JSON.stringify(v);
const supported = (list: readonly string[]) => list.map((x) => q(x)).join(', ');
/** `%q` of a []string, as a Required value's detail prints the valid values. */
const goQuotedList = (list: readonly string[]) => `[${list.map((x) => q(x)).join(' ')}]`;
const present = (v: unknown) => v !== undefined && v !== null;

/** The container and init container names of a Job's template. */
function containerNames(spec: Record<string, unknown>): Set<string> {
  const names = new Set<string>();
  const tpl = isObj(spec.template) && isObj(spec.template.spec) ? spec.template.spec : undefined;
  for (const key of ['containers', 'initContainers']) {
    const list = tpl?.[key];
    if (Array.isArray(list)) for (const c of list) if (isObj(c) && typeof c.name === 'string') names.add(c.name);
  }
  return names;
}

function validateExitCodes(r: Record<string, unknown>, path: string, names: Set<string>, index: number, errs: FieldError[]): void {
  const op = r.operator;
  if (!present(op) || op === '') errs.push({ index, field: `${path}.operator`, message: `Required value: valid values: ${goQuotedList(OPERATORS)}` });
  else if (typeof op !== 'string' || !OPERATORS.includes(op)) errs.push({ index, field: `${path}.operator`, message: `Unsupported value: ${q(op)}: supported values: ${supported(OPERATORS)}` });
  if (present(r.containerName) && !names.has(String(r.containerName))) {
    errs.push({ index, field: `${path}.containerName`, message: `Invalid value: ${q(r.containerName)}: must be one of the container or initContainer names in the pod template` });
  }
  const values = Array.isArray(r.values) ? (r.values as unknown[]) : [];
  if (values.length === 0) errs.push({ index, field: `${path}.values`, message: `Invalid value: ${Array.isArray(r.values) ? '[]' : 'null'}: at least one value is required` });
  else if (values.length > MAX_EXIT_CODES) errs.push({ index, field: `${path}.values`, message: `Too many: ${values.length}: must have at most ${MAX_EXIT_CODES} items` });
  const seen = new Set<unknown>();
  let ordered = true;
  values.forEach((v, j) => {
    if (op === 'In' && v === 0) errs.push({ index, field: `${path}.values[${j}]`, message: 'Invalid value: 0: must not be 0 for the In operator' });
    if (seen.has(v)) errs.push({ index, field: `${path}.values[${j}]`, message: `Duplicate value: ${q(v)}` });
    else seen.add(v);
    if (j > 0 && (values[j - 1] as number) > (v as number)) ordered = false;
  });
  if (!ordered) errs.push({ index, field: `${path}.values`, message: `Invalid value: ${q(values)}: must be ordered` });
}

function validateConditions(list: unknown[], path: string, index: number, errs: FieldError[]): void {
  if (list.length > MAX_CONDITION_PATTERNS) errs.push({ index, field: path, message: `Too many: ${list.length}: must have at most ${MAX_CONDITION_PATTERNS} items` });
  list.forEach((p, j) => {
    if (!isObj(p)) return;
    const status = p.status;
    if (present(status) && status !== '' && (typeof status !== 'string' || !STATUSES.includes(status))) {
      errs.push({ index, field: `${path}[${j}].status`, message: `Unsupported value: ${q(status)}: supported values: ${supported(STATUSES)}` });
    }
  });
}

function validateRule(spec: Record<string, unknown>, rule: Record<string, unknown>, path: string, names: Set<string>, index: number, errs: FieldError[]): void {
  const action = rule.action;
  if (!present(action) || action === '') errs.push({ index, field: `${path}.action`, message: `Required value: valid values: ${goQuotedList(ACTIONS)}` });
  else if (action === 'FailIndex') {
    if (!present(spec.backoffLimitPerIndex)) errs.push({ index, field: `${path}.action`, message: 'Invalid value: "FailIndex": requires the backoffLimitPerIndex to be set' });
  } else if (typeof action !== 'string' || !ACTIONS.includes(action)) {
    errs.push({ index, field: `${path}.action`, message: `Unsupported value: ${q(action)}: supported values: ${supported(ACTIONS)}` });
  }
  const onExit = isObj(rule.onExitCodes) ? rule.onExitCodes : undefined;
  const onConditions = Array.isArray(rule.onPodConditions) ? (rule.onPodConditions as unknown[]) : [];
  if (onExit) validateExitCodes(onExit, `${path}.onExitCodes`, names, index, errs);
  if (onConditions.length > 0) validateConditions(onConditions, `${path}.onPodConditions`, index, errs);
  if (onExit && onConditions.length > 0) errs.push({ index, field: path, message: 'Invalid value: specifying both OnExitCodes and OnPodConditions is not supported' });
  if (!onExit && onConditions.length === 0) errs.push({ index, field: path, message: 'Invalid value: specifying one of OnExitCodes and OnPodConditions is required' });
}

/** validatePodFailurePolicy then validatePodReplacementPolicy, in validateJobSpec's order. */
export function validateJobPolicies(spec: Record<string, unknown>, index: number, errs: FieldError[]): void {
  const policy = spec.podFailurePolicy;
  const hasPolicy = present(policy);
  if (isObj(policy)) {
    const rules = Array.isArray(policy.rules) ? (policy.rules as unknown[]) : [];
    if (rules.length > MAX_RULES) errs.push({ index, field: 'spec.podFailurePolicy.rules', message: `Too many: ${rules.length}: must have at most ${MAX_RULES} items` });
    const names = containerNames(spec);
    rules.forEach((r, i) => {
      if (isObj(r)) validateRule(spec, r, `spec.podFailurePolicy.rules[${i}]`, names, index, errs);
    });
  }
  const replacement = spec.podReplacementPolicy;
  if (!present(replacement)) return;
  const field = 'spec.podReplacementPolicy';
  if (hasPolicy) {
    if (replacement !== 'Failed') errs.push({ index, field, message: `Unsupported value: ${q(replacement)}: supported values: "Failed"` });
  } else if (typeof replacement !== 'string' || !REPLACEMENT.includes(replacement)) {
    errs.push({ index, field, message: `Unsupported value: ${q(replacement)}: supported values: ${supported(REPLACEMENT)}` });
  }
}
