import { useCallback, useMemo, type ReactNode } from 'react';
import { findPod } from '../../../protocol/frame-pods';
import type { Pod } from '../../../engine/model/types';
import type { EngineClient } from '../../bridge/engine-client';
import { select } from '../../store/actions';
import { usePodscapeRuntime } from '../../store/podscape-store';
import { podStatus } from '../cluster/PodCard';
import { formatCpu, formatMemory } from '../cluster/quantity';
import { ContainersView, RestartsValue } from './ContainersView';
import { buildExplainTable, lastAttemptNote, schedulingSummary } from './explain-table';
import { ExplainTableView } from './ExplainTableView';
import { reasonWords } from './reason-words';
import { Answer, ConditionsTable, Facts, Section } from './parts';
import { ControlError } from '../../components/ControlError';
import { PodActionsView, PodCommandOutput, usePodCommands } from './PodActions';
import { PodEvents } from './PodEvents';
import { Timestamp } from './Timestamp';
import { useEngineQuery } from './use-engine-query';
import { useStableSelection } from './use-stable-selection';
import { workloadKey } from './workload-key';
import { YamlView } from './YamlView';

const QUEUE_NAMES = { active: 'activeQ', backoff: 'backoffQ', unschedulable: 'unschedulablePods', gated: 'gated (scheduling gates)' } as const;

/** A pod: its status from the frame, its object from the engine, and why it is (or is not) where it is. */
export function PodDetails({ podKey }: { podKey: string }) {
  const { store } = usePodscapeRuntime();
  const pod = useStableSelection((s) => (s.frame ? findPod(s.frame, podKey) : null));
  const queued = useStableSelection((s) => s.frame?.queue.find((q) => `${q.namespace}/${q.name}` === podKey) ?? null);
  const slash = podKey.indexOf('/');
  const namespace = podKey.slice(0, slash);
  const name = podKey.slice(slash + 1);
  const object = useEngineQuery(
    `Pod/${podKey}`,
    useCallback((client: EngineClient) => client.getObject('Pod', namespace, name) as Promise<Pod | null>, [namespace, name]),
  );
  const explain = useEngineQuery(
    `explain/${podKey}`,
    useCallback((client: EngineClient) => client.explain(podKey), [podKey]),
  );
  const explained = explain.status === 'done' ? explain.data : null;
  const table = useMemo(() => (explained ? buildExplainTable(explained) : null), [explained]);
  const selectNode = (node: string) => select(store, { kind: 'node', key: node });
  const commands = usePodCommands(podKey);

  if (!pod) {
    return (
      <>
        <p className="inspector-empty">Pod {podKey} no longer exists.</p>
        <PodCommandOutput output={commands.output} />
      </>
    );
  }
  const terminating = pod.deletionTimestamp !== null;
  const stored = object.status === 'done' ? object.data : null;
  return (
    <>
      <Section title="Status">
        <Facts
          rows={[
            // kubectl get pods' STATUS (CrashLoopBackOff, Error, Terminating …) with the phase kubectl describe prints.
            ['Status', podStatus(pod) === pod.phase ? pod.phase : `${podStatus(pod)} (phase ${pod.phase})`],
            // kubectl describe pod's Reason and Message (status.reason/message): an evicted pod's STATUS
            // says Error (its container's reason wins, as in kubectl get pods); these say it was Evicted and why.
            ...(stored?.status?.reason ? [['Reason', stored.status.reason] as [string, string]] : []),
            ...(stored?.status?.message ? [['Message', stored.status.message] as [string, string]] : []),
            ['Restarts', <RestartsValue key="restarts" restarts={pod.restarts ?? 0} lastRestartAt={pod.lastRestartAt ?? null} />],
            [
              'Node',
              pod.nodeName ? (
                <button type="button" className="link-button" onClick={() => selectNode(pod.nodeName!)}>
                  {pod.nodeName}
                </button>
              ) : (
                'none (waiting for the scheduler)'
              ),
            ],
            ['Ready', pod.ready ? 'True' : 'False'],
            [
              'Controlled by',
              pod.owner ? (
                <button type="button" className="link-button" onClick={() => select(store, { kind: 'workload', key: workloadKey(pod.owner!.kind, namespace, pod.owner!.name) })}>
                  {pod.owner.kind}/{pod.owner.name}
                </button>
              ) : (
                'none (a bare pod)'
              ),
            ],
            ['Requests', `cpu ${formatCpu(pod.requests.cpu)}, memory ${formatMemory(pod.requests.memory)}`],
            ...(stored?.spec.priority !== undefined ? [['Priority', String(stored.spec.priority)] as [string, string]] : []),
            // Set by preemption: the node the scheduler freed for this pod, before it binds there.
            ...(stored?.status?.nominatedNodeName ? [['Nominated node', stored.status.nominatedNodeName] as [string, string]] : []),
            ...(queued ? [['Scheduling queue', queued.queue ? QUEUE_NAMES[queued.queue] : 'none (another scheduler)'] as [string, string]] : []),
            ...(terminating ? [['Deletion requested', <Timestamp key="deletion" iso={pod.deletionTimestamp!} />] as [string, ReactNode]] : []),
          ]}
        />
        <PodActionsView namespace={namespace} name={name} onCommand={commands.run} />
        <PodCommandOutput output={commands.output} />
        <ControlError at={commands.at} />
      </Section>
      <Section title="Containers">
        <Answer state={object} what="the pod object">
          {(p) => (p ? <ContainersView pod={p} /> : <p className="inspector-empty">The API server has no such pod.</p>)}
        </Answer>
      </Section>
      <Section title="Conditions">
        <Answer state={object} what="the pod object">
          {(p) => <ConditionsTable conditions={p?.status?.conditions ?? []} caption={`Conditions of pod ${podKey}`} />}
        </Answer>
      </Section>
      <Section title="Scheduling">
        <Answer state={explain} what="the scheduling explanation">
          {() => {
            if (!table) return null;
            const note = lastAttemptNote(table, stored?.status?.conditions?.find((c) => c.type === 'PodScheduled' && c.status === 'False')?.message);
            return (
              <>
                {table.message && (
                  <p className="inspector-message-block" data-explain-message>
                    {table.message}
                  </p>
                )}
                {note && <p data-explain-last-attempt>{note}</p>}
                {schedulingSummary(table) && <p data-explain-summary>{schedulingSummary(table)}</p>}
                <ExplainTableView
                  podKey={podKey}
                  table={table}
                  onSelectNode={selectNode}
                  // The nodes as the latest frame has them: the table is re-read with each explanation.
                  words={(node, reason) => reasonWords(reason, pod, store.getState().cluster.nodes.get(node))}
                />
              </>
            );
          }}
        </Answer>
      </Section>
      <Section title="Events">
        <PodEvents podKey={podKey} />
      </Section>
      <Section title="YAML">
        <Answer state={object} what="the pod object">
          {(p) => (p ? <YamlView object={p} label={`YAML of pod ${podKey}`} /> : <p className="inspector-empty">The API server has no such pod.</p>)}
        </Answer>
      </Section>
    </>
  );
}
