/**
 * `podscape run` with kubectl drain --dry-run (cmd/drain's dry-run printers): the timeline's
 * drain-flags.yaml with worker-5's --pod-selector=app=cache drain made a dry run.
 */
import { describe, expect, it } from 'vitest';
import { runEdited } from './held-out';

const LINE = '- { at: 30s, action: drain, node: worker-5, podSelector: app=cache }';

describe('podscape run: kubectl drain --dry-run', () => {
  for (const strategy of ['client', 'server'] as const) {
    it(`--dry-run=${strategy} --pod-selector=app=cache prints the cache pod only, with the dry run's suffix, and cordons and evicts nothing`, () => {
      const doc = runEdited('drain-flags.yaml', (t) => t.replace(LINE, LINE.replace(' }', `, dryRun: ${strategy} }`)), '60s');
      const suffix = strategy === 'client' ? ' (dry run)' : ' (server dry run)';
      const got = doc.kubectl.filter((l) => l.time === 30_000 && (l.text.includes('worker-5') || l.text.includes(suffix)));
      const app = (o: (typeof doc.objects)[number]) => (o.metadata as { labels?: Record<string, string> }).labels?.app;
      const cache = doc.objects.filter((o) => o.kind === 'Pod' && app(o) === 'cache');
      const web = doc.objects.filter((o) => o.kind === 'Pod' && app(o) === 'web');
      expect(cache).toHaveLength(1);
      expect(got.map((l) => `${l.stream} ${l.text}`)).toEqual([
        `stdout node/worker-5 cordoned${suffix}`,
        `stdout evicting pod default/${cache[0].metadata.name}${suffix}`,
        `stdout node/worker-5 drained${suffix}`,
      ]);
      // Nothing moved: worker-5 is schedulable, its pods are the ones it had (none evicted or replaced).
      const worker5 = doc.objects.find((o) => o.kind === 'Node' && o.metadata.name === 'worker-5')!;
      expect(worker5.spec?.unschedulable).toBeUndefined();
      expect(web.length).toBeGreaterThan(0);
      for (const p of [...cache, ...web]) expect(p.spec?.nodeName).toBe('worker-5');
      expect(doc.kubectl.some((l) => l.text.startsWith('pod/cache-'))).toBe(false);
    });
  }

  it('--dry-run=server against a budget that allows nothing: the dry-run evictions are refused (stderr), kubectl would retry, nothing drained or changed', () => {
    const line = '- { at: 30s, action: drain, node: worker-1, timeout: 60s }';
    const doc = runEdited('drain-flags.yaml', (t) => t.replace(line, line.replace(' }', ', dryRun: server }')), '60s');
    const got = doc.kubectl.filter((l) => l.time === 30_000 && l.action === 'drain' && (l.text.includes('worker-1') || l.text.includes('guarded')));
    const guarded = doc.objects.filter((o) => o.kind === 'Pod' && o.spec?.nodeName === 'worker-1' && (o.metadata as { labels?: Record<string, string> }).labels?.app === 'guarded');
    expect(guarded.length).toBeGreaterThan(0);
    for (const p of guarded) {
      expect(got).toContainEqual({ time: 30_000, action: 'drain', stream: 'stdout', text: `evicting pod default/${p.metadata.name} (server dry run)` });
      expect(got).toContainEqual({ time: 30_000, action: 'drain', stream: 'stderr', text: `error when evicting pods/"${p.metadata.name}" -n "default" (will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.` });
      expect((p.metadata as { deletionTimestamp?: string }).deletionTimestamp).toBeUndefined();
    }
    expect(got.some((l) => l.text.startsWith('node/worker-1 drained'))).toBe(false);
    expect(doc.objects.find((o) => o.kind === 'Node' && o.metadata.name === 'worker-1')!.spec?.unschedulable).toBeUndefined();
  });
});

