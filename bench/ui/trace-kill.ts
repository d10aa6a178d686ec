/**
 * Where the renderer's time goes in the node-kill animation, and what invalidates it:
 * a CDP trace (no JS sampler) of bench/ui's kill, with per-event self time on the page's
 * main thread and the invalidation-tracking events aggregated by node and reason.
 * Usage: npx tsx bench/ui/trace-kill.ts <port> [nodes] [pods] [warm seconds]
 */
import { chromium } from 'playwright-core';
import { addSelfTimes, setUpKill, traceKill } from './kill-run';

type TraceEvent = {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  tid: number;
  pid: number;
  args?: Record<string, Record<string, unknown> | undefined>;
};

const [port = '4195', nodes = '100', pods = '3000', warm = '0'] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
// PODSCAPE_CSS: extra CSS for an experiment (what a rule would save, before writing it).
await setUpKill(page, port, Number(nodes), Number(pods), Number(warm), process.env.PODSCAPE_CSS);
// PODSCAPE_JS=1: also the V8 sampler, for the functions with the most self time.
const js = process.env.PODSCAPE_JS === '1';
const tracking = process.env.PODSCAPE_INVALIDATIONS === '0' ? [] : ['disabled-by-default-devtools.timeline.invalidationTracking'];
const { deltas, events, profile } = await traceKill<TraceEvent>(page, ['devtools.timeline', ...tracking], { js });
if (process.env.PODSCAPE_SHOT) await page.screenshot({ path: process.env.PODSCAPE_SHOT });
await browser.close();

const main = events.find((e) => e.ph === 'M' && e.name === 'thread_name' && (e.args?.args as unknown as string) === undefined && (e.args as { name?: string } | undefined)?.name === 'CrRendererMain');
const onMain = events.filter((e) => main && e.tid === main.tid && e.pid === main.pid);
const self = addSelfTimes(onMain);
const list = onMain.filter((e) => e.ph === 'X' && e.dur).sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
console.log(`frames over 20 ms: ${deltas.filter((d) => d > 20).length}/${deltas.length}`);
console.log(`main-thread self ms: ${[...self].sort((a, b) => b[1] - a[1]).slice(0, 18).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ')}`);
const count = (name: string) => list.filter((e) => e.name === name).length;
console.log(`counts: ${['Layout', 'PrePaint', 'Paint', 'HitTest', 'UpdateLayoutTree', 'IntersectionObserverController::computeIntersections'].map((n) => `${n} ${count(n)}`).join(', ')}`);
const layouts = list.filter((e) => e.name === 'Layout');
for (const e of layouts.sort((a, b) => b.dur! - a.dur!).slice(0, 5)) console.log(`layout ${(e.dur! / 1000).toFixed(1)} ms`, JSON.stringify(e.args?.beginData), JSON.stringify(e.args?.endData).slice(0, 300));
const agg = new Map<string, number>();
for (const e of onMain) {
  if (!e.name.endsWith('InvalidationTracking')) continue;
  const d = (e.args?.data ?? {}) as { nodeName?: string; reason?: string; changedAttribute?: string; invalidationSet?: unknown; stackTrace?: { functionName: string }[] };
  const key = `${e.name} ${d.reason ?? ''} ${d.changedAttribute ?? ''} ${(d.nodeName ?? '').slice(0, 60)} ${d.stackTrace?.[0]?.functionName ?? ''}`;
  agg.set(key, (agg.get(key) ?? 0) + 1);
}
for (const [k, v] of [...agg].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(String(v).padStart(7), k);
if (profile) {
  const selfMs = new Map<string, number>();
  const dt = new Map<number, number>();
  profile.samples!.forEach((id, i) => dt.set(id, (dt.get(id) ?? 0) + (profile.timeDeltas![i] ?? 0)));
  for (const n of profile.nodes) {
    const key = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`;
    selfMs.set(key, (selfMs.get(key) ?? 0) + (dt.get(n.id) ?? 0) / 1000);
  }
  for (const [k, v] of [...selfMs].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(v.toFixed(1).padStart(8), k);
}
