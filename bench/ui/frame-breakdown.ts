/**
 * What each frame of the node-kill animation contains: a CDP trace of bench/ui's kill split
 * at the 181 animation frames it samples (a `console.timeStamp` each), then per frame the
 * page main thread's busy wall and CPU time (trace `dur` / `tdur`, so other processes' time
 * on a loaded machine shows as the difference) and its self time per trace event. Prints the
 * frames over 20 ms with their largest items, and totals over janky and other frames.
 * Usage: npx tsx bench/ui/frame-breakdown.ts <port> [nodes] [pods] [warm seconds]
 * (PODSCAPE_JS=1 adds the V8 sampler: the functions with the most samples per janky frame;
 * PODSCAPE_ALL=1 prints every frame, not only the janky ones.)
 */
import { chromium } from 'playwright-core';
import { setUpKill, traceKill } from './kill-run';

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  tdur?: number;
  tid: number;
  pid: number;
  args?: { name?: string; data?: { message?: string } };
}

const [port = '4195', nodes = '1000', pods = '30000', warm = '10'] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
await setUpKill(page, port, Number(nodes), Number(pods), Number(warm), process.env.PODSCAPE_CSS); // PODSCAPE_CSS: an experiment's extra CSS
const js = process.env.PODSCAPE_JS === '1';
const { deltas, events, profile } = await traceKill<TraceEvent>(page, ['devtools.timeline', 'v8.execute'], { js, stamp: true });
await browser.close();

const main = events.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && events.some((s) => s.pid === e.pid && s.name === 'TimeStamp'));
if (!main) throw new Error('no renderer main thread with the frame stamps in the trace');
const onMain = events.filter((e) => e.tid === main.tid && e.pid === main.pid);
const stamps = onMain.filter((e) => e.name === 'TimeStamp' && e.args?.data?.message === 'kill-frame').map((e) => e.ts).sort((a, b) => a - b);
const complete = onMain.filter((e) => e.ph === 'X' && e.dur !== undefined).sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);

/** Per frame (between stamps i and i+1): self wall and CPU µs by event name, and top-level busy time. */
interface FrameCost { wall: number; cpu: number; self: Map<string, number>; selfCpu: Map<string, number>; fns: Map<string, number> }
const frames: FrameCost[] = stamps.slice(1).map(() => ({ wall: 0, cpu: 0, self: new Map(), selfCpu: new Map(), fns: new Map() }));
const frameOf = (ts: number) => {
  let lo = 0;
  let hi = stamps.length - 1;
  if (ts < stamps[0] || ts >= stamps[hi]) return -1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (stamps[mid] <= ts) lo = mid;
    else hi = mid;
  }
  return lo;
};
// Self times: an event's duration less the events nested in it, charged to the frame it starts in.
const open: { end: number; e: TraceEvent; self: number; selfCpu: number }[] = [];
const close = (until: number) => {
  while (open.length > 0 && open.at(-1)!.end <= until) {
    const done = open.pop()!;
    const f = frames[frameOf(done.e.ts)];
    if (!f) continue;
    f.self.set(done.e.name, (f.self.get(done.e.name) ?? 0) + done.self);
    f.selfCpu.set(done.e.name, (f.selfCpu.get(done.e.name) ?? 0) + done.selfCpu);
    if (open.length === 0) {
      f.wall += done.e.dur!;
      f.cpu += done.e.tdur ?? 0;
    }
  }
};
for (const e of complete) {
  close(e.ts);
  if (open.length > 0) {
    open.at(-1)!.self -= e.dur!;
    open.at(-1)!.selfCpu -= e.tdur ?? 0;
  }
  open.push({ end: e.ts + e.dur!, e, self: e.dur!, selfCpu: e.tdur ?? 0 });
}
close(Infinity);
if (profile) {
  let t = profile.startTime;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  profile.samples!.forEach((id, i) => {
    t += profile.timeDeltas![i] ?? 0;
    const f = frames[frameOf(t)];
    const n = byId.get(id)!;
    if (!f || n.callFrame.functionName === '(idle)' || n.callFrame.functionName === '(program)') return;
    const key = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`;
    f.fns.set(key, (f.fns.get(key) ?? 0) + 200); // samples × the 200 µs interval: CPU, not wall, under load
  });
}

const ms = (us: number) => (us / 1000).toFixed(1);
const top = (m: Map<string, number>, n: number) => [...m].filter(([, v]) => v >= 300).sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `${k} ${ms(v)}`).join(', ');
const all = process.env.PODSCAPE_ALL === '1';
console.log(`frames over 20 ms: ${deltas.filter((d) => d > 20).length}/${deltas.length}; stamps ${stamps.length}`);
const janky = new Map<string, number>();
const quiet = new Map<string, number>();
let jankyCpu = 0;
let quietCpu = 0;
frames.forEach((f, i) => {
  const over = deltas[i] > 20;
  const into = over ? janky : quiet;
  for (const [k, v] of f.selfCpu) into.set(k, (into.get(k) ?? 0) + v);
  if (over) jankyCpu += f.cpu;
  else quietCpu += f.cpu;
  if (!over && !all) return;
  console.log(`#${i} ${deltas[i].toFixed(1)} ms: busy ${ms(f.wall)} wall / ${ms(f.cpu)} cpu | ${top(f.selfCpu, 8)}`);
  if (f.fns.size) console.log(`    js: ${top(f.fns, 6)}`);
});
const n = deltas.filter((d) => d > 20).length;
// Frames whose main-thread CPU alone would miss a 60 Hz frame: the janky frames of a quiet machine.
console.log(`frames with main-thread cpu over 10 / 16 ms: ${frames.filter((f) => f.cpu > 10_000).length} / ${frames.filter((f) => f.cpu > 16_000).length}; cpu per frame median ${ms([...frames.map((f) => f.cpu)].sort((a, b) => a - b)[frames.length >> 1])}`);
// CPU per thread over the frames (top-level events only), for the compositor, raster and GPU side.
const names = new Map(events.filter((e) => e.ph === 'M' && e.name === 'thread_name').map((e) => [`${e.pid}:${e.tid}`, e.args?.name ?? '?']));
const perThread = new Map<string, number>();
const depth = new Map<string, number>();
for (const e of [...events].filter((x) => x.ph === 'X' && x.ts >= stamps[0] && x.ts < stamps.at(-1)!).sort((a, b) => a.ts - b.ts)) {
  const key = `${e.pid}:${e.tid}`;
  const end = depth.get(key) ?? 0;
  if (e.ts < end) continue; // nested in a top-level event already counted
  depth.set(key, e.ts + e.dur!);
  const name = `${names.get(key) ?? key} (${e.pid})`;
  perThread.set(name, (perThread.get(name) ?? 0) + (e.tdur ?? 0));
}
console.log(`cpu by thread over the frames: ${[...perThread].sort((a, b) => b[1] - a[1]).slice(0, 10).map(([k, v]) => `${k} ${ms(v)}`).join(', ')}`);
console.log(`janky frames (${n}): cpu ${ms(jankyCpu)} ms (${ms(jankyCpu / Math.max(1, n))} each) | ${top(janky, 12)}`);
console.log(`other frames (${deltas.length - n}): cpu ${ms(quietCpu)} ms (${ms(quietCpu / Math.max(1, deltas.length - n))} each) | ${top(quiet, 12)}`);
