/**
 * Fluent builders for tests, in the style of upstream's
 * pkg/scheduler/testing/wrappers.go: makePod('p').req({cpu: '1'}).obj().
 */
import type {
  Container,
  LabelSelector,
  Node,
  NodeSelectorRequirement,
  Pod,
  PodAffinityTerm,
  ResourceList,
  Taint,
  Toleration,
  TopologySpreadConstraint,
} from '../model/types';
import { PodInfo } from '../scheduler/framework/pod-info';

export class PodBuilder {
  readonly pod: Pod;
  constructor(name: string, namespace = 'default') {
    this.pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace, uid: `${namespace}/${name}` }, spec: { containers: [] } };
  }
  namespace(ns: string): this {
    this.pod.metadata.namespace = ns;
    return this;
  }
  uid(uid: string): this {
    this.pod.metadata.uid = uid;
    return this;
  }
  label(k: string, v: string): this {
    (this.pod.metadata.labels ??= {})[k] = v;
    return this;
  }
  labels(l: Record<string, string>): this {
    this.pod.metadata.labels = { ...(this.pod.metadata.labels ?? {}), ...l };
    return this;
  }
  /** Adds a container with these requests (one container per call, as upstream's Req). */
  req(requests: ResourceList, image?: string): this {
    const c: Container = { name: `c${this.pod.spec.containers.length}`, resources: { requests } };
    if (image) c.image = image;
    this.pod.spec.containers.push(c);
    return this;
  }
  /** Adds a container without requests (best effort), optionally with an image. */
  container(image?: string): this {
    const c: Container = { name: `c${this.pod.spec.containers.length}` };
    if (image) c.image = image;
    this.pod.spec.containers.push(c);
    return this;
  }
  initReq(requests: ResourceList, sidecar = false): this {
    const c: Container = { name: `i${(this.pod.spec.initContainers ??= []).length}`, resources: { requests } };
    if (sidecar) c.restartPolicy = 'Always';
    this.pod.spec.initContainers!.push(c);
    return this;
  }
  overhead(o: ResourceList): this {
    this.pod.spec.overhead = o;
    return this;
  }
  node(name: string): this {
    this.pod.spec.nodeName = name;
    return this;
  }
  nominated(name: string): this {
    (this.pod.status ??= {}).nominatedNodeName = name;
    return this;
  }
  priority(p: number): this {
    this.pod.spec.priority = p;
    return this;
  }
  preemptionPolicy(p: 'Never' | 'PreemptLowerPriority'): this {
    this.pod.spec.preemptionPolicy = p;
    return this;
  }
  phase(p: 'Pending' | 'Running' | 'Succeeded' | 'Failed'): this {
    (this.pod.status ??= {}).phase = p;
    return this;
  }
  startTime(iso: string): this {
    (this.pod.status ??= {}).startTime = iso;
    return this;
  }
  terminating(ts = '2024-01-01T00:00:00Z'): this {
    this.pod.metadata.deletionTimestamp = ts;
    return this;
  }
  nodeSelector(sel: Record<string, string>): this {
    this.pod.spec.nodeSelector = sel;
    return this;
  }
  nodeAffinityIn(key: string, values: string[]): this {
    return this.nodeAffinityTerm([{ key, operator: 'In', values }]);
  }
  /** Adds one required node selector term (terms are ORed). */
  nodeAffinityTerm(matchExpressions: NodeSelectorRequirement[], matchFields?: NodeSelectorRequirement[]): this {
    const na = ((this.pod.spec.affinity ??= {}).nodeAffinity ??= {});
    const req = (na.requiredDuringSchedulingIgnoredDuringExecution ??= { nodeSelectorTerms: [] });
    req.nodeSelectorTerms.push(matchFields ? { matchExpressions, matchFields } : { matchExpressions });
    return this;
  }
  preferredNodeAffinity(weight: number, matchExpressions: NodeSelectorRequirement[]): this {
    const na = ((this.pod.spec.affinity ??= {}).nodeAffinity ??= {});
    (na.preferredDuringSchedulingIgnoredDuringExecution ??= []).push({ weight, preference: { matchExpressions } });
    return this;
  }
  podAffinity(term: PodAffinityTerm): this {
    const pa = ((this.pod.spec.affinity ??= {}).podAffinity ??= {});
    (pa.requiredDuringSchedulingIgnoredDuringExecution ??= []).push(term);
    return this;
  }
  podAntiAffinity(term: PodAffinityTerm): this {
    const pa = ((this.pod.spec.affinity ??= {}).podAntiAffinity ??= {});
    (pa.requiredDuringSchedulingIgnoredDuringExecution ??= []).push(term);
    return this;
  }
  preferredPodAffinity(weight: number, term: PodAffinityTerm): this {
    const pa = ((this.pod.spec.affinity ??= {}).podAffinity ??= {});
    (pa.preferredDuringSchedulingIgnoredDuringExecution ??= []).push({ weight, podAffinityTerm: term });
    return this;
  }
  preferredPodAntiAffinity(weight: number, term: PodAffinityTerm): this {
    const pa = ((this.pod.spec.affinity ??= {}).podAntiAffinity ??= {});
    (pa.preferredDuringSchedulingIgnoredDuringExecution ??= []).push({ weight, podAffinityTerm: term });
    return this;
  }
  toleration(t: Toleration): this {
    (this.pod.spec.tolerations ??= []).push(t);
    return this;
  }
  spreadConstraint(c: TopologySpreadConstraint): this {
    (this.pod.spec.topologySpreadConstraints ??= []).push(c);
    return this;
  }
  hostPort(port: number, protocol: 'TCP' | 'UDP' | 'SCTP' = 'TCP', hostIP = ''): this {
    if (this.pod.spec.containers.length === 0) this.container();
    const c = this.pod.spec.containers[this.pod.spec.containers.length - 1];
    (c.ports ??= []).push({ containerPort: port, hostPort: port, protocol, ...(hostIP ? { hostIP } : {}) });
    return this;
  }
  schedulingGates(...names: string[]): this {
    this.pod.spec.schedulingGates = names.map((name) => ({ name }));
    return this;
  }
  owner(kind: string, name: string): this {
    (this.pod.metadata.ownerReferences ??= []).push({ apiVersion: 'apps/v1', kind, name, controller: true });
    return this;
  }
  obj(): Pod {
    return this.pod;
  }
  info(seq = 0): PodInfo {
    return new PodInfo(this.pod, seq);
  }
}

export class NodeBuilder {
  readonly node: Node;
  constructor(name: string) {
    this.node = {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name, labels: { 'kubernetes.io/hostname': name } },
      spec: {},
      status: { allocatable: { pods: '110' }, capacity: { pods: '110' } },
    };
  }
  label(k: string, v: string): this {
    (this.node.metadata.labels ??= {})[k] = v;
    return this;
  }
  labels(l: Record<string, string>): this {
    this.node.metadata.labels = { ...(this.node.metadata.labels ?? {}), ...l };
    return this;
  }
  zone(z: string): this {
    return this.label('topology.kubernetes.io/zone', z);
  }
  /** Sets allocatable (and capacity); keeps pods: 110 unless given. */
  capacity(res: ResourceList): this {
    this.node.status!.allocatable = { pods: '110', ...res };
    this.node.status!.capacity = { pods: '110', ...res };
    return this;
  }
  taint(t: Taint): this {
    (this.node.spec!.taints ??= []).push(t);
    return this;
  }
  unschedulable(u = true): this {
    this.node.spec!.unschedulable = u;
    return this;
  }
  image(names: string[], sizeBytes: number): this {
    (this.node.status!.images ??= []).push({ names, sizeBytes });
    return this;
  }
  obj(): Node {
    return this.node;
  }
}

export const makePod = (name: string, namespace = 'default') => new PodBuilder(name, namespace);
export const makeNode = (name: string) => new NodeBuilder(name);

export const selector = (matchLabels: Record<string, string>): LabelSelector => ({ matchLabels });
