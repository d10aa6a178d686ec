import { useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { SPEEDS, type Speed } from '../../../protocol/engine-api';
import { pauseClock, playClock, setClockSpeed, settle, stepClock } from '../../store/actions';
import { usePodscapeRuntime, usePodscapeStore, type PodscapeStore } from '../../store/podscape-store';
import type { EngineClient } from '../../bridge/engine-client';
import { clockKeyAnnouncement, isClockKey } from './clock-key';
import { formatClusterTime } from './format-time';
import '../../components/visually-hidden.css';
import { MoreSlot } from '../../app/more-tools-slot';

/** Plays a paused clock or pauses a playing one; resolves to the state it asked for. */
async function toggleClock(store: PodscapeStore, client: EngineClient): Promise<boolean> {
  const playing = store.getState().frame?.playing ?? false;
  await (playing ? pauseClock(store, client) : playClock(store, client));
  return !playing;
}

/**
 * Where the clock floats (clock.css): past this width the page has room for a small bar at the
 * window's top while the header is scrolled away; on a phone it would cover a third of the cards.
 */
export const FLOAT_QUERY = '(min-width: 48rem) and (min-height: 30rem)';

/**
 * Play/Pause, Step, Speed and the cluster time: the engine's clock, as the latest frame reports it.
 * When the header scrolls out of view (the user watches the node cards), the same controls float
 * at the window's top edge, so there is still one Pause button and one Cluster time; the slot they
 * leave keeps its size, so the page does not jump. K plays or pauses from anywhere (clock-key.ts),
 * and a status line tells a screen reader what it did.
 */
export function ClockControls() {
  const { store, client } = usePodscapeRuntime();
  const time = usePodscapeStore((s) => s.frame?.time ?? null);
  const playing = usePodscapeStore((s) => s.frame?.playing ?? false);
  const speed = usePodscapeStore((s) => s.frame?.speed ?? null);
  const disabled = time === null;
  const [said, setSaid] = useState('');
  const slot = useRef<HTMLDivElement>(null);
  const floating = useFloating(slot, time !== null);
  const controls = useRef<HTMLDivElement>(null);
  useDockedInStoryBar(controls, floating !== null);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (store.getState().frame === null || !isClockKey(event, document.querySelector('dialog[open]') !== null)) return;
      event.preventDefault();
      settle(
        toggleClock(store, client).then(() => {
          const frame = store.getState().frame;
          if (frame) setSaid(clockKeyAnnouncement(frame.playing, formatClusterTime(frame.time), frame.speed));
        }),
      );
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store, client]);

  return (
    <div ref={slot} className="clock-slot" style={floating ? { minWidth: floating.width, minHeight: floating.height } : undefined}>
      <div ref={controls} className="clock" role="group" aria-label="Clock" {...(floating ? { 'data-floating': '' } : {})}>
        <button type="button" disabled={disabled} aria-keyshortcuts="K" title="Play or pause (K)" onClick={() => settle(toggleClock(store, client))}>
          {playing ? 'Pause' : 'Play'}
        </button>
        <button type="button" disabled={disabled || playing} onClick={() => settle(stepClock(store, client))}>
          Step
        </button>
        <MoreSlot>
          <label className="clock-speed">
            Speed{' '}
            <select
              value={speed ?? 1}
              disabled={disabled}
              onChange={(e) => settle(setClockSpeed(store, client, Number(e.target.value) as Speed))}
            >
              {SPEEDS.map((s) => (
                <option key={s} value={s}>
                  {s}×
                </option>
              ))}
            </select>
          </label>
        </MoreSlot>
        <span className="clock-time" role="timer" aria-label="Cluster time" data-cluster-time={time ?? undefined}>
          {time === null ? '--:--:--' : formatClusterTime(time)}
        </span>
        {/* A paused page looks like a playing one with nothing happening: say which it is. The Play button tells a screen reader. */}
        {time !== null && !playing && (
          <span className="clock-state" data-clock-state="paused" aria-hidden="true">
            paused
          </span>
        )}
        <kbd className="clock-key" aria-hidden="true" title="K plays or pauses the clock from anywhere on the page">
          K
        </kbd>
      </div>
      {/* Only the shortcut's effect: a click on the button already says it through the button's new name. */}
      <span className="visually-hidden" role="status" data-clock-said>
        {said}
      </span>
    </div>
  );
}

/**
 * While the clock floats it sits at the right end of the story bar (StoryLog.tsx), which is stuck
 * to the window's foot anyway: the page says so (`data-clock-floating` on <html>) with the
 * clock's size (`--clock-float-width`, `--clock-float-height`), and the bar keeps that room free
 * of its own lines (story-log.css). At the window's top it covered the top-right card's heading.
 */
function useDockedInStoryBar(clock: RefObject<HTMLDivElement | null>, floating: boolean): void {
  useLayoutEffect(() => {
    const el = clock.current;
    const root = document.documentElement;
    if (!el || !floating) return;
    const measure = () => {
      const box = el.getBoundingClientRect();
      root.style.setProperty('--clock-float-width', `${Math.ceil(box.width)}px`);
      root.style.setProperty('--clock-float-height', `${Math.ceil(box.height)}px`);
    };
    root.setAttribute('data-clock-floating', '');
    measure();
    const observer = typeof ResizeObserver === 'function' ? new ResizeObserver(measure) : null;
    observer?.observe(el);
    return () => {
      observer?.disconnect();
      root.removeAttribute('data-clock-floating');
      root.style.removeProperty('--clock-float-width');
      root.style.removeProperty('--clock-float-height');
    };
  }, [clock, floating]);
}

/**
 * The slot's size while the clock floats (its controls out of the page's flow), or null while
 * the slot is on screen, on a small screen, or where the browser has no IntersectionObserver.
 */
function useFloating(slot: RefObject<HTMLDivElement | null>, ready: boolean): { width: number; height: number } | null {
  const [size, setSize] = useState<{ width: number; height: number } | null>(null);
  useEffect(() => {
    const el = slot.current;
    if (!el || !ready || typeof IntersectionObserver !== 'function' || typeof matchMedia !== 'function') return;
    const wide = matchMedia(FLOAT_QUERY);
    let seen = true;
    const update = () => {
      if (seen || !wide.matches) setSize(null);
      else {
        const box = el.getBoundingClientRect();
        // Exact, not rounded up: a slot a fraction of a pixel taller moved the page by as much (0.2 px at 1,024 px wide).
        setSize((old) => old ?? { width: box.width, height: box.height });
      }
    };
    const observer = new IntersectionObserver((entries) => {
      const entry = entries.at(-1);
      if (!entry) return;
      // Above the window only: a clock below it (a very short window) stays where it is.
      seen = entry.isIntersecting || entry.boundingClientRect.top > 0;
      update();
    });
    observer.observe(el);
    wide.addEventListener?.('change', update);
    return () => {
      observer.disconnect();
      wide.removeEventListener?.('change', update);
    };
  }, [slot, ready]);
  return size;
}
