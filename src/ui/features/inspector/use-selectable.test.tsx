import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { PodFrame } from '../../../protocol/engine-api';
import type { EngineClient } from '../../bridge/engine-client';
import { createStore } from 'zustand';
import { createPodscapeStore, StoreProvider, type PodscapeState } from '../../store/podscape-store';
import { PodCard } from '../cluster/PodCard';

const pod = (name: string): PodFrame => ({
  uid: name,
  namespace: 'default',
  name,
  phase: 'Pending',
  nodeName: null,
  deletionTimestamp: null,
  ready: false,
  owner: null,
  requests: { cpu: 0, memory: 0 },
});

describe('selectable cards', () => {
  it('give the name a button and mark only the selected card with aria-current', () => {
    // Server rendering reads a zustand store's initial state, so the selection goes in there.
    const store = createStore<PodscapeState>()(() => ({ ...createPodscapeStore().getState(), selected: { kind: 'pod', key: 'default/b' } }));
    const html = renderToStaticMarkup(
      <StoreProvider store={store} client={{} as EngineClient}>
        <PodCard pod={pod('a')} />
        <PodCard pod={pod('b')} />
      </StoreProvider>,
    );
    expect(html).toMatch(/data-pod="default\/a" data-pod-phase="Pending"><span class="pod-id"><button type="button" class="select-button" data-select-for="pod:default\/a">a<\/button>/);
    expect(html).toContain('data-pod="default/b" data-pod-phase="Pending" aria-current="true" data-selected="true"');
    expect(html.match(/aria-current/g)).toHaveLength(1);
  });

  it('render without a store provider, unselected (static views and tests)', () => {
    expect(renderToStaticMarkup(<PodCard pod={pod('a')} />)).not.toContain('aria-current');
  });
});
