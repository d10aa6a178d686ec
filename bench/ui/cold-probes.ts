/**
 * Probes of one cold load for bench/ui/cold-load.ts (issue 4): its phases (`coldMarks`),
 * a CPU profile of the page's main thread up to the first node card (`coldProfile`), and
 * a trace of the main thread's and the worker's tasks up to it (`coldTrace`).
 */
import type { Browser } from 'playwright-core';

/** Marks the first node card (`__marks.firstNode`), the worker's creation and first message. A string: tsx would wrap named functions in helpers the page lacks. */
const MARKS_SCRIPT = `
  window.__marks = {};
  const mark = (name) => { window.__marks[name] ??= performance.now(); };
  // Busy for 2 ms, so that a CPU profile shows where the first node card appeared.
  function firstNodeMarker() { const t = performance.now(); while (performance.now() - t < 2); }
  const Native = window.Worker;
  window.Worker = class extends Native {
    constructor(...args) {
      super(...args);
      mark('workerCreated');
      this.addEventListener('message', () => mark('workerFirstMessage'));
    }
  };
  new MutationObserver((_, observer) => {
    if (document.querySelector('[data-node]')) {
      mark('firstNode');
      observer.disconnect();
      performance.mark('podscape-first-node');
      if (window.__profiling) firstNodeMarker();
    }
  }).observe(document, { childList: true, subtree: true });
`;

/** One cold load's phases, from navigation start (the page's performance.now()), once the node cards are drawn and the worker has answered. */
export async function coldMarks(browser: Browser, url: string): Promise<Record<string, number>> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  await page.addInitScript(MARKS_SCRIPT);
  await page.goto(url);
  // The first node card, and the worker's first message (its boot load's frame), which may come after it.
  await page.waitForFunction(() => {
    const marks = (window as unknown as { __marks: Record<string, number> }).__marks;
    return marks.firstNode !== undefined && marks.workerFirstMessage !== undefined;
  });
  const marks: Record<string, number> = await page.evaluate(() => {
    const out: Record<string, number> = { ...(window as unknown as { __marks: Record<string, number> }).__marks };
    out.fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN;
    for (const e of performance.getEntriesByType('resource') as PerformanceResourceTiming[]) {
      const m = /assets\/(index|engine\.worker)-[^/]*\.js$/.exec(e.name);
      if (m) out[`${m[1] === 'index' ? 'main' : 'worker'}JsEnd`] = e.responseEnd;
    }
    return out;
  });
  await context.close();
  return Object.fromEntries(Object.entries(marks).map(([k, v]): [string, number] => [k, Math.round(v)]).sort((a, b) => a[1] - b[1]));
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

/** One cold load under the CDP Profiler: the main thread's self time up to the first node card, per function and per script. */
export async function coldProfile(browser: Browser, url: string, top = 30): Promise<string> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  await page.addInitScript(`window.__profiling = true;${MARKS_SCRIPT}`);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  await page.goto(url);
  await page.waitForFunction(() => (window as unknown as { __marks: Record<string, number> }).__marks.firstNode !== undefined);
  const firstNode = await page.evaluate(() => (window as unknown as { __marks: Record<string, number> }).__marks.firstNode);
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] } };
  await context.close();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  // The marker's samples mostly land in performance.now, below it.
  const inMarker = (id: number) => {
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) if (byId.get(at)!.callFrame.functionName === 'firstNodeMarker') return true;
    return false;
  };
  // Up to the first node card: the first sample in the marker.
  const self = new Map<string, number>();
  const perScript = new Map<string, number>();
  let total = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const node = byId.get(profile.samples[i])!;
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const { functionName, url: script, lineNumber } = node.callFrame;
    if (inMarker(node.id)) break;
    if (functionName === '(idle)' || functionName === '(program)') continue;
    total += dt;
    const name = `${functionName || '(anonymous)'} ${script.split('/').pop()}:${lineNumber + 1}`;
    self.set(name, (self.get(name) ?? 0) + dt);
    const file = script.split('/').pop() || functionName;
    perScript.set(file, (perScript.get(file) ?? 0) + dt);
  }
  const rows = (m: Map<string, number>, n: number) =>
    [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `${v.toFixed(1).padStart(8)} ms  ${k}`).join('\n');
  return [`first node at ${firstNode.toFixed(0)} ms; main thread busy ${total.toFixed(0)} ms`, 'per script:', rows(perScript, 12), 'per function (self):', rows(self, top)].join('\n');
}

interface TraceEvent {
  name: string;
  ts: number;
  dur?: number;
  tdur?: number;
  ph: string;
  pid: number;
  tid: number;
  args?: { name?: string; data?: { url?: string; requestId?: string; functionName?: string; lineNumber?: number; type?: string } };
}

const TRACED = ['RunTask', 'EventDispatch', 'FireAnimationFrame', 'ParseHTML', 'EvaluateScript', 'v8.compile', 'v8.compileModule', 'v8.evaluateModule', 'FunctionCall', 'TimerFire', 'UpdateLayoutTree', 'Layout', 'Paint'];

/**
 * One cold load under CDP Tracing: resources, paints, and the main thread's and the
 * engine worker's slices over 2 ms up to the first node card, from navigation start, with
 * wall and CPU (thread) ms; then the CPU ms of each thread's top-level tasks before it.
 */
export async function coldTrace(browser: Browser, url: string): Promise<string> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  await page.addInitScript(MARKS_SCRIPT);
  const cdp = await context.newCDPSession(page);
  let events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as TraceEvent[])));
  await cdp.send('Tracing.start', { categories: 'devtools.timeline,v8,v8.execute,blink.user_timing,loading,disabled-by-default-devtools.timeline,disabled-by-default-v8.compile', transferMode: 'ReportEvents' });
  await page.goto(url);
  await page.waitForFunction(() => (window as unknown as { __marks: Record<string, number> }).__marks.firstNode !== undefined);
  const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
  await cdp.send('Tracing.end');
  await done;
  await context.close();
  const threads = new Map<number, string>();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') threads.set(e.tid, e.args?.name ?? '');
  // The page's renderer (it hosts the engine worker): headless Chromium's own WebUI renderers trace too.
  const worker = events.find((e) => e.ph === 'M' && e.name === 'thread_name' && /DedicatedWorker/.test(e.args?.name ?? ''));
  if (worker) events = events.filter((e) => e.pid === worker.pid);
  const nav = events.find((e) => e.name === 'navigationStart')?.ts ?? 0;
  const end = events.find((e) => e.name === 'podscape-first-node')?.ts ?? Infinity;
  const at = (ts: number) => ((ts - nav) / 1000).toFixed(1).padStart(7);
  const ms = (us = 0) => (us / 1000).toFixed(1).padStart(6);
  const lines: string[] = [];
  const urls = new Map<string, string>();
  for (const e of events) if (e.name === 'ResourceSendRequest' && e.args?.data?.requestId) urls.set(e.args.data.requestId, e.args.data.url ?? '');
  for (const e of events) {
    if (e.ts > end || !['firstContentfulPaint', 'ResourceSendRequest', 'ResourceFinish'].includes(e.name)) continue;
    lines.push(`${at(e.ts)} ms  ${e.name} ${(e.args?.data?.url ?? urls.get(e.args?.data?.requestId ?? '') ?? '').split('/').pop()}`);
  }
  const thread = (e: TraceEvent) => threads.get(e.tid) ?? '';
  const wanted = (e: TraceEvent) => /CrRendererMain|DedicatedWorker/.test(thread(e));
  // V8's streamed (background) compiles of the page's and the worker's scripts.
  const background = (e: TraceEvent) => /ThreadPool/.test(thread(e)) && /^v8\.(compile|parseOnBackground|.*[Ss]tream)/.test(e.name);
  const slices = events.filter((e) => e.ph === 'X' && e.ts < end && (e.dur ?? 0) > 2000 && ((wanted(e) && TRACED.includes(e.name)) || background(e))).sort((a, b) => a.ts - b.ts);
  const what = (e: TraceEvent) => {
    const d = e.args?.data;
    if (!d) return '';
    return d.functionName !== undefined ? `${d.functionName || '(anonymous)'} ${(d.url ?? '').split('/').pop()}:${d.lineNumber ?? ''}` : (d.type ?? '');
  };
  for (const e of slices) lines.push(`${at(e.ts)} ms +${ms(e.dur)} ms (cpu ${ms(e.tdur)})  ${thread(e).padEnd(22)} ${e.name} ${what(e)}`);
  const cpu = new Map<string, number>();
  // Every thread of the page's renderer (V8's compile threads included), from navigation start.
  for (const e of events) if (e.ph === 'X' && e.name === 'RunTask' && e.ts >= nav && e.ts < end) cpu.set(thread(e), (cpu.get(thread(e)) ?? 0) + (e.tdur ?? 0));
  lines.push(`first node at ${at(end)} ms; CPU in tasks before it: ${[...cpu].map(([t, us]) => `${t} ${ms(us).trim()} ms`).join(', ')}`);
  return lines.join('\n');
}
