import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { CommandResult } from '../../../engine/commands';
import type { NodeFrame } from '../../../protocol/engine-api';
import { labelNode, taintAdvice, taintNode, type NodeEditResult } from './node-edit';

type Verb = 'taint' | 'label';

export type NodeEditTarget = Pick<NodeFrame, 'name' | 'labels' | 'taints' | 'unschedulable'>;

export interface NodeEditProps {
  name: string;
  /** The node as the latest frame has it, read when a change is sent (kubectl's GET). */
  current: () => NodeEditTarget | undefined;
  /** Sends the change (as node-commands.ts's nodeEditCommandFor builds it); resolves to the engine's answer. */
  send: (node: NodeEditTarget, change: NodeEditResult) => Promise<CommandResult>;
  /** Whether the forms are shown (rendered); true when not given (a static view). */
  open?: boolean;
  onToggle?: (open: boolean) => void;
}

/**
 * `kubectl taint node` and `kubectl label node` for one node card: a disclosure in the node's
 * toolbar with one field for each (kubectl's arguments, `key=value:Effect`, `key-` …) and
 * kubectl's --overwrite. A refusal is said in an alert under the fields and the node is left
 * as it is; what kubectl would print (`node/worker-1 tainted`) is said in a status line.
 */
export function NodeEdit({ name, current, send, open = true, onToggle }: NodeEditProps) {
  const id = useId();
  const [text, setText] = useState<Record<Verb, string>>({ taint: '', label: '' });
  const [overwrite, setOverwrite] = useState(false);
  const [error, setError] = useState<{ verb: Verb; message: string; advice?: string | null } | null>(null);
  const [said, setSaid] = useState<string | null>(null);

  const submit = (verb: Verb) => (e: FormEvent) => {
    e.preventDefault();
    const node = current();
    if (!node) {
      setError({ verb, message: `Error from server (NotFound): nodes "${name}" not found` });
      setSaid(null);
      return;
    }
    let change: NodeEditResult;
    try {
      change = verb === 'taint' ? taintNode(node, text[verb], overwrite) : labelNode(node, text[verb], overwrite);
    } catch (err) {
      setSaid(null);
      // kubectl prints its own refusals after "error: ", the API server's as they come.
      setError({ verb, message: `error: ${err instanceof Error ? err.message : String(err)}`, advice: verb === 'taint' ? taintAdvice(text.taint) : null });
      return;
    }
    setError(null);
    void send(node, change).then(
      (result) => {
        if (!result.ok) {
          setSaid(null);
          setError({ verb, message: result.error });
          return;
        }
        setSaid(change.messages.join(' '));
        setText((t) => ({ ...t, [verb]: '' }));
      },
      () => setSaid(null),
    );
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDetailsElement>) => {
    // Escape closes the forms and hands focus back to their toggle (as the drain flags do).
    if (e.key !== 'Escape' || !e.currentTarget.open) return;
    e.preventDefault();
    e.currentTarget.open = false;
    e.currentTarget.querySelector('summary')?.focus();
  };

  const field = (verb: Verb, placeholder: string) => {
    const inputId = `${id}-${verb}`;
    const wrong = error?.verb === verb;
    return (
      <form className="node-edit-form" onSubmit={submit(verb)}>
        <label htmlFor={inputId}>
          kubectl {verb} node {name}
        </label>
        <span className="node-edit-row">
          <input
            id={inputId}
            type="text"
            spellCheck={false}
            autoCapitalize="off"
            autoComplete="off"
            placeholder={placeholder}
            value={text[verb]}
            aria-invalid={wrong ? true : undefined}
            aria-describedby={wrong ? `${id}-error` : `${id}-hint`}
            onChange={(e) => setText((t) => ({ ...t, [verb]: e.target.value }))}
          />
          <button type="submit" aria-label={`${verb === 'taint' ? 'Taint' : 'Label'} node ${name}`}>
            {verb === 'taint' ? 'Taint' : 'Label'}
          </button>
        </span>
      </form>
    );
  };

  return (
    <details className="node-actions-options node-edit" aria-label={`kubectl taint and kubectl label, node ${name}`} onToggle={(e) => onToggle?.(e.currentTarget.open)} onKeyDown={onKeyDown}>
      <summary aria-label={`Taints and labels of node ${name}`} title="kubectl taint / kubectl label">
        Taints and labels
      </summary>
      {open && (
        <div className="node-edit-body">
          {field('taint', 'key=value:NoExecute')}
          {field('label', 'key=value')}
          <label className="node-edit-overwrite">
            <input type="checkbox" checked={overwrite} onChange={(e) => setOverwrite(e.target.checked)} /> --overwrite
          </label>
          <p id={`${id}-hint`} className="node-edit-hint">
            Separate several with spaces. Effects: NoSchedule, PreferNoSchedule, NoExecute. A trailing <code>-</code> removes: <code>key:NoExecute-</code>, <code>key-</code>.
          </p>
          {error && (
            <p id={`${id}-error`} className="node-edit-error" role="alert">
              {error.message}
              {error.advice && <span className="node-edit-advice">{error.advice}</span>}
            </p>
          )}
          <p className="node-edit-said" role="status">
            {said}
          </p>
        </div>
      )}
    </details>
  );
}
