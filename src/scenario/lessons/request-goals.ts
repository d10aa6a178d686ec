/**
 * The `podRequests` goal: what the live pods of a workload request, as the scheduler counts it
 * (PodFrame.requests, which holds what admission left in the pod: a LimitRange's defaultRequest
 * included). The wanted amounts are quantities as a manifest writes them (`100m`, `64Mi`).
 */
import { formatBytes, formatMilliCPU, parseQuantity } from '../../engine/model/quantity';
import type { GoalFrame, GoalResult } from './goals';

export interface RequestsWanted {
  workload: string;
  namespace?: string;
  /** The CPU every live pod requests, exactly (`100m`, `0.5`). */
  cpu?: string;
  /** The memory every live pod requests, exactly (`64Mi`). */
  memory?: string;
}

function amount(field: 'cpu' | 'memory', text: string): number {
  try {
    const q = parseQuantity(text);
    return field === 'cpu' ? q.milliValue() : q.value();
  } catch (e) {
    throw new Error(`podRequests: ${field} ${JSON.stringify(text)} is not a quantity: ${(e as Error).message}`, { cause: e });
  }
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Met when the workload has at least one live pod (`pods`, its live ones) and every one requests exactly the amounts given. */
export function evaluatePodRequests(wanted: RequestsWanted, pods: GoalFrame['pods']): GoalResult {
  const { workload, cpu, memory } = wanted;
  if (cpu === undefined && memory === undefined) throw new Error('podRequests: give cpu, memory or both');
  const cpuMilli = cpu === undefined ? undefined : amount('cpu', cpu);
  const memBytes = memory === undefined ? undefined : amount('memory', memory);
  if (pods.length === 0) return { met: false, detail: `no live pod of ${workload}` };
  const describe = (r: { cpu: number; memory: number } | undefined) =>
    [cpu === undefined ? null : `cpu ${r ? formatMilliCPU(r.cpu) : 0}`, memory === undefined ? null : `memory ${r ? formatBytes(r.memory) : 0}`].filter(Boolean).join(', ');
  const matches = pods.filter((p) => (cpuMilli === undefined || p.requests?.cpu === cpuMilli) && (memBytes === undefined || p.requests?.memory === memBytes));
  const off = pods.find((p) => !matches.includes(p));
  const of = plural(pods.length, `live pod of ${workload}`, `live pods of ${workload}`);
  if (!off) return { met: true, detail: `${matches.length} of ${of} request ${describe(pods[0].requests)}` };
  return { met: false, detail: `${matches.length} of ${of} request what is wanted; ${off.name} requests ${describe(off.requests)}` };
}
