/**
 * Import and export as store actions: an import loads through the engine client (the
 * same path as window.__podscape.load) and, when refused, shows the error with the
 * document, line and field in the page's alert, keeping the current cluster. Exports
 * ask the engine for YAML, or draw the latest frame.
 */
import type { LoadResult, ManifestExportKind } from '../../../../protocol/engine-api';
import type { EngineClient } from '../../../bridge/engine-client';
import { applyFrame, type PodscapeStore } from '../../../store/podscape-store';
import type { ClusterPicture } from './cluster-svg';
import { MAX_MANIFEST_BYTES, oversizeBytes } from '../../../../scenario/limits';

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * A refused import's text goes back into the dialog's field, with the line at fault selected, only
 * up to this length: a 20 MB file set into the field, laid out and scrolled to its line froze the
 * page for 40 s. A longer text is fixed in its file; the page's alert names the document and line.
 */
export const MAX_FIELD_CHARS = 1024 * 1024;

/** How every refused import's message in the page's alert begins. */
export const IMPORT_ERROR = 'Could not import ';

const LIMIT = `the limit is ${MAX_MANIFEST_BYTES} (${MAX_MANIFEST_BYTES / 1024 / 1024} MiB)`;

/**
 * The text of a file chosen or dropped for import, or null (the page's alert saying why) when
 * it is larger than the engine accepts: such a file is refused by its size, before it is read
 * (reading a file of gigabytes whole could exhaust the page's memory, and it would be copied
 * to the engine only to be refused there). The cluster and the dialog's text are kept.
 */
export async function readImportFile(store: PodscapeStore, file: { name: string; size: number; text(): Promise<string> }): Promise<string | null> {
  if (file.size > MAX_MANIFEST_BYTES) {
    store.setState({ error: `${IMPORT_ERROR}${file.name}: the file is ${file.size} bytes; ${LIMIT}` });
    return null;
  }
  try {
    return await file.text();
  } catch (error) {
    // A file removed or changed on disk after it was chosen.
    store.setState({ error: `${IMPORT_ERROR}${file.name}: the file could not be read: ${messageOf(error)}` });
    return null;
  }
}

/** Loads `text` as the new cluster; on failure shows where the problem is and rejects, keeping the old cluster. */
export async function importYaml(store: PodscapeStore, client: EngineClient, text: string, file: string): Promise<LoadResult> {
  if (text.trim() === '') {
    const message = `${IMPORT_ERROR}${file}: the input is empty; paste or choose Kubernetes YAML or JSON`;
    store.setState({ error: message });
    throw new Error(message);
  }
  const oversize = oversizeBytes(text);
  if (oversize !== null) {
    // The engine refuses it too; said here, the page does not copy tens of MB to it first.
    const message = `${IMPORT_ERROR}${file}: the input is ${oversize} bytes (UTF-8); ${LIMIT}`;
    store.setState({ error: message });
    throw new Error(message);
  }
  try {
    const result = await client.load(text, file);
    applyFrame(store, result.frame);
    store.setState({ status: 'ready', scenario: result.scenario, error: null, selected: null });
    return result;
  } catch (error) {
    // Loaded on demand: the YAML reader stays out of the initial bundle.
    const { describeImportError } = await import('../../../../scenario/import/locate');
    store.setState({ error: `${IMPORT_ERROR}${file}: ${describeImportError(text, messageOf(error))}` });
    throw error;
  }
}

export interface Download {
  name: string;
  type: string;
  data: string | Blob;
}

const base = (store: PodscapeStore) => {
  const name = store.getState().scenario?.name || 'cluster';
  return name.replace(/[^A-Za-z0-9._-]+/g, '-');
};

const YAML_FILES: Record<ManifestExportKind, string> = { scenario: 'scenario', clean: 'manifests', kwok: 'kwok-nodes' };

/** The YAML export of `kind` as a file to download. */
export async function exportYaml(store: PodscapeStore, client: EngineClient, kind: ManifestExportKind): Promise<Download> {
  try {
    const text = await client.exportManifests(kind);
    return { name: `${base(store)}-${YAML_FILES[kind]}.yaml`, type: 'application/yaml', data: text };
  } catch (error) {
    store.setState({ error: `Could not export: ${messageOf(error)}` });
    throw error;
  }
}

/** The cluster picture of the latest frame (the drawing's code is loaded on first use: not in the first load). */
export async function picture(store: PodscapeStore): Promise<ClusterPicture & { name: string }> {
  const { frame, scenario } = store.getState();
  if (!frame) throw new Error('No cluster to draw yet');
  const { clusterSvg } = await import('./cluster-svg');
  return { ...clusterSvg(frame, scenario?.title || scenario?.name || 'Podscape cluster'), name: base(store) };
}
