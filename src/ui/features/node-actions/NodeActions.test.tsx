import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { NodeActionsView } from './NodeActions';
import { refusedEvictions } from './drain-runs';
import { explainRefusal } from './DrainNotices';
import { findPreset } from '../../../scenario/presets';
import { createInProcessClient, createManualTicker } from '../../bridge/in-process-client';
import { DEFAULT_DRAIN_OPTIONS, drainCommand, drainCommandLine } from './node-commands';
import { DryRunOutput, explainDryRun } from './DryRunOutput';

const labels = (html: string) => [...html.matchAll(/<(?:button|summary)[^>]*aria-label="([^"]+)"/g)].map((m) => m[1]);
const render = (node: { name: string; powered: boolean; unschedulable: boolean }) =>
  renderToStaticMarkup(<NodeActionsView node={node} drain={DEFAULT_DRAIN_OPTIONS} onDrainChange={() => {}} onCommand={() => {}} />);

describe('NodeActionsView', () => {
  it('offers Kill and Cordon on a powered, schedulable node', () => {
    expect(labels(render({ name: 'worker-1', powered: true, unschedulable: false }))).toEqual([
      'Kill node worker-1',
      'Cordon node worker-1',
      'Drain node worker-1',
      'Drain options for node worker-1',
      'Delete node worker-1',
    ]);
  });

  it('offers Restore and Uncordon on a powered-off, cordoned node', () => {
    const html = render({ name: 'w2', powered: false, unschedulable: true });
    expect(labels(html)).toEqual(['Restore node w2', 'Uncordon node w2', 'Drain node w2', 'Drain options for node w2', 'Delete node w2']);
    expect(html).toContain('role="toolbar" aria-label="Actions for node w2"');
  });

  it('shows the drain flags, checked as the playground defaults them', () => {
    const html = render({ name: 'w', powered: true, unschedulable: false });
    expect(html).toMatch(/checked=""[^>]*\/> --ignore-daemonsets/);
    expect(html).toMatch(/checked=""[^>]*\/> --delete-emptydir-data/);
    expect(html).not.toMatch(/checked=""[^>]*\/> --force/);
    expect(html).toContain('title="kubectl drain w --ignore-daemonsets --delete-emptydir-data"');
  });

  it('leaves the flags out of the DOM while their disclosure is closed', () => {
    const html = renderToStaticMarkup(<NodeActionsView node={{ name: 'w', powered: true, unschedulable: false }} drain={DEFAULT_DRAIN_OPTIONS} onDrainChange={() => {}} onCommand={() => {}} optionsOpen={false} />);
    expect(labels(html)).toContain('Drain options for node w');
    expect(html).not.toContain('type="checkbox"');
    expect(html).toContain('title="kubectl drain w --ignore-daemonsets --delete-emptydir-data"');
  });

  it('renders a node name as text, never as markup', () => {
    expect(render({ name: '<b>x</b>', powered: true, unschedulable: false })).not.toContain('<b>x</b>');
  });
});

describe('node commands', () => {
  it('builds kubectl drain with the chosen flags', () => {
    expect(drainCommand('w', DEFAULT_DRAIN_OPTIONS)).toEqual({ action: 'drain', node: 'w', ignoreDaemonSets: true, deleteEmptyDirData: true, force: false });
    expect(drainCommand('w', { ...DEFAULT_DRAIN_OPTIONS, force: true })).toMatchObject({ force: true });
  });

  it('picks out the evictions a disruption budget refused', () => {
    const refusal = 'error when evicting pods/"web-1" -n "default" (will retry after 5s): Cannot evict pod as it would violate the pod\'s disruption budget.';
    expect(refusedEvictions(['node/w cordoned', 'evicting pod default/web-1', refusal])).toEqual([
      { namespace: 'default', name: 'web-1', retry: '5s', message: "Cannot evict pod as it would violate the pod's disruption budget.", line: refusal },
    ]);
    expect(refusedEvictions(['node/w cordoned', 'evicting pod default/web-1', 'pod/web-1 evicted'])).toEqual([]);
  });

  it('explains a refusal in words: the budget and the retry, or the API message as it is', () => {
    const [budget] = refusedEvictions(['error when evicting pods/"db-0" -n "shop" (will retry after 5s): Cannot evict pod as it would violate the pod\'s disruption budget.']);
    expect(explainRefusal(budget)).toMatch(/^The Eviction API refused pod db-0 \(namespace shop\) with 429 Too Many Requests: its PodDisruptionBudget allows no more disruptions now\..*retries every 5s/);
    const [other] = refusedEvictions(['error when evicting pods/"web-1" -n "default" (will retry after 5s): This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.']);
    expect(explainRefusal(other)).toBe('The Eviction API refused pod web-1: This pod has more than one PodDisruptionBudget, which the eviction subresource does not support. kubectl drain retries every 5s.');
  });
});

describe('kubectl drain flags beyond the three checkboxes', () => {
  const options = { ...DEFAULT_DRAIN_OPTIONS, disableEviction: true, timeout: ' 90s ', podSelector: 'app in (web)', gracePeriod: '5' };

  it('sends each flag the user set, and none left empty (kubectl’s defaults)', () => {
    expect(drainCommand('w', options)).toEqual({ action: 'drain', node: 'w', ignoreDaemonSets: true, deleteEmptyDirData: true, force: false, disableEviction: true, timeout: '90s', podSelector: 'app in (web)', gracePeriod: 5 });
    expect(drainCommand('w', DEFAULT_DRAIN_OPTIONS)).not.toHaveProperty('timeout');
    expect(drainCommand('w', DEFAULT_DRAIN_OPTIONS)).not.toHaveProperty('dryRun');
    expect(drainCommand('w', { ...DEFAULT_DRAIN_OPTIONS, dryRun: 'server' })).toMatchObject({ dryRun: 'server' });
    expect(drainCommandLine('w', { ...DEFAULT_DRAIN_OPTIONS, dryRun: 'client' })).toBe('kubectl drain w --ignore-daemonsets --delete-emptydir-data --dry-run=client');
    expect(drainCommandLine('w', options)).toBe("kubectl drain w --ignore-daemonsets --delete-emptydir-data --disable-eviction --timeout=90s --pod-selector='app in (web)' --grace-period=5");
  });

  it('shows a labelled field for each, and the command line on the Drain button', () => {
    const html = renderToStaticMarkup(<NodeActionsView node={{ name: 'w', powered: true, unschedulable: false }} drain={options} onDrainChange={() => {}} onCommand={() => {}} />);
    for (const flag of ['--disable-eviction', '--timeout', '--pod-selector', '--grace-period']) expect(html).toContain(flag);
    expect(html).toContain('value=" 90s "');
    // --dry-run: a labelled select, kubectl's default (none) chosen.
    expect(html).toMatch(/<label[^>]*>--dry-run<select>.*<option value="none" selected="">/);
    expect(html).toContain('title="kubectl drain w --ignore-daemonsets --delete-emptydir-data --disable-eviction --timeout=90s');
  });

  it('the engine takes what the form builds: --disable-eviction deletes past a PodDisruptionBudget that holds an eviction back', async () => {
    const preset = findPreset('drain-pdb')!;
    const webOn = async (client: ReturnType<typeof createInProcessClient>, node: string) => {
      const pods = (await client.listObjects('Pod', 'default')) as { metadata: { labels?: Record<string, string>; deletionTimestamp?: string }; spec?: { nodeName?: string } }[];
      return pods.filter((o) => o.metadata.labels?.app === 'web' && o.spec?.nodeName === node && !o.metadata.deletionTimestamp).length;
    };
    const results: number[] = [];
    for (const disableEviction of [false, true]) {
      const client = createInProcessClient({ ticker: createManualTicker() });
      await client.load(preset.text, preset.file);
      await client.step(30_000);
      const node = 'worker-2'; // two of web's four pods, as the preset says
      expect(await webOn(client, node)).toBeGreaterThan(0);
      const r = await client.dispatch(drainCommand(node, { ...DEFAULT_DRAIN_OPTIONS, disableEviction }));
      expect(r.ok).toBe(true);
      await client.step(1_000);
      results.push(await webOn(client, node));
    }
    // Evictions: the budget keeps some web pods on the node; plain deletes leave none.
    expect(results[0]).toBeGreaterThan(0);
    expect(results[1]).toBe(0);
  });

  it('--dry-run=client from the form prints the evictions and leaves every pod and the node as they were', async () => {
    const preset = findPreset('drain-pdb')!;
    const client = createInProcessClient({ ticker: createManualTicker() });
    await client.load(preset.text, preset.file);
    await client.step(30_000);
    const before = JSON.stringify(await client.listObjects('Pod', 'default'));
    const r = await client.dispatch(drainCommand('worker-2', { ...DEFAULT_DRAIN_OPTIONS, dryRun: 'client' }));
    expect(r.ok && r.messages?.[0]).toBe('node/worker-2 cordoned (dry run)');
    expect(r.ok && r.messages?.at(-1)).toBe('node/worker-2 drained (dry run)');
    expect(r.ok && r.messages?.filter((m) => m.startsWith('evicting pod ')).every((m) => m.endsWith(' (dry run)'))).toBe(true);
    await client.step(1_000);
    expect(JSON.stringify(await client.listObjects('Pod', 'default'))).toBe(before);
  });

  it('a bad value is refused by the engine in kubectl’s words, and nothing is drained', async () => {
    const preset = findPreset('drain-pdb')!;
    const client = createInProcessClient({ ticker: createManualTicker() });
    await client.load(preset.text, preset.file);
    const r = await client.dispatch(drainCommand('worker-1', { ...DEFAULT_DRAIN_OPTIONS, podSelector: 'app in (' }));
    expect(r).toMatchObject({ ok: false, error: 'error: --pod-selector=<pod_selector> must be a valid label selector' });
    const g = await client.dispatch(drainCommand('worker-1', { ...DEFAULT_DRAIN_OPTIONS, gracePeriod: 'soon' }));
    expect(g.ok).toBe(false);
  });
});

describe('a --dry-run=server drain from the form', () => {
  async function serverDryRun(presetId: string, node: string) {
    const preset = findPreset(presetId)!;
    const client = createInProcessClient({ ticker: createManualTicker() });
    await client.load(preset.text, preset.file);
    await client.step(30_000);
    const before = JSON.stringify(await client.listObjects('Pod', 'default'));
    const r = await client.dispatch(drainCommand(node, { ...DEFAULT_DRAIN_OPTIONS, dryRun: 'server' }));
    await client.step(1_000);
    expect(JSON.stringify(await client.listObjects('Pod', 'default'))).toBe(before);
    return r.ok ? (r.messages ?? []) : [];
  }

  it('against a budget that allows nothing: the refusal is shown on stderr and explained, and there is no drained line', async () => {
    const lines = await serverDryRun('drain-flags', 'worker-1');
    expect(refusedEvictions(lines)).toHaveLength(1);
    expect(lines.some((l) => l.includes('drained'))).toBe(false);
    expect(explainDryRun('worker-1', 'server', lines)).toMatch(/^The API server refused one dry-run eviction \(429/);
    const html = renderToStaticMarkup(<DryRunOutput node="worker-1" mode="server" lines={lines} onClose={() => {}} />);
    expect(html).toContain('aria-label="kubectl drain worker-1 --dry-run=server: output"');
    expect([...html.matchAll(/data-stream="stderr"/g)]).toHaveLength(1);
  });

  it('against a budget that allows one disruption for two pods: each dry-run eviction passes on its own, which the page says', async () => {
    const lines = await serverDryRun('drain-pdb', 'worker-2');
    expect(lines.at(-1)).toBe('node/worker-2 drained (server dry run)');
    expect(explainDryRun('worker-2', 'server', lines)).toContain('A dry run uses up no budget');
  });
});

