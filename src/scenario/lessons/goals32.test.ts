/** The round-32 goal kinds (container-goals.ts, workload-goals.ts): met and unmet, with the words the panel shows. */
import { describe, expect, it } from 'vitest';
import { evaluateGoal, type GoalFrame } from './goals';

const pod = (over: Partial<GoalFrame['pods'][number]>): GoalFrame['pods'][number] => ({
  namespace: 'default', name: 'report', phase: 'Running', nodeName: 'worker-2', deletionTimestamp: null, owner: null, ...over,
});
const frame = (over: Partial<GoalFrame>): GoalFrame => ({ nodes: [], pods: [], queue: [], events: [], ...over });
const node = (name: string, pressures?: string[]): GoalFrame['nodes'][number] => ({
  name, status: 'Ready', unschedulable: false, taints: [], allocatable: { cpu: 4000 }, requested: { cpu: 0 }, pressures,
});

describe('round-32 goal kinds', () => {
  it('podStatus reads kubectl STATUS: the container reason first, Terminating over everything, else the phase', () => {
    const goal = { podStatus: { pod: 'default/report', status: 'CrashLoopBackOff' } };
    expect(evaluateGoal(goal, frame({ pods: [pod({ containerReason: 'CrashLoopBackOff' })] }))).toEqual({ met: true, detail: 'default/report is CrashLoopBackOff on worker-2' });
    expect(evaluateGoal(goal, frame({ pods: [pod({})] })).met).toBe(false);
    expect(evaluateGoal({ podStatus: { pod: 'default/report', status: 'Terminating' } }, frame({ pods: [pod({ containerReason: 'Error', deletionTimestamp: 'x' })] })).met).toBe(true);
    expect(evaluateGoal(goal, frame({}))).toEqual({ met: false, detail: 'default/report does not exist' });
  });

  it('lastTermination needs the reason, the exit code and enough restarts', () => {
    const oom = { reason: 'OOMKilled', exitCode: 137 };
    const goal = { lastTermination: { pod: 'default/report', reason: 'OOMKilled', exitCode: 137, minRestarts: 3 } };
    expect(evaluateGoal(goal, frame({ pods: [pod({ lastTermination: oom, restarts: 3 })] }))).toEqual({
      met: true,
      detail: 'default/report last terminated OOMKilled (exit code 137), restarted 3 times',
    });
    expect(evaluateGoal(goal, frame({ pods: [pod({ lastTermination: oom, restarts: 2 })] })).met).toBe(false);
    expect(evaluateGoal(goal, frame({ pods: [pod({ lastTermination: { reason: 'Error', exitCode: 1 }, restarts: 5 })] })).met).toBe(false);
    expect(evaluateGoal(goal, frame({ pods: [pod({})] }))).toEqual({ met: false, detail: 'default/report has not restarted: no last state' });
  });

  it('nodeCondition is met only by a True pressure condition', () => {
    const goal = { nodeCondition: { node: 'worker-1', type: 'MemoryPressure' } };
    expect(evaluateGoal(goal, frame({ nodes: [node('worker-1', ['MemoryPressure'])] }))).toEqual({ met: true, detail: 'worker-1 has MemoryPressure' });
    expect(evaluateGoal(goal, frame({ nodes: [node('worker-1', ['DiskPressure'])] }))).toEqual({ met: false, detail: 'worker-1 has no MemoryPressure' });
    expect(evaluateGoal(goal, frame({ nodes: [node('worker-1')] })).met).toBe(false);
  });

  it('cronJob reads SUSPEND and ACTIVE; workloadCount counts names by prefix and kind', () => {
    const workloads = [
      { kind: 'CronJob', namespace: 'default', name: 'report', cronJob: { suspend: true, active: 1 } },
      { kind: 'Job', namespace: 'default', name: 'report-29453761' },
      { kind: 'Job', namespace: 'default', name: 'report-29453762' },
      { kind: 'Deployment', namespace: 'default', name: 'report-web' },
    ];
    const f = frame({ workloads });
    expect(evaluateGoal({ cronJob: { name: 'report', suspend: true, maxActive: 0 } }, f)).toEqual({ met: false, detail: 'CronJob report: suspended, 1 active Job' });
    expect(evaluateGoal({ cronJob: { name: 'report', suspend: true, minActive: 1 } }, f).met).toBe(true);
    expect(evaluateGoal({ cronJob: { name: 'report', suspend: false } }, f).met).toBe(false);
    expect(evaluateGoal({ cronJob: { name: 'nightly' } }, f)).toEqual({ met: false, detail: 'no CronJob nightly in default' });
    expect(evaluateGoal({ workloadCount: { kind: 'Job', prefix: 'report-', max: 2 } }, f)).toEqual({ met: true, detail: '2 Jobs: report-29453761, report-29453762' });
    expect(evaluateGoal({ workloadCount: { kind: 'Job', prefix: 'report-', max: 1 } }, f).met).toBe(false);
  });
});
