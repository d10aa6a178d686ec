/**
 * Builds the manifest the Create workload form describes: a Deployment, DaemonSet,
 * StatefulSet, Job or bare Pod as `kubectl create … --dry-run=client -o yaml` would
 * write it, labelled `app: <name>` and selected by that label. The engine validates it
 * again when it is applied.
 */
import type { KubeObject, Toleration } from '../../../engine/model/types';
import { parseLabels } from '../node-actions/node-manifest';

export const CREATE_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'Pod'] as const;
export type CreateKind = (typeof CREATE_KINDS)[number];

export interface WorkloadInput {
  kind: CreateKind;
  name: string;
  namespace: string;
  image: string;
  /** Deployment and StatefulSet. */
  replicas: number;
  /** Job. */
  completions: number;
  parallelism: number;
  /** Requests per container as Kubernetes quantities (`250m`, `256Mi`); empty for none. */
  cpu: string;
  memory: string;
  /** `key=value` pairs. */
  nodeSelector: string;
  /** `key=value:Effect`, `key:Effect` or `key` (Exists), separated by commas. */
  tolerations: string;
}

export const DEFAULT_WORKLOAD: WorkloadInput = {
  kind: 'Deployment',
  name: 'demo',
  namespace: 'default',
  image: 'nginx:1.27',
  replicas: 3,
  completions: 3,
  parallelism: 1,
  cpu: '250m',
  memory: '256Mi',
  nodeSelector: '',
  tolerations: '',
};

const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

/** `key=value:Effect` (Equal), `key:Effect` or `key` (Exists); throws naming the entry at fault. */
export function parseTolerations(text: string): Toleration[] {
  return text
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((entry) => {
      const colon = entry.lastIndexOf(':');
      const effect = colon < 0 ? undefined : entry.slice(colon + 1).trim();
      if (effect !== undefined && !EFFECTS.includes(effect)) throw new Error(`tolerations: "${entry}": effect must be NoSchedule, PreferNoSchedule or NoExecute`);
      const [key, value] = (colon < 0 ? entry : entry.slice(0, colon)).split('=', 2).map((s) => s.trim());
      if (!key) throw new Error(`tolerations: "${entry}" has no key`);
      const t: Toleration = value !== undefined ? { key, operator: 'Equal', value } : { key, operator: 'Exists' };
      if (effect) t.effect = effect as Toleration['effect'];
      return t;
    });
}

/** `registry/team/nginx:1.27` → `nginx`, as `kubectl create deployment` names the container. */
export function containerName(image: string): string {
  const last = image.split('/').pop() ?? '';
  const bare = last.split(/[:@]/)[0].toLowerCase().replace(/[^a-z0-9-]/g, '-').replace(/^-+|-+$/g, '');
  return bare || 'app';
}

export function buildWorkloadManifest(input: WorkloadInput): KubeObject {
  const name = input.name.trim();
  if (name === '') throw new Error('metadata.name: Required value');
  const image = input.image.trim();
  if (image === '') throw new Error('image: Required value');
  const namespace = input.namespace.trim() || 'default';
  const labels = { app: name };
  const requests: Record<string, string> = {};
  if (input.cpu.trim()) requests.cpu = input.cpu.trim();
  if (input.memory.trim()) requests.memory = input.memory.trim();
  const nodeSelector = parseLabels(input.nodeSelector, 'nodeSelector');
  const tolerations = parseTolerations(input.tolerations);
  const podSpec: Record<string, unknown> = {
    containers: [{ name: containerName(image), image, ...(Object.keys(requests).length > 0 ? { resources: { requests } } : {}) }],
    ...(Object.keys(nodeSelector).length > 0 ? { nodeSelector } : {}),
    ...(tolerations.length > 0 ? { tolerations } : {}),
  };
  // Separate copies, so that the YAML shows each in full (no anchors) and edits stay local.
  const metadata = { name, namespace, labels: { ...labels } };
  const template = { metadata: { labels: { ...labels } }, spec: podSpec };
  const selector = { matchLabels: { ...labels } };
  switch (input.kind) {
    case 'Pod':
      return { apiVersion: 'v1', kind: 'Pod', metadata, spec: podSpec };
    case 'Deployment':
      return { apiVersion: 'apps/v1', kind: 'Deployment', metadata, spec: { replicas: input.replicas, selector, template } };
    case 'StatefulSet':
      return { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata, spec: { serviceName: name, replicas: input.replicas, selector, template } };
    case 'DaemonSet':
      return { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata, spec: { selector, template } };
    case 'Job':
      return {
        apiVersion: 'batch/v1',
        kind: 'Job',
        metadata,
        spec: { completions: input.completions, parallelism: input.parallelism, template: { ...template, spec: { ...podSpec, restartPolicy: 'Never' } } },
      };
  }
}
