/**
 * Probes of one cold load for bench/ui/cold-load.ts (issue 4): its phases (`coldMarks`)
 * and a CPU profile of the page's main thread up to the first node card (`coldProfile`).
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
      if (window.__profiling) firstNodeMarker();
    }
  }).observe(document, { childList: true, subtree: true });
`;

/** One cold load's phases, from navigation start (the page's performance.now()). */
export async function coldMarks(browser: Browser, url: string): Promise<Record<string, number>> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  await page.addInitScript(MARKS_SCRIPT);
  await page.goto(url);
  await page.waitForFunction(() => (window as unknown as { __marks: Record<string, number> }).__marks.firstNode !== undefined);
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
  // Up to the first node card: the first sample in the marker.
  const self = new Map<string, number>();
  const perScript = new Map<string, number>();
  let total = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const node = byId.get(profile.samples[i])!;
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const { functionName, url: script, lineNumber } = node.callFrame;
    if (functionName === 'firstNodeMarker') break;
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
