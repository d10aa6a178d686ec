import { useCallback } from 'react';
import type { Node } from '../../../engine/model/types';
import type { EngineClient } from '../../bridge/engine-client';
import { select } from '../../store/actions';
import { usePodscapeRuntime } from '../../store/podscape-store';
import { formatCpu, formatMemory } from '../cluster/quantity';
import { Answer, ConditionsTable, Facts, Section, TableScroll } from './parts';
import { Timestamp } from './Timestamp';
import { useEngineQuery } from './use-engine-query';
import { useStableSelection } from './use-stable-selection';
import { YamlView } from './YamlView';
import { taintText } from '../../components/taint-text';

/** kubectl's taint notation: `key=value:effect` (`key:effect` without a value). */

const RESOURCES = ['cpu', 'memory', 'pods', 'ephemeral-storage'] as const;

/** A node: conditions, taints, labels, capacity vs allocatable vs requested, and its pods. */
export function NodeDetails({ name }: { name: string }) {
  const { store } = usePodscapeRuntime();
  const node = useStableSelection((s) => s.frame?.nodes.find((n) => n.name === name) ?? null);
  const pods = useStableSelection(
    (s) =>
      s.frame?.pods
        .filter((p) => p.nodeName === name)
        .map(({ uid, namespace, name: podName, phase, deletionTimestamp }) => ({ uid, namespace, name: podName, phase, deletionTimestamp })) ?? [],
  );
  const object = useEngineQuery(
    `Node/${name}`,
    useCallback((client: EngineClient) => client.getObject('Node', null, name) as Promise<Node | null>, [name]),
  );
  if (!node) return <p className="inspector-empty">Node {name} no longer exists.</p>;
  const stored = object.status === 'done' ? object.data : null;
  const requested: Record<string, string> = {
    cpu: formatCpu(node.requested.cpu),
    memory: formatMemory(node.requested.memory),
    pods: String(node.requested.pods),
  };
  return (
    <>
      <Section title="Status">
        <Facts
          rows={[
            ['Status', node.status],
            ['Scheduling', node.unschedulable ? 'disabled (cordoned)' : 'enabled'],
            ['Machine', node.powered ? 'powered on' : 'powered off'],
            ['Roles', node.roles.length > 0 ? node.roles.join(', ') : '<none>'],
            ['Zone', node.zone ?? '<none>'],
          ]}
        />
      </Section>
      <Section title="Conditions">
        <Answer state={object} what="the node object">
          {(n) => <ConditionsTable conditions={n?.status?.conditions ?? []} caption={`Conditions of node ${name}`} heartbeat />}
        </Answer>
      </Section>
      <Section title="Taints">
        {node.taints.length === 0 ? (
          <p className="inspector-empty">No taints.</p>
        ) : (
          <ul className="inspector-list" aria-label={`Taints of node ${name}`}>
            {node.taints.map((t) => (
              <li key={`${t.key}:${t.effect}`} data-taint={taintText(t)}>
                <code>{taintText(t)}</code>
                {t.timeAdded && (
                  <span className="inspector-time">
                    {' '}
                    added at <Timestamp iso={t.timeAdded} />
                  </span>
                )}
              </li>
            ))}
          </ul>
        )}
      </Section>
      <Section title="Resources">
        <TableScroll label={`Resources of node ${name}`}>
          <table className="inspector-table">
            <caption className="visually-hidden">Capacity, allocatable and requested of node {name}</caption>
            <thead>
              <tr>
                <th scope="col">Resource</th>
                <th scope="col">Capacity</th>
                <th scope="col">Allocatable</th>
                <th scope="col">Requested</th>
              </tr>
            </thead>
            <tbody>
              {RESOURCES.map((r) => (
                <tr key={r}>
                  <th scope="row">{r}</th>
                  <td>{String(stored?.status?.capacity?.[r] ?? '')}</td>
                  <td>{String(stored?.status?.allocatable?.[r] ?? '')}</td>
                  <td>{requested[r] ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </Section>
      <Section title={`Pods (${pods.length})`}>
        {pods.length === 0 ? (
          <p className="inspector-empty">No pods.</p>
        ) : (
          <ul className="inspector-list" aria-label={`Pods on node ${name}`}>
            {pods.map((p) => (
              <li key={p.uid}>
                <button type="button" className="link-button" onClick={() => select(store, { kind: 'pod', key: `${p.namespace}/${p.name}` })}>
                  {p.namespace}/{p.name}
                </button>{' '}
                <span className="inspector-muted">{p.deletionTimestamp ? 'Terminating' : p.phase}</span>
              </li>
            ))}
          </ul>
        )}
      </Section>
      <Section title="Images">
        <Answer state={object} what="the node object">
          {(n) => <NodeImages name={name} images={n?.status?.images ?? []} />}
        </Answer>
      </Section>
      <Section title="Labels">
        <ul className="inspector-list inspector-labels" aria-label={`Labels of node ${name}`}>
          {Object.entries(node.labels).map(([k, v]) => (
            <li key={k}>
              <code>
                {k}={v}
              </code>
            </li>
          ))}
        </ul>
      </Section>
      <Section title="YAML">
        <Answer state={object} what="the node object">
          {(n) => (n ? <YamlView object={n} label={`YAML of node ${name}`} /> : <p className="inspector-empty">The API server has no such node.</p>)}
        </Answer>
      </Section>
    </>
  );
}

/**
 * The node's status.images, as kubectl describe node does not show them but `kubectl get node -o
 * yaml` does. Podscape lists only the images a node pulled for pods with the
 * podscape.dev/image-pull annotation; every other image counts as present on every node.
 */
export function NodeImages({ name, images }: { name: string; images: readonly { names?: string[]; sizeBytes?: number }[] }) {
  if (images.length === 0) return <p className="inspector-empty">No pulled images. Images of pods without podscape.dev/image-pull count as present on every node.</p>;
  return (
    <ul className="inspector-list" aria-label={`Images on node ${name}`}>
      {images.map((img) => (
        <li key={img.names?.[0] ?? ''}>
          <code>{img.names?.[0] ?? ''}</code> <span className="inspector-muted">{((img.sizeBytes ?? 0) / 1e6).toFixed(1)} MB</span>
        </li>
      ))}
    </ul>
  );
}
