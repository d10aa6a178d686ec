import { lazy, Suspense, useId, useState } from 'react';
import '../../components/tool-form.css';

// Loaded when first opened: the first load's JavaScript has a budget (e2e/specs/bundle-budget.spec.ts).
const AddNodeForm = lazy(() => import('./AddNodeForm').then((m) => ({ default: m.AddNodeForm })));

/** "Add node": a disclosure button and the form that registers a new machine through addNode. */
export function AddNodePanel() {
  const [open, setOpen] = useState(false);
  const formId = useId();
  return (
    <div className="add-node">
      <button type="button" className="panel-toggle" aria-expanded={open} aria-controls={formId} onClick={() => setOpen(!open)}>
        Add node
      </button>
      {open ? (
        <Suspense fallback={null}>
          <AddNodeForm id={formId} onDone={() => setOpen(false)} />
        </Suspense>
      ) : null}
    </div>
  );
}

