/**
 * The pieces bench/ui's node-kill measurements share (ui.bench.ts's kill, profile-kill.ts,
 * trace-kill.ts, frame-breakdown.ts): setting the kill up in a page, sampling 180 animation
 * frames (traced, if asked), and the self time per trace event of a CDP trace.
 */
import type { Page } from 'playwright-core';
import type {} from '../../src/ui/e2e-api';
import { largeScenario } from './scenario-gen';

/**
 * Loads a generated cluster (then adds `css`, if any, to the page), optionally plays it
 * `warm` seconds, then kills its second node and sets the speed to 300×.
 */
export async function setUpKill(page: Page, port: string, nodes: number, pods: number, warm: number, css?: string): Promise<void> {
  await page.goto(`http://127.0.0.1:${port}/`);
  await page.waitForFunction(() => window.__podscape?.snapshot() != null);
  await page.evaluate((text) => window.__podscape!.load(text).then(() => undefined), largeScenario({ nodes, pods }));
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
  // Every node card mounted (they mount a block per task after the load) before playing, as
  // in ui.bench.ts, whose load waits 2 s: playing frames restart the growth steps' renders.
  await page.waitForFunction((n) => document.querySelectorAll('[data-node]').length >= n, nodes, { timeout: 120_000 });
  if (css) await page.addStyleTag({ content: css });
  if (warm > 0) {
    await page.getByRole('button', { name: 'Play' }).click();
    await page.waitForTimeout(warm * 1000);
    await page.getByRole('button', { name: 'Pause' }).click({ timeout: 120_000 });
  }
  await killSecondNode(page, 120_000);
}

/** Kills the cluster's second node (power loss) and sets the speed to 300×, the kill benchmark's start. */
export async function killSecondNode(page: Page, timeout?: number): Promise<void> {
  const victim = await page.evaluate(() => window.__podscape!.snapshot()!.nodes[1].name);
  await page.evaluate((node) => window.__podscape!.dispatch({ action: 'killNode', node }).then(() => undefined), victim);
  await page.getByLabel('Speed').selectOption('300', { timeout });
}

/**
 * The intervals between the next 181 animation frames (180 deltas, ms). With `stamp`, each
 * frame also leaves a `console.timeStamp` in a trace (frame-breakdown.ts splits it by them).
 */
export async function frameDeltas(page: Page, stamp = false): Promise<number[]> {
  // A string, so that the bundler's helpers (tsx names functions) stay out of the page.
  return (await page.evaluate(`new Promise((resolve) => {
    const times = [];
    requestAnimationFrame(function frame(t) {
      ${stamp ? "console.timeStamp('kill-frame');" : ''}
      times.push(t);
      if (times.length > 180) resolve(times.slice(1).map((x, i) => x - times[i]));
      else requestAnimationFrame(frame);
    });
  })`)) as number[];
}

/** A complete trace event, as far as self time needs it. */
export interface TimedEvent {
  name: string;
  ts: number;
  dur?: number;
  ph: string;
}

/**
 * Adds to `into` each event's self time in ms (its duration less the events nested in it)
 * by name, for events of one thread; returns `into`.
 */
export function addSelfTimes(events: readonly TimedEvent[], into = new Map<string, number>()): Map<string, number> {
  const list = events.filter((e) => e.ph === 'X' && e.dur).sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const open: { end: number; name: string; self: number }[] = [];
  const close = (until: number) => {
    while (open.length > 0 && open.at(-1)!.end <= until) {
      const done = open.pop()!;
      into.set(done.name, (into.get(done.name) ?? 0) + done.self / 1000);
    }
  };
  for (const e of list) {
    close(e.ts);
    if (open.length > 0) open.at(-1)!.self -= e.dur!;
    open.push({ end: e.ts + e.dur!, name: e.name, self: e.dur! });
  }
  close(Infinity);
  return into;
}

/** A CPU profile as CDP's Profiler.stop returns it (the fields the kill tools read). */
interface CpuProfileShape {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

/**
 * Plays the kill set up by setUpKill under a CDP trace of `categories` (and, with `js`, V8's
 * sampler at 200 µs): the 180 frame intervals (stamped in the trace with `stamp`), the trace's
 * events and the profile. The clock is paused again afterwards.
 */
export async function traceKill<E>(page: Page, categories: readonly string[], options: { js?: boolean; stamp?: boolean } = {}): Promise<{ deltas: number[]; events: E[]; profile: CpuProfileShape | null }> {
  const cdp = await page.context().newCDPSession(page);
  if (options.js) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
  }
  const events: E[] = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as E[])));
  const traced = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
  await cdp.send('Tracing.start', { categories: categories.join(','), transferMode: 'ReportEvents' });
  await page.getByRole('button', { name: 'Play' }).click();
  const deltas = await frameDeltas(page, options.stamp);
  const profile = options.js ? ((await cdp.send('Profiler.stop')).profile as CpuProfileShape) : null;
  await cdp.send('Tracing.end');
  await traced;
  await page.getByRole('button', { name: 'Pause' }).click({ timeout: 120_000 }).catch(() => {});
  return { deltas, events, profile };
}
