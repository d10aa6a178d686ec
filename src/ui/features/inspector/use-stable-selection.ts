import { useMemo } from 'react';
import { usePodscapeStore, type PodscapeState } from '../../store/podscape-store';

/**
 * Like usePodscapeStore, but re-renders only when the selected value's content changes:
 * every frame brings new objects, and the inspector should not redraw (YAML, tables)
 * for a pod whose fields are the same. For small values (one pod, one node).
 */
export function useStableSelection<T>(selector: (state: PodscapeState) => T): T {
  const json = usePodscapeStore((s) => JSON.stringify(selector(s)) ?? 'null');
  return useMemo(() => JSON.parse(json) as T, [json]);
}
