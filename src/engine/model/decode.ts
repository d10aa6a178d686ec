/**
 * The API server's decoding of a request body into the typed object, for the kinds Podscape
 * models: a value of the wrong JSON type (a string for `replicas`, a number for a label value,
 * a mapping where a list belongs) fails the request before any validation runs.
 *
 * Upstream (v1.23+, sigs.k8s.io/json's fork of encoding/json, used by apimachinery's JSON
 * serializer): the decoder keeps going after a type mismatch and reports the *first* one, as
 * `json: cannot unmarshal <what> into Go struct field <Struct>.<path> of type <Go type>`, where
 * <what> is `string`, `number`, `number <literal>` (a number that does not fit an integer
 * field), `bool`, `array` or `object`; <Struct> is the Go struct whose field was being
 * decoded and <path> the JSON field names from the root, joined with dots (no list indexes and
 * no map keys). The create handler wraps it (apiserver handlers `transformDecodeError`):
 * `<Kind> in version "<version>" cannot be handled as a <Kind>: <error>`, a 400 BadRequest.
 * kubectl sends the object as JSON with its keys sorted, so "first" is the first in sorted-key
 * order.
 *
 * Only the fields the engine models (and a few common neighbours) are typed here; fields with
 * their own JSON decoding (quantities, int-or-string, times) and unknown fields are not checked.
 */
import type { KubeObject } from './types';
import { isObj } from './is-object';

type GoType =
  | { t: 'int'; name: 'int32' | 'int64' }
  | { t: 'string'; name: string }
  | { t: 'bool' }
  | { t: 'struct'; name: string; fields: () => Record<string, GoType> }
  | { t: 'slice'; elem: GoType }
  | { t: 'map'; name?: string; elem: GoType }
  | { t: 'any' };

const int32: GoType = { t: 'int', name: 'int32' };
const int64: GoType = { t: 'int', name: 'int64' };
const str: GoType = { t: 'string', name: 'string' };
const bool: GoType = { t: 'bool' };
const any: GoType = { t: 'any' };
const named = (name: string): GoType => ({ t: 'string', name });
const slice = (elem: GoType): GoType => ({ t: 'slice', elem });
const struct = (name: string, fields: () => Record<string, GoType>): GoType => ({ t: 'struct', name, fields });
const stringMap: GoType = { t: 'map', elem: str };
/** map[v1.ResourceName]resource.Quantity; the quantity decodes itself. */
const resourceList: GoType = { t: 'map', name: 'v1.ResourceList', elem: any };

function typeName(g: GoType): string {
  switch (g.t) {
    case 'int':
    case 'string':
      return g.name;
    case 'bool':
      return 'bool';
    case 'struct':
      return `v1.${g.name}`;
    case 'slice':
      return `[]${typeName(g.elem)}`;
    case 'map':
      return g.name ?? `map[string]${typeName(g.elem)}`;
    case 'any':
      return 'interface {}';
  }
}

const ownerReference = struct('OwnerReference', () => ({ apiVersion: str, kind: str, name: str, uid: named('types.UID'), controller: bool, blockOwnerDeletion: bool }));
const objectMeta = struct('ObjectMeta', () => ({
  name: str,
  generateName: str,
  namespace: str,
  uid: named('types.UID'),
  resourceVersion: str,
  generation: int64,
  deletionGracePeriodSeconds: int64,
  labels: stringMap,
  annotations: stringMap,
  ownerReferences: slice(ownerReference),
  finalizers: slice(str),
}));
const labelSelector = struct('LabelSelector', () => ({
  matchLabels: stringMap,
  matchExpressions: slice(struct('LabelSelectorRequirement', () => ({ key: str, operator: named('v1.LabelSelectorOperator'), values: slice(str) }))),
}));
const toleration = struct('Toleration', () => ({ key: str, operator: named('v1.TolerationOperator'), value: str, effect: named('v1.TaintEffect'), tolerationSeconds: int64 }));
const container = struct('Container', () => ({
  name: str,
  image: str,
  command: slice(str),
  args: slice(str),
  workingDir: str,
  ports: slice(struct('ContainerPort', () => ({ name: str, hostPort: int32, containerPort: int32, protocol: named('v1.Protocol'), hostIP: str }))),
  env: slice(struct('EnvVar', () => ({ name: str, value: str }))),
  resources: struct('ResourceRequirements', () => ({ limits: resourceList, requests: resourceList })),
  imagePullPolicy: named('v1.PullPolicy'),
}));
const nodeSelectorTerm = struct('NodeSelectorTerm', () => ({
  matchExpressions: slice(struct('NodeSelectorRequirement', () => ({ key: str, operator: named('v1.NodeSelectorOperator'), values: slice(str) }))),
}));
const podAffinityTerm = struct('PodAffinityTerm', () => ({ labelSelector, namespaces: slice(str), topologyKey: str }));
const weightedPodAffinityTerm = struct('WeightedPodAffinityTerm', () => ({ weight: int32, podAffinityTerm }));
const podAffinity = (name: string) =>
  struct(name, () => ({ requiredDuringSchedulingIgnoredDuringExecution: slice(podAffinityTerm), preferredDuringSchedulingIgnoredDuringExecution: slice(weightedPodAffinityTerm) }));
const affinity = struct('Affinity', () => ({
  nodeAffinity: struct('NodeAffinity', () => ({
    requiredDuringSchedulingIgnoredDuringExecution: struct('NodeSelector', () => ({ nodeSelectorTerms: slice(nodeSelectorTerm) })),
    preferredDuringSchedulingIgnoredDuringExecution: slice(struct('PreferredSchedulingTerm', () => ({ weight: int32, preference: nodeSelectorTerm }))),
  })),
  podAffinity: podAffinity('PodAffinity'),
  podAntiAffinity: podAffinity('PodAntiAffinity'),
}));
const podSpec = struct('PodSpec', () => ({
  containers: slice(container),
  initContainers: slice(container),
  nodeName: str,
  nodeSelector: stringMap,
  schedulerName: str,
  priority: int32,
  priorityClassName: str,
  preemptionPolicy: named('v1.PreemptionPolicy'),
  restartPolicy: named('v1.RestartPolicy'),
  terminationGracePeriodSeconds: int64,
  activeDeadlineSeconds: int64,
  tolerations: slice(toleration),
  affinity,
  topologySpreadConstraints: slice(
    struct('TopologySpreadConstraint', () => ({ maxSkew: int32, topologyKey: str, whenUnsatisfiable: named('v1.UnsatisfiableConstraintAction'), labelSelector, minDomains: int32, matchLabelKeys: slice(str) })),
  ),
  schedulingGates: slice(struct('PodSchedulingGate', () => ({ name: str }))),
  hostname: str,
  subdomain: str,
  serviceAccountName: str,
  hostNetwork: bool,
  overhead: resourceList,
}));
const podTemplateSpec = struct('PodTemplateSpec', () => ({ metadata: objectMeta, spec: podSpec }));

const SPECS: Record<string, GoType> = {
  Pod: podSpec,
  Node: struct('NodeSpec', () => ({
    unschedulable: bool,
    podCIDR: str,
    providerID: str,
    taints: slice(struct('Taint', () => ({ key: str, value: str, effect: named('v1.TaintEffect') }))),
  })),
  Deployment: struct('DeploymentSpec', () => ({
    replicas: int32,
    selector: labelSelector,
    template: podTemplateSpec,
    strategy: struct('DeploymentStrategy', () => ({ type: named('v1.DeploymentStrategyType') })),
    minReadySeconds: int32,
    revisionHistoryLimit: int32,
    paused: bool,
    progressDeadlineSeconds: int32,
  })),
  ReplicaSet: struct('ReplicaSetSpec', () => ({ replicas: int32, minReadySeconds: int32, selector: labelSelector, template: podTemplateSpec })),
  DaemonSet: struct('DaemonSetSpec', () => ({
    selector: labelSelector,
    template: podTemplateSpec,
    updateStrategy: struct('DaemonSetUpdateStrategy', () => ({ type: named('v1.DaemonSetUpdateStrategyType') })),
    minReadySeconds: int32,
    revisionHistoryLimit: int32,
  })),
  StatefulSet: struct('StatefulSetSpec', () => ({
    replicas: int32,
    selector: labelSelector,
    template: podTemplateSpec,
    serviceName: str,
    podManagementPolicy: named('v1.PodManagementPolicyType'),
    updateStrategy: struct('StatefulSetUpdateStrategy', () => ({
      type: named('v1.StatefulSetUpdateStrategyType'),
      rollingUpdate: struct('RollingUpdateStatefulSetStrategy', () => ({ partition: int32 })),
    })),
    revisionHistoryLimit: int32,
    minReadySeconds: int32,
    ordinals: struct('StatefulSetOrdinals', () => ({ start: int32 })),
  })),
  Job: struct('JobSpec', () => ({
    parallelism: int32,
    completions: int32,
    activeDeadlineSeconds: int64,
    backoffLimit: int32,
    backoffLimitPerIndex: int32,
    maxFailedIndexes: int32,
    selector: labelSelector,
    manualSelector: bool,
    template: podTemplateSpec,
    ttlSecondsAfterFinished: int32,
    completionMode: named('v1.CompletionMode'),
    suspend: bool,
    podReplacementPolicy: named('v1.PodReplacementPolicy'),
  })),
  PodDisruptionBudget: struct('PodDisruptionBudgetSpec', () => ({ selector: labelSelector, unhealthyPodEvictionPolicy: named('v1.UnhealthyPodEvictionPolicyType') })),
};

/** The top-level Go struct of a kind: TypeMeta's fields, metadata, and spec or its own fields. */
function topLevel(kind: string): GoType | undefined {
  if (kind === 'PriorityClass') {
    return struct('PriorityClass', () => ({ apiVersion: str, kind: str, metadata: objectMeta, value: int32, globalDefault: bool, description: str, preemptionPolicy: named('v1.PreemptionPolicy') }));
  }
  const spec = SPECS[kind];
  if (!spec) return undefined;
  return struct(kind, () => ({ apiVersion: str, kind: str, metadata: objectMeta, spec }));
}

export interface DecodeError {
  /** Where the bad value is, with list indexes (`spec.template.spec.containers[0].env[1].value`), to point at it in a file. */
  field: string;
  /** The API server's message: `<Kind> in version "<v>" cannot be handled as a <Kind>: json: cannot unmarshal …`. */
  message: string;
}


function jsonKind(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'object') return 'object';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return 'number';
  return 'string';
}

interface Context {
  struct: string;
  stack: string[];
  /** The same path with list indexes, for locating the value. */
  located: string;
}

interface Mismatch {
  what: string;
  type: GoType;
  ctx: Context;
}

const INT_RANGE = { int32: [-2147483648, 2147483647], int64: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER] } as const;

/** The first mismatch while decoding v into g, in the order the JSON keys arrive (sorted). */
function decode(v: unknown, g: GoType, ctx: Context): Mismatch | undefined {
  if (v === null || v === undefined || g.t === 'any') return undefined;
  switch (g.t) {
    case 'int': {
      if (typeof v !== 'number') return { what: jsonKind(v), type: g, ctx };
      const [lo, hi] = INT_RANGE[g.name];
      if (!Number.isInteger(v) || v < lo || v > hi) return { what: `number ${String(v)}`, type: g, ctx };
      return undefined;
    }
    case 'string':
      return typeof v === 'string' ? undefined : { what: jsonKind(v), type: g, ctx };
    case 'bool':
      return typeof v === 'boolean' ? undefined : { what: jsonKind(v), type: g, ctx };
    case 'slice': {
      if (!Array.isArray(v)) return { what: jsonKind(v), type: g, ctx };
      for (let i = 0; i < v.length; i++) {
        const m = decode(v[i], g.elem, { ...ctx, located: `${ctx.located}[${i}]` });
        if (m) return m;
      }
      return undefined;
    }
    case 'map': {
      if (!isObj(v)) return { what: jsonKind(v), type: g, ctx };
      for (const k of Object.keys(v).sort()) {
        // Map values keep the enclosing struct field as their context (no key in the path).
        const m = decode(v[k], g.elem, { ...ctx, located: `${ctx.located}.${k}` });
        if (m) return m;
      }
      return undefined;
    }
    case 'struct': {
      if (!isObj(v)) return { what: jsonKind(v), type: g, ctx };
      const fields = g.fields();
      for (const k of Object.keys(v).sort()) {
        const f = fields[k];
        if (!f) continue;
        const m = decode(v[k], f, { struct: g.name, stack: [...ctx.stack, k], located: ctx.located ? `${ctx.located}.${k}` : k });
        if (m) return m;
      }
      return undefined;
    }
  }
}

/**
 * The decoding error the API server gives for o, or undefined when every modelled field has a
 * value of the right JSON type.
 */
export function decodeError(o: KubeObject): DecodeError | undefined {
  const kind = o.kind ?? '';
  const g = topLevel(kind);
  if (!g) return undefined;
  const m = decode(o, g, { struct: kind, stack: [], located: '' });
  if (!m) return undefined;
  const version = String(o.apiVersion ?? '').split('/').pop() ?? '';
  const at = m.ctx.stack.length > 0 ? `Go struct field ${m.ctx.struct}.${m.ctx.stack.join('.')}` : 'Go value';
  return {
    field: m.ctx.located,
    message: `${kind} in version ${JSON.stringify(version)} cannot be handled as a ${kind}: json: cannot unmarshal ${m.what} into ${at} of type ${typeName(m.type)}`,
  };
}
