/**
 * How kubectl drain words its results (cmd/drain's RunDrain and the errors it aggregates),
 * shared by a running drain (drain.ts) and a server dry run (drain-dry-run.ts).
 */

/** Utilerrors.NewAggregate(...).Error(). */
export function aggregate(errors: readonly string[]): string {
  const unique = [...new Set(errors)];
  return unique.length === 1 ? unique[0] : `[${unique.join(', ')}]`;
}

/** What kubectl prints when the drain of `node` fails with `errors`. */
export function failureLines(node: string, errors: readonly string[]): string[] {
  const err = aggregate(errors);
  const lines = [`error: unable to drain node "${node}" due to error: ${err}, continuing command...`, 'There are pending nodes to be drained:', ` ${node}`];
  // cmdutil.CheckErr: one error as `error: <msg>`, several one per line.
  const unique = [...new Set(errors)];
  if (unique.length === 1) lines.push(unique[0].startsWith('error: ') ? unique[0] : `error: ${unique[0]}`);
  else lines.push(...unique);
  return lines;
}

/** A duration as Go's time.Duration.String prints it (`30s`, `1m0s`, `1.5s`, `500ms`, `1h0m0s`). */
export function goDuration(ms: number): string {
  if (ms === 0) return '0s';
  if (ms < 1000) return `${ms}ms`;
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const sec = `${Number(((ms % 60_000) / 1000).toFixed(3))}s`;
  if (h > 0) return `${h}h${m}m${sec}`;
  if (m > 0) return `${m}m${sec}`;
  return sec;
}
