import { describe, expect, it } from 'vitest';
import { makePod } from '../../testing/builders';
import { PodInfo } from './pod-info';

describe('PodInfo requests per stored spec', () => {
  it('gives a copy of a stored pod the same requests as the pod, each PodInfo its own Resource', () => {
    const stored = makePod('web').req({ cpu: '250m', memory: '64Mi' }).initReq({ cpu: '1' }, true).overhead({ cpu: '10m' }).obj();
    const first = new PodInfo({ ...stored, spec: { ...stored.spec } }, 1, stored.spec);
    const second = new PodInfo({ ...stored, spec: { ...stored.spec } }, 2, stored.spec);
    const plain = new PodInfo(stored);
    for (const pi of [first, second]) {
      expect(pi.requests).toEqual(plain.requests);
      expect([pi.nonZeroMilliCPU, pi.nonZeroMemory]).toEqual([plain.nonZeroMilliCPU, plain.nonZeroMemory]);
    }
    expect(first.requests.milliCPU).toBe(1260);
    first.requests.milliCPU += 1;
    expect(second.requests.milliCPU).toBe(1260);
  });

  it('does not remember a spec that is not a stored one', () => {
    const pod = makePod('web').req({ cpu: '100m' }).obj();
    expect(new PodInfo(pod).requests.milliCPU).toBe(100);
    pod.spec.containers[0].resources = { requests: { cpu: '300m' } };
    expect(new PodInfo(pod).requests.milliCPU).toBe(300);
  });
});
