/**
 * What each wall-clock long task of a large load is (issue 4, (c)): one load in a fresh
 * page under a CDP trace with V8's GC categories, then for every main-thread task over
 * 50 ms of wall time (PODSCAPE_MIN_MS) its wall and CPU (thread) ms, the wall ms no
 * thread time covers (the thread was descheduled), and the garbage collections inside
 * it (main-thread pauses with their wall and CPU ms, and the heap before and after).
 * Also the main thread's heap after the load and every GC over 10 ms in the load.
 * Needs a preview server already up (`vite preview --port <port>`).
 * Usage: npx tsx bench/ui/trace-load-gc.ts <port> [nodes] [pods] [runs]
 */
import { writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { largeScenario } from './scenario-gen';

const [port = '4317', nodes = '5000', pods = '150000', runs = '1'] = process.argv.slice(2);
type TraceEvent = { name: string; cat: string; ph: string; ts: number; dur?: number; tdur?: number; tid: number; pid: number; args?: Record<string, unknown> };
const minMs = Number(process.env.PODSCAPE_MIN_MS ?? 50);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const yamlText = largeScenario({ nodes: Number(nodes), pods: Number(pods) });
const isTask = (n: string) => n === 'RunTask' || n === 'ThreadControllerImpl::RunTask';
const isGc = (e: TraceEvent) => /^(MajorGC|MinorGC|V8\.GC|BlinkGC|GCEvent|V8\.GCScavenger|V8\.GCIncrementalMarking|V8\.GCFinalizeMC|V8\.GC_MC|V8\.GC_SCAVENGER)/.test(e.name);
for (let run = 0; run < Number(runs); run++) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await page.goto(`http://127.0.0.1:${port}/`);
  await page.waitForFunction(() => window.__podscape?.snapshot() != null);
  await page.evaluate((text) => void ((window as unknown as { __yaml: string }).__yaml = text), yamlText);
  await page.evaluate(() => {
    const w = window as unknown as { __longTasks: { start: number; duration: number }[] };
    w.__longTasks = [];
    new PerformanceObserver((list) => list.getEntries().forEach((e) => w.__longTasks.push({ start: e.startTime, duration: e.duration }))).observe({ type: 'longtask' });
  });
  const cdp = await page.context().newCDPSession(page);
  const trace: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e) => trace.push(...(e.value as unknown as TraceEvent[])));
  const traced = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
  await cdp.send('Tracing.start', { categories: 'toplevel,devtools.timeline,disabled-by-default-devtools.timeline,v8,v8.gc,disabled-by-default-v8.gc', transferMode: 'ReportEvents' });
  const t0 = Date.now();
  await page.evaluate(() => window.__podscape!.load((window as unknown as { __yaml: string }).__yaml).then(() => undefined));
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
  const wall = Date.now() - t0;
  // PODSCAPE_AFTER_MS: how long to keep tracing after the load (default 3 s; a loaded machine mounts 5,000 cards in more).
  await page.waitForTimeout(Number(process.env.PODSCAPE_AFTER_MS ?? 3000));
  const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number; totalSize: number };
  const longTasks = await page.evaluate(() => (window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks);
  await cdp.send('Tracing.end');
  await traced;
  // PODSCAPE_TRACE_OUT=<file>: every trace event of the run, for offline reading (<file>.<run>.json).
  if (process.env.PODSCAPE_TRACE_OUT) writeFileSync(`${process.env.PODSCAPE_TRACE_OUT}.${run + 1}.json`, JSON.stringify(trace));
  const mains = new Set(trace.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}/${e.tid}`));
  const busiest = new Map<string, number>();
  for (const e of trace) if (e.ph === 'X' && isTask(e.name) && mains.has(`${e.pid}/${e.tid}`)) busiest.set(`${e.pid}/${e.tid}`, (busiest.get(`${e.pid}/${e.tid}`) ?? 0) + (e.dur ?? 0));
  const threadNames = new Map(trace.filter((e) => e.ph === 'M' && e.name === 'thread_name').map((e) => [`${e.pid}/${e.tid}`, String(e.args?.name)]));
  const main = [...busiest].sort((a, b) => b[1] - a[1])[0]?.[0];
  const onMain = trace.filter((e) => `${e.pid}/${e.tid}` === main).sort((a, b) => a.ts - b.ts);
  const tasks: TraceEvent[] = [];
  let end = -Infinity;
  for (const t of onMain) {
    if (t.ph !== 'X' || !isTask(t.name) || t.ts < end) continue;
    tasks.push(t);
    end = t.ts + (t.dur ?? 0);
  }
  const gcs = onMain.filter((e) => e.ph === 'X' && isGc(e));
  console.log(`run ${run + 1}: load ${wall} ms; PerformanceObserver long tasks: ${longTasks.filter((t) => t.duration > 50).length} [${longTasks.map((t) => t.duration.toFixed(0)).join(', ')}]; heap after ${(heap.usedSize / 2 ** 20).toFixed(1)} of ${(heap.totalSize / 2 ** 20).toFixed(1)} MiB`);
  const first = tasks[0]?.ts ?? 0;
  for (const t of tasks.filter((x) => (x.dur ?? 0) > minMs * 1000)) {
    const inner = onMain.filter((e) => e.ph === 'X' && !isTask(e.name) && e.ts >= t.ts && e.ts <= t.ts + (t.dur ?? 0));
    const top = new Map<string, [number, number]>();
    for (const e of inner) {
      const v = top.get(e.name) ?? [0, 0];
      top.set(e.name, [v[0] + (e.dur ?? 0) / 1000, v[1] + (e.tdur ?? 0) / 1000]);
    }
    const gcIn = gcs.filter((e) => e.ts >= t.ts && e.ts <= t.ts + (t.dur ?? 0));
    const cpu = (t.tdur ?? 0) / 1000;
    console.log(`  task at +${((t.ts - first) / 1000).toFixed(0)} ms: ${((t.dur ?? 0) / 1000).toFixed(1)} wall, ${cpu.toFixed(1)} CPU, ${((t.dur ?? 0) / 1000 - cpu).toFixed(1)} not on CPU`);
    console.log(`    events: ${[...top].sort((a, b) => b[1][0] - a[1][0]).slice(0, 8).map(([k, [w, c]]) => `${k} ${w.toFixed(1)}/${c.toFixed(1)}`).join(', ')}`);
    // The other threads of the page's renderer while this task ran: who held the cores (CPU ms of their outermost slices).
    const others = new Map<string, number>();
    const [mpid] = main!.split('/');
    for (const e of trace) {
      if (e.ph !== 'X' || String(e.pid) !== mpid || `${e.pid}/${e.tid}` === main || e.ts + (e.dur ?? 0) < t.ts || e.ts > t.ts + (t.dur ?? 0)) continue;
      if (!isTask(e.name) && !isGc(e) && !e.name.startsWith('V8.')) continue;
      const name = `${threadNames.get(`${e.pid}/${e.tid}`) ?? e.tid} ${isGc(e) || e.name.startsWith('V8.') ? 'gc/v8' : 'task'}`;
      const overlap = Math.min(e.ts + (e.dur ?? 0), t.ts + (t.dur ?? 0)) - Math.max(e.ts, t.ts);
      const share = (e.dur ?? 0) > 0 ? overlap / (e.dur ?? 1) : 0;
      others.set(name, (others.get(name) ?? 0) + ((e.tdur ?? 0) * share) / 1000);
    }
    console.log(`    other threads (CPU ms, nested slices counted in each): ${[...others].filter(([, v]) => v >= 1).sort((a, b) => b[1] - a[1]).slice(0, 8).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ')}`);
    for (const g of gcIn) if ((g.dur ?? 0) > 2000) console.log(`    gc ${g.name} ${((g.dur ?? 0) / 1000).toFixed(1)} wall / ${((g.tdur ?? 0) / 1000).toFixed(1)} CPU ${JSON.stringify(g.args?.data ?? g.args ?? {}).slice(0, 160)}`);
  }
  console.log('  GCs over 10 ms (wall) on the main thread in the whole load:');
  for (const g of gcs.filter((e) => (e.dur ?? 0) > 10_000)) console.log(`    +${((g.ts - first) / 1000).toFixed(0)} ms ${g.name} ${((g.dur ?? 0) / 1000).toFixed(1)} wall / ${((g.tdur ?? 0) / 1000).toFixed(1)} CPU ${JSON.stringify(g.args?.data ?? {}).slice(0, 120)}`);
  const majors = gcs.filter((e) => e.name === 'MajorGC' || e.name === 'V8.GC_MARK_COMPACTOR');
  console.log(`  major GCs: ${majors.length}; minor: ${gcs.filter((e) => e.name === 'MinorGC' || e.name === 'V8.GC_SCAVENGER').length}`);
  await page.close();
}
await browser.close();
