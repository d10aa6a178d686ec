/** The built-in lessons, in the order the gallery lists them. */
import { binPackingLesson } from './bin-packing';
import { crashLoopLesson } from './crash-loop';
import { cronJobsLesson } from './cronjobs';
import { daemonSetsLesson } from './daemonsets';
import { drainFlagsLesson } from './drain-flags';
import { drainPdbLesson } from './drain-pdb';
import { failoverTimingLesson } from './failover-timing';
import { jobsLesson } from './jobs';
import { kubeletAdmissionLesson } from './kubelet-admission';
import { nodeAffinityLesson } from './node-affinity';
import { nonGracefulShutdownLesson } from './non-graceful-shutdown';
import { nodeFailureLesson } from './node-failure';
import { outOfMemoryLesson } from './out-of-memory';
import { podAntiAffinityLesson } from './pod-anti-affinity';
import { priorityPreemptionLesson } from './priority-preemption';
import { readinessProbesLesson } from './readiness-probes';
import { resourcePressureLesson } from './resource-pressure';
import { resourceQuotaLesson } from './resource-quota';
import { schedulerScoringLesson } from './scheduler-scoring';
import { rollingUpdateLesson } from './rolling-update';
import { spreadingLesson } from './spreading';
import { statefulsetIdentityLesson } from './statefulset-identity';
import { taintsTolerationsLesson } from './taints-tolerations';
import type { Lesson } from './types';
import { workloadKindsLesson } from './workload-kinds';
import { zoneOutageLesson } from './zone-outage';

export type { Lesson, LessonGoal, LessonStep, PredictQuestion } from './types';
export { evaluateGoal, type Goal, type GoalFrame, type GoalResult } from './goals';

export const LESSONS: readonly Lesson[] = [
  nodeFailureLesson,
  failoverTimingLesson,
  workloadKindsLesson,
  drainPdbLesson,
  drainFlagsLesson,
  taintsTolerationsLesson,
  nodeAffinityLesson,
  resourcePressureLesson,
  priorityPreemptionLesson,
  spreadingLesson,
  podAntiAffinityLesson,
  zoneOutageLesson,
  statefulsetIdentityLesson,
  rollingUpdateLesson,
  crashLoopLesson,
  readinessProbesLesson,
  jobsLesson,
  schedulerScoringLesson,
  daemonSetsLesson,
  kubeletAdmissionLesson,
  binPackingLesson,
  nonGracefulShutdownLesson,
  resourceQuotaLesson,
  outOfMemoryLesson,
  cronJobsLesson,
];

export function findLesson(id: string): Lesson | undefined {
  return LESSONS.find((l) => l.id === id);
}
