/** The ReplicaSet controller's status (pkg/controller/replicaset/replica_set_utils.go calculateStatus). */
import type { ReplicaSet, ReplicaSetStatus } from './replicaset-controller';
import { generationOf } from '../workload/pods';

/**
 * calculateStatus's ReplicaFailure (pkg/controller/replicaset/replica_set_utils.go): a sync whose
 * create was refused adds `ReplicaFailure` True, reason `FailedCreate`, the error as the message,
 * unless the condition is there already (then it is kept as it is, message and time included); a
 * sync without an error removes it. The engine's deletes are never refused, so no `FailedDelete`.
 */
export function withReplicaFailure(status: ReplicaSetStatus, error: string | undefined, now: string): ReplicaSetStatus {
  const conditions = (status.conditions ?? []) as { type?: string }[];
  const present = conditions.some((c) => c?.type === 'ReplicaFailure');
  if (error !== undefined && !present) {
    return { ...status, conditions: [...conditions, { type: 'ReplicaFailure', status: 'True', lastTransitionTime: now, reason: 'FailedCreate', message: error }] };
  }
  if (error === undefined && present) {
    const rest = conditions.filter((c) => c?.type !== 'ReplicaFailure');
    const out: ReplicaSetStatus = { ...status, conditions: rest };
    if (rest.length === 0) delete out.conditions;
    return out;
  }
  return status;
}

/** `terminating` undefined: a status without terminatingReplicas (a ReplicationController's, core/v1). */
export function statusOf(rs: ReplicaSet, replicas: number, fullyLabeled: number, ready: number, available: number, terminating: number | undefined): ReplicaSetStatus {
  const status: ReplicaSetStatus = {
    ...(rs.status ?? {}),
    replicas,
    fullyLabeledReplicas: fullyLabeled,
    readyReplicas: ready,
    availableReplicas: available,
    terminatingReplicas: terminating ?? 0,
    observedGeneration: generationOf(rs),
  };
  if (terminating === undefined) delete (status as { terminatingReplicas?: number }).terminatingReplicas;
  return status;
}
