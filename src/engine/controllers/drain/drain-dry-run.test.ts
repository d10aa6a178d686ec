/**
 * kubectl drain --dry-run=client|server and --pod-selector on the §10 cluster (cmd/drain's
 * deleteOrEvictPodsSimple and its dry-run printers).
 */
import { describe, expect, it } from 'vitest';
import type { Node } from '../../model/types';
import { checkCommand } from '../../sim/command-check';
import { fullSimulation, podsOn, section10Cluster } from '../node-lifecycle/cluster-fixture';
import { drainLog, isDraining, startDrain } from './drain';

const s = (x: number) => x * 1000;

/** A PodDisruptionBudget over the web pods (six in all, two on worker-2), its status computed. */
function withWebBudget(sim: ReturnType<typeof cluster>, name: string, minAvailable: number) {
  sim.dispatch({ action: 'apply', object: { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name, namespace: 'default' }, spec: { minAvailable, selector: { matchLabels: { app: 'web' } } } } });
  sim.advanceTo(sim.time + s(1));
}
const pdbs = (sim: ReturnType<typeof cluster>) => JSON.stringify(sim.ctx.store.list('PodDisruptionBudget'));
const webOn2 = (sim: ReturnType<typeof cluster>) => podsOn(sim, 'worker-2').filter((p) => p.metadata.labels?.app === 'web').map((p) => p.metadata.name!).sort();
const serverRun = { action: 'drain', node: 'worker-2', ignoreDaemonSets: true, force: true, dryRun: 'server' } as const;

function cluster() {
  const sim = fullSimulation(1);
  sim.load(section10Cluster());
  sim.advanceTo(s(40));
  return sim;
}

/** The nodes, pods and events as JSON: what "changes nothing" compares. */
const snapshot = (sim: ReturnType<typeof cluster>) => JSON.stringify(['Node', 'Pod', 'Event'].map((k) => sim.ctx.store.list(k)));
const names = (sim: ReturnType<typeof cluster>) => podsOn(sim, 'worker-2').map((p) => p.metadata.name!).sort();
const unschedulable = (sim: ReturnType<typeof cluster>) => sim.ctx.store.get<Node>('Node', undefined, 'worker-2')?.spec?.unschedulable === true;

describe('kubectl drain --dry-run', () => {
  for (const [strategy, suffix] of [['client', ' (dry run)'], ['server', ' (server dry run)']] as const) {
    it(`--dry-run=${strategy}: prints the cordon, each eviction and drained with "${suffix.trim()}", changes nothing`, () => {
      const sim = cluster();
      const before = snapshot(sim);
      const pods = podsOn(sim, 'worker-2');
      const agent = pods.find((p) => p.metadata.name!.startsWith('node-agent'))!.metadata.name!;
      const evicted = pods.filter((p) => p.metadata.name !== agent).map((p) => `evicting pod default/${p.metadata.name}${suffix}`);
      const r = startDrain(sim.ctx, { action: 'drain', node: 'worker-2', ignoreDaemonSets: true, force: true, dryRun: strategy });
      expect(r.ok).toBe(true);
      const messages = r.ok ? (r.messages ?? []) : [];
      expect(messages[0]).toBe(`node/worker-2 cordoned${suffix}`);
      expect(messages[1]).toMatch(/^Warning: deleting Pods that declare no controller: default\/debug; ignoring DaemonSet-managed Pods/);
      expect(messages.slice(2, -1).sort()).toEqual(evicted.sort());
      expect(messages.at(-1)).toBe(`node/worker-2 drained${suffix}`);
      expect(snapshot(sim)).toBe(before);
      expect(isDraining(sim.ctx, 'worker-2')).toBe(false);
      sim.advanceTo(s(120));
      expect(unschedulable(sim)).toBe(false);
      expect(names(sim)).toEqual(pods.map((p) => p.metadata.name!).sort());
    });
  }

  it('an error of the filters fails as without --dry-run, and still changes nothing', () => {
    const sim = cluster();
    const before = snapshot(sim);
    const r = startDrain(sim.ctx, { action: 'drain', node: 'worker-2', dryRun: 'client' });
    expect(r.ok).toBe(false);
    const lines = r.ok ? [] : r.error.split('\n');
    expect(lines[0]).toBe('node/worker-2 cordoned (dry run)');
    expect(lines[1]).toMatch(/^error: unable to drain node "worker-2" due to error: .*cannot delete DaemonSet-managed Pods/);
    expect(lines.some((l) => l.includes('evicting pod'))).toBe(false);
    expect(snapshot(sim)).toBe(before);
  });

  it('an already cordoned node prints "already cordoned (dry run)"', () => {
    const sim = cluster();
    sim.dispatch({ action: 'cordon', node: 'worker-2' });
    const r = startDrain(sim.ctx, { action: 'drain', node: 'worker-2', ignoreDaemonSets: true, force: true, dryRun: 'client' });
    expect(r.ok && r.messages?.[0]).toBe('node/worker-2 already cordoned (dry run)');
  });

  it('does not stop a running drain of the node (another terminal)', () => {
    const sim = cluster();
    sim.dispatch({ action: 'apply', object: { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'db', namespace: 'default' }, spec: { minAvailable: 3, selector: { matchLabels: { app: 'db' } } } } });
    sim.advanceTo(sim.time);
    expect(startDrain(sim.ctx, { action: 'drain', node: 'worker-2', ignoreDaemonSets: true, force: true }).ok).toBe(true);
    expect(isDraining(sim.ctx, 'worker-2')).toBe(true);
    startDrain(sim.ctx, { action: 'drain', node: 'worker-2', ignoreDaemonSets: true, force: true, dryRun: 'server' });
    expect(isDraining(sim.ctx, 'worker-2')).toBe(true);
  });

  it('--pod-selector with --dry-run lists only the selected pods', () => {
    const sim = cluster();
    const web = podsOn(sim, 'worker-2').filter((p) => p.metadata.labels?.app === 'web').map((p) => p.metadata.name!);
    expect(web.length).toBeGreaterThan(0);
    const r = startDrain(sim.ctx, { action: 'drain', node: 'worker-2', podSelector: 'app=web', dryRun: 'client' });
    expect(r.ok && r.messages).toEqual(['node/worker-2 cordoned (dry run)', ...web.map((n) => `evicting pod default/${n} (dry run)`), 'node/worker-2 drained (dry run)']);
    // No drain ran: the drain log (the UI's notices, the CLI's later lines) holds none of it.
    expect(drainLog(sim.ctx)).toEqual([]);
  });

  it('--pod-selector without --dry-run evicts only the selected pods and leaves the others', () => {
    const sim = cluster();
    const before = podsOn(sim, 'worker-2');
    const others = before.filter((p) => p.metadata.labels?.app !== 'web').map((p) => p.metadata.name!).sort();
    expect(startDrain(sim.ctx, { action: 'drain', node: 'worker-2', podSelector: 'app=web' }).ok).toBe(true);
    sim.advanceTo(sim.time + s(60));
    expect(drainLog(sim.ctx).at(-1)?.text).toBe('node/worker-2 drained');
    expect(names(sim)).toEqual(others);
    expect(unschedulable(sim)).toBe(true);
  });

  it('checkCommand refuses a strategy kubectl does not know', () => {
    expect(checkCommand({ action: 'drain', node: 'w', dryRun: 'none' }).errors).toEqual([{ field: 'dryRun', message: 'Unsupported value: "none": supported values: "client", "server"' }]);
    expect(checkCommand({ action: 'drain', node: 'w', dryRun: 'server' }).command).toEqual({ action: 'drain', node: 'w', dryRun: 'server' });
  });

  describe('--dry-run=server sends the evictions as dry runs (the API server answers, nothing changes)', () => {
    it('a budget that allows no disruption refuses each of its pods with kubectl\'s retry line, and there is no drained line', () => {
      const sim = cluster();
      withWebBudget(sim, 'web', 6);
      const before = snapshot(sim) + pdbs(sim);
      const r = startDrain(sim.ctx, serverRun);
      const lines = r.ok ? (r.messages ?? []) : [];
      expect(r.ok).toBe(true);
      const refused = lines.filter((l) => l.startsWith('error when evicting pods/'));
      expect(refused).toEqual(webOn2(sim).map((n) => `error when evicting pods/"${n}" -n "default" (will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.`));
      expect(lines.filter((l) => l.startsWith('evicting pod ')).every((l) => l.endsWith(' (server dry run)'))).toBe(true);
      expect(lines.some((l) => l.startsWith('node/worker-2 drained'))).toBe(false);
      expect(snapshot(sim) + pdbs(sim)).toBe(before);
      expect(drainLog(sim.ctx)).toHaveLength(0);
      // A client dry run sends nothing, so the same budget does not show.
      const c = startDrain(sim.ctx, { ...serverRun, dryRun: 'client' });
      expect(c.ok && c.messages?.at(-1)).toBe('node/worker-2 drained (dry run)');
    });

    it('a budget that allows one disruption accepts every dry-run eviction (a dry run decrements nothing), where the real drain is refused once', () => {
      const sim = cluster();
      withWebBudget(sim, 'web', 5);
      expect(webOn2(sim)).toHaveLength(2);
      const dry = startDrain(sim.ctx, serverRun);
      expect(dry.ok && dry.messages?.at(-1)).toBe('node/worker-2 drained (server dry run)');
      expect(dry.ok && dry.messages?.some((l) => l.startsWith('error when evicting'))).toBe(false);
      const real = startDrain(sim.ctx, { ...serverRun, dryRun: undefined });
      expect(real.ok && real.messages?.filter((l) => l.startsWith('error when evicting pods/'))).toHaveLength(1);
    });

    it('an eviction the API server refuses for good (two budgets over one pod) fails the drain as kubectl does, every pod still pending', () => {
      const sim = cluster();
      withWebBudget(sim, 'web-a', 1);
      withWebBudget(sim, 'web-b', 1);
      const before = snapshot(sim) + pdbs(sim);
      const r = startDrain(sim.ctx, serverRun);
      expect(r.ok).toBe(false);
      const lines = r.ok ? [] : r.error.split('\n');
      const [first] = webOn2(sim);
      const pending = lines.find((l) => l.startsWith('There are pending pods in node "worker-2" when an error occurred: '));
      expect(pending).toContain(`error when evicting pods/"${first}" -n "default": This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.`);
      const listed = lines.filter((l) => /^pod\/\S+$/.test(l)).map((l) => l.slice(4)).sort();
      expect(listed).toEqual(podsOn(sim, 'worker-2').filter((p) => !p.metadata.name!.startsWith('node-agent')).map((p) => p.metadata.name!).sort());
      expect(lines).toContain('There are pending nodes to be drained:');
      expect(snapshot(sim) + pdbs(sim)).toBe(before);
    });

    it('with --disable-eviction the dry-run deletes remove nothing, so kubectl is left polling: no drained line, nothing changed', () => {
      const sim = cluster();
      const before = snapshot(sim);
      const r = startDrain(sim.ctx, { ...serverRun, disableEviction: true });
      expect(r.ok && r.messages).toEqual([expect.stringMatching(/^node\/worker-2 cordoned \(server dry run\)$/), expect.stringMatching(/^Warning: /)]);
      expect(snapshot(sim)).toBe(before);
    });
  });
});
