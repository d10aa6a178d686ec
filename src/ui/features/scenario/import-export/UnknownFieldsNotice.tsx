import type { UnknownFieldNote } from '../../../../protocol/engine-api';

const SHOWN = 8;

/** The last part of a suggested path when it is a sibling of the field (`replicas`), the whole path otherwise. */
function meant(u: UnknownFieldNote): string {
  const parent = (p: string) => p.replace(/\.?[^.]*$/, '');
  return parent(u.suggestion) === parent(u.field) ? u.suggestion.slice(u.suggestion.lastIndexOf('.') + 1) : u.suggestion;
}

/**
 * Names the fields of the import that the real API schema does not have
 * (scenario/fields/unknown-fields.ts): `kubectl apply` (strict field validation, the default
 * since v1.27) refuses their objects; Podscape kept them and loaded the rest.
 */
export function UnknownFieldsNotice({ fields, total = fields.length, onDismiss }: { fields: readonly UnknownFieldNote[]; total?: number; onDismiss(): void }) {
  return (
    <section className="notice" role="status" aria-label="Fields a real cluster would refuse" data-unknown-fields>
      <div>
        <p className="notice-title">
          {total === 1 ? '1 field' : `${total.toLocaleString('en-US')} fields`} the Kubernetes API does not have: <code>kubectl apply</code> would refuse{' '}
          {new Set(fields.map((f) => f.object)).size === 1 ? 'the object' : 'these objects'} (<code>strict decoding error: unknown field</code>). Podscape kept{' '}
          {total === 1 ? 'it' : 'them'}, without effect, and loaded the rest.
        </p>
        <ul className="notice-kinds">
          {fields.slice(0, SHOWN).map((u) => (
            <li key={`${u.object} ${u.field}`} data-unknown-field={u.field}>
              line {u.line}: <strong>{u.field}</strong> in {u.object}
              {u.suggestion ? (
                <>
                  {' '}
                  &mdash; did you mean <code>{meant(u)}</code>?
                </>
              ) : null}
            </li>
          ))}
          {total > SHOWN ? <li>and {(total - SHOWN).toLocaleString('en-US')} more</li> : null}
        </ul>
      </div>
      <button type="button" className="notice-dismiss" onClick={onDismiss}>
        Dismiss unknown fields notice
      </button>
    </section>
  );
}
