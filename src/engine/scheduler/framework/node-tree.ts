/**
 * The Snapshot's nodes by zone (upstream's nodeTree): node names grouped by
 * zone key, zones in the order they first appeared, names in the order they
 * were added; names() takes the zones in turn, one name from each, so that
 * nodes of different zones alternate in the node list.
 */
import type { Node } from '../../model/types';

const ZONE = 'topology.kubernetes.io/zone';
const REGION = 'topology.kubernetes.io/region';
const ZONE_BETA = 'failure-domain.beta.kubernetes.io/zone';
const REGION_BETA = 'failure-domain.beta.kubernetes.io/region';

/** upstream utilnode.GetZoneKey: "" when the node has neither region nor zone. */
export function zoneKey(node: Node): string {
  const l = node.metadata.labels ?? {};
  const region = l[REGION] ?? l[REGION_BETA] ?? '';
  const zone = l[ZONE] ?? l[ZONE_BETA] ?? '';
  if (region === '' && zone === '') return '';
  return `${region}:\x00:${zone}`;
}

export class NodeTree {
  private readonly zones: string[] = [];
  private readonly byZone = new Map<string, string[]>();

  add(name: string, zone: string): void {
    let names = this.byZone.get(zone);
    if (names === undefined) {
      this.byZone.set(zone, (names = []));
      this.zones.push(zone);
    }
    names.push(name);
  }

  remove(name: string, zone: string): void {
    const names = this.byZone.get(zone);
    if (!names) return;
    const i = names.indexOf(name);
    if (i >= 0) names.splice(i, 1);
    if (names.length === 0) {
      this.byZone.delete(zone);
      this.zones.splice(this.zones.indexOf(zone), 1);
    }
  }

  /** The first `count` names, zones taken in turn (upstream's nodeTree.list()). */
  names(count: number): string[] {
    const out: string[] = [];
    for (let i = 0; out.length < count; i++) {
      for (const z of this.zones) {
        const names = this.byZone.get(z)!;
        if (i < names.length) out.push(names[i]);
      }
    }
    return out;
  }
}
