import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand';
import type { EngineClient } from '../../bridge/engine-client';
import { createPodscapeStore, StoreProvider, type PodscapeState } from '../../store/podscape-store';
import { CreateWorkloadForm } from '../workloads/CreateWorkloadForm';
import { AddNodeForm } from './AddNodeForm';
import { AddNodePanel } from './AddNodePanel';

let store = createPodscapeStore();
const render = (ui: React.ReactNode) =>
  renderToStaticMarkup(
    <StoreProvider store={store} client={{} as EngineClient}>
      {ui}
    </StoreProvider>,
  );
/** Every input, select and textarea sits inside a <label> with text. */
const unlabelled = (html: string) => html.replace(/<label>[^]*?<\/label>/g, '').match(/<(input|select|textarea)\b/g) ?? [];

describe('Add node', () => {
  it('starts closed behind a disclosure button', () => {
    expect(render(<AddNodePanel />)).toMatch(/^<div class="add-node"><button type="button" class="panel-toggle" aria-expanded="false"[^>]*>Add node<\/button><\/div>$/);
  });

  it('labels every field and proposes the next free worker name', () => {
    // A server render reads the store's initial state.
    const frame = { nodes: [{ name: 'worker-1', zone: 'z1' }, { name: 'worker-2', zone: 'z2' }] } as unknown as PodscapeState['frame'];
    store = createStore<PodscapeState>()(() => ({ ...createPodscapeStore().getState(), frame }));
    const html = render(<AddNodeForm id="f" onDone={() => {}} />);
    for (const label of ['Template', 'Node name', 'Zone', 'Labels', 'Taints']) expect(html).toContain(`<label>${label}`);
    expect(unlabelled(html)).toEqual([]);
    expect(html).toContain('value="worker-3"');
    expect(html).toContain('value="z1"');
    expect(html).toContain('aria-label="Add node"');
  });
});

describe('Create workload', () => {
  it('labels every field, with replicas for the default Deployment', () => {
    const html = render(<CreateWorkloadForm onDone={() => {}} onEditYaml={() => {}} />);
    for (const label of ['Kind', 'Workload name', 'Namespace', 'Image', 'Replicas', 'CPU request', 'Memory request', 'Node selector', 'Tolerations']) {
      expect(html).toContain(`<label>${label}`);
    }
    expect(html).not.toContain('Completions');
    expect(unlabelled(html)).toEqual([]);
  });
});
