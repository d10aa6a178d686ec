/**
 * The page's JavaScript in the first frames of the node kill (bench/ui's kill, from the
 * Play click): a CPU profile over the click and the next `frames` animation frames, printed
 * as the functions with the most inclusive and self time (callers counted once per sample).
 * Against a `vite build --minify false` preview.
 * Usage: npx tsx bench/ui/profile-first.ts <port> [nodes] [pods] [warm seconds] [frames]
 */
import { chromium } from 'playwright-core';
import { setUpKill } from './kill-run';

const [port = '4195', nodes = '1000', pods = '30000', warm = '10', frames = '10'] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
await setUpKill(page, port, Number(nodes), Number(pods), Number(warm));
// The button found before profiling: Playwright's role query over the page's buttons is not the page's work.
const play = (await page.getByRole('button', { name: 'Play' }).elementHandle())!;
const cdp = await page.context().newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
await cdp.send('Profiler.start');
await play.click();
await page.evaluate(`new Promise((resolve) => { let n = ${Number(frames)}; requestAnimationFrame(function f() { if (--n <= 0) resolve(); else requestAnimationFrame(f); }); })`);
const { profile } = (await cdp.send('Profiler.stop')) as { profile: { nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }[]; samples: number[]; timeDeltas: number[] } };
await page.getByRole('button', { name: 'Pause' }).click({ timeout: 120_000 }).catch(() => {});
await browser.close();

const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const label = (id: number) => {
  const f = byId.get(id)!.callFrame;
  return `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}`;
};
const self = new Map<string, number>();
const inclusive = new Map<string, number>();
profile.samples.forEach((id, i) => {
  const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
  const name = label(id);
  if (/^\((idle|program|garbage collector)\)/.test(name)) {
    self.set(name, (self.get(name) ?? 0) + dt);
    return;
  }
  self.set(name, (self.get(name) ?? 0) + dt);
  const seen = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
    const l = label(at);
    if (seen.has(l)) continue;
    seen.add(l);
    inclusive.set(l, (inclusive.get(l) ?? 0) + dt);
  }
});
const top = (m: Map<string, number>, n: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `${v.toFixed(1).padStart(7)} ms  ${k}`).join('\n');
console.log(`self:\n${top(self, 25)}\n\ninclusive:\n${top(inclusive, 60)}`);
