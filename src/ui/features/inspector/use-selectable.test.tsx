import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { PodFrame } from '../../../protocol/engine-api';
import type { EngineClient } from '../../bridge/engine-client';
import { createPodscapeStore, StoreProvider } from '../../store/podscape-store';
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
    // A pod card is told whether it is selected (PodSlot reads that from the store); it subscribes to nothing itself.
    const html = renderToStaticMarkup(
      <StoreProvider store={createPodscapeStore()} client={{} as EngineClient}>
        <PodCard pod={pod('a')} selected={false} />
        <PodCard pod={pod('b')} selected />
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
