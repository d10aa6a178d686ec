/**
 * The cold load alone (issue 4): `npx tsx bench/ui/cold-load.ts <port> [runs] [--trace]`
 * against the current dist/ (run `vite build` first). Prints first contentful paint and
 * the first node card per run set (median of 3 fresh contexts, as the UI bench), and with
 * --trace the main thread's and the worker's longest slices of one more cold load
 * (CDP Tracing), from navigation start. With --marks, each of `runs` more cold loads
 * prints its phases (ms from navigation start): the main bundle's download, the worker's
 * creation and first message, first contentful paint and the first node card. With
 * --profile (best against `vite build --minify false`), one more cold load under the CDP
 * Profiler: the main thread's self time per function and per script up to the first node.
 */
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { coldMarks, coldProfile } from './cold-probes';
import { coldLoad, startPreview } from './ui.bench';

const args = process.argv.slice(2);
const port = Number(args[0] ?? 4314);
const runs = Number(args[1] ?? 3);
const server = await startPreview(port);
const browser = await chromium.launch({
  ...(existsSync('/usr/bin/chromium') ? { executablePath: '/usr/bin/chromium' } : {}),
  args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const url = `http://127.0.0.1:${port}/`;
try {
  for (let i = 0; i < runs; i++) console.log(JSON.stringify(await coldLoad(browser, url)));
  if (args.includes('--marks')) for (let i = 0; i < runs; i++) console.log(JSON.stringify(await coldMarks(browser, url)));
  if (args.includes('--profile')) console.log(await coldProfile(browser, url));
  if (args.includes('--trace')) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    const events: { name: string; ts: number; dur?: number; ph: string; tid: number; pid: number; args?: { name?: string } }[] = [];
    cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as typeof events)));
    await cdp.send('Tracing.start', { categories: 'devtools.timeline,v8,v8.execute,blink.user_timing,loading,disabled-by-default-devtools.timeline', transferMode: 'ReportEvents' });
    await page.goto(url);
    await page.waitForSelector('[data-node]');
    await page.waitForTimeout(300);
    const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
    await cdp.send('Tracing.end');
    await done;
    const threads = new Map<number, string>();
    for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') threads.set(e.tid, e.args?.name ?? '');
    const nav = events.find((e) => e.name === 'navigationStart')?.ts ?? 0;
    const marks = events.filter((e) => ['firstContentfulPaint', 'firstPaint', 'domContentLoadedEventEnd', 'ResourceSendRequest', 'ResourceFinish'].includes(e.name));
    for (const m of marks) console.log(`${((m.ts - nav) / 1000).toFixed(1).padStart(7)} ms  ${m.name} ${JSON.stringify((m.args as { data?: { url?: string } })?.data?.url ?? '').slice(-60)}`);
    // Top-level tasks only (RunTask) of the page's main thread and the engine worker, and what they ran.
    const wanted = (tid: number) => /CrRendererMain|DedicatedWorker/.test(threads.get(tid) ?? '');
    const slices = events.filter((e) => e.ph === 'X' && (e.dur ?? 0) > 4000 && wanted(e.tid) && ['RunTask', 'EvaluateScript', 'v8.evaluateModule', 'v8.compile', 'v8.compileModule', 'FunctionCall', 'Paint', 'Layout', 'ParseHTML', 'UpdateLayoutTree'].includes(e.name));
    slices.sort((a, b) => a.ts - b.ts);
    for (const e of slices) console.log(`${((e.ts - nav) / 1000).toFixed(1).padStart(7)} ms +${((e.dur ?? 0) / 1000).toFixed(1).padStart(6)} ms  ${(threads.get(e.tid) ?? '').padEnd(22)} ${e.name}`);
    await context.close();
  }
} finally {
  await browser.close();
  server.kill();
}

