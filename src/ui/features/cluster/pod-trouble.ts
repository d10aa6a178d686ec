/** Container reasons that are no trouble: the work is done, or the container is on its way. */
const CALM = new Set(['Completed', 'ContainerCreating', 'PodInitializing', 'ExitCode:0']);

/**
 * Whether a container reason (kubectl's STATUS) says the pod is in trouble: CrashLoopBackOff,
 * Error, OOMKilled, ErrImagePull, ImagePullBackOff, ExitCode:1 … Shared by the canvas
 * (pod-canvas.ts) and the DOM cards (PodCard.tsx), so both views flag the same pods.
 */
export function troubled(reason: string | null | undefined): boolean {
  return typeof reason === 'string' && !CALM.has(reason);
}
