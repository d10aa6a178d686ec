/** Actions: plain functions that call the bridge and write the result to the store. */
import type { EngineClient } from '../bridge/engine-client';
import type { PodscapeStore } from './podscape-store';

export async function loadScenario(
  store: PodscapeStore,
  client: EngineClient,
  yamlText: string,
  file: string,
): Promise<void> {
  store.setState({ load: { status: 'loading' } });
  try {
    const view = await client.load(yamlText, file);
    store.setState({ load: { status: 'ready', view } });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    store.setState({ load: { status: 'error', message: `Could not load the scenario: ${message}` } });
  }
}
