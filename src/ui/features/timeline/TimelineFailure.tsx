import type { CommandFailure } from '../../../protocol/engine-api';
import { formatClusterTime } from './format-time';

/**
 * A scenario's timeline commands that failed at their time (round 13's leftover: the CLI
 * prints kubectl's stderr line, the page said nothing): an alert in the story bar, so it
 * is in view wherever the page is scrolled and a screen reader hears it at once. It names
 * the newest failure with kubectl's words, says how many there were, and stays until
 * dismissed; the cluster goes on without the command, as it does under kubectl.
 */
export function TimelineFailure({ failures, onDismiss }: { failures: readonly CommandFailure[]; onDismiss: () => void }) {
  const newest = failures.at(-1);
  if (!newest) return null;
  const count = failures.length;
  return (
    <div className="story-failure" role="alert" data-command-failure>
      <p>
        <strong>{count === 1 ? 'A timeline command failed' : `${count} timeline commands failed`}</strong> (the cluster went on without{' '}
        {count === 1 ? 'it' : 'them'}). {count === 1 ? '' : 'Newest: '}
        <span className="story-time">{formatClusterTime(newest.time)}</span> <code>{newest.action}</code>:{' '}
        <span className="story-failure-text">{newest.error}</span>
      </p>
      <button type="button" className="story-failure-dismiss" onClick={onDismiss}>
        Dismiss timeline failures
      </button>
    </div>
  );
}
