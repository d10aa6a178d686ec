/**
 * Object names and namespaces as ValidateObjectMeta checks them (k8s.io/apimachinery
 * pkg/api/validation/objectmeta.go): each resource has its name rule (a DNS-1123 subdomain
 * for most, NameIsDNSLabel for a Namespace and a StatefulSet, NameIsDNS1035Label for a Service,
 * path.ValidatePathSegmentName for the RBAC kinds), and a namespaced object's namespace is a
 * DNS-1123 label (ValidateNamespaceName). Custom resources are held to the path-segment rule
 * only (their CRDs may be looser than the subdomain rule apiextensions applies: a
 * simplification on the lenient side). Messages follow k8s.io/apimachinery
 * pkg/util/validation/validation.go.
 */
import { goQuote, isDNS1123Subdomain, isQualifiedName, isValidLabelValue, maxLenError, regexError, byteLength } from '../scheduler/plugins/helpers/args-validation';
import { isBuiltInKind } from './served-kinds';

const LABEL_FMT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const LABEL_RE = new RegExp(`^${LABEL_FMT}$`);
const SUBDOMAIN_RE = new RegExp(`^${LABEL_FMT}(\\.${LABEL_FMT})*$`);
const LABEL_MSG = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
const DNS1035_FMT = '[a-z]([-a-z0-9]*[a-z0-9])?';
const DNS1035_RE = new RegExp(`^${DNS1035_FMT}$`);
const DNS1035_MSG = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character";
const LABEL_MAX = 63;

/** validation.IsDNS1123Label. */
export function isDNS1123Label(value: string): string[] {
  const errs: string[] = [];
  if (byteLength(value) > LABEL_MAX) errs.push(maxLenError(LABEL_MAX));
  if (!LABEL_RE.test(value)) errs.push(SUBDOMAIN_RE.test(value) ? 'must not contain dots' : regexError(LABEL_MSG, LABEL_FMT, 'my-name', '123-abc'));
  return errs;
}

/** validation.IsDNS1035Label. */
function isDNS1035Label(value: string): string[] {
  const errs: string[] = [];
  if (byteLength(value) > LABEL_MAX) errs.push(maxLenError(LABEL_MAX));
  if (!DNS1035_RE.test(value)) errs.push(regexError(DNS1035_MSG, DNS1035_FMT, 'my-name', 'abc-123'));
  return errs;
}

/** path.IsValidPathSegmentName. */
function isPathSegmentName(value: string): string[] {
  if (value === '.' || value === '..') return [`may not be '${value}'`];
  const errs: string[] = [];
  for (const bad of ['/', '%']) if (value.includes(bad)) errs.push(`may not contain '${bad}'`);
  return errs;
}

const RBAC = new Set(['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding']);

function nameRule(apiVersion: unknown, kind: string): (name: string) => string[] {
  if (!isBuiltInKind(apiVersion, kind) || RBAC.has(kind)) return isPathSegmentName;
  // ValidateStatefulSetName is NameIsDNSLabel (not a subdomain): its pods carry the name in labels.
  if (kind === 'Namespace' || kind === 'StatefulSet') return isDNS1123Label;
  if (kind === 'Service') return isDNS1035Label;
  return isDNS1123Subdomain;
}

/** The first problem with an object's name or namespace, as field and message, or undefined. `namespaced`: the kind is namespaced. */
export function nameError(apiVersion: unknown, kind: string, name: string, namespace: unknown, namespaced: boolean): { field: string; message: string } | undefined {
  const [bad] = nameRule(apiVersion, kind)(name);
  if (bad !== undefined) return { field: 'metadata.name', message: `Invalid value: ${goQuote(name)}: ${bad}` };
  if (namespaced && typeof namespace === 'string' && namespace !== '') {
    const [badNs] = isDNS1123Label(namespace);
    if (badNs !== undefined) return { field: 'metadata.namespace', message: `Invalid value: ${goQuote(namespace)}: ${badNs}` };
  }
  return undefined;
}

/** apimachinery's TotalAnnotationSizeLimitB: every annotation key and value together, in bytes. */
export const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;


const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The first problem with the labels or annotations of `meta` (at `path`, e.g. `metadata`), as
 * ValidateObjectMeta and ValidatePodTemplateSpec find them: a label key is a qualified name
 * and a value at most 63 bytes of alphanumerics and `-_.` (ValidateLabels); an annotation key
 * is a qualified name in any case, and all keys and values together are at most 256 KiB
 * (ValidateAnnotations). Values of the wrong type are the decoder's to report.
 */
export function labelsAnnotationsError(meta: unknown, path: string): { field: string; message: string } | undefined {
  if (!isMap(meta)) return undefined;
  if (isMap(meta.labels)) {
    const field = `${path}.labels`;
    for (const [k, v] of Object.entries(meta.labels)) {
      const [badKey] = isQualifiedName(k);
      if (badKey !== undefined) return { field, message: `Invalid value: ${goQuote(k)}: ${badKey}` };
      const [badValue] = typeof v === 'string' ? isValidLabelValue(v) : [];
      if (badValue !== undefined) return { field, message: `Invalid value: ${goQuote(v as string)}: ${badValue}` };
    }
  }
  if (isMap(meta.annotations)) {
    const field = `${path}.annotations`;
    let size = 0;
    for (const [k, v] of Object.entries(meta.annotations)) {
      const [badKey] = isQualifiedName(k.toLowerCase());
      if (badKey !== undefined) return { field, message: `Invalid value: ${goQuote(k)}: ${badKey}` };
      size += byteLength(k) + (typeof v === 'string' ? byteLength(v) : 0);
    }
    if (size > TOTAL_ANNOTATION_SIZE_LIMIT) return { field, message: `Too long: must have at most ${TOTAL_ANNOTATION_SIZE_LIMIT} bytes` };
  }
  return undefined;
}
