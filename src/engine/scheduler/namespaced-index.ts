/** The scheduler informers' listers of namespaced kinds (informers.ts). */
import type { KubeObject } from '../model/types';

const EMPTY: readonly KubeObject[] = Object.freeze([]);

/** Objects of one kind by namespace, with a sorted list per namespace rebuilt after a change. */
export class NamespacedIndex {
  private readonly byNs = new Map<string, Map<string, KubeObject>>();
  private readonly lists = new Map<string, readonly KubeObject[]>();

  set(o: KubeObject): void {
    const ns = o.metadata.namespace ?? 'default';
    let m = this.byNs.get(ns);
    if (!m) this.byNs.set(ns, (m = new Map()));
    m.set(o.metadata.name ?? '', o);
    this.lists.delete(ns);
  }

  delete(o: KubeObject): void {
    const ns = o.metadata.namespace ?? 'default';
    this.byNs.get(ns)?.delete(o.metadata.name ?? '');
    this.lists.delete(ns);
  }

  get(ns: string, name: string): KubeObject | undefined {
    return this.byNs.get(ns)?.get(name);
  }

  list(ns: string): readonly KubeObject[] {
    let l = this.lists.get(ns);
    if (l) return l;
    const m = this.byNs.get(ns);
    if (!m || m.size === 0) return EMPTY;
    l = [...m.keys()].sort().map((k) => m.get(k)!);
    this.lists.set(ns, l);
    return l;
  }
}
