/**
 * What ControllerRevisions give upstream's StatefulSet controller and that Podscape does
 * not store as objects: the name of the revision a template already has. A real
 * cluster's revision names are hashes of Go structures that Podscape cannot reproduce,
 * so an imported StatefulSet (from `kubectl get -o yaml`) names its current revision in
 * status.updateRevision, and its pods carry that name. Remembering it for the template
 * it was observed with keeps those pods current instead of replacing them all, as the
 * real controller would (it finds the existing ControllerRevision for an equal template).
 */
import { canonicalJson } from './template';

export class KnownRevisions {
  private readonly byOwner = new Map<string, { template: string; revision: string }>();

  /** Records that `uid`'s template `template` is revision `revision` (the first record per owner wins). */
  adopt(uid: string, template: unknown, revision: string): void {
    if (!this.byOwner.has(uid)) this.byOwner.set(uid, { template: canonicalJson(template ?? null), revision });
  }

  known(uid: string): boolean {
    return this.byOwner.has(uid);
  }

  /** The remembered revision name when `template` is the adopted one, else `computed`. */
  revisionFor(uid: string, template: unknown, computed: string): string {
    const hit = this.byOwner.get(uid);
    return hit && hit.template === canonicalJson(template ?? null) ? hit.revision : computed;
  }

  forget(uid: string): void {
    this.byOwner.delete(uid);
  }
}
