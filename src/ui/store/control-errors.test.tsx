/**
 * A refused command shown beside the control that sent it, and only there (one alert, so a
 * screen reader hears it once); in the page's top alert when no control on the page claims it.
 * Mounted with react-dom/client over the minimal DOM.
 */
import { act, useState } from 'react';
import { beforeAll, describe, expect, it } from 'vitest';
import type { createRoot as CreateRoot } from 'react-dom/client';
import type { Command, CommandResult } from '../../engine/commands';
import type { EngineClient } from '../bridge/engine-client';
import { ControlError } from '../components/ControlError';
import { ErrorAlert } from '../features/status/ErrorAlert';
import { installMiniDom, type MiniElement } from '../testing/mini-dom';
import { dispatchCommand, dismissError, showError } from './actions';
import { createPodscapeStore, StoreProvider } from './podscape-store';

let createRoot: typeof CreateRoot;
beforeAll(async () => {
  installMiniDom();
  ({ createRoot } = await import('react-dom/client'));
});

const REFUSAL = 'error: unable to drain node "worker-1" due to error: cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore)';
const DRAIN: Command = { action: 'drain', node: 'worker-1' };

function page() {
  const store = createPodscapeStore();
  let answer: CommandResult = { ok: false, error: REFUSAL };
  const client = { dispatch: async () => answer, snapshot: async () => null } as unknown as EngineClient;
  const { container } = installMiniDom();
  const root = createRoot(container as unknown as Element);
  let setCard: (shown: boolean) => void = () => {};
  function Page() {
    const [card, set] = useState(true);
    setCard = set;
    return (
      <StoreProvider store={store} client={client}>
        <ErrorAlert />
        {card ? <ControlError at="node:worker-1" /> : null}
      </StoreProvider>
    );
  }
  act(() => root.render(<Page />));
  const alerts = () => (container as MiniElement).withAttribute('role').filter((el) => el.getAttribute('role') === 'alert');
  return {
    store,
    alerts,
    where: () => alerts().map((el) => el.getAttribute('data-control-error') ?? el.getAttribute('id')),
    text: () => alerts().map((el) => el.textContent),
    send: (at?: string) => act(() => dispatchCommand(store, client, DRAIN, at).then(() => {})),
    answer: (r: CommandResult) => (answer = r),
    showCard: (shown: boolean) => act(() => setCard(shown)),
    unmount: () => act(() => root.unmount()),
  };
}

describe('a refused command beside its control', () => {
  it('is shown by the control that claimed the place, once, and not in the top alert', async () => {
    const p = page();
    await p.send('node:worker-1');
    expect(p.where()).toEqual(['node:worker-1']);
    expect(p.text()).toEqual([`drain: ${REFUSAL}Dismiss error`]);
    expect(p.store.getState().error).toBeNull();
    // The same command accepted: the refusal beside it goes.
    p.answer({ ok: true, messages: ['node/worker-1 cordoned'] });
    await p.send('node:worker-1');
    expect(p.alerts()).toEqual([]);
    p.unmount();
  });

  it('goes to the top alert when no control claims its place, or when its control leaves the page', async () => {
    const p = page();
    await p.send('node:worker-9');
    expect(p.where()).toEqual(['podscape-error']);
    act(() => dismissError(p.store));
    expect(p.alerts()).toEqual([]);
    await p.send('node:worker-1');
    expect(p.where()).toEqual(['node:worker-1']);
    p.showCard(false);
    expect(p.where()).toEqual(['podscape-error']);
    p.showCard(true);
    expect(p.where()).toEqual(['node:worker-1']);
    p.unmount();
  });

  it('is one error at a time with the top alert: each replaces the other', async () => {
    const p = page();
    await p.send();
    expect(p.where()).toEqual(['podscape-error']);
    await p.send('node:worker-1');
    expect(p.where()).toEqual(['node:worker-1']);
    act(() => showError(p.store, 'Autosave failed'));
    expect(p.where()).toEqual(['podscape-error']);
    expect(p.text()).toEqual(['Autosave failedDismiss error']);
    p.unmount();
  });
});
