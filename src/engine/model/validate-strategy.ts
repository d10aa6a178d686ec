/**
 * The rolling-update parameters of the apps/v1 workloads as the API server validates them
 * (kubernetes/kubernetes pkg/apis/apps/validation/validation.go), on the object as
 * pkg/apis/apps/v1/defaults.go leaves it.
 */
import type { ObjectError } from './validate';
import { isObj } from './is-object';

/** Feature gates that change what the API server accepts. */
export interface ValidationGates {
  /** MaxUnavailableStatefulSet (off in v1.36): without it the registry drops the field before validation. */
  maxUnavailableStatefulSet?: boolean;
  /**
   * Not a feature gate: false leaves object names and namespaces unchecked (validate-names.ts), for
   * `podscape schedule` and `explain`, which read scheduler fixtures as upstream's unit tests
   * write them (`nodeA`, `machine1`) without an API server in between. Checked unless false.
   */
  objectNames?: boolean;
}

const PERCENT = /^[0-9]+%$/;
const PERCENT_MESSAGE = "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')";

/**
 * An IntOrString field as pkg/apis/apps/validation checks it. ValidatePositiveIntOrPercent: an int
 * ≥ 0 (ValidateNonnegativeField) or a string matching `[0-9]+%` (IsValidPercent). The value prints
 * as its JSON (`0`, `"150%"`): field.Error.ErrorBody renders structs with json.Marshal since v1.34
 * (kubernetes#132314), and IntOrString marshals as its int or its string.
 */
function positiveIntOrPercent(v: number | string, field: string, index: number, errs: ObjectError[]): void {
  if (typeof v === 'string') {
    if (!PERCENT.test(v)) errs.push({ index, field, message: `Invalid value: ${JSON.stringify(v)}: ${PERCENT_MESSAGE}` });
  } else if (Number.isInteger(v) && v < 0) errs.push({ index, field, message: `Invalid value: ${v}: must be greater than or equal to 0` });
}

/** getIntOrPercentValue: a percent's number, else IntOrString.IntValue (strconv.Atoi of a string, 0 when it does not parse). */
function intOrPercentValue(v: number | string): number {
  if (typeof v === 'number') return v;
  if (PERCENT.test(v)) return Number(v.slice(0, -1));
  return /^[+-]?[0-9]+$/.test(v) ? Number(v) : 0;
}

/** IsNotMoreThan100Percent: only a valid percent string can be over 100%. */
function notOver100Percent(v: number | string, field: string, index: number, errs: ObjectError[]): void {
  if (typeof v === 'string' && PERCENT.test(v) && Number(v.slice(0, -1)) > 100) errs.push({ index, field, message: `Invalid value: ${JSON.stringify(v)}: must not be greater than 100%` });
}

const intOrString = (v: unknown): v is number | string => typeof v === 'number' || typeof v === 'string';


/**
 * A strategy as field.Error renders it: json.Marshal of the internal apps type, which has no json
 * tags, so its Go field names (`{"Type":"Foo","RollingUpdate":null}`, as an API server prints it).
 * Internal RollingUpdateDeployment and RollingUpdateDaemonSet hold plain IntOrStrings (0 when
 * unset); RollingUpdateStatefulSetStrategy a Partition (0) and a MaxUnavailable pointer (null).
 */
function internalStrategy(kind: 'Deployment' | 'DaemonSet' | 'StatefulSet', strategy: Record<string, unknown>): string {
  const ru = isObj(strategy.rollingUpdate) ? strategy.rollingUpdate : null;
  return JSON.stringify({ Type: strategy.type ?? '', RollingUpdate: ru && internalRollingUpdate(kind, ru) });
}

function internalRollingUpdate(kind: 'Deployment' | 'DaemonSet' | 'StatefulSet', ru: Record<string, unknown>): Record<string, unknown> {
  if (kind === 'StatefulSet') return { Partition: typeof ru.partition === 'number' ? ru.partition : 0, MaxUnavailable: intOrString(ru.maxUnavailable) ? ru.maxUnavailable : null };
  return { MaxUnavailable: intOrString(ru.maxUnavailable) ? ru.maxUnavailable : 0, MaxSurge: intOrString(ru.maxSurge) ? ru.maxSurge : 0 };
}

/** field.NotSupported's words for a strategy of an unknown type. */
const unsupported = (kind: 'Deployment' | 'DaemonSet', strategy: Record<string, unknown>, values: string[]) =>
  `Unsupported value: ${internalStrategy(kind, strategy)}: supported values: ${values.map((v) => `"${v}"`).join(', ')}`;

/**
 * A StatefulSet's `updateStrategy.rollingUpdate` (validateRollingUpdateStatefulSet): partition
 * ≥ 0; maxUnavailable, when the gate keeps it, an int or percent (as above), not 0, not over 100%.
 */
export function validateStatefulSetRollingUpdate(spec: Record<string, unknown>, gates: ValidationGates, index: number, errs: ObjectError[]): void {
  const strategy = spec.updateStrategy;
  if (!isObj(strategy)) return;
  if (strategy.type === 'OnDelete') {
    if (isObj(strategy.rollingUpdate)) {
      const ru = internalRollingUpdate('StatefulSet', strategy.rollingUpdate);
      // Without the gate the registry has dropped maxUnavailable before validation.
      if (!gates.maxUnavailableStatefulSet) ru.MaxUnavailable = null;
      errs.push({ index, field: 'spec.updateStrategy.rollingUpdate', message: `Invalid value: ${JSON.stringify(ru)}: only allowed for updateStrategy 'RollingUpdate'` });
    }
    return;
  }
  if (strategy.type !== undefined && strategy.type !== 'RollingUpdate') {
    errs.push({ index, field: 'spec.updateStrategy', message: `Invalid value: ${internalStrategy('StatefulSet', strategy)}: must be 'RollingUpdate' or 'OnDelete'` });
    return;
  }
  const ru = strategy.rollingUpdate;
  if (!isObj(ru)) return;
  const path = 'spec.updateStrategy.rollingUpdate';
  if (typeof ru.partition === 'number' && Number.isInteger(ru.partition) && ru.partition < 0) {
    errs.push({ index, field: `${path}.partition`, message: `Invalid value: ${ru.partition}: must be greater than or equal to 0` });
  }
  const mu = ru.maxUnavailable;
  if (!gates.maxUnavailableStatefulSet || !intOrString(mu)) return;
  const field = `${path}.maxUnavailable`;
  positiveIntOrPercent(mu, field, index, errs);
  if (intOrPercentValue(mu) === 0) errs.push({ index, field, message: `Invalid value: ${JSON.stringify(mu)}: cannot be 0` });
  notOver100Percent(mu, field, index, errs);
}

/**
 * A Deployment's `strategy` after SetDefaults_Deployment (type RollingUpdate, 25% for an unset
 * maxUnavailable or maxSurge), as ValidateDeploymentStrategy and ValidateRollingUpdateDeployment
 * check it: Recreate takes no rollingUpdate; both values int or percent; not both 0; maxUnavailable
 * not over 100% (maxSurge may be).
 */
export function validateDeploymentStrategy(spec: Record<string, unknown>, index: number, errs: ObjectError[]): void {
  const strategy = spec.strategy;
  if (!isObj(strategy)) return;
  const ru = strategy.rollingUpdate;
  if (strategy.type === 'Recreate') {
    if (ru !== undefined && ru !== null) errs.push({ index, field: 'spec.strategy.rollingUpdate', message: "Forbidden: may not be specified when strategy `type` is 'Recreate'" });
    return;
  }
  if (strategy.type !== undefined && strategy.type !== 'RollingUpdate') {
    errs.push({ index, field: 'spec.strategy', message: unsupported('Deployment', strategy, ['Recreate', 'RollingUpdate']) });
    return;
  }
  const r = isObj(ru) ? ru : {};
  const mu = intOrString(r.maxUnavailable) ? r.maxUnavailable : '25%';
  const ms = intOrString(r.maxSurge) ? r.maxSurge : '25%';
  const path = 'spec.strategy.rollingUpdate';
  positiveIntOrPercent(mu, `${path}.maxUnavailable`, index, errs);
  positiveIntOrPercent(ms, `${path}.maxSurge`, index, errs);
  if (intOrPercentValue(mu) === 0 && intOrPercentValue(ms) === 0) errs.push({ index, field: `${path}.maxUnavailable`, message: `Invalid value: ${JSON.stringify(mu)}: may not be 0 when \`maxSurge\` is 0` });
  notOver100Percent(mu, `${path}.maxUnavailable`, index, errs);
}

/**
 * A DaemonSet's `updateStrategy` after SetDefaults_DaemonSet (type RollingUpdate, maxUnavailable 1
 * and maxSurge 0 when unset), as ValidateRollingUpdateDaemonSet checks it: both int or percent,
 * neither over 100%, and exactly one of them non-zero.
 */
export function validateDaemonSetStrategy(spec: Record<string, unknown>, index: number, errs: ObjectError[]): void {
  const strategy = spec.updateStrategy;
  if (!isObj(strategy) || strategy.type === 'OnDelete') return;
  if (strategy.type !== undefined && strategy.type !== 'RollingUpdate') {
    errs.push({ index, field: 'spec.updateStrategy', message: unsupported('DaemonSet', strategy, ['RollingUpdate', 'OnDelete']) });
    return;
  }
  const r = isObj(strategy.rollingUpdate) ? strategy.rollingUpdate : {};
  const mu = intOrString(r.maxUnavailable) ? r.maxUnavailable : 1;
  const ms = intOrString(r.maxSurge) ? r.maxSurge : 0;
  const path = 'spec.updateStrategy.rollingUpdate';
  positiveIntOrPercent(mu, `${path}.maxUnavailable`, index, errs);
  positiveIntOrPercent(ms, `${path}.maxSurge`, index, errs);
  notOver100Percent(mu, `${path}.maxUnavailable`, index, errs);
  notOver100Percent(ms, `${path}.maxSurge`, index, errs);
  const hasUnavailable = intOrPercentValue(mu) !== 0;
  const hasSurge = intOrPercentValue(ms) !== 0;
  if (hasUnavailable && hasSurge) errs.push({ index, field: `${path}.maxSurge`, message: `Invalid value: ${JSON.stringify(ms)}: may not be set when maxUnavailable is non-zero` });
  else if (!hasUnavailable && !hasSurge) errs.push({ index, field: `${path}.maxUnavailable`, message: 'Required value: cannot be 0 when maxSurge is 0' });
}

/**
 * ValidateDeploymentSpec's last check: progressDeadlineSeconds (600 when unset: apps/v1 defaults
 * it) must be greater than minReadySeconds, or the deadline would pass before a pod could count
 * as available.
 */
export function validateProgressDeadline(spec: Record<string, unknown>, index: number, errs: ObjectError[]): void {
  const deadline = spec.progressDeadlineSeconds ?? 600;
  const minReady = spec.minReadySeconds ?? 0;
  if (typeof deadline !== 'number' || typeof minReady !== 'number' || !Number.isInteger(deadline) || !Number.isInteger(minReady)) return;
  if (deadline <= minReady) errs.push({ index, field: 'spec.progressDeadlineSeconds', message: `Invalid value: ${deadline}: must be greater than minReadySeconds` });
}
