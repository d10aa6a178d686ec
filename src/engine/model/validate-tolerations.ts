/**
 * Toleration validation, in the spirit of the API server's ValidateTolerations:
 * an operator, effect or value the taint matcher cannot read is refused with the
 * field it is in, instead of being silently treated as "tolerates nothing".
 */

/** One problem: a path relative to the tolerations list and an upstream-style message. */
export interface FieldProblem {
  field: string;
  message: string;
}

import { isObj } from './is-object';
const shown = (v: unknown) => JSON.stringify(v === undefined ? '' : v);
export const TAINT_EFFECTS: readonly string[] = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];
const SUPPORTED_EFFECTS = TAINT_EFFECTS.map((e) => `"${e}"`).join(', ');
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** Problems in `tolerations` (a pod's or pod template's `spec.tolerations`); `path` prefixes each field. */
export function validateTolerations(tolerations: unknown, path: string): FieldProblem[] {
  if (tolerations === undefined || tolerations === null) return [];
  if (!Array.isArray(tolerations)) return [{ field: path, message: `Invalid value: ${shown(tolerations)}: must be a list` }];
  const out: FieldProblem[] = [];
  tolerations.forEach((t: unknown, i) => {
    const at = `${path}[${i}]`;
    if (!isObj(t)) {
      out.push({ field: at, message: `Invalid value: ${shown(t)}: must be a mapping` });
      return;
    }
    const notString = (['key', 'operator', 'value', 'effect'] as const).filter((k) => t[k] !== undefined && t[k] !== null && typeof t[k] !== 'string');
    for (const k of notString) out.push({ field: `${at}.${k}`, message: `Invalid value: ${shown(t[k])}: must be a string` });
    if (notString.length > 0) return;
    const key = (t.key as string | undefined) ?? '';
    const operator = (t.operator as string | undefined) ?? '';
    const value = (t.value as string | undefined) ?? '';
    const effect = (t.effect as string | undefined) ?? '';
    if (key === '' && operator !== 'Exists') {
      out.push({ field: `${at}.operator`, message: `Invalid value: ${shown(operator)}: operator must be Exists when \`key\` is empty, which means "match all values and all keys"` });
    }
    const seconds = t.tolerationSeconds;
    if (seconds !== undefined && seconds !== null) {
      if (typeof seconds !== 'number' || !Number.isInteger(seconds)) {
        out.push({ field: `${at}.tolerationSeconds`, message: `Invalid value: ${shown(seconds)}: must be an integer` });
      } else if (effect !== 'NoExecute') {
        out.push({ field: `${at}.effect`, message: `Invalid value: ${shown(effect)}: effect must be 'NoExecute' when \`tolerationSeconds\` is set` });
      }
    }
    if (operator === 'Equal' || operator === '') {
      if (value.length > 63) out.push({ field: `${at}.operator`, message: `Invalid value: ${shown(value)}: must be no more than 63 characters` });
      else if (!LABEL_VALUE.test(value)) {
        out.push({
          field: `${at}.operator`,
          message: `Invalid value: ${shown(value)}: a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`,
        });
      }
    } else if (operator === 'Exists') {
      if (value !== '') out.push({ field: `${at}.operator`, message: `Invalid value: ${shown(value)}: value must be empty when \`operator\` is 'Exists'` });
    } else {
      out.push({ field: `${at}.operator`, message: `Unsupported value: ${shown(operator)}: supported values: "Equal", "Exists"` });
    }
    if (effect !== '' && !TAINT_EFFECTS.includes(effect)) {
      out.push({ field: `${at}.effect`, message: `Unsupported value: ${shown(effect)}: supported values: ${SUPPORTED_EFFECTS}` });
    }
  });
  return out;
}
