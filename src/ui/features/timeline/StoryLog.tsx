import { useEffect, useRef, useState } from 'react';
import type { CommandFailure, Frame, NodeFrame } from '../../../protocol/engine-api';
import { usePodscapeRuntime, type PodscapeState } from '../../store/podscape-store';
import { formatClusterTime } from './format-time';
import { eventLines, nodeLines, type StoryLine } from './story';
import { StoryNext, useHasNext } from './StoryNext';
import { TimelineFailure } from './TimelineFailure';
import { landings, placeOf, type Landing } from './landing';
import './story-log.css';

/** Lines kept (story-log.css shows the newest three, or the newest one when compact). */
export const STORY_LINES = 5;

const NO_FAILURES: readonly CommandFailure[] = [];

/**
 * Below this height the bar starts compact (the newest line only, beside its heading): three
 * lines of a bar stuck to the window's foot would hide the first row of node cards at
 * 1280×800 with the introduction open. The button switches between one line and three.
 */
export const STORY_COMPACT_QUERY = '(max-height: 60rem)';

/**
 * "What just happened": the newest story lines (story.ts), newest first, in a polite
 * live log so a screen reader hears each new line once, in a bar at the window's foot.
 * A new scenario starts it empty: what happened before it loaded is in the event log.
 */
export function StoryLog() {
  const { store } = usePodscapeRuntime();
  const [lines, setLines] = useState<StoryLine[]>([]);
  const [failures, setFailures] = useState<readonly CommandFailure[]>(NO_FAILURES);
  /** The newest failure's index the user dismissed (−1: none), per scenario. */
  const [dismissed, setDismissed] = useState(-1);
  /** The newest pod placed on a node whose card is off screen, until the node is seen. */
  const [landing, setLanding] = useState<Shown | null>(null);
  const [compact, setCompact] = useState(() => globalThis.matchMedia?.(STORY_COMPACT_QUERY).matches === true);
  const waiting = useHasNext();
  useEffect(() => {
    let frame: Frame | null = null;
    let seen = -1;
    let nodes: readonly NodeFrame[] = [];
    let failed: readonly CommandFailure[] = NO_FAILURES;
    const take = (state: PodscapeState) => {
      const next = state.frame;
      if (next === frame || next === null) return;
      frame = next;
      if (next.reset) setDismissed(-1);
      const nextFailed = next.commandFailures ?? NO_FAILURES;
      if (nextFailed !== failed) {
        failed = nextFailed;
        setFailures(nextFailed);
      }
      if (next.reset) {
        seen = state.eventCount - 1;
        nodes = next.nodes;
        setLines([]);
        setLanding(null);
        return;
      }
      const fresh = state.events.filter((e) => e.id > seen);
      seen = Math.max(seen, state.eventCount - 1);
      const away = offScreen(landings(fresh));
      if (away) setLanding(away);
      const added: StoryLine[] = [];
      if (next.nodes !== nodes) {
        added.push(...nodeLines(nodes, next.nodes, next.time));
        nodes = next.nodes;
      }
      added.push(...eventLines(fresh));
      if (added.length === 0) return;
      added.sort((a, b) => a.time - b.time);
      setLines((old) => [...added.reverse(), ...old].slice(0, STORY_LINES));
    };
    take(store.getState());
    return store.subscribe(take);
  }, [store]);

  // The node shown by "Show": the button goes once its card is on screen, however it got there.
  useEffect(() => {
    if (!landing) return;
    let pending = 0;
    const check = () => {
      pending = 0;
      const seen = landedBox(landing);
      if (!seen || placeOf(seen.getBoundingClientRect(), window.innerHeight, barSpace()) === 'in view') setLanding(null);
    };
    const onScroll = () => {
      if (!pending) pending = requestAnimationFrame(check);
    };
    window.addEventListener('scroll', onScroll, { passive: true });
    return () => {
      window.removeEventListener('scroll', onScroll);
      cancelAnimationFrame(pending);
    };
  }, [landing]);

  // The room the bar takes at the window's foot, as the page's scroll-padding (story-log.css):
  // focusing a pod card or a control under the bar scrolls it clear of the bar, not behind it.
  const bar = useRef<HTMLElement>(null);
  useEffect(() => {
    const el = bar.current;
    const root = document.documentElement;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const measure = () => {
      const margin = parseFloat(getComputedStyle(el).marginBottom) || 0;
      // Empty, the bar is out of the flow (static, a pixel), unless the floating clock sits in it (story-log.css).
      root.style.setProperty('--story-bar-space', getComputedStyle(el).position === 'static' ? '0px' : `${Math.ceil(el.getBoundingClientRect().height + margin)}px`);
    };
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    measure();
    return () => {
      observer.disconnect();
      root.style.removeProperty('--story-bar-space');
    };
  }, []);

  const shownFailures = failures.filter((f) => f.index > dismissed);
  const empty = lines.length === 0 && shownFailures.length === 0 && !waiting;

  return (
    <section
      ref={bar}
      className="story-log"
      data-story-log
      aria-labelledby="story-log-heading"
      {...(empty ? { 'data-empty': '' } : {})}
      {...(compact ? { 'data-compact': '' } : {})}
    >
      <TimelineFailure failures={shownFailures} onDismiss={() => setDismissed(failures.at(-1)?.index ?? -1)} />
      {landing && (
        <button type="button" className="story-landing" onClick={() => {
            showLanding(landing);
            setLanding(null);
          }}>
          Show {landing.node}
          <span aria-hidden="true"> {landing.place === 'above' ? '↑' : '↓'}</span>{' '}
          <span className="story-landing-why">
            ({landing.count === 1 ? landing.pod.slice(landing.pod.indexOf('/') + 1) : `${landing.count} pods`} landed there, {landing.place})
          </span>
        </button>
      )}
      {lines.length > 1 && (
        <button type="button" className="story-lines" onClick={() => setCompact((c) => !c)}>
          {compact ? `Show ${Math.min(3, lines.length)} lines` : 'Show 1 line'}
        </button>
      )}
      <h2 id="story-log-heading">What just happened</h2>
      {/* role="log" is not allowed on an <ol> (ARIA in HTML): the live region wraps the list. */}
      <div role="log" aria-live="polite" aria-labelledby="story-log-heading">
        <ol>
          {lines.map((line) => (
            <li key={line.key} data-tone={line.tone}>
              <span className="story-time">{formatClusterTime(line.time)}</span> <span className="story-who">{line.who}</span>
              {line.reason && (
                <>
                  {' '}
                  <span className="story-reason">{line.reason}</span>
                </>
              )}
              : <span className="story-what">{line.what}</span>
              {line.why && <span className="story-why"> — {line.why}</span>}
            </li>
          ))}
        </ol>
      </div>
      <StoryNext />
    </section>
  );
}

/** What "Show" offers: a node off screen, the newest pod placed there and how many pods of the batch went there. */
interface Shown extends Landing {
  place: 'above' | 'below';
  count: number;
}

const nodeCard = (node: string) => document.querySelector<HTMLElement>(`[data-node="${CSS.escape(node)}"]`);

/** What must be seen: the pod's card on the node, or the node's card while the pod's is not drawn yet. */
function landedBox(landing: Landing): HTMLElement | null {
  const card = nodeCard(landing.node);
  return card?.querySelector<HTMLElement>(`[data-pod="${CSS.escape(landing.pod)}"]`) ?? card;
}

/** The room the story bar takes at the window's foot (story-log.css's --story-bar-space). */
const barSpace = () => parseFloat(getComputedStyle(document.documentElement).getPropertyValue('--story-bar-space')) || 0;

/** The newest of these placements whose node card is off screen, with how many of them went to that node; null when all are in view. */
function offScreen(placed: readonly Landing[]): Shown | null {
  for (let i = placed.length - 1; i >= 0; i--) {
    const box = landedBox(placed[i]);
    if (!box) continue;
    const place = placeOf(box.getBoundingClientRect(), window.innerHeight, barSpace());
    if (place === 'in view') continue;
    return { ...placed[i], place, count: placed.filter((p) => p.node === placed[i].node).length };
  }
  return null;
}

/** Brings the node's card to the window's middle (at once under reduced motion) and focuses the pod, or the node when the pod has gone. */
function showLanding(landing: Landing): void {
  const card = nodeCard(landing.node);
  if (!card) return;
  const reduce = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches === true;
  card.scrollIntoView({ block: 'center', behavior: reduce ? 'auto' : 'smooth' });
  const pod = card.querySelector<HTMLElement>(`[data-pod="${CSS.escape(landing.pod)}"]`);
  const target = pod?.matches('[tabindex]') ? pod : (pod?.querySelector<HTMLElement>('button') ?? card.querySelector<HTMLElement>('button'));
  target?.focus({ preventScroll: true });
}
