import { useContext, useMemo } from 'react';
import { DragRegistryContext } from './drag-registry';
import { selectHoverVerdict, useDragState, type HoverVerdict } from './drag-store';
import { SCORE_MEANING, verdictAttribute, verdictText } from './verdict';

/**
 * Drag and drop for one node card (called by cluster/NodeCard.tsx's NodeSlot): the
 * card's element for the drag registry (node-targets.ts reads it as a drop target), and while
 * the pod is over it, the engine's verdict (from the one explain call made at drag
 * start). The selectors change only for the hovered and the previously hovered node,
 * so only those cards re-render as the pod moves; the props are stable otherwise, so
 * the memoised card stays put.
 */
export function useNodeDrop(name: string) {
  const registry = useContext(DragRegistryContext);
  const verdict = useDragState(selectHoverVerdict(name));
  const current = useDragState((s) => s.active !== null && s.active.nodeName === name && s.over === name);
  const dropNote = useMemo(() => (verdict === null ? null : <DropVerdictNote verdict={verdict} current={current} />), [verdict, current]);
  return {
    dropRef: registry?.nodeRef(name),
    dropVerdict: verdict === null || verdict === 'checking' ? undefined : verdictAttribute(verdict),
    dropNote,
  };
}

export function DropVerdictNote({ verdict, current }: { verdict: Exclude<HoverVerdict, null>; current: boolean }) {
  const kind = verdict === 'checking' ? 'checking' : verdict.kind;
  if (verdict === 'checking' || verdict.kind !== 'rejects') {
    return (
      <p className="drop-verdict" data-verdict={kind} data-drop-verdict-text>
        {verdictText(verdict === 'checking' ? undefined : verdict)}
        {verdict !== 'checking' && verdict.kind === 'fits' && verdict.best && <span className="drop-best"> · the scheduler&apos;s pick</span>}
        {current && <span className="drop-current"> · its node now</span>}
        {/* The number on its own has no scale: what it sums, and that the highest wins. */}
        {verdict !== 'checking' && verdict.kind === 'fits' && verdict.score !== null && <span className="drop-verdict-why">{SCORE_MEANING}</span>}
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
