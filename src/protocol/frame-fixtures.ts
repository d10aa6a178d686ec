/** Frame builders for tests in every layer (protocol, worker, UI): every field filled, overridable. Test-only. */
import type { Frame, NodeFrame, PodFrame } from './engine-api';

const amounts = { cpu: 0, memory: 0, pods: 0 };
export const node = (name: string, over: Partial<NodeFrame> = {}): NodeFrame => ({
  name,
  status: 'Ready',
  unschedulable: false,
  powered: true,
  roles: [],
  zone: null,
  labels: {},
  taints: [],
  allocatable: amounts,
  requested: amounts,
  lastHeartbeat: null,
  readyUnknownAt: null,
  unreachableTaintedAt: null,
  evictionAt: null,
  ...over,
});
export const pod = (name: string, nodeName: string | null, over: Partial<PodFrame> = {}): PodFrame => ({
  uid: `uid-${name}`,
  namespace: 'default',
  name,
  phase: nodeName ? 'Running' : 'Pending',
  nodeName,
  deletionTimestamp: null,
  ready: nodeName !== null,
  owner: null,
  requests: { cpu: 0, memory: 0 },
  unreachableToleration: 300,
  evictionAt: null,
  containerReason: null,
  restarts: 0,
  lastRestartAt: null,
  lastTermination: null,
  ...over,
});
export const frame = (over: Partial<Frame>): Frame => ({
  seq: 1,
  time: 0,
  playing: false,
  speed: 1,
  reset: true,
  nodes: [],
  pods: [],
  queue: [],
  events: [],
  eventsReplace: over.reset ?? true,
  eventCount: over.events?.length ?? 0,
  workloads: [],
  ...over,
});

