/**
 * `kubectl drain --dry-run=server`: the drain's requests go to the API server with
 * DeleteOptions dryRun=All, so the server answers each one as it would answer the real
 * request and changes nothing (kubectl pkg/drain: makeDeleteOptions, evictPods).
 * - Evictions: each pod prints `evicting pod <ns>/<pod> (server dry run)`; an accepted one is
 *   done at once (kubectl does not wait for a dry-run eviction's pod to go); a
 *   PodDisruptionBudget's 429 prints kubectl's `(will retry after 5s)` line on stderr; any other
 *   refusal is an error, and the drain then fails as a real one does.
 * - `--disable-eviction`: dry-run DELETEs, which print nothing; kubectl then polls for pods that
 *   a dry run never removes (all but those `--skip-wait-for-delete-timeout` lets it skip).
 *
 * Simplified: this is kubectl's first attempt. Where kubectl would go on (a refused eviction
 * retried every 5 s, or a poll for pods that stay), it returns with what that attempt printed
 * and no `drained` line; the page and the CLI say so. Nothing here changes the cluster.
 */
import type { Pod } from '../../model/types';
import type { SimContext } from '../../sim/contracts';
import { formatDuration } from '../../clock/time';
import { evictPod } from '../eviction/eviction-api';
import { shouldSkipPod } from './drain-filters';
import { aggregate, failureLines } from './drain-output';
import type { DrainLogEntry, DrainSettings } from './drain';

type Print = (stream: DrainLogEntry['stream'], text: string) => void;

/**
 * Runs a server dry run of the drain of `node` over its listed `pods`, printing as kubectl
 * does. Returns false when kubectl exits with an error (its lines are printed), else true
 * (drained, or still retrying / waiting after its first attempt).
 */
export function serverDryRun(ctx: SimContext, node: string, pods: readonly Pod[], settings: DrainSettings, print: Print): boolean {
  const errors: string[] = [];
  let goesOn = false;
  for (const p of pods) {
    const namespace = p.metadata.namespace ?? '';
    const name = p.metadata.name ?? '';
    if (settings.disableEviction) {
      // deletePods sends the dry-run DELETEs silently; its poll then finds the pod still there.
      const seconds = settings.flags.skipWaitForDeleteTimeout;
      if (shouldSkipPod(ctx, p, seconds)) print('stdout', `pod "${name}" has DeletionTimestamp older than ${seconds} seconds, skipping`);
      else goesOn = true;
      continue;
    }
    print('stdout', `evicting pod ${namespace}/${name} (server dry run)`);
    const r = evictPod(ctx, namespace, name, settings.deleteOptions, true);
    if (r.ok || r.code === 404) continue;
    if (r.code === 429) {
      print('stderr', `error when evicting pods/"${name}" -n "${namespace}" (will retry after ${formatDuration(ctx.config.drainEvictRetry)}): ${r.message}`);
      goesOn = true;
    } else {
      errors.push(`error when evicting pods/"${name}" -n "${namespace}": ${r.message}`);
    }
  }
  // kubectl waits for every pod's goroutine: one still retrying keeps it running, errors and all.
  if (goesOn) return true;
  if (errors.length === 0) {
    print('stdout', `node/${node} drained (server dry run)`);
    return true;
  }
  // A dry run removed nothing: every listed pod is still pending.
  print('stderr', `There are pending pods in node "${node}" when an error occurred: ${aggregate(errors)}`);
  for (const p of pods) print('stderr', `pod/${p.metadata.name ?? ''}`);
  for (const line of failureLines(node, errors)) print('stderr', line);
  return false;
}
