import { lazy, Suspense, useEffect, useRef } from 'react';
import { select } from '../../store/actions';
import { usePodscapeRuntime, usePodscapeStore, type Selection } from '../../store/podscape-store';
import '../../components/visually-hidden.css';
import './inspector.css';
import { selectTarget } from './use-selectable';
import { parseWorkloadKey } from './workload-key';

// The panel's contents are not part of the first load (a twentieth of it; the first screen needs
// none: the initial JavaScript budget, DESIGN.md). They are fetched once the page is idle, so a
// first click rarely waits on them; before that, the panel says "Loading…".
const loadPod = () => import('./PodDetails');
const loadNode = () => import('./NodeDetails');
const loadWorkload = () => import('./WorkloadDetails');
const PodDetails = lazy(() => loadPod().then((m) => ({ default: m.PodDetails })));
const NodeDetails = lazy(() => loadNode().then((m) => ({ default: m.NodeDetails })));
const WorkloadDetails = lazy(() => loadWorkload().then((m) => ({ default: m.WorkloadDetails })));

function preloadWhenIdle(): () => void {
  const load = () => void Promise.all([loadPod(), loadNode(), loadWorkload()]);
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(load, { timeout: 3000 });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(load, 1000);
  return () => clearTimeout(id);
}

/**
 * The inspector: a side panel (complementary landmark) for the selected pod or node.
 * Opening moves focus to its heading; Close or Escape closes it and returns focus to
 * the card it came from.
 */
export function Inspector() {
  const { store } = usePodscapeRuntime();
  const selected = usePodscapeStore((s) => s.selected);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(preloadWhenIdle, []);

  const key = selected ? selectTarget(selected) : null;
  useEffect(() => {
    if (key) heading.current?.focus({ preventScroll: true });
  }, [key]);

  // The page makes room for the panel (inspector.css); an attribute, not :has(), keeps style recalculation cheap.
  const open = selected !== null;
  useEffect(() => {
    if (!open) return;
    document.documentElement.setAttribute('data-inspector-open', '');
    return () => document.documentElement.removeAttribute('data-inspector-open');
  }, [open]);

  useEffect(() => {
    if (!selected) return;
    const close = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !event.defaultPrevented) closeInspector(store, selected);
    };
    document.addEventListener('keydown', close);
    return () => document.removeEventListener('keydown', close);
  }, [store, selected]);

  if (!selected) return null;
  const title = selected.kind === 'pod' ? `Pod ${selected.key}` : selected.kind === 'node' ? `Node ${selected.key}` : workloadTitle(selected.key);
  return (
    <aside className="inspector" aria-label="Inspector" data-inspector={selected.kind}>
      <header className="inspector-header">
        <h2 ref={heading} tabIndex={-1}>
          {title}
        </h2>
        <button type="button" className="inspector-close" onClick={() => closeInspector(store, selected)}>
          Close inspector
        </button>
      </header>
      <Suspense fallback={<p className="inspector-empty">Loading…</p>}>
        {selected.kind === 'pod' ? (
          <PodDetails key={selected.key} podKey={selected.key} />
        ) : selected.kind === 'node' ? (
          <NodeDetails key={selected.key} name={selected.key} />
        ) : (
          <WorkloadDetails key={selected.key} workload={selected.key} />
        )}
      </Suspense>
    </aside>
  );
}

function workloadTitle(key: string): string {
  const { kind, namespace, name } = parseWorkloadKey(key);
  return `${kind} ${namespace}/${name}`;
}

function closeInspector(store: Parameters<typeof select>[0], selected: Selection) {
  select(store, null);
  const card = document.querySelector<HTMLElement>(`[data-select-for="${CSS.escape(selectTarget(selected))}"]`);
  card?.focus({ preventScroll: true });
}
