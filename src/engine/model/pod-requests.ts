/**
 * What a pod asks for, as the scheduler sees it (reference §5):
 * upstream's component-helpers resource.PodRequests plus the scheduler's
 * non-zero defaults, and the API-server defaulting and validation that
 * decide which requests a stored pod carries.
 *
 * Amounts are summed as exact Quantities and converted to scheduler numbers
 * once, at the end (cpu through MilliValue, everything else through Value),
 * as upstream converts the aggregated ResourceList.
 */
import { goQuote, isQualifiedName } from '../scheduler/plugins/helpers/args-validation';
import { Quantity, QuantityError, parseQuantity } from './quantity';
import { CPU, EPHEMERAL_STORAGE, MEMORY, PODS, Resource } from './resource';
import type { Container, Pod, ResourceList } from './types';

/** Scheduler defaults for a container with no cpu / memory request (scoring only). */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

const HUGEPAGES_PREFIX = 'hugepages-';
/** Largest amount a JavaScript number holds exactly (2^53 - 1, i.e. 8Pi - 1). */
const MAX_EXACT = BigInt(Number.MAX_SAFE_INTEGER);

type QuantityList = Map<string, Quantity>;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

// ---- resource names (upstream v1helper) ------------------------------------------------

const QUALIFIED_PREFIX = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

/** "cpu", "memory", … and anything under kubernetes.io/. */
function isNativeResource(name: string): boolean {
  return !name.includes('/') || name.includes('kubernetes.io/');
}

/** A vendor resource such as "example.com/gpu": whole numbers, never overcommitted. */
export function isExtendedResourceName(name: string): boolean {
  if (isNativeResource(name) || name.startsWith('requests.')) return false;
  // Upstream checks that "requests.<name>" is a qualified name.
  const slash = name.indexOf('/');
  const prefix = `requests.${name.slice(0, slash)}`;
  const rest = name.slice(slash + 1);
  return prefix.length <= 253 && QUALIFIED_PREFIX.test(prefix) && rest.length <= 63 && QUALIFIED_NAME.test(rest);
}

/** Names the scheduler tracks as scalar resources (upstream IsScalarResourceName). */
function isScalarResourceName(name: string): boolean {
  return (
    isExtendedResourceName(name) ||
    name.startsWith(HUGEPAGES_PREFIX) ||
    name.includes('kubernetes.io/') ||
    name.startsWith('attachable-volumes-')
  );
}

/** cpu, memory and hugepages-* may be set at pod level (PodLevelResources). */
function isPodLevelResource(name: string): boolean {
  return name === CPU || name === MEMORY || name.startsWith(HUGEPAGES_PREFIX);
}

/** Requests may be below limits only for native, non-hugepage resources. */
function isOvercommitAllowed(name: string): boolean {
  return isNativeResource(name) && !name.startsWith(HUGEPAGES_PREFIX);
}

function isIntegerResource(name: string): boolean {
  return name === PODS || isExtendedResourceName(name);
}

// ---- aggregation (upstream resource.PodRequests) -------------------------------------

/**
 * A resource list as the API server stores it: every value rounded up to
 * milli-units by defaulting (SetDefaults_ResourceList). Throws QuantityError.
 */
function quantities(list: ResourceList | undefined | null): QuantityList {
  const out: QuantityList = new Map();
  if (!isObject(list)) return out;
  for (const [name, raw] of Object.entries(list)) out.set(name, parseQuantity(raw).roundUpToMilli());
  return out;
}

export function addInto(dst: QuantityList, src: QuantityList): void {
  for (const [name, q] of src) {
    const cur = dst.get(name);
    dst.set(name, cur ? cur.add(q) : q);
  }
}

function maxInto(dst: QuantityList, src: QuantityList): void {
  for (const [name, q] of src) {
    const cur = dst.get(name);
    if (!cur || q.cmp(cur) > 0) dst.set(name, q);
  }
}

function containerRequests(c: Container, defaults: QuantityList | null): QuantityList {
  const res: unknown = isObject(c) ? c.resources : undefined;
  const list = quantities(isObject(res) ? (res.requests as ResourceList | undefined) : undefined);
  // Defaults fill only requests that are missing; an explicit "0" stays 0.
  if (defaults) for (const [name, q] of defaults) if (!list.has(name)) list.set(name, q);
  return list;
}

/**
 * Containers summed, then init containers and sidecars by the KEP-753 formula (§5.1), over any
 * per-container list (requests with the scheduler's defaults here; requests or limits for quota).
 */
export function aggregateContainers(pod: Pod, perContainer: (c: Container) => QuantityList): QuantityList {
  const spec = pod.spec;
  const result: QuantityList = new Map();
  for (const c of Array.isArray(spec.containers) ? spec.containers : []) addInto(result, perContainer(c));
  const sidecars: QuantityList = new Map();
  const initMax: QuantityList = new Map();
  for (const c of Array.isArray(spec.initContainers) ? spec.initContainers : []) {
    const own = perContainer(c);
    if (isObject(c) && c.restartPolicy === 'Always') {
      // A sidecar keeps running: it counts for the whole pod and for every later init container.
      addInto(result, own);
      addInto(sidecars, own);
      maxInto(initMax, sidecars);
    } else {
      const whileRunning: QuantityList = new Map(own);
      addInto(whileRunning, sidecars);
      maxInto(initMax, whileRunning);
    }
  }
  maxInto(result, initMax);
  return result;
}

function aggregateContainerRequests(pod: Pod, defaults: QuantityList | null): QuantityList {
  return aggregateContainers(pod, (c) => containerRequests(c, defaults));
}

function podLevelRequests(pod: Pod): ResourceList | null {
  const res = pod.spec.resources;
  if (!isObject(res) || !isObject(res.requests)) return null;
  return Object.keys(res.requests).some(isPodLevelResource) ? (res.requests as ResourceList) : null;
}

function podRequestList(pod: Pod, defaults: QuantityList | null): QuantityList {
  const reqs = aggregateContainerRequests(pod, defaults);
  const podLevel = podLevelRequests(pod);
  if (podLevel) {
    for (const [name, q] of quantities(podLevel)) if (isPodLevelResource(name)) reqs.set(name, q);
  }
  addInto(reqs, quantities(pod.spec.overhead));
  return reqs;
}

/**
 * Effective pod requests for Filter and scoring (reference §5.1): containers
 * summed, init containers and sidecars per resource as max(sum, initMax),
 * pod-level requests (cpu, memory, hugepages-*) replacing the aggregate where
 * set, then overhead added. Throws QuantityError on a malformed quantity.
 */
export function podRequests(pod: Pod): Resource {
  const r = new Resource();
  for (const [name, q] of podRequestList(pod, null)) {
    if (name === CPU) r.milliCPU += q.milliValue();
    else if (name === MEMORY || name === EPHEMERAL_STORAGE || name === PODS || isScalarResourceName(name)) {
      r.set(name, r.get(name) + q.value());
    }
  }
  return r;
}

/**
 * The pod's cpu (millicores) and memory (bytes) for NodeResourcesFit scoring
 * (reference §5.2): as podRequests, but each container (init containers too)
 * with no cpu / memory request counts 100m / 200Mi. With pod-level requests
 * set, the default applies only to a resource missing at pod level and in
 * every container.
 */
export function podNonZeroRequests(pod: Pod): { milliCPU: number; memory: number } {
  const reqs = podRequestList(pod, null);
  const podLevelSet = podLevelRequests(pod) !== null;
  const defaults: QuantityList = new Map();
  if (!podLevelSet || !reqs.has(CPU)) defaults.set(CPU, Quantity.fromMilli(DEFAULT_MILLI_CPU_REQUEST));
  if (!podLevelSet || !reqs.has(MEMORY)) defaults.set(MEMORY, Quantity.fromValue(DEFAULT_MEMORY_REQUEST));
  const nonZero = defaults.size > 0 ? podRequestList(pod, defaults) : reqs;
  return {
    milliCPU: nonZero.get(CPU)?.milliValue() ?? 0,
    memory: nonZero.get(MEMORY)?.value() ?? 0,
  };
}

// ---- API-server defaulting (SetDefaults_Pod) -----------------------------------------

function defaultContainer(c: unknown): void {
  if (!isObject(c) || !isObject(c.resources)) return;
  const res = c.resources;
  if (!isObject(res.limits)) return;
  if (res.requests === undefined || res.requests === null) res.requests = {};
  if (!isObject(res.requests)) return; // malformed: left for validation
  const requests = res.requests as ResourceList;
  for (const [name, limit] of Object.entries(res.limits)) {
    if (!(name in requests)) requests[name] = limit as string | number;
  }
}

/**
 * The API server's defaulting of requests, in place: in every container and
 * init container a resource with a limit but no request gets request =
 * limit. Then, when pod-level limits are set, pod-level requests missing for
 * cpu/memory default to the containers' aggregate request, and any other
 * still missing pod-level request (cpu, memory, hugepages-*) to its pod-level
 * limit. Malformed input is left for validation to report.
 */
export function defaultRequestsFromLimits(pod: Pod): void {
  const spec = pod.spec as unknown;
  if (!isObject(spec)) return;
  for (const key of ['containers', 'initContainers']) {
    const list = spec[key];
    if (Array.isArray(list)) list.forEach(defaultContainer);
  }
  const res = spec.resources;
  if (!isObject(res) || !isObject(res.limits) || Object.keys(res.limits).length === 0) return;
  if (res.requests !== undefined && res.requests !== null && !isObject(res.requests)) return;
  const podReqs: ResourceList = isObject(res.requests) ? (res.requests as ResourceList) : {};
  try {
    for (const [name, q] of aggregateContainerRequests(pod, null)) {
      if (!(name in podReqs) && isPodLevelResource(name) && isOvercommitAllowed(name)) podReqs[name] = q.toString();
    }
  } catch (e) {
    if (!(e instanceof QuantityError)) throw e;
  }
  for (const [name, limit] of Object.entries(res.limits)) {
    if (!(name in podReqs) && isPodLevelResource(name)) podReqs[name] = limit as string | number;
  }
  if (Object.keys(podReqs).length > 0) res.requests = podReqs;
}

// ---- validation ------------------------------------------------------------------------

/** The field path of one entry of a resource list. */
const entryPath = (path: string, name: string): string => `${path}.${name}`;

const show = (v: unknown): string => (typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v) ?? String(v));

function tooLarge(path: string, name: string, raw: unknown): string {
  const limit =
    name === CPU
      ? `cpu up to ${MAX_EXACT}m, about 9007199254740 cores`
      : `amounts up to ${MAX_EXACT}, i.e. 8Pi - 1 bytes`;
  return `${entryPath(path, name)}: Invalid value: "${String(raw)}": is too large (Podscape holds ${limit})`;
}

/** Parses and checks one list; reports errors and returns the quantities that parsed. */
/** core/helper's standardResources (IsStandardResourceName, with its hugepages- and requests.hugepages- names). */
const STANDARD_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.ephemeral-storage', 'limits.cpu', 'limits.memory', 'limits.ephemeral-storage', 'pods', 'resourcequotas', 'services', 'replicationcontrollers', 'secrets', 'configmaps', 'persistentvolumeclaims', 'storage', 'requests.storage', 'services.nodeports', 'services.loadbalancers']);
const STANDARD_CONTAINER_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);

/**
 * validateResourceName (core validation): a qualified name and, without a `/`, a standard resource
 * name (IsStandardResourceName, hugepages- and requests.hugepages- names included). The messages.
 */
function resourceNameErrors(name: string): string[] {
  const errs = isQualifiedName(name);
  if (errs.length === 0 && !name.includes('/') && !STANDARD_RESOURCES.has(name) && !name.startsWith('hugepages-') && !name.startsWith('requests.hugepages-')) {
    errs.push('must be a standard resource type or fully qualified');
  }
  return errs;
}

/** SupportedPodLevelResources as the API server lists them in its refusal (sorted; hugepages by prefix). */
const POD_LEVEL_SUPPORTED = ['cpu', 'hugepages-', 'memory'].map((n) => JSON.stringify(n)).join(', ');

/**
 * validatePodResourceName (core validation, pod-level `spec.resources`): validateResourceName's
 * errors, else, for a name pod-level resources do not support (anything but cpu, memory and
 * hugepages-*), field.NotSupported. Each error whole, with its path.
 */
function podResourceNameErrors(at: string, name: string): string[] {
  const errs = resourceNameErrors(name);
  if (errs.length > 0) return errs.map((m) => `${at}: Invalid value: ${goQuote(name)}: ${m}`);
  return isPodLevelResource(name) ? [] : [`${at}: Unsupported value: ${goQuote(name)}: supported values: ${POD_LEVEL_SUPPORTED}`];
}

/**
 * validateContainerResourceName (core validation): a qualified name; without a `/`, a resource a
 * container may ask for (cpu, memory, ephemeral-storage, hugepages-*), else said twice, as
 * upstream says it (validateResourceName's and the container rule's words); with one, a native
 * (`kubernetes.io/`) or extended resource name. The messages, without the field.
 */
function containerResourceNameErrors(name: string): string[] {
  const errs = resourceNameErrors(name);
  const prefixed = name.includes('/');
  if (!prefixed) {
    if (!STANDARD_CONTAINER_RESOURCES.has(name) && !name.startsWith('hugepages-')) errs.push('must be a standard resource for containers');
  } else if (!name.includes('kubernetes.io/') && (name.startsWith('requests.') || isQualifiedName(`requests.${name}`).length > 0)) {
    errs.push("doesn't follow extended resource name standard");
  }
  return errs;
}

/** Which resource-name rule a list follows: a container's (and the overhead's), pod-level resources', or none (node capacity). */
type NameRule = 'container' | 'pod' | 'none';

function checkList(list: unknown, path: string, errs: string[], names: NameRule = 'none'): QuantityList {
  const out: QuantityList = new Map();
  if (list === undefined || list === null) return out;
  if (!isObject(list)) {
    errs.push(`${path}: Invalid value: ${show(list)}: must be a map of resource names to quantities`);
    return out;
  }
  for (const [name, raw] of Object.entries(list)) {
    const at = entryPath(path, name);
    if (names === 'container') for (const m of containerResourceNameErrors(name)) errs.push(`${at}: Invalid value: ${goQuote(name)}: ${m}`);
    else if (names === 'pod') errs.push(...podResourceNameErrors(at, name));
    if (typeof raw !== 'string' && typeof raw !== 'number') {
      errs.push(`${at}: Invalid value: ${show(raw)}: must be a quantity such as "500m" or "1Gi"`);
      continue;
    }
    let q: Quantity;
    try {
      q = parseQuantity(raw);
    } catch (e) {
      if (!(e instanceof QuantityError)) throw e;
      errs.push(e.code === 'range' ? tooLarge(path, name, raw) : `${at}: Invalid value: "${String(raw)}": ${e.message}`);
      continue;
    }
    out.set(name, q);
    if (q.sign() < 0) {
      errs.push(`${at}: Invalid value: "${q}": must be greater than or equal to 0`);
      continue;
    }
    if ((name === CPU ? q.milliValueBig() : q.valueBig()) > MAX_EXACT) {
      errs.push(tooLarge(path, name, q));
      continue;
    }
    if (isIntegerResource(name) && q.milliValueBig() % 1000n !== 0n) {
      errs.push(`${at}: Invalid value: "${q}": must be an integer`);
    }
  }
  return out;
}

/**
 * Errors for one resource map (requests, limits, overhead, allocatable,
 * capacity), each "<path>.<name>: Invalid value: "<value>": <reason>":
 * not a map, not a quantity, negative, fractional where only whole numbers
 * are allowed (pods, extended resources), or too large for exact numbers.
 */
export function validateResourceList(list: unknown, path: string): string[] {
  const errs: string[] = [];
  checkList(list, path, errs);
  return errs;
}

function checkRequirements(resources: unknown, path: string, errs: string[], names: NameRule): void {
  if (resources === undefined || resources === null) return;
  if (!isObject(resources)) {
    errs.push(`${path}: Invalid value: ${show(resources)}: must be a map with requests and limits`);
    return;
  }
  const limits = checkList(resources.limits, `${path}.limits`, errs, names);
  const requests = checkList(resources.requests, `${path}.requests`, errs, names);
  for (const [name, req] of requests) {
    const limit = limits.get(name);
    if (!limit) continue;
    // As upstream, the error is reported on the requests map itself.
    if (req.cmp(limit) !== 0 && !isOvercommitAllowed(name)) {
      errs.push(`${path}.requests: Invalid value: "${req}": must be equal to ${name} limit of ${limit}`);
    } else if (req.cmp(limit) > 0) {
      errs.push(`${path}.requests: Invalid value: "${req}": must be less than or equal to ${name} limit of ${limit}`);
    }
  }
}

/**
 * Validates every resource list of a pod: each container's and init
 * container's requests and limits, the overhead and the pod-level
 * resources, including requests above limits. `path` is the spec's path,
 * usually "spec".
 */
export function validatePodResources(pod: Pod, path: string): string[] {
  const errs: string[] = [];
  const spec = pod.spec as unknown;
  if (!isObject(spec)) return errs;
  for (const key of ['containers', 'initContainers']) {
    const list = spec[key];
    if (!Array.isArray(list)) continue;
    list.forEach((c: unknown, i: number) => {
      if (isObject(c)) checkRequirements(c.resources, `${path}.${key}[${i}].resources`, errs, 'container');
    });
  }
  // validateOverhead checks its names as a container's; pod-level resources have their own rule.
  checkList(spec.overhead, `${path}.overhead`, errs, 'container');
  checkRequirements(spec.resources, `${path}.resources`, errs, 'pod');
  return errs;
}
