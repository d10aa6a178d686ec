/**
 * A ref callback that moves keyboard focus to the element when it mounts: for the
 * first field of a panel the user just opened. Module-level, so React calls it once.
 */
export function focusOnMount(element: HTMLElement | null): void {
  element?.focus();
}
