import { describe, expect, it } from 'vitest';
import type { Pod } from '../model/types';
import { applyLimitRangeDefaults, LIMIT_RANGER_ANNOTATION, validateLimitRanges, type LimitRange } from './limit-range-admission';

const range = (...limits: NonNullable<LimitRange['spec']>['limits'] & object): LimitRange => ({ apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'lr', namespace: 'team' }, spec: { limits } });
const pod = (containers: Pod['spec']['containers'], initContainers?: Pod['spec']['initContainers']): Pod =>
  ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'team' }, spec: { containers, ...(initContainers ? { initContainers } : {}) } }) as Pod;

describe('LimitRanger admission', () => {
  it('defaults from max, then defaultRequest from default (the LimitRange item defaults), and annotates', () => {
    const p = pod([{ name: 'app', image: 'x' }], [{ name: 'init', image: 'x', resources: { limits: { cpu: '200m' } } }]);
    applyLimitRangeDefaults(p, [range({ type: 'Container', max: { cpu: '1' }, min: { memory: '64Mi' } })]);
    expect(p.spec.containers[0].resources).toEqual({ limits: { cpu: '1' }, requests: { cpu: '1', memory: '64Mi' } });
    // The init container's request came from its own limit (API defaulting runs first), so only memory is set.
    expect(p.spec.initContainers![0].resources).toEqual({ limits: { cpu: '200m' }, requests: { cpu: '200m', memory: '64Mi' } });
    expect(p.metadata.annotations?.[LIMIT_RANGER_ANNOTATION]).toBe('LimitRanger plugin set: cpu, memory request for container app; cpu limit for container app; memory request for init container init');
  });

  it('leaves the containers it does not change as they were (no copy), and a shared template untouched', () => {
    const resources = { requests: { cpu: '100m' }, limits: { cpu: '100m' } };
    const container = { name: 'app', image: 'x', resources };
    const p = pod([container]);
    applyLimitRangeDefaults(p, [range({ type: 'Container', default: { cpu: '1' } })]);
    expect(p.spec.containers[0]).toBe(container);
    const bare = { name: 'b', image: 'x' };
    const q = pod([bare]);
    applyLimitRangeDefaults(q, [range({ type: 'Container', default: { cpu: '1' } })]);
    expect(bare).toEqual({ name: 'b', image: 'x' });
    expect(q.spec.containers[0].resources).toEqual({ limits: { cpu: '1' }, requests: { cpu: '1' } });
  });

  it('refuses min, max and ratio violations with upstream words, several as a list', () => {
    const lr = range({ type: 'Container', min: { cpu: '100m' }, max: { memory: '1Gi' }, maxLimitRequestRatio: { cpu: '2' } });
    expect(() => validateLimitRanges(pod([{ name: 'a', image: 'x', resources: { requests: { cpu: '100m' }, limits: { cpu: '300m', memory: '512Mi' } } }]), [lr])).toThrow(
      'pods "p" is forbidden: cpu max limit to request ratio per Container is 2, but provided ratio is 3.000000',
    );
    expect(() => validateLimitRanges(pod([{ name: 'a', image: 'x' }]), [lr])).toThrow(
      'pods "p" is forbidden: [minimum cpu usage per Container is 100m.  No request is specified, maximum memory usage per Container is 1Gi.  No limit is specified, cpu max limit to request ratio per Container is 2, but no request is specified or request is 0]',
    );
    expect(() => validateLimitRanges(pod([{ name: 'a', image: 'x', resources: { requests: { cpu: '150m' }, limits: { cpu: '200m', memory: '1Gi' } } }]), [lr])).not.toThrow();
  });

  it('checks a Pod item against the pod aggregate', () => {
    const lr = range({ type: 'Pod', max: { cpu: '1' } });
    const two = (cpu: string) => pod([1, 2].map((i) => ({ name: `c${i}`, image: 'x', resources: { requests: { cpu }, limits: { cpu } } })));
    expect(() => validateLimitRanges(two('600m'), [lr])).toThrow('pods "p" is forbidden: maximum cpu usage per Pod is 1, but limit is 1200m');
    expect(() => validateLimitRanges(two('500m'), [lr])).not.toThrow();
  });
});
