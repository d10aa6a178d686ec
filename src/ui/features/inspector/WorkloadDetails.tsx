import { useCallback, type ReactNode } from 'react';
import type { KubeObject } from '../../../engine/model/types';
import type { EngineClient } from '../../bridge/engine-client';
import { select } from '../../store/actions';
import { useThrottled } from '../../components/use-throttled';
import { usePodscapeRuntime, usePodscapeStore } from '../../store/podscape-store';
import { parseWorkloadKey, workloadKey } from './workload-key';
import { Answer, ConditionsTable, Facts, Section, TableScroll, type ConditionLike } from './parts';
import { THROTTLE_MS, useEngineQuery } from './use-engine-query';
import { replicaSetRows, rolloutStatus, workloadColumns } from './workload-status';
import { YamlView } from './YamlView';
import { ControlError } from '../../components/ControlError';
import { PodCommandOutput, usePodCommands } from './PodActions';
import { kubectlRollout, WorkloadActionsView } from './WorkloadActions';

/** A workload selection's key: `Kind/namespace/name`. */
/**
 * A Deployment, ReplicaSet, StatefulSet, DaemonSet or Job: what `kubectl get` and `kubectl
 * rollout status` say, its conditions, and for a Deployment its ReplicaSets with their
 * counts (the old and the new one during a rollout).
 */
export function WorkloadDetails({ workload }: { workload: string }) {
  const { store } = usePodscapeRuntime();
  const { kind, namespace, name } = parseWorkloadKey(workload);
  const object = useEngineQuery(
    `${workload}`,
    useCallback((client: EngineClient) => client.getObject(kind, namespace, name), [kind, namespace, name]),
  );
  const found = object.status === 'done' ? object.data : null;
  const uid = kind === 'Deployment' ? (found?.metadata.uid ?? null) : null;
  const replicaSets = useEngineQuery(
    uid ? `rs-of/${uid}` : null,
    useCallback((client: EngineClient) => client.listObjects('ReplicaSet', namespace, uid ?? ''), [namespace, uid]),
  );
  // A running Job's DURATION counts on the cluster clock, as often as the object is asked for again.
  const now = useThrottled(usePodscapeStore((s) => (kind === 'Job' || kind === 'CronJob' ? (s.frame?.time ?? 0) : 0)), THROTTLE_MS);
  const open = (k: string, n: string) => select(store, { kind: 'workload', key: workloadKey(k, namespace, n) });
  const commands = usePodCommands(workload);

  return (
    <Answer state={object} what={`the ${kind}`}>
      {(o) => {
        if (!o) return <p className="inspector-empty">{kind} {namespace}/{name} no longer exists.</p>;
        const rollout = rolloutStatus(o);
        const owner = o.metadata.ownerReferences?.find((r) => r.controller === true);
        return (
          <>
            <Section title="Status">
              <Facts
                rows={[
                  ...workloadColumns(o, now),
                  ...(owner
                    ? [
                        [
                          'Controlled by',
                          <button key="owner" type="button" className="link-button" onClick={() => open(owner.kind, owner.name)}>
                            {owner.kind}/{owner.name}
                          </button>,
                        ] as [string, ReactNode],
                      ]
                    : []),
                ]}
              />
              {rollout && (
                <p className={rollout.error ? 'inspector-rollout inspector-rollout-error' : 'inspector-rollout'} data-rollout-status={rollout.done ? 'done' : rollout.error ? 'error' : 'waiting'}>
                  <span className="inspector-muted">kubectl rollout status: </span>
                  {rollout.text}
                </p>
              )}
              <WorkloadActionsView kind={kind} namespace={namespace} name={name} paused={(o.spec as { paused?: unknown } | undefined)?.paused === true} onCommand={commands.run} />
              <PodCommandOutput output={commands.output} label="kubectl rollout output" />
              <ControlError at={commands.at} />
            </Section>
            {kind === 'Deployment' && (
              <Section title="ReplicaSets">
                <Answer state={replicaSets} what="the ReplicaSets">
                  {(list) => (
                    <ReplicaSetTable
                      deployment={o}
                      replicaSets={list}
                      onOpen={(n) => open('ReplicaSet', n)}
                      onRollBack={(toRevision) => commands.run({ action: 'rollout', subcommand: 'undo', kind, namespace, name, toRevision })}
                    />
                  )}
                </Answer>
              </Section>
            )}
            <Section title="Conditions">
              <ConditionsTable conditions={((o as { status?: { conditions?: ConditionLike[] } }).status?.conditions ?? []) as ConditionLike[]} caption={`Conditions of ${kind} ${namespace}/${name}`} />
            </Section>
            <Section title="YAML">
              <YamlView object={o} label={`YAML of ${kind} ${namespace}/${name}`} />
            </Section>
          </>
        );
      }}
    </Answer>
  );
}

interface ReplicaSetTableProps {
  deployment: KubeObject;
  replicaSets: readonly KubeObject[];
  onOpen: (name: string) => void;
  /** `kubectl rollout undo --to-revision=N`. */
  onRollBack: (toRevision: number) => void;
}

function ReplicaSetTable({ deployment, replicaSets, onOpen, onRollBack }: ReplicaSetTableProps) {
  const name = deployment.metadata.name ?? '';
  const ns = deployment.metadata.namespace ?? 'default';
  const rows = replicaSetRows(deployment, replicaSets);
  if (rows.length === 0) return <p className="inspector-empty">No ReplicaSets yet.</p>;
  return (
    <TableScroll label={`ReplicaSets of Deployment ${deployment.metadata.name}`}>
      <table className="inspector-table">
        <caption className="visually-hidden">ReplicaSets of Deployment {deployment.metadata.name}, newest revision first</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Revision</th>
            <th scope="col">Desired</th>
            <th scope="col">Current</th>
            <th scope="col">Ready</th>
            <th scope="col">Available</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.name} data-replicaset={r.name} {...(r.isNew ? { 'data-new': '' } : {})}>
              <th scope="row">
                <button type="button" className="link-button" onClick={() => onOpen(r.name)}>
                  {r.name}
                </button>
                <span className="inspector-muted"> {r.isNew ? '(new)' : '(old)'}</span>
              </th>
              <td>
                {r.revision ?? '—'}
                {!r.isNew && r.revision !== null && (
                  <>
                    {' '}
                    <button
                      type="button"
                      className="link-button"
                      aria-label={`Roll back Deployment ${name} to revision ${r.revision}`}
                      title={kubectlRollout('undo', 'Deployment', ns, name, r.revision)}
                      onClick={() => onRollBack(r.revision!)}
                    >
                      roll back
                    </button>
                  </>
                )}
              </td>
              <td>{r.desired}</td>
              <td>{r.current}</td>
              <td>{r.ready}</td>
              <td>{r.available}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
