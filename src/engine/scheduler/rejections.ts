import type { Diagnosis } from './framework/fit-error';
import { NodeToStatus } from './framework/interfaces';
import type { NodeInfo } from './framework/node-info';
import type { Status } from './framework/status';

/**
 * Records the nodes a filtering pass rejected into a Diagnosis. One instance
 * per scheduler, so the hot loop creates no closure per cycle. The nodes and
 * statuses are gathered in lists reused from pass to pass and handed to the
 * Diagnosis's NodeToStatus at the end of the pass (`flush`), in the same order.
 */
export class Rejections {
  private statuses = new NodeToStatus();
  private plugins = new Set<string>();
  private lastPlugin = '';
  private readonly nodes: NodeInfo[] = [];
  private readonly nodeStatuses: Status[] = [];
  private count = 0;

  into(d: Diagnosis): this {
    this.statuses = d.nodeToStatus;
    this.plugins = d.unschedulablePlugins;
    this.lastPlugin = '';
    this.count = 0;
    return this;
  }

  /** Each node is filtered once per pass, so its status is new. */
  readonly record = (ni: NodeInfo, s: Status): void => {
    const i = this.count++;
    if (i < this.nodes.length) {
      this.nodes[i] = ni;
      this.nodeStatuses[i] = s;
    } else {
      this.nodes.push(ni);
      this.nodeStatuses.push(s);
    }
    if (s.plugin !== this.lastPlugin && s.plugin) {
      this.plugins.add(s.plugin);
      this.lastPlugin = s.plugin;
    }
  };

  /** Hands the pass's rejections to the Diagnosis. */
  flush(): void {
    this.statuses.setNewNodes(this.nodes, this.nodeStatuses, this.count);
    this.count = 0;
  }
}
