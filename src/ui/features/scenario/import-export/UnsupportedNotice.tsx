import type { UnsupportedKind } from '../../../../scenario/import/import';

const SHOWN = 4;

/** Lists the imported kinds Podscape keeps (and exports) without simulating them. */
export function UnsupportedNotice({ kinds, onDismiss }: { kinds: readonly UnsupportedKind[]; onDismiss(): void }) {
  const count = kinds.reduce((n, k) => n + k.names.length, 0);
  return (
    <section className="notice" role="status" aria-label="Kinds kept but not simulated">
      <div>
        <p className="notice-title">
          {count === 1 ? '1 object' : `${count} objects`} of {kinds.length === 1 ? 'a kind' : 'kinds'} Podscape does not simulate: kept as they are, and written back on export.
        </p>
        <ul className="notice-kinds">
          {kinds.map((k) => (
            <li key={`${k.apiVersion} ${k.kind}`} data-unsupported-kind={k.kind}>
              <strong>{k.kind}</strong> <span className="notice-api">{k.apiVersion}</span>:{' '}
              {k.names.slice(0, SHOWN).join(', ')}
              {k.names.length > SHOWN ? ` and ${k.names.length - SHOWN} more` : ''}
            </li>
          ))}
        </ul>
      </div>
      <button type="button" className="notice-dismiss" onClick={onDismiss}>
        Dismiss notice
      </button>
    </section>
  );
}
