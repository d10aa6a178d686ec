/**
 * Makes a pod or node card selectable for the inspector without taking over the card:
 * the card gets a click handler (that ignores clicks on its other controls and, for a
 * node, on its pods) plus aria-current while selected; a button inside the card (the
 * name) makes it reachable by keyboard. A pointer sensor with an activation distance
 * (drag and drop) still sees its pointer events; Enter and Space on the name button do
 * not reach a keyboard sensor on the card.
 */
import type { KeyboardEvent, MouseEvent } from 'react';
import { useStore } from 'zustand';
import { select } from '../../store/actions';
import { createPodscapeStore, useOptionalRuntime, type Selection } from '../../store/podscape-store';

/** Outside a StoreProvider (static rendering in tests) nothing is selected. */
const NO_STORE = createPodscapeStore();

/** What marks a card's select button, so that focus can return to it when the inspector closes. */
export const selectTarget = (selection: Selection) => `${selection.kind}:${selection.key}`;

export function useSelectable(kind: Selection['kind'], key: string) {
  const runtime = useOptionalRuntime();
  const store = runtime?.store ?? NO_STORE;
  const selected = useStore(store, (s) => s.selected?.kind === kind && s.selected.key === key);
  return useSelectableView(kind, key, selected);
}

/**
 * The same props for a card whose caller already knows whether it is selected (a pod
 * card: its PodSlot reads that in its one store subscription), so the card itself
 * subscribes to nothing; with thousands of pod cards every store change would
 * otherwise run thousands of extra selectors.
 */
export function useSelectableView(kind: Selection['kind'], key: string, selected: boolean) {
  const runtime = useOptionalRuntime();
  const onClick = (event: MouseEvent) => {
    if (!runtime || event.defaultPrevented) return;
    const target = event.target as Element;
    if (target.closest('button, a, input, select, textarea, summary, details, label, [role="button"]') && !target.closest('[data-select-for]')) return;
    if (kind === 'node' && target.closest('[data-pod]')) return;
    select(runtime.store, { kind, key });
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' || event.key === ' ') event.stopPropagation();
  };
  return {
    selected,
    cardProps: { onClick, ...(selected ? { 'aria-current': 'true' as const, 'data-selected': 'true' } : {}) },
    buttonProps: { type: 'button' as const, className: 'select-button', 'data-select-for': selectTarget({ kind, key }), onKeyDown },
  };
}
