/**
 * The kinds a Kubernetes API server serves in each built-in group and version, as
 * `kubectl apply` would check them before sending anything (the CLI, the import and the
 * editor all read scenarios through readScenario, which asks this first): an object whose apiVersion
 * names a built-in group but a kind (or version) that group does not serve is refused
 * with kubectl's words, `no matches for kind "<kind>" in version "<apiVersion>"`. Groups
 * this table does not know (custom resources) are left alone: a real cluster may have
 * their CRDs. Podscape's own kinds (Scenario, KubeSchedulerConfiguration) are accepted.
 */
import { simulatedLookalike, unservedKind } from '../engine/model/served-kinds';
import type { Manifests } from './parse';

export { unservedKind };

/** Throws the located ManifestError for the first object kubectl would refuse for its kind, or that Podscape would take for a built-in kind. */
export function checkKinds(manifests: Manifests): void {
  manifests.objects.forEach((o, i) => {
    if (typeof o.kind !== 'string') return;
    const apiVersion = (o as { apiVersion?: unknown }).apiVersion;
    const why = unservedKind(apiVersion, o.kind);
    if (why !== undefined) throw manifests.error(i, 'kind', `Invalid value: "${o.kind}": ${why}`);
    // A custom resource named like a kind the simulation gives behaviour to (served-kinds.ts).
    const lookalike = simulatedLookalike(apiVersion, o.kind);
    if (lookalike !== undefined) throw manifests.error(i, 'kind', `Invalid value: "${o.kind}": ${lookalike}, so leave it out of the import`);
  });
}
