/**
 * What the API server knows about each kind: whether it is namespaced, and
 * the resource name it uses in messages (`pods "x" not found`,
 * `deployments.apps "web" not found`).
 */

const CLUSTER_SCOPED = new Set([
  'Node',
  'Namespace',
  'PriorityClass',
  'PersistentVolume',
  'StorageClass',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'CSINode',
  'CSIDriver',
  'RuntimeClass',
  'IngressClass',
  'VolumeAttachment',
  'ValidatingWebhookConfiguration',
  'MutatingWebhookConfiguration',
  'APIService',
  'CertificateSigningRequest',
  'DeviceClass',
]);

const NAMESPACED = new Set([
  'Pod',
  'Service',
  'Endpoints',
  'EndpointSlice',
  'ConfigMap',
  'Secret',
  'ServiceAccount',
  'PersistentVolumeClaim',
  'ReplicationController',
  'Deployment',
  'ReplicaSet',
  'StatefulSet',
  'DaemonSet',
  'ControllerRevision',
  'Job',
  'CronJob',
  'PodDisruptionBudget',
  'Lease',
  'Event',
  'Ingress',
  'NetworkPolicy',
  'Role',
  'RoleBinding',
  'HorizontalPodAutoscaler',
  'ResourceQuota',
  'LimitRange',
  'ResourceClaim',
]);

/** Every namespaced kind the API server serves here, in a fixed order. */
export const NAMESPACED_KINDS: readonly string[] = [...NAMESPACED];

/** Kinds whose metadata.generation the API server bumps on every spec change. */
export const GENERATION_KINDS = new Set([
  'Deployment',
  'ReplicaSet',
  'StatefulSet',
  'DaemonSet',
  'Job',
  'CronJob',
  'ReplicationController',
  'PodDisruptionBudget',
]);

export type Scope = 'Cluster' | 'Namespaced' | 'Unknown';

export function scopeOf(kind: string): Scope {
  if (CLUSTER_SCOPED.has(kind)) return 'Cluster';
  if (NAMESPACED.has(kind)) return 'Namespaced';
  return 'Unknown';
}

const GROUPS: Record<string, string> = {
  Deployment: 'apps',
  ReplicaSet: 'apps',
  StatefulSet: 'apps',
  DaemonSet: 'apps',
  ControllerRevision: 'apps',
  Job: 'batch',
  CronJob: 'batch',
  PodDisruptionBudget: 'policy',
  PriorityClass: 'scheduling.k8s.io',
  Lease: 'coordination.k8s.io',
  StorageClass: 'storage.k8s.io',
  CSINode: 'storage.k8s.io',
  CSIDriver: 'storage.k8s.io',
  VolumeAttachment: 'storage.k8s.io',
  EndpointSlice: 'discovery.k8s.io',
  Ingress: 'networking.k8s.io',
  IngressClass: 'networking.k8s.io',
  NetworkPolicy: 'networking.k8s.io',
  Role: 'rbac.authorization.k8s.io',
  RoleBinding: 'rbac.authorization.k8s.io',
  ClusterRole: 'rbac.authorization.k8s.io',
  ClusterRoleBinding: 'rbac.authorization.k8s.io',
  HorizontalPodAutoscaler: 'autoscaling',
};

/** The plural resource name, lowercase: Pod → pods, PriorityClass → priorityclasses, Endpoints → endpoints. */
export function pluralOf(kind: string): string {
  const k = kind.toLowerCase();
  if (k === 'endpoints') return k;
  if (/[^aeiou]y$/.test(k)) return `${k.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/.test(k)) return `${k}es`;
  return `${k}s`;
}

/** `pods`, `deployments.apps`, `poddisruptionbudgets.policy`: as API errors name a resource. */
export function resourceOf(kind: string): string {
  const g = GROUPS[kind];
  return g ? `${pluralOf(kind)}.${g}` : pluralOf(kind);
}

/** `deployment.apps/web`, `pod/web-1`, `node/worker-2`: as kubectl names an object in its output. */
export function kubectlRef(kind: string, name: string): string {
  const g = GROUPS[kind];
  return `${kind.toLowerCase()}${g ? `.${g}` : ''}/${name}`;
}
