/**
 * Clicks every `<button>` of a React element tree returned by calling a component as a function
 * (no rendering, no DOM), in document order: how a toolbar's unit test sees which command each
 * button sends.
 */
export function clickButtons(view: unknown): void {
  const found: { props: { onClick: () => void } }[] = [];
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (n && typeof n === 'object' && 'props' in n) {
      const el = n as { type: unknown; props: { children?: unknown } };
      if (el.type === 'button') found.push(el as never);
      walk(el.props.children);
    }
  };
  walk(view);
  for (const b of found) b.props.onClick();
}
