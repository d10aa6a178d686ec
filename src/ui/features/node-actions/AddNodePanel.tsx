import { Suspense, useId, useState } from 'react';
import { ChunkBoundary, lazyPanel } from '../../components/lazy-panel';
import '../../components/tool-form.css';

// Not in the first load (its JavaScript has a budget: e2e/specs/bundle-budget.spec.ts): fetched once the page is idle.
const addNodeForm = lazyPanel(() => import('./AddNodeForm').then((m) => m.AddNodeForm));
const AddNodeForm = addNodeForm.Panel;

/** "Add node": a disclosure button and the form that registers a new machine through addNode. */
export function AddNodePanel() {
  const [open, setOpen] = useState(false);
  const formId = useId();
  addNodeForm.usePreload();
  return (
    <div className="add-node">
      <button type="button" className="panel-toggle" aria-expanded={open} aria-controls={formId} onClick={() => setOpen(!open)}>
        Add node
      </button>
      {open ? (
        <ChunkBoundary what="the Add node form" onRetry={addNodeForm.reset}>
          <Suspense fallback={null}>
            <AddNodeForm id={formId} onDone={() => setOpen(false)} />
          </Suspense>
        </ChunkBoundary>
      ) : null}
    </div>
  );
}

