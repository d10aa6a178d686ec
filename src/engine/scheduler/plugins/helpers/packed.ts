/**
 * `xs.map(f)` whose result always has the same V8 elements kind (packed).
 *
 * Array.prototype.map's result is packed when the builtin runs it but holey
 * when TurboFan inlines the call into an optimized caller, so the arrays one
 * `.map` site makes change hidden class with the tier of the code that made
 * them; optimized code that read the other kind then deoptimizes ("wrong
 * map"), as PodTopologySpread's PreScore did at the start of every node-kill
 * recovery. Pushing onto a fresh literal gives the same kind from every tier.
 */
export function packedMap<T, U>(xs: readonly T[], f: (x: T, i: number) => U): U[] {
  const out: U[] = [];
  for (let i = 0; i < xs.length; i++) out.push(f(xs[i], i));
  return out;
}
