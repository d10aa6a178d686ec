/**
 * Builds the v1 Node a new machine registers, from the Add node form: a size template,
 * a name, a zone, extra labels and taints (in kubectl's `key=value` and
 * `key=value:Effect` syntax). The engine validates the object again on addNode.
 */
import type { Node, Taint } from '../../../engine/model/types';

export interface NodeTemplate {
  id: string;
  label: string;
  cpu: string;
  /** Memory capacity in GiB. */
  memoryGi: number;
  /** Extended resources (e.g. nvidia.com/gpu). */
  extended?: Record<string, string>;
  labels?: Record<string, string>;
  taints?: Taint[];
  instanceType: string;
}

export const NODE_TEMPLATES: readonly NodeTemplate[] = [
  { id: 'small', label: 'Small: 2 CPU, 4 GiB', cpu: '2', memoryGi: 4, instanceType: 'm6i.large' },
  { id: 'medium', label: 'Medium: 4 CPU, 16 GiB', cpu: '4', memoryGi: 16, instanceType: 'm6i.xlarge' },
  { id: 'large', label: 'Large: 16 CPU, 64 GiB', cpu: '16', memoryGi: 64, instanceType: 'm6i.4xlarge' },
  {
    id: 'gpu',
    label: 'GPU: 8 CPU, 32 GiB, 1 GPU, tainted',
    cpu: '8',
    memoryGi: 32,
    extended: { 'nvidia.com/gpu': '1' },
    labels: { 'nvidia.com/gpu.present': 'true' },
    taints: [{ key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule' }],
    instanceType: 'g5.2xlarge',
  },
];

/** The kubelet's default hard eviction threshold (memory.available<100Mi) comes off allocatable memory. */
const EVICTION_HARD_MEMORY_KI = 100 * 1024;

export interface AddNodeInput {
  template: NodeTemplate;
  name: string;
  zone: string;
  /** `key=value` pairs separated by commas or new lines. */
  labels: string;
  /** `key[=value]:Effect` entries separated by commas or new lines. */
  taints: string;
}

/** The first `worker-N` (N ≥ 1) no node is called. */
export function nextWorkerName(existing: readonly string[]): string {
  const taken = new Set(existing);
  for (let n = 1; ; n++) if (!taken.has(`worker-${n}`)) return `worker-${n}`;
}

const entries = (text: string) =>
  text
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');

const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] as const;

/** `a=b, c=d` → { a: 'b', c: 'd' }; throws naming the entry at fault. */
export function parseLabels(text: string, field = 'labels'): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of entries(text)) {
    const eq = entry.indexOf('=');
    if (eq <= 0) throw new Error(`${field}: "${entry}" is not key=value`);
    out[entry.slice(0, eq).trim()] = entry.slice(eq + 1).trim();
  }
  return out;
}

/** `key=value:NoSchedule, other:NoExecute` → taints, as `kubectl taint` reads them; throws naming the entry at fault. */
export function parseTaints(text: string): Taint[] {
  return entries(text).map((entry) => {
    const colon = entry.lastIndexOf(':');
    const effect = colon < 0 ? '' : entry.slice(colon + 1).trim();
    if (!(EFFECTS as readonly string[]).includes(effect)) {
      throw new Error(`taints: "${entry}" needs an effect: key=value:NoSchedule, :PreferNoSchedule or :NoExecute`);
    }
    const [key, value] = entry.slice(0, colon).split('=', 2).map((s) => s.trim());
    if (!key) throw new Error(`taints: "${entry}" has no key`);
    return value ? { key, value, effect: effect as Taint['effect'] } : { key, effect: effect as Taint['effect'] };
  });
}

/** The Node object; throws a user-facing message when the name, labels or taints are malformed. */
export function buildNodeManifest(input: AddNodeInput): Node {
  const name = input.name.trim();
  if (name === '') throw new Error('name: Required value');
  const t = input.template;
  const memoryKi = t.memoryGi * 1024 * 1024;
  const capacity = { cpu: t.cpu, memory: `${memoryKi}Ki`, pods: '110', ...(t.extended ?? {}) };
  const allocatable = { ...capacity, memory: `${memoryKi - EVICTION_HARD_MEMORY_KI}Ki` };
  const zone = input.zone.trim();
  const labels: Record<string, string> = {
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': name,
    'kubernetes.io/os': 'linux',
    'node.kubernetes.io/instance-type': t.instanceType,
    ...(zone ? { 'topology.kubernetes.io/zone': zone } : {}),
    ...(t.labels ?? {}),
    ...parseLabels(input.labels),
  };
  const taints = [...(t.taints ?? []), ...parseTaints(input.taints)];
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels },
    spec: taints.length > 0 ? { taints } : {},
    status: { capacity, allocatable },
  };
}
