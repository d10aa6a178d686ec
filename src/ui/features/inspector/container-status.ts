/**
 * A pod's containers as `kubectl describe pod` prints them (State, Last State, Ready,
 * Restart Count), and RESTARTS as `kubectl get pods` prints it (`3 (42s ago)`). Reads the
 * pod object's status only; the one thing added is when a container waiting in
 * CrashLoopBackOff is due to start again, from two fields the status shows: the back-off
 * the kubelet's message names (`back-off 40s restarting failed container=…`) counted from
 * the exit in Last State.
 */
import type { Pod } from '../../../engine/model/types';
import { humanDuration } from '../timeline/event-log-model';
import { virtualMsOf } from '../timeline/format-time';
import { probeLines, type ProbeLine } from './probe-text';


export interface ContainerStateView {
  kind: 'Waiting' | 'Running' | 'Terminated';
  reason?: string;
  message?: string;
  exitCode?: number;
  startedAt?: string;
  finishedAt?: string;
}

export interface ContainerView {
  name: string;
  image: string;
  /** Null before the kubelet reported the container. */
  state: ContainerStateView | null;
  lastState: ContainerStateView | null;
  ready: boolean;
  /** status.started (whether the startup probe passed, or the container runs without one); null when the status does not say. */
  started: boolean | null;
  restartCount: number;
  /** The container's probes as kubectl describe prints them (Liveness, Readiness, Startup). */
  probes: ProbeLine[];
  /** While waiting in CrashLoopBackOff: the back-off (`40s`) and when it ends (virtual ms), else null. */
  backOff: { wait: string; until: number | null } | null;
}

interface RawState {
  waiting?: { reason?: string; message?: string };
  running?: { startedAt?: string };
  terminated?: { reason?: string; message?: string; exitCode?: number; startedAt?: string; finishedAt?: string };
}

function stateView(s: RawState | undefined): ContainerStateView | null {
  if (!s) return null;
  if (s.waiting) return { kind: 'Waiting', reason: s.waiting.reason, message: s.waiting.message };
  if (s.running) return { kind: 'Running', startedAt: s.running.startedAt };
  if (s.terminated) {
    const t = s.terminated;
    return { kind: 'Terminated', reason: t.reason, message: t.message, exitCode: t.exitCode ?? 0, startedAt: t.startedAt, finishedAt: t.finishedAt };
  }
  return null;
}

const BACK_OFF = /^back-off (\S+) restarting failed container/;

/** A Go duration as the kubelet prints it (`10s`, `1m20s`, `5m0s`) in ms, or null. */
export function goDurationMs(text: string): number | null {
  const m = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+(?:\.\d+)?)s)?$/.exec(text);
  if (!m || text === '') return null;
  return ((Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0)) * 60 + Number(m[3] ?? 0)) * 1000;
}

/** The containers of `pod`, in spec order, with their reported status. */
export function containerViews(pod: Pod): ContainerView[] {
  const statuses = (pod.status?.containerStatuses ?? []) as { name?: string; ready?: boolean; started?: boolean; restartCount?: number; state?: RawState; lastState?: RawState }[];
  return (pod.spec.containers ?? []).map((c) => {
    const st = statuses.find((s) => s?.name === c.name);
    const state = stateView(st?.state);
    const lastState = stateView(st?.lastState);
    let backOff: ContainerView['backOff'] = null;
    const wait = state?.kind === 'Waiting' && state.reason === 'CrashLoopBackOff' ? BACK_OFF.exec(state.message ?? '')?.[1] : undefined;
    if (wait) {
      const ms = goDurationMs(wait);
      const exit = virtualMsOf(lastState?.kind === 'Terminated' ? lastState.finishedAt : undefined);
      backOff = { wait, until: ms !== null && exit !== null ? exit + ms : null };
    }
    return { name: c.name, image: c.image ?? '', state, lastState: lastState?.kind === 'Terminated' ? lastState : null, ready: st?.ready === true, started: typeof st?.started === 'boolean' ? st.started : null, restartCount: st?.restartCount ?? 0, probes: probeLines(c), backOff };
  });
}

/** kubectl get pods' RESTARTS: `0`, or `3 (42s ago)` when a container has a last termination. */
export function restartsText(restarts: number, lastRestartAt: number | null | undefined, now: number): string {
  if (lastRestartAt === null || lastRestartAt === undefined) return String(restarts);
  return `${restarts} (${humanDuration(now - lastRestartAt)} ago)`;
}
