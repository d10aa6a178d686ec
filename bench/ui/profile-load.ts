/**
 * Where the page's long tasks go while the worker loads and schedules a large cluster
 * (bench/ui's load benchmark, (c)): a CDP CPU profile and a timeline trace of the main
 * thread, then for each task over 50 ms its length and the functions with the most self
 * and inclusive time inside it. Needs a preview server already up (`vite build --minify
 * false && vite preview --port <port>`).
 * Usage: npx tsx bench/ui/profile-load.ts <port> [nodes] [pods] [then: play seconds]
 * With `--measure N` (after the sizes): no profiler; N loads in fresh pages, each
 * printing its long tasks, the full frame's rebuild ms and the ms to the view's commit, and
 * (from a `toplevel` trace) the main thread's tasks over 50 ms of its own CPU time: on a
 * shared machine a task's wall time includes the time other processes held the core.
 * Both put the scenario text in the page before anything is timed, and `--measure` then
 * asks for 7 warm full frames (the engine resends the frame held: WireEngineApi.resync).
 * PODSCAPE_CSS adds CSS to the page before the load (an experiment: what a rule would
 * save); PODSCAPE_SHOT saves a screenshot after it (the last run's, with `--measure`).
 */
import { chromium } from 'playwright-core';
import { largeScenario } from './scenario-gen';

const argv = process.argv.slice(2);
const measureAt = argv.indexOf('--measure');
const measure = measureAt >= 0 ? Number(argv.splice(measureAt, 2)[1]) : 0;
const [port = '4313', nodes = '1000', pods = '30000', play = '0'] = argv;
type TraceEvent = { name: string; ph: string; ts: number; dur?: number; tdur?: number; tid: number; pid: number; args?: Record<string, unknown> };
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
if (measure > 0) {
  const yamlText = largeScenario({ nodes: Number(nodes), pods: Number(pods) });
  for (let run = 0; run < measure; run++) {
    const p = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await p.goto(`http://127.0.0.1:${port}/`);
    await p.waitForFunction(() => window.__podscape?.snapshot() != null);
    if (process.env.PODSCAPE_CSS) await p.addStyleTag({ content: process.env.PODSCAPE_CSS });
    // The text goes into the page before the clock starts (the harness's 5 MB over CDP is not the page's work).
    await p.evaluate((text) => void ((window as unknown as { __yaml: string }).__yaml = text), yamlText);
    await p.evaluate(() => {
      const w = window as unknown as { __longTasks: number[] };
      w.__longTasks = [];
      new PerformanceObserver((list) => list.getEntries().forEach((e) => w.__longTasks.push(e.duration))).observe({ type: 'longtask' });
    });
    const cdp = await p.context().newCDPSession(p);
    const trace: TraceEvent[] = [];
    cdp.on('Tracing.dataCollected', (e) => trace.push(...(e.value as unknown as TraceEvent[])));
    const traced = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
    await cdp.send('Tracing.start', { categories: 'toplevel,devtools.timeline', transferMode: 'ReportEvents' });
    const t0 = Date.now();
    await p.evaluate(() => window.__podscape!.load((window as unknown as { __yaml: string }).__yaml).then(() => undefined));
    await p.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
    const wall = Date.now() - t0;
    // Whatever the load left for later (autosave, deferred panels) counts too.
    await p.waitForTimeout(3000);
    const r = await p.evaluate(() => ({
      longTasks: (window as unknown as { __longTasks: number[] }).__longTasks,
      // The full frame's own figure (older builds only kept every frame's).
      apply: (window.__podscapePerf!.frames.fullApplyMs ?? window.__podscapePerf!.frames.applyMs).at(-1),
      deliver: window.__podscapePerf!.frames.deliverMs.at(-1),
      commit: window.__podscapePerf!.frames.commitMs.at(-1),
    }));
    await cdp.send('Tracing.end');
    await traced;
    // Warm full frames: the engine resends the frame held (older builds have no resync).
    const warm = await p.evaluate(async () => {
      const out: number[] = [];
      for (let i = 0; i < 7 && window.__podscapePerf!.resync; i++) {
        await window.__podscapePerf!.resync();
        out.push(window.__podscapePerf!.frames.fullApplyMs.at(-1)!);
      }
      return out.sort((a, b) => a - b);
    });
    const all = mainThreadTasks(trace);
    const cpu = all.filter((t) => t.cpu > 50).map((t) => t.cpu.toFixed(0));
    const longestCpu = Math.max(0, ...all.map((t) => t.cpu));
    if (process.env.PODSCAPE_SHOT) await p.screenshot({ path: process.env.PODSCAPE_SHOT });
    // What each task over PODSCAPE_MIN_MS (30) of CPU held: its top timeline events.
    const listMin = Number(process.env.PODSCAPE_MIN_MS ?? 30);
    const details = all
      .filter((t) => t.cpu > listMin)
      .map((t) => `    ${t.wall.toFixed(0)} ms wall / ${t.cpu.toFixed(0)} CPU at +${((t.ts - all[0].ts) / 1000).toFixed(0)} ms: ${[...t.inner].filter(([k]) => !k.startsWith('(')).sort((a, b) => b[1] - a[1]).slice(0, 6).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', ')} ${[...t.inner.keys()].filter((k) => k.startsWith('(')).join(' ')}`);
    console.log(`run ${run + 1}: load ${wall} ms; long tasks > 50 ms: ${r.longTasks.filter((d) => d > 50).length} [${r.longTasks.map((d) => d.toFixed(0)).join(', ')}]; over 50 ms of CPU: ${cpu.length} [${cpu.join(', ')}] (longest ${longestCpu.toFixed(0)}); full frame ${r.apply?.toFixed(2)} ms (warm: median ${warm.length ? warm[warm.length >> 1].toFixed(2) : '-'}, max ${warm.length ? warm.at(-1)!.toFixed(2) : '-'}), store+sync render ${r.deliver?.toFixed(1)} ms, to commit ${r.commit?.toFixed(1)} ms`);
    for (const line of details) console.log(line);
    await p.close();
  }
  await browser.close();
  process.exit(0);
}
/** The page main thread's outermost tasks: wall and thread (CPU) ms, and the ms of the timeline events inside each. */
function mainThreadTasks(trace: TraceEvent[]): { ts: number; wall: number; cpu: number; inner: Map<string, number> }[] {
  const names = new Set(['ThreadControllerImpl::RunTask', 'RunTask']);
  const busiest = new Map<string, number>();
  for (const e of trace) if (e.ph === 'X' && names.has(e.name)) busiest.set(`${e.pid}/${e.tid}`, (busiest.get(`${e.pid}/${e.tid}`) ?? 0) + (e.dur ?? 0));
  const mains = new Set(trace.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}/${e.tid}`));
  const main = [...busiest].filter(([k]) => mains.has(k)).sort((a, b) => b[1] - a[1])[0]?.[0];
  const tasks = trace.filter((e) => e.ph === 'X' && names.has(e.name) && `${e.pid}/${e.tid}` === main).sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const out: { ts: number; wall: number; cpu: number; inner: Map<string, number> }[] = [];
  let end = -Infinity;
  for (const t of tasks) {
    if (t.ts < end) continue; // nested in the previous task
    end = t.ts + (t.dur ?? 0);
    out.push({ ts: t.ts, wall: (t.dur ?? 0) / 1000, cpu: (t.tdur ?? t.dur ?? 0) / 1000, inner: new Map() });
  }
  // Timeline events (not the tasks themselves) by the task they fall in, by name.
  const inner = trace.filter((e) => e.ph === 'X' && !names.has(e.name) && `${e.pid}/${e.tid}` === main).sort((a, b) => a.ts - b.ts);
  let i = 0;
  for (const e of inner) {
    while (i < out.length && out[i].ts + out[i].wall * 1000 < e.ts) i++;
    if (i === out.length) break;
    if (e.ts < out[i].ts) continue;
    out[i].inner.set(e.name, (out[i].inner.get(e.name) ?? 0) + (e.dur ?? 0) / 1000);
    // A long layout or style recalculation: how much of the tree it covered.
    if ((e.dur ?? 0) < 5_000) continue;
    const begin = (e.args?.beginData ?? {}) as { dirtyObjects?: number; totalObjects?: number };
    const count = (e.args?.elementCount ?? (e.args?.data as { elementCount?: number } | undefined)?.elementCount) as number | undefined;
    if (e.name === 'Layout') out[i].inner.set(`(layout ${begin.dirtyObjects}/${begin.totalObjects} objects)`, 0);
    else if (e.name === 'UpdateLayoutTree' && count !== undefined) out[i].inner.set(`(style ${count} elements)`, 0);
  }
  return out;
}

const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
await page.goto(`http://127.0.0.1:${port}/`);
await page.waitForFunction(() => window.__podscape?.snapshot() != null);
if (process.env.PODSCAPE_CSS) await page.addStyleTag({ content: process.env.PODSCAPE_CSS });
const yaml = largeScenario({ nodes: Number(nodes), pods: Number(pods) });
// In the page before anything is timed (the harness's 5 MB over CDP is not the page's work).
await page.evaluate((text) => void ((window as unknown as { __yaml: string }).__yaml = text), yaml);
await page.evaluate(() => {
  const w = window as unknown as { __longTasks: { start: number; duration: number }[] };
  w.__longTasks = [];
  new PerformanceObserver((list) => list.getEntries().forEach((e) => w.__longTasks.push({ start: e.startTime, duration: e.duration }))).observe({ type: 'longtask' });
});
const cdp = await page.context().newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 250 });
const events: TraceEvent[] = [];
cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as TraceEvent[])));
const traced = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
await cdp.send('Tracing.start', { categories: 'toplevel,devtools.timeline,disabled-by-default-devtools.timeline,v8', transferMode: 'ReportEvents' });
await cdp.send('Profiler.start');
const started = Date.now();
await page.evaluate(() => window.__podscape!.load((window as unknown as { __yaml: string }).__yaml).then(() => undefined));
await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
const loadMs = Date.now() - started;
if (Number(play) > 0) {
  await page.getByRole('button', { name: 'Play' }).click();
  await page.waitForTimeout(Number(play) * 1000);
  await page.getByRole('button', { name: 'Pause' }).click({ timeout: 120_000 });
}
const { profile } = await cdp.send('Profiler.stop');
if (process.env.PODSCAPE_SHOT) await page.screenshot({ path: process.env.PODSCAPE_SHOT });
await cdp.send('Tracing.end');
await traced;
const perf = await page.evaluate(() => ({
  longTasks: (window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks,
  applyMs: window.__podscapePerf!.frames.applyMs.slice(-3),
  commitMs: window.__podscapePerf!.frames.commitMs.slice(-3),
}));
console.log(`load ${loadMs} ms; long tasks (PerformanceObserver): ${perf.longTasks.map((t) => t.duration.toFixed(0)).join(', ')}; last applyMs ${perf.applyMs.map((x) => x.toFixed(1)).join(', ')}; commitMs ${perf.commitMs.map((x) => x.toFixed(1)).join(', ')}`);

const isTask = (name: string) => name === 'RunTask' || name === 'ThreadControllerImpl::RunTask';
// The main thread: the one with the most RunTask time in the page's renderer.
const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && events.some((x) => isTask(x.name) && x.pid === e.pid && x.tid === e.tid && (x.dur ?? 0) > 50_000));
if (!main) {
  const big = new Map<string, number>();
  for (const e of events) if ((e.dur ?? 0) > 50_000) big.set(`${e.pid}/${e.tid} ${e.name} ${e.ph}`, (big.get(`${e.pid}/${e.tid} ${e.name} ${e.ph}`) ?? 0) + 1);
  console.log('big events:', [...big].map(([k, v]) => `${k} ×${v}`).join('; '));
}
if (!main) console.log('threads:', events.filter((e) => e.name === 'thread_name').map((e) => `${e.pid}/${e.tid} ${String(e.args?.name)}`).join('; '));
// Tasks over 50 ms of the thread's own CPU time (PODSCAPE_MIN_MS to change), outermost only.
const minUs = Number(process.env.PODSCAPE_MIN_MS ?? 50) * 1000;
const tasks = events
  .filter((e) => e.ph === 'X' && isTask(e.name) && e.tid === main?.tid && e.pid === main?.pid && (e.tdur ?? e.dur ?? 0) > minUs)
  .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0))
  .filter((e, i, all) => i === 0 || e.ts >= all[i - 1].ts + (all[i - 1].dur ?? 0));

type ProfileNode = (typeof profile.nodes)[number];
const byId = new Map<number, ProfileNode>(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const label = (n: ProfileNode) => `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber + 1}`;
const sampleTimes: number[] = [];
let t = profile.startTime;
for (const d of profile.timeDeltas ?? []) sampleTimes.push((t += d));

for (const task of tasks) {
  const from = task.ts;
  const to = task.ts + task.dur!;
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  for (let i = 0; i < profile.samples!.length; i++) {
    if (sampleTimes[i] < from || sampleTimes[i] > to) continue;
    const dt = (sampleTimes[i + 1] ?? sampleTimes[i]) - sampleTimes[i];
    const leaf = byId.get(profile.samples![i])!;
    self.set(label(leaf), (self.get(label(leaf)) ?? 0) + dt);
    const seen = new Set<string>();
    for (let id: number | undefined = leaf.id; id !== undefined; id = parent.get(id)) {
      const key = label(byId.get(id)!);
      if (seen.has(key)) continue;
      seen.add(key);
      total.set(key, (total.get(key) ?? 0) + dt);
    }
  }
  const inner = new Map<string, number>();
  for (const e of events) {
    if (e.ph !== 'X' || e.tid !== task.tid || e.pid !== task.pid || isTask(e.name) || e.ts < from || e.ts > to) continue;
    inner.set(e.name, (inner.get(e.name) ?? 0) + (e.dur ?? 0));
  }
  console.log(`\n=== task ${(task.dur! / 1000).toFixed(1)} ms (CPU ${((task.tdur ?? task.dur!) / 1000).toFixed(1)}) at +${((from - profile.startTime) / 1000).toFixed(0)} ms`);
  console.log('  trace:', [...inner].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([k, v]) => `${k} ${(v / 1000).toFixed(1)}`).join(', '));
  // Each layout over 5 ms: how much of the tree it had to lay out.
  for (const e of events) {
    if (e.name !== 'Layout' || e.ph !== 'X' || e.tid !== task.tid || e.pid !== task.pid || e.ts < from || e.ts > to || (e.dur ?? 0) < 5_000) continue;
    const begin = (e.args?.beginData ?? {}) as { dirtyObjects?: number; totalObjects?: number; partialLayout?: boolean };
    console.log(`  layout ${((e.dur ?? 0) / 1000).toFixed(1)} ms: ${begin.dirtyObjects ?? '?'} of ${begin.totalObjects ?? '?'} objects dirty${begin.partialLayout ? ' (partial)' : ''}`);
  }
  console.log('  self:');
  for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`    ${(v / 1000).toFixed(1).padStart(7)} ${k}`);
  console.log('  inclusive:');
  // PODSCAPE_GREP: only the functions whose label matches (e.g. '^[A-Z]' for components).
  const grep = new RegExp(process.env.PODSCAPE_GREP ?? '');
  for (const [k, v] of [...total].filter(([k]) => grep.test(k)).sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.PODSCAPE_TOP ?? 25))) console.log(`    ${(v / 1000).toFixed(1).padStart(7)} ${k}`);
}
await browser.close();
