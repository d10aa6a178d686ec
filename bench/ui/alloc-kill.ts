/**
 * What the page allocates during the node-kill animation: CDP's sampling heap profiler
 * over bench/ui's kill (180 frames), by allocating function (self bytes, including objects
 * already collected), and the GC trace events. Against a `vite build --minify false` preview.
 * Usage: npx tsx bench/ui/alloc-kill.ts <port> [nodes] [pods] [warm seconds]
 * (PODSCAPE_PROMOTED=1 leaves out what a scavenge collected: what outlived the young generation,
 * which is what fills the old one and brings the next major GC.)
 */
import { chromium } from 'playwright-core';
import { frameDeltas, setUpKill } from './kill-run';

interface SamplingNode { callFrame: { functionName: string; url: string; lineNumber: number }; selfSize: number; id: number; children: SamplingNode[] }

const [port = '4195', nodes = '1000', pods = '30000', warm = '10'] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
await setUpKill(page, port, Number(nodes), Number(pods), Number(warm));
const cdp = await page.context().newCDPSession(page);
await cdp.send('HeapProfiler.enable');
// Every object, also those collected before the end: what the frames allocate, not what stays.
await cdp.send('HeapProfiler.startSampling', { samplingInterval: 16384, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: process.env.PODSCAPE_PROMOTED !== '1' });
const events: { name: string; ph: string; dur?: number; tdur?: number; args?: { data?: { type?: string } } }[] = [];
cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as typeof events)));
const traced = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
await cdp.send('Tracing.start', { categories: 'devtools.timeline,v8', transferMode: 'ReportEvents' });
await page.getByRole('button', { name: 'Play' }).click();
const deltas = await frameDeltas(page);
const { profile } = await cdp.send('HeapProfiler.stopSampling');
await cdp.send('Tracing.end');
await traced;
await browser.close();
const bySelf = new Map<string, number>();
const walk = (n: SamplingNode, stack: string[]) => {
  const name = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`;
  const key = n.callFrame.url === '' && stack.length ? `${name} < ${stack.at(-1)}` : name;
  bySelf.set(key, (bySelf.get(key) ?? 0) + n.selfSize);
  for (const c of n.children) walk(c, [...stack, name]);
};
walk(profile.head as unknown as SamplingNode, []);
const total = [...bySelf.values()].reduce((a, b) => a + b, 0);
console.log(`frames over 20 ms: ${deltas.filter((d) => d > 20).length}/180; sampled allocation ${(total / 1e6).toFixed(1)} MB`);
for (const [k, v] of [...bySelf].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`${(v / 1e6).toFixed(2).padStart(8)} MB  ${k}`);
const gc = new Map<string, number>();
for (const e of events) if (/GC|Scavenge|MarkCompact/i.test(e.name) && e.ph === 'X') gc.set(e.name, (gc.get(e.name) ?? 0) + 1);
console.log([...gc].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([k, v]) => `${k} ×${v}`).join(', '));
