/**
 * rollout restart writes into the workload's own pod template: every Deployment, DaemonSet and
 * StatefulSet has one (validation refuses a workload without, on load and on apply), so the command
 * has no made-up template to fall back to (round 23 removed that dead branch).
 */
import { describe, expect, it } from 'vitest';
import type { KubeObject, Workload } from '../model/types';
import { RESTARTED_AT_ANNOTATION } from './rollout';
import { createSimulation } from './simulation';

const selector = { matchLabels: { app: 'web' } };
const template = { metadata: { labels: { app: 'web' }, annotations: { team: 'blue' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } };
const workload = (kind: string, name: string, withTemplate: boolean): KubeObject =>
  ({ apiVersion: 'apps/v1', kind, metadata: { name, namespace: 'default' }, spec: { ...(kind === 'DaemonSet' ? {} : { replicas: 1 }), selector, ...(withTemplate ? { template } : {}) } }) as unknown as KubeObject;

describe('rollout restart and the pod template', () => {
  for (const kind of ['Deployment', 'DaemonSet', 'StatefulSet']) {
    it(`a ${kind} without a template is refused on load and on apply, so none reaches restart`, () => {
      const sim = createSimulation({ seed: 1 });
      expect(() => sim.load([workload(kind, 'bare', false)])).toThrow(/spec\.template\.spec: Required value/);
      const applied = sim.dispatch({ action: 'apply', object: workload(kind, 'bare', false) });
      expect(applied).toEqual({ ok: false, error: `The ${kind} "bare" is invalid: spec.template.spec: Required value` });
      expect(sim.objects().some((o) => o.kind === kind)).toBe(false);
    });

    it(`a ${kind} restart adds restartedAt (whole seconds) to its template's annotations and keeps the others`, () => {
      const sim = createSimulation({ seed: 1 });
      sim.load([workload(kind, 'web', true)]);
      sim.advanceBy(2500);
      const res = sim.dispatch({ action: 'rollout', subcommand: 'restart', kind, namespace: 'default', name: 'web' });
      expect(res.ok).toBe(true);
      const w = sim.objects().find((o) => o.kind === kind && o.metadata.name === 'web') as Workload;
      expect(w.spec.template?.metadata?.annotations).toEqual({ team: 'blue', [RESTARTED_AT_ANNOTATION]: '2026-01-01T00:00:02Z' });
      expect(w.spec.template?.metadata?.labels).toEqual({ app: 'web' });
    });
  }
});
