import { describe, expect, it } from 'vitest';
import { admitPod } from './admission';
import type { Pod, PriorityClass } from './types';

function pod(priorityClassName?: string): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', namespace: 'default' },
    spec: { priorityClassName, containers: [{ name: 'c', image: 'nginx' }] },
  } as Pod;
}

describe('admitPod priority', () => {
  it('gives the built-in classes their values when no PriorityClass object names them', () => {
    const p = pod('system-node-critical');
    admitPod(p, []);
    expect(p.spec.priority).toBe(2000001000);
  });

  it('takes a PriorityClass object first', () => {
    const p = pod('high');
    const high = { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'high' }, value: 1000 } as PriorityClass;
    admitPod(p, [high]);
    expect(p.spec.priority).toBe(1000);
  });

  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty'])(
    'a class named %s, which no object defines, sets no priority (not a member of Object.prototype)',
    (name) => {
      const p = pod(name);
      admitPod(p, []);
      expect(p.spec.priority).toBeUndefined();
    },
  );
});
