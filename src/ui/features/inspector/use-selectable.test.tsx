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
  unreachableToleration: 300,
  evictionAt: null,
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
    // Each card (the [data-pod] element) sits in its list item.
    const cards = html.split('</li>');
    expect(cards[0]).toMatch(/^<li class="pod-slot"><div [^>]*data-pod="default\/a"/);
    expect(cards[0]).toContain('<button type="button" class="select-button" data-select-for="pod:default/a">a</button>');
    expect(cards[0]).not.toContain('aria-current');
    expect(cards[1]).toMatch(/^<li class="pod-slot"><div [^>]*data-pod="default\/b"[^>]* aria-current="true" data-selected="true"/);
    expect(html.match(/aria-current/g)).toHaveLength(1);
  });

  it('render without a store provider, unselected (static views and tests)', () => {
    expect(renderToStaticMarkup(<PodCard pod={pod('a')} />)).not.toContain('aria-current');
  });
});
