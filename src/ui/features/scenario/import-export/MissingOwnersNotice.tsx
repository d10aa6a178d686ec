import type { MissingOwner } from '../../../../protocol/engine-api';

const SHOWN = 3;

const short = (dependent: string) => dependent.slice(dependent.indexOf('/') + 1);

/** What a missing owner means for the cluster just loaded. */
function consequence(owner: MissingOwner): string {
  if (owner.deployment) return `the Deployment ${owner.deployment} does not find it, so it makes a ReplicaSet and pods of its own, and the garbage collector deletes these, whose owner does not exist`;
  return 'the garbage collector deletes these, whose owner does not exist, and nothing replaces them';
}

/**
 * Names the owners (a ReplicaSet, most often) that the imported objects' ownerReferences name
 * and the input does not hold (worker/missing-owners.ts): `kubectl get nodes,pods,deployments`
 * prints no ReplicaSets: the garbage collector then deletes the old pods (their owner's uid names
 * nothing) and the Deployment makes new ones, so the imported pods are replaced at once.
 */
export function MissingOwnersNotice({ owners, onDismiss }: { owners: readonly MissingOwner[]; onDismiss(): void }) {
  const count = owners.reduce((n, o) => n + o.dependents.length, 0);
  const kinds = [...new Set(owners.map((o) => o.kind))];
  const pods = owners.every((o) => o.dependents.every((d) => d.startsWith('Pod/')));
  const what = pods ? (count === 1 ? '1 pod names' : `${count} pods name`) : count === 1 ? '1 object names' : `${count} objects name`;
  return (
    <section className="notice" role="status" aria-label="Owners missing from the input" data-missing-owners>
      <div>
        <p className="notice-title">
          {what} {owners.length === 1 ? `a ${kinds[0]}` : 'owners'} the input does not hold.
        </p>
        <ul className="notice-kinds">
          {owners.map((o) => (
            <li key={`${o.kind}/${o.namespace}/${o.name}`}>
              <strong>
                {o.kind} {o.namespace}/{o.name}
              </strong>
              , named by {o.dependents.slice(0, SHOWN).map(short).join(', ')}
              {o.dependents.length > SHOWN ? ` and ${o.dependents.length - SHOWN} more` : ''}: {consequence(o)}.
            </li>
          ))}
        </ul>
        <p className="notice-how">
          <code>kubectl get</code> prints each object&rsquo;s ownerReferences, not its owners: list them too, as in{' '}
          <code>kubectl get nodes,pods,deploy,rs -o yaml</code>.
        </p>
      </div>
      <button type="button" className="notice-dismiss" onClick={onDismiss}>
        Dismiss owners notice
      </button>
    </section>
  );
}
