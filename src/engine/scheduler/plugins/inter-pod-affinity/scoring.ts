/**
 * InterPodAffinity's PreScore data (upstream scoring.go's topologyScore):
 * points per (topologyKey, value) from the incoming pod's preferred terms,
 * plus the matching groups of existing pods' terms (hard affinity weight and
 * their preferred terms), read straight from the plugin's index.
 * Label lookups are inlined in the per-node paths.
 */
import type { Labels } from '../../../model/labels';
import type { StateData } from '../../framework/cycle-state';
import type { TermGroup } from './term-index';

export class PreScoreState implements StateData {
  constructor(
    /** Topology keys of the incoming pod's preferred terms, with points per value. */
    readonly keys: readonly string[],
    readonly points: readonly Map<string, number>[],
    /** Existing pods' term groups that select the incoming pod (valid until the plugin's next PreScore). */
    readonly groups: readonly TermGroup[],
  ) {}

  clone(): StateData {
    return this; // read-only once written
  }

  /** Σ over the node's (key, value) labels of the points there. */
  score(labels: Labels): number {
    let score = 0;
    for (let i = 0; i < this.keys.length; i++) {
      const v = labels === undefined ? undefined : labels[this.keys[i]];
      if (typeof v === 'string') score += this.points[i].get(v) ?? 0;
    }
    const groups = this.groups;
    for (let i = 0; i < groups.length; i++) {
      const g = groups[i];
      const v = labels === undefined ? undefined : labels[g.topologyKey];
      if (typeof v === 'string') score += g.weight * (g.table.get(v) ?? 0);
    }
    return score;
  }
}
