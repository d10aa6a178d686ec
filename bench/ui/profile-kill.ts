/**
 * A CPU profile of the node-kill animation (bench/ui's kill; 100 nodes / 3,000 pods
 * draw DOM cards, past 200 nodes the canvas layer): prints the trace events and the
 * functions with the most self time. Needs a preview server
 * already up (`vite build --minify false && vite preview --port <port>`).
 * Usage: npx tsx bench/ui/profile-kill.ts <port> [nodes] [pods] [warm seconds: play at the
 * scenario's speed first, as the benchmark's diff measurement does]
 */
import { writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { addSelfTimes, frameDeltas, setUpKill } from './kill-run';

const [port = '4195', nodes = '100', pods = '3000', warm = '0'] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
await setUpKill(page, port, Number(nodes), Number(pods), Number(warm));
const cdp = await page.context().newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
await cdp.send('Profiler.start');
const events: { name: string; ts: number; tid: number; dur?: number; ph: string; args?: { beginData?: { dirtyObjects?: number; totalObjects?: number }; data?: { stackTrace?: { functionName: string; url: string }[] } } }[] = [];
cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as typeof events)));
const traced = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
await cdp.send('Tracing.start', { categories: 'devtools.timeline', transferMode: 'ReportEvents' });
await page.getByRole('button', { name: 'Play' }).click();
const deltas = await frameDeltas(page);
const { profile } = await cdp.send('Profiler.stop');
// PODSCAPE_PROFILE=file.cpuprofile: keep the CPU profile (DevTools opens it; callers and inclusive times).
if (process.env.PODSCAPE_PROFILE) writeFileSync(process.env.PODSCAPE_PROFILE, JSON.stringify(profile));
await cdp.send('Tracing.end');
await traced;
const byName = new Map<string, number>();
for (const e of events) if (e.ph === 'X' && e.dur) byName.set(e.name, (byName.get(e.name) ?? 0) + e.dur / 1000);
console.log([...byName].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([k, v]) => `${k} ${v.toFixed(0)} ms`).join('\n'));
// Self time per trace event (its duration less its children's, per thread): what the
// renderer itself spends, outside the script the events wrap.
const selfByName = new Map<string, number>();
const byThread = new Map<number, typeof events>();
for (const e of events) if (e.ph === 'X' && e.dur) byThread.set(e.tid, [...(byThread.get(e.tid) ?? []), e]);
for (const list of byThread.values()) addSelfTimes(list, selfByName);
console.log(`self time: ${[...selfByName].sort((a, b) => b[1] - a[1]).slice(0, 16).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ')}`);
// What dirties layout: the layouts' object counts, and the script that invalidated it.
const layouts = events.filter((e) => e.name === 'Layout' && e.ph === 'X');
const objects = layouts.map((e) => e.args?.beginData?.dirtyObjects ?? 0).sort((a, b) => a - b);
console.log(`layouts: ${layouts.length}, dirty objects median ${objects[objects.length >> 1] ?? 0}, max ${objects.at(-1) ?? 0}`);
const invalidators = new Map<string, number>();
for (const e of events) {
  if (e.name !== 'InvalidateLayout' && e.name !== 'ScheduleStyleRecalculation') continue;
  const top = e.args?.data?.stackTrace?.[0];
  const key = `${e.name} ${top ? `${top.functionName} ${top.url.split('/').pop()}` : '(no script)'}`;
  invalidators.set(key, (invalidators.get(key) ?? 0) + 1);
}
for (const [k, v] of [...invalidators].sort((a, b) => b[1] - a[1]).slice(0, 10)) console.log(String(v).padStart(6), k);
const self = new Map<string, number>();
const dt = new Map<number, number>();
profile.samples!.forEach((id, i) => dt.set(id, (dt.get(id) ?? 0) + (profile.timeDeltas![i] ?? 0)));
for (const n of profile.nodes) {
  const key = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`;
  self.set(key, (self.get(key) ?? 0) + (dt.get(n.id) ?? 0) / 1000);
}
const total = [...self.values()].reduce((a, b) => a + b, 0);
console.log(`frames over 20 ms: ${deltas.filter((d) => d > 20).length}/${deltas.length}; profile ${total.toFixed(0)} ms`);
for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 35)) console.log(v.toFixed(1).padStart(8), k);
await page.getByRole('button', { name: 'Pause' }).click({ timeout: 120_000 }).catch(() => {});
// PODSCAPE_SHOT=file.png: a screenshot of the page after the kill, to see nothing looks broken.
if (process.env.PODSCAPE_SHOT) await page.screenshot({ path: process.env.PODSCAPE_SHOT });
await browser.close();
