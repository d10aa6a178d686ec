import type { Pod } from '../../../engine/model/types';
import { usePodscapeStore } from '../../store/podscape-store';
import { formatClusterTime } from '../timeline/format-time';
import { humanDuration } from '../timeline/event-log-model';
import { containerViews, restartsText, type ContainerStateView } from './container-status';
import { Timestamp } from './Timestamp';

/** The clock, read only by the few values that count from it (so the rest of the panel does not redraw each frame). */
const useFrameTime = () => usePodscapeStore((s) => s.frame?.time ?? 0);

/** kubectl get pods' RESTARTS: `3 (42s ago)`. */
export function RestartsValue({ restarts, lastRestartAt }: { restarts: number; lastRestartAt: number | null }) {
  if (lastRestartAt === null) return <>{restarts}</>;
  return <RestartsAgo restarts={restarts} lastRestartAt={lastRestartAt} />;
}

function RestartsAgo({ restarts, lastRestartAt }: { restarts: number; lastRestartAt: number }) {
  const now = useFrameTime();
  return <span data-restarts>{restartsText(restarts, lastRestartAt, now)}</span>;
}

/**
 * `kubectl describe pod`'s Containers: State, Last State, Ready and Restart Count of each, and
 * its probe lines (Liveness, Readiness, Startup). Started (status.started, which describe does not
 * print but `kubectl get -o yaml` shows) is added: with probes it says whether the startup probe passed.
 */
export function ContainersView({ pod }: { pod: Pod }) {
  const containers = containerViews(pod);
  if (containers.length === 0) return <p className="inspector-empty">No containers.</p>;
  return (
    <>
      {containers.map((c) => (
        <div key={c.name} className="inspector-container" data-container={c.name}>
          <h4>
            Container {c.name} <span className="inspector-muted">({c.image})</span>
          </h4>
          <dl className="inspector-facts">
          <div data-container-state>
            <dt>State</dt>
            <dd>{c.state ? <StateText state={c.state} /> : 'not reported yet'}</dd>
          </div>
          {c.backOff && (
            <div data-container-next-start>
              <dt>Next start</dt>
              <dd>
                <NextStart wait={c.backOff.wait} until={c.backOff.until} />
              </dd>
            </div>
          )}
          {c.lastState && (
            <div data-container-last-state>
              <dt>Last State</dt>
              <dd>
                <StateText state={c.lastState} />
              </dd>
            </div>
          )}
          <div data-container-ready={c.ready ? 'True' : 'False'}>
            <dt>Ready</dt>
            <dd>{c.ready ? 'True' : 'False'}</dd>
          </div>
          {c.started !== null && (
            <div data-container-started={c.started ? 'True' : 'False'}>
              <dt>Started</dt>
              <dd>{c.started ? 'True' : 'False'}</dd>
            </div>
          )}
          <div>
            <dt>Restart Count</dt>
            <dd>{c.restartCount}</dd>
          </div>
          {c.probes.map((p) => (
            <div key={p.label} data-container-probe={p.label}>
              <dt>{p.label}</dt>
              <dd className="inspector-code">{p.text}</dd>
            </div>
          ))}
          </dl>
        </div>
      ))}
    </>
  );
}

/** A state as describe prints it: `Terminated` with Reason, Exit Code, Started and Finished; `Waiting` with its reason and message. */
function StateText({ state }: { state: ContainerStateView }) {
  if (state.kind === 'Running') {
    return (
      <>
        Running, started <Timestamp iso={state.startedAt} />
      </>
    );
  }
  if (state.kind === 'Waiting') {
    return (
      <>
        Waiting, Reason: <span className="inspector-strong">{state.reason ?? 'none'}</span>
        {state.message && <span className="inspector-muted inspector-message-line">{state.message}</span>}
      </>
    );
  }
  return (
    <>
      Terminated, Reason: <span className="inspector-strong">{state.reason ?? 'none'}</span>, Exit Code: {state.exitCode}
      <span className="inspector-muted inspector-message-line">
        Started <Timestamp iso={state.startedAt} />, Finished <Timestamp iso={state.finishedAt} />
      </span>
    </>
  );
}

/** When CrashLoopBackOff ends: the back-off from the last exit, with a countdown. */
function NextStart({ wait, until }: { wait: string; until: number | null }) {
  const now = useFrameTime();
  if (until === null) return <>after a back-off of {wait}</>;
  const left = until - now;
  return (
    <>
      at about {formatClusterTime(until)} ({left > 0 ? `in ${humanDuration(left)}` : 'due now'}): a back-off of {wait} after the last exit
    </>
  );
}
