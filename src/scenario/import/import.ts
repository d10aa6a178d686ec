/**
 * Import: Kubernetes YAML or JSON as `kubectl get nodes,pods,deploy,ds,sts,jobs,pdb -A
 * -o yaml` prints it (a `kind: List`, a multi-document stream, or one object), status,
 * managedFields and ownerReferences included, read into a scenario. Objects of kinds
 * Podscape does not model (Service, ConfigMap, Ingress, custom resources …) are kept as
 * they are, carried through the session and written back on export; the import lists
 * them so the user knows they have no effect on the simulation.
 *
 * Errors are ManifestErrors (file, line, column, field); `locateInStream` names the
 * document (and List item) a line belongs to, for messages shown next to the text.
 */
import { LineCounter, parseAllDocuments, isMap, isSeq } from 'yaml';
import type { KubeObject } from '../../engine/model/types';
import { parseManifests, type Manifests } from '../parse';
import { readScenario, type LoadedScenario } from '../scenario';

/** Kinds the simulation gives behaviour to (the others are carried along unchanged). */
export const MODELLED_KINDS: ReadonlySet<string> = new Set([
  'Node',
  'Pod',
  'Deployment',
  'ReplicaSet',
  'DaemonSet',
  'StatefulSet',
  'Job',
  'PodDisruptionBudget',
  'PriorityClass',
  'Namespace',
  'Lease',
  'PersistentVolumeClaim',
  'PersistentVolume',
  'StorageClass',
  'Scenario',
  'KubeSchedulerConfiguration',
]);

/** A kind in the input that the simulation keeps but does not model. */
export interface UnsupportedKind {
  apiVersion: string;
  kind: string;
  /** `namespace/name` (or `name` for cluster-scoped objects), in input order. */
  names: string[];
}

export interface ImportResult {
  manifests: Manifests;
  scenario: LoadedScenario;
  unsupported: UnsupportedKind[];
}

/** Parses and validates an import; throws ManifestError naming the line and field at fault. */
export function importScenario(text: string, file = 'imported.yaml'): ImportResult {
  const manifests = parseManifests(text, file);
  const scenario = readScenario(manifests);
  return { manifests, scenario, unsupported: unsupportedKinds(manifests.objects) };
}

/** The objects of kinds the simulation does not model, grouped by apiVersion and kind in first-seen order. */
export function unsupportedKinds(objects: readonly KubeObject[]): UnsupportedKind[] {
  const groups = new Map<string, UnsupportedKind>();
  for (const o of objects) {
    const kind = o.kind ?? '';
    if (MODELLED_KINDS.has(kind)) continue;
    const apiVersion = typeof o.apiVersion === 'string' ? o.apiVersion : '';
    const key = `${apiVersion}\u0000${kind}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { apiVersion, kind, names: [] }));
    const ns = o.metadata?.namespace;
    g.names.push(`${ns ? `${ns}/` : ''}${o.metadata?.name ?? ''}`);
  }
  return [...groups.values()];
}

/** Where a line sits in a YAML stream: its document (1-based) and, inside a List, the item index. */
export interface StreamLocation {
  document: number;
  documents: number;
  item: number | null;
}

/**
 * The document (and List item) holding 1-based `line` of `text`. Lenient: works on
 * text with syntax errors, and returns document 1 for a line outside every document.
 */
export function locateInStream(text: string, line: number): StreamLocation {
  const lines = new LineCounter();
  let docs;
  try {
    docs = parseAllDocuments(text, { lineCounter: lines, prettyErrors: false });
  } catch {
    return { document: 1, documents: 1, item: null };
  }
  const list = Array.isArray(docs) ? docs : [docs];
  const lineOf = (offset: number) => lines.linePos(offset).line;
  let document = 1;
  let item: number | null = null;
  list.forEach((doc, i) => {
    if (lineOf(doc.range[0]) > line) return;
    document = i + 1;
    item = null;
    const contents = doc.contents;
    if (!isMap(contents)) return;
    const items = contents.get('items', true);
    if (!isSeq(items)) return;
    items.items.forEach((it, j) => {
      const range = (it as { range?: [number, number, number] } | null)?.range;
      if (range && lineOf(range[0]) <= line && line <= lineOf(Math.max(range[0], range[1] - 1))) item = j;
    });
  });
  return { document, documents: Math.max(1, list.length), item };
}

const POSITION = /^(.*?):(\d+):(\d+): (.*)$/s;

/**
 * A load error as the import dialog shows it: `document 2 (items[5]), line 412, column 7:
 * spec.containers[0]…: …`. Messages without a `file:line:column:` position pass through.
 */
export function describeImportError(text: string, message: string): string {
  const m = POSITION.exec(message);
  if (!m) return message;
  const line = Number(m[2]);
  const where = locateInStream(text, line);
  const item = where.item !== null ? ` (items[${where.item}])` : '';
  return `document ${where.document}${item}, line ${line}, column ${m[3]}: ${m[4]}`;
}
