/**
 * The tracing decorator: wraps every plugin of a framework and records what
 * it said, per node, without the plugin knowing (as kube-scheduler-simulator's
 * wrapped plugins do). Untraced cycles pay nothing for it.
 */
import type { AnyPlugin, ScoreExtensions } from './interfaces';
import type { PluginDecorator } from './runtime';
import { Code, type MaybeStatus } from './status';

export type FilterVerdict = 'passed' | string[];

export class CycleTrace {
  /** plugin → "success" | "skip" | the status message. */
  readonly preFilter = new Map<string, string>();
  /** node → plugin → verdict, in the order the plugins ran. */
  readonly filter = new Map<string, Map<string, FilterVerdict>>();
  readonly preScore = new Map<string, string>();
  /** node → plugin → raw Score() output. */
  readonly rawScore = new Map<string, Map<string, number>>();
  /** node → plugin → score after NormalizeScore (raw when the plugin has none). */
  readonly normalizedScore = new Map<string, Map<string, number>>();
  postFilter = '';

  recordFilter(node: string, plugin: string, verdict: FilterVerdict): void {
    let m = this.filter.get(node);
    if (!m) this.filter.set(node, (m = new Map()));
    m.set(plugin, verdict);
  }

  private put(map: Map<string, Map<string, number>>, node: string, plugin: string, v: number): void {
    let m = map.get(node);
    if (!m) map.set(node, (m = new Map()));
    m.set(plugin, v);
  }

  recordScore(node: string, plugin: string, raw: number): void {
    this.put(this.rawScore, node, plugin, raw);
    this.put(this.normalizedScore, node, plugin, raw);
  }

  recordNormalized(node: string, plugin: string, v: number): void {
    this.put(this.normalizedScore, node, plugin, v);
  }
}

const statusText = (s: MaybeStatus): string =>
  s === null || s.code === Code.Success ? 'success' : s.code === Code.Skip ? 'skip' : s.message();

export function tracingDecorator(trace: CycleTrace): PluginDecorator {
  return (p: AnyPlugin): AnyPlugin => {
    const w: AnyPlugin = { name: p.name };
    const name = p.name;
    if (p.preEnqueue) w.preEnqueue = (pod) => p.preEnqueue!(pod);
    if (p.less) w.less = (a, b) => p.less!(a, b);
    if (p.preFilter) {
      w.preFilter = (state, pod, nodes) => {
        const out = p.preFilter!(state, pod, nodes);
        trace.preFilter.set(name, statusText(out.status));
        return out;
      };
      if (p.preFilterExtensions) w.preFilterExtensions = () => p.preFilterExtensions!();
    }
    if (p.filter) {
      w.filter = (state, pod, nodeInfo) => {
        const s = p.filter!(state, pod, nodeInfo);
        trace.recordFilter(nodeInfo.name, name, s === null || s.code === Code.Success ? 'passed' : [...s.reasons]);
        return s;
      };
    }
    if (p.postFilter) {
      w.postFilter = (state, pod, statuses) => {
        const r = p.postFilter!(state, pod, statuses);
        trace.postFilter = statusText(r.status);
        return r;
      };
    }
    if (p.preScore) {
      w.preScore = (state, pod, nodes) => {
        const s = p.preScore!(state, pod, nodes);
        trace.preScore.set(name, statusText(s));
        return s;
      };
    }
    if (p.score) {
      w.score = (state, pod, nodeInfo) => {
        const v = p.score!(state, pod, nodeInfo);
        trace.recordScore(nodeInfo.name, name, v);
        return v;
      };
      const ext = p.scoreExtensions?.() ?? null;
      if (ext) {
        const wrapped: ScoreExtensions = {
          normalizeScore: (state, pod, nodes, scores) => {
            const s = ext.normalizeScore(state, pod, nodes, scores);
            for (let i = 0; i < nodes.length; i++) trace.recordNormalized(nodes[i].name, name, scores[i]);
            return s;
          },
        };
        w.scoreExtensions = () => wrapped;
      }
    }
    if (p.reserve) {
      w.reserve = (state, pod, node) => p.reserve!(state, pod, node);
      w.unreserve = (state, pod, node) => p.unreserve!(state, pod, node);
    }
    if (p.bind) w.bind = (state, pod, node) => p.bind!(state, pod, node);
    return w;
  };
}
