/**
 * What the UI may ask of the engine. Promise-returning, so the same interface fits
 * the in-process client (now) and a Worker behind Comlink (later).
 */
import type { ClusterView } from '../../protocol/engine-api';

export interface EngineClient {
  /** Loads a scenario (Kubernetes YAML); rejects with a user-facing message. */
  load(yamlText: string, file?: string): Promise<ClusterView>;
}
