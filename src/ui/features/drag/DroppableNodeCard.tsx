import { memo, useContext } from 'react';
import type { NodeFrame, PodFrame } from '../../../protocol/engine-api';
import { NodeCard } from '../cluster/NodeCard';
import { DragRegistryContext } from './drag-registry';
import { selectHoverVerdict, useDragState, type HoverVerdict } from './drag-store';
import { verdictAttribute, verdictText } from './verdict';

const MemoNodeCard = memo(NodeCard);

/**
 * A node card the user can drop a pod on (its droppable lives in DropZones,
 * inside <DndContext>). While the pod is over it, the card shows the engine's
 * verdict (from the one explain call made at drag start). Only the hovered and
 * the previously hovered card re-render as the pod moves.
 */
export function DroppableNodeCard({ node, pods }: { node: NodeFrame; pods: readonly PodFrame[] }) {
  const registry = useContext(DragRegistryContext);
  const verdict = useDragState(selectHoverVerdict(node.name));
  const current = useDragState((s) => s.active !== null && s.active.nodeName === node.name && s.over === node.name);
  const attr = verdict === null || verdict === 'checking' ? undefined : verdictAttribute(verdict);
  return (
    <MemoNodeCard
      node={node}
      pods={pods}
      dropRef={registry?.nodeRef(node.name)}
      dropVerdict={attr}
      dropNote={verdict === null ? null : <DropVerdictNote verdict={verdict} current={current} />}
    />
  );
}

function DropVerdictNote({ verdict, current }: { verdict: Exclude<HoverVerdict, null>; current: boolean }) {
  const kind = verdict === 'checking' ? 'checking' : verdict.kind;
  if (verdict === 'checking' || verdict.kind !== 'rejects') {
    return (
      <p className="drop-verdict" data-verdict={kind} data-drop-verdict-text>
        {verdictText(verdict === 'checking' ? undefined : verdict)}
        {verdict !== 'checking' && verdict.kind === 'fits' && verdict.best && <span className="drop-best"> · the scheduler&apos;s pick</span>}
        {current && <span className="drop-current"> · its node now</span>}
      </p>
    );
  }
  return (
    <div className="drop-verdict" data-verdict="rejects" data-drop-verdict-text>
      <strong>rejects:</strong>
      <ul>
        {verdict.reasons.map((reason) => (
          <li key={reason}>{reason}</li>
        ))}
      </ul>
      {current && <span className="drop-current">its node now</span>}
    </div>
  );
}
