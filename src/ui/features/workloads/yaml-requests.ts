/**
 * "Open in Apply YAML" from elsewhere on the page (a lesson hint's object): a request the
 * Workloads panel, which owns the YAML editor, takes up by opening the editor with that text.
 * One small store per page (per PodscapeStore), as drain-waits.ts keeps its notices.
 */
import { createStore, type StoreApi } from 'zustand';
import type { PodscapeStore } from '../../store/podscape-store';

export interface YamlRequest {
  text: string;
  /** Grows with each request: the same text asked for twice opens the editor afresh. */
  seq: number;
}

const REQUESTS = new WeakMap<PodscapeStore, StoreApi<YamlRequest | null>>();

export function yamlRequests(store: PodscapeStore): StoreApi<YamlRequest | null> {
  let requests = REQUESTS.get(store);
  if (!requests) {
    requests = createStore<YamlRequest | null>()(() => null);
    REQUESTS.set(store, requests);
  }
  return requests;
}

/** Asks the Workloads panel to open Apply YAML holding `text`. */
export function requestApplyYaml(store: PodscapeStore, text: string): void {
  const requests = yamlRequests(store);
  requests.setState({ text, seq: (requests.getState()?.seq ?? 0) + 1 }, true);
}
