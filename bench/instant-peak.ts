/**
 * The busiest virtual instant of the bench's cluster: how many callbacks (clock timers and
 * clock-lane items, i.e. what VirtualClock.advanceTo counts against
 * MAX_CALLBACKS_PER_INSTANT) run at one virtual time, in the setup (load and placement of
 * every pod) and in each kill-and-recover. The bound of the clock's runaway guard is chosen
 * from this figure (docs/fidelity.md, round 9).
 *
 *   npx tsx bench/instant-peak.ts [nodes=5000] [kills=1,50,500] [--placement scheduler|direct]
 */
import { VirtualClock } from '../src/engine/clock/virtual-clock';
import { EvictionLane } from '../src/engine/controllers/taint-eviction/eviction-lane';
import { KeyTimerLane } from '../src/engine/controllers/workload/timer-lane';
import { Rng } from '../src/engine/random/rng';
import { killAndRecover, placedCluster } from './sim.bench';

const args = process.argv.slice(2);
const positional = args.filter((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'));
const nodes = Number(positional[0] ?? 5000);
const kills = (positional[1] ?? `1,${nodes / 100},${nodes / 10}`).split(',').map(Number);
const pi = args.indexOf('--placement');
const placement = (pi >= 0 ? args[pi + 1] : 'direct') as 'scheduler' | 'direct';

/** The clocks seen (one simulation here): the instant is read from the clock a timer belongs to. */
const clocks = new Set<VirtualClock>();
let instant = NaN;
let count = 0;
let labels = new Map<string, number>();
let peak = { count: 0, at: 0, labels: new Map<string, number>() };

const norm = (label: string) => label.replace(/ [^ ]*\/[^ ]*$/, ' <key>').replace(/^kubelet [^:]+:/, 'kubelet <node>:').replace(/^drain [^:]+:/, 'drain <node>:');
function tick(label: string): void {
  const now = (clocks.values().next().value as VirtualClock).now;
  if (now !== instant) {
    instant = now;
    count = 0;
    labels = new Map();
  }
  count++;
  const l = norm(label);
  labels.set(l, (labels.get(l) ?? 0) + 1);
  if (count > peak.count) peak = { count, at: now, labels };
}
function report(phase: string): void {
  const top = [...peak.labels].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([l, n]) => `${n}× ${l}`).join(', ');
  console.log(`${phase}: busiest instant ${peak.at} ms with ${peak.count} callbacks (${top})`);
  peak = { count: 0, at: 0, labels: new Map() };
}

const proto = VirtualClock.prototype as unknown as { schedule: (time: number, label: string, run: () => void, period: number) => unknown };
const schedule = proto.schedule;
proto.schedule = function (this: VirtualClock, time, label, run, period) {
  clocks.add(this);
  return schedule.call(this, time, label, () => {
    tick(label);
    run();
  }, period);
};
for (const Lane of [KeyTimerLane, EvictionLane] as unknown as { prototype: { runHead: () => void; label?: string } }[]) {
  const runHead = Lane.prototype.runHead;
  Lane.prototype.runHead = function (this: { label?: string }) {
    tick(`${this.label ?? 'lane'} (lane)`);
    runHead.call(this);
  };
}

// Items a lane runs in its own loop (no clock step): the clock counts them in laneMayRun.
const clockProto = VirtualClock.prototype as unknown as { laneMayRun: (lane: { label: string }, time: number, seq: number) => boolean };
const laneMayRun = clockProto.laneMayRun;
let loopInstant = NaN;
let loopCount = 0;
let loopPeak = { count: 0, at: 0, label: '' };
clockProto.laneMayRun = function (this: VirtualClock, lane, time, seq) {
  const ok = laneMayRun.call(this, lane, time, seq);
  if (ok) {
    if (time !== loopInstant) {
      loopInstant = time;
      loopCount = 0;
    }
    if (++loopCount > loopPeak.count) loopPeak = { count: loopCount, at: time, label: lane.label };
  }
  return ok;
};
const reportLoop = (phase: string) => {
  console.log(`${phase}: busiest instant of lane-loop items ${loopPeak.at} ms with ${loopPeak.count} (${loopPeak.label})`);
  loopPeak = { count: 0, at: 0, label: '' };
};

const placed = placedCluster({ nodes, deployments: nodes, replicas: 30, seed: 42, placement, kills: [], repeats: 1, budgetMs: 0, repeatBelowMs: 0 });
report(`setup (${nodes} nodes, ${nodes * 30} pods, ${placement} placement)`);
reportLoop('setup');
const rng = new Rng(42 ^ 0x2545f491);
const used = new Set<string>();
for (const k of kills) {
  killAndRecover(placed, k, rng, used);
  report(`kill ${k}`);
  reportLoop(`kill ${k}`);
}
