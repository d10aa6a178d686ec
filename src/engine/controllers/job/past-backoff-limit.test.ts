/** pastBackoffLimitOnFailure (job_controller.go): restarts of Pending and Running pods count, only with restartPolicy OnFailure. */
import { describe, expect, it } from 'vitest';
import type { Pod } from '../../model/types';
import { pastBackoffLimitOnFailure, type Job } from './job-controller';

const job = (restartPolicy: string): Job => ({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j' }, spec: { template: { spec: { restartPolicy, containers: [] } } } }) as unknown as Job;
const pod = (phase: string, ...restarts: number[]): Pod =>
  ({ metadata: { name: 'p' }, spec: { containers: [] }, status: { phase, containerStatuses: restarts.map((r, i) => ({ name: `c${i}`, restartCount: r })) } }) as unknown as Pod;

describe('pastBackoffLimitOnFailure', () => {
  it('sums restartCount over the containers of Running and Pending pods and compares with >=', () => {
    expect(pastBackoffLimitOnFailure(job('OnFailure'), [pod('Running', 1), pod('Pending', 0, 1)], 2)).toBe(true);
    expect(pastBackoffLimitOnFailure(job('OnFailure'), [pod('Running', 1)], 2)).toBe(false);
  });

  it('leaves out finished pods, and with backoffLimit 0 any restart is past it', () => {
    expect(pastBackoffLimitOnFailure(job('OnFailure'), [pod('Succeeded', 5), pod('Failed', 5)], 2)).toBe(false);
    expect(pastBackoffLimitOnFailure(job('OnFailure'), [pod('Running', 0)], 0)).toBe(false);
    expect(pastBackoffLimitOnFailure(job('OnFailure'), [pod('Running', 1)], 0)).toBe(true);
  });

  it('is false for restartPolicy Never, whatever the restarts', () => {
    expect(pastBackoffLimitOnFailure(job('Never'), [pod('Running', 9)], 2)).toBe(false);
  });
});
