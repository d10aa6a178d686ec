import { useId, type FormEvent } from 'react';
import { labelNode, taintAdvice, taintNode, type NodeEditResult } from './node-edit';
import type { NodeEditProps } from './NodeEdit';

type Verb = 'taint' | 'label';

/** What the forms hold; kept by the toggle (NodeEdit), so closing and opening keeps what was typed. */
export interface NodeEditState {
  text: Record<Verb, string>;
  overwrite: boolean;
  error: { verb: Verb; message: string; advice?: string | null } | null;
  said: string | null;
}


export interface NodeEditFormsProps extends Pick<NodeEditProps, 'name' | 'current' | 'send'> {
  state: NodeEditState;
  onState: (update: (s: NodeEditState) => NodeEditState) => void;
}

/**
 * The taint and label forms inside NodeEdit's disclosure, with kubectl's parsing (node-edit.ts):
 * loaded when the disclosure first opens or the page is idle, not in the first load.
 */
export default function NodeEditForms({ name, current, send, state, onState }: NodeEditFormsProps) {
  const id = useId();
  const { text, overwrite, error, said } = state;
  const set = (patch: Partial<NodeEditState>) => onState((s) => ({ ...s, ...patch }));

  const submit = (verb: Verb) => (e: FormEvent) => {
    e.preventDefault();
    const node = current();
    if (!node) {
      set({ error: { verb, message: `Error from server (NotFound): nodes "${name}" not found` }, said: null });
      return;
    }
    let change: NodeEditResult;
    try {
      change = verb === 'taint' ? taintNode(node, text[verb], overwrite) : labelNode(node, text[verb], overwrite);
    } catch (err) {
      // kubectl prints its own refusals after "error: ", the API server's as they come.
      set({ said: null, error: { verb, message: `error: ${err instanceof Error ? err.message : String(err)}`, advice: verb === 'taint' ? taintAdvice(text.taint) : null } });
      return;
    }
    set({ error: null });
    void send(node, change).then(
      (result) => {
        if (!result.ok) {
          set({ said: null, error: { verb, message: result.error } });
          return;
        }
        // A command the engine ran itself answers in kubectl's words (kubectl label's notes and line).
        const said = change.command && result.messages?.length ? result.messages : change.messages;
        onState((s) => ({ ...s, said: said.join(' '), text: { ...s.text, [verb]: '' } }));
      },
      () => set({ said: null }),
    );
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
            onChange={(e) => onState((s) => ({ ...s, text: { ...s.text, [verb]: e.target.value } }))}
          />
          <button type="submit" aria-label={`${verb === 'taint' ? 'Taint' : 'Label'} node ${name}`}>
            {verb === 'taint' ? 'Taint' : 'Label'}
          </button>
        </span>
      </form>
    );
  };

  return (
    <div className="node-edit-body">
      {field('taint', 'key=value:NoExecute')}
      {field('label', 'key=value')}
      <label className="node-edit-overwrite">
        <input type="checkbox" checked={overwrite} onChange={(e) => set({ overwrite: e.target.checked })} /> --overwrite
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
  );
}
