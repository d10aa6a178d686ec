/**
 * The node-kill benchmark's 180 frames alone (bench/ui's kill, no profiler or tracing),
 * with the page's script, layout and style time over them from CDP's Performance
 * metrics: for before/after runs of two builds served side by side. One JSON line.
 * Usage: npx tsx bench/ui/kill-frames.ts <port> [nodes] [pods] [warm seconds]
 * (PODSCAPE_SHOT=file.png saves a screenshot after the kill.) processCpuMs: CPU time of Chromium's
 * processes over the 180 frames by kind (renderer: the page and the engine worker; gpu-process).
 */
import { chromium } from 'playwright-core';
import { frameDeltas, setUpKill } from './kill-run';
import { cpuSince, descendantCpu } from './proc-cpu';

const [port = '4195', nodes = '1000', pods = '30000', warm = '10'] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
await setUpKill(page, port, Number(nodes), Number(pods), Number(warm));
const cdp = await page.context().newCDPSession(page);
await cdp.send('Performance.enable');
const NAMES = ['ScriptDuration', 'LayoutDuration', 'RecalcStyleDuration', 'TaskDuration'];
const metrics = async () => {
  const all = (await cdp.send('Performance.getMetrics')).metrics;
  return NAMES.map((n) => (all.find((m) => m.name === n)?.value ?? 0) * 1000);
};
const before = await metrics();
const procBefore = descendantCpu();
await page.getByRole('button', { name: 'Play' }).click();
const deltas = await frameDeltas(page);
const after = await metrics();
const procs = cpuSince(procBefore, descendantCpu());
await page.getByRole('button', { name: 'Pause' }).click({ timeout: 120_000 }).catch(() => {});
if (process.env.PODSCAPE_SHOT) await page.screenshot({ path: process.env.PODSCAPE_SHOT });
await browser.close();
const sorted = [...deltas].sort((a, b) => a - b);
const [script, layout, style, task] = after.map((v, i) => Math.round(v - before[i]));
console.log(JSON.stringify({ framesOver20ms: deltas.filter((d) => d > 20).length, frameP95: Math.round(sorted[Math.floor(sorted.length * 0.95)]), scriptMs: script, layoutMs: layout, styleMs: style, taskMs: task, processCpuMs: procs }));
