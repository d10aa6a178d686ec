/**
 * PodTopologySpreadArgs: upstream's defaulting (SetDefaults_PodTopologySpreadArgs)
 * and validation (ValidatePodTopologySpreadArgs), with apimachinery's
 * field-error wording so messages read exactly as kube-scheduler prints them.
 */
import type { TopologySpreadConstraint } from '../../../model/types';
import {
  byteLength,
  child,
  duplicate,
  forbidden,
  goQuote,
  invalid,
  isDNS1123Subdomain,
  maxLenError,
  notSupported,
  regexError,
  required,
} from '../helpers/args-validation';

export { goQuote };

export type DefaultingType = 'System' | 'List';

export interface PodTopologySpreadArgs {
  /** Constraints for pods that have none of their own; only with defaultingType List. */
  defaultConstraints: TopologySpreadConstraint[];
  /** System (the default) uses the built-in hostname/zone constraints. */
  defaultingType: DefaultingType;
}

export function defaultPodTopologySpreadArgs(args: Partial<PodTopologySpreadArgs> | undefined): PodTopologySpreadArgs {
  return {
    defaultConstraints: args?.defaultConstraints ?? [],
    // An empty string counts as unset, as in Go.
    defaultingType: args?.defaultingType || 'System',
  };
}

// ---- label keys (apimachinery content.IsLabelKey, v1.35 wording) ----

const LABEL_KEY_FMT = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const LABEL_KEY_RE = new RegExp(`^${LABEL_KEY_FMT}$`);
const LABEL_KEY_MSG =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
/** The messages of content.IsLabelKey (validation.IsQualifiedName); empty when valid. */
export function isLabelKey(value: string): string[] {
  const errs: string[] = [];
  const parts = value.split('/');
  let name: string;
  if (parts.length === 1) {
    name = parts[0];
  } else if (parts.length === 2) {
    name = parts[1];
    if (parts[0].length === 0) errs.push('prefix part must be non-empty');
    else for (const m of isDNS1123Subdomain(parts[0])) errs.push(`prefix part ${m}`);
  } else {
    return [
      `a valid label key ${regexError(LABEL_KEY_MSG, LABEL_KEY_FMT, 'MyName', 'my.name', '123-abc')}` +
        " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    ];
  }
  if (name.length === 0) errs.push('name part must be non-empty');
  else if (byteLength(name) > 63) errs.push(`name part ${maxLenError(63)}`);
  if (!LABEL_KEY_RE.test(name)) errs.push(`name part ${regexError(LABEL_KEY_MSG, LABEL_KEY_FMT, 'MyName', 'my.name', '123-abc')}`);
  return errs;
}

// ---- ValidatePodTopologySpreadArgs ----

const SUPPORTED_DEFAULTING = ['System', 'List'] as const;
const SUPPORTED_ACTIONS = ['DoNotSchedule', 'ScheduleAnyway'] as const; // sorted, as sets.List

/** Every problem with `args`, each message prefixed by its field path under `path`. */
export function validatePodTopologySpreadArgs(args: PodTopologySpreadArgs, path: string): string[] {
  const errs: string[] = [];
  const dt = args.defaultingType as string;
  const constraints = args.defaultConstraints ?? [];
  const dtPath = child(path, 'defaultingType');
  if (dt !== 'System' && dt !== 'List') errs.push(notSupported(dtPath, dt, SUPPORTED_DEFAULTING));
  else if (dt === 'System' && constraints.length > 0) errs.push(invalid(dtPath, dt, 'when .defaultConstraints are not empty'));

  const listPath = child(path, 'defaultConstraints');
  constraints.forEach((c, i) => {
    const p = `${listPath}[${i}]`;
    if (!(c.maxSkew > 0)) errs.push(invalid(`${p}.maxSkew`, c.maxSkew ?? 0, 'not in valid range (0, inf)'));
    const key = c.topologyKey ?? '';
    if (key.length === 0) errs.push(required(`${p}.topologyKey`, 'can not be empty'));
    else for (const m of isLabelKey(key)) errs.push(invalid(`${p}.topologyKey`, key, m));
    const action = (c.whenUnsatisfiable ?? '') as string;
    if (action.length === 0) errs.push(required(`${p}.whenUnsatisfiable`, 'can not be empty'));
    else if (action !== 'DoNotSchedule' && action !== 'ScheduleAnyway') {
      errs.push(notSupported(`${p}.whenUnsatisfiable`, action, SUPPORTED_ACTIONS));
    }
    if (c.labelSelector !== undefined && c.labelSelector !== null) {
      errs.push(forbidden(`${p}.labelSelector`, 'constraint must not define a selector, as they deduced for each pod'));
    }
    for (let j = 0; j < i; j++) {
      const o = constraints[j];
      if (o.topologyKey === c.topologyKey && o.whenUnsatisfiable === c.whenUnsatisfiable) {
        errs.push(duplicate(p, `{${c.topologyKey}, ${c.whenUnsatisfiable}}`));
        break;
      }
    }
  });
  return errs;
}
