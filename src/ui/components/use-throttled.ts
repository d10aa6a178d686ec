import { useEffect, useRef, useState } from 'react';

/**
 * `value`, changing at most once per `ms` of real time: the first change after a quiet
 * period passes at once, later ones are held and the newest always arrives. For views
 * that need not redraw on every frame while the clock plays (ages, charts, queries).
 * One timer at most is pending: a change while it waits only updates what it will
 * deliver (no timer is cleared and set again per frame).
 */
export function useThrottled<T>(value: T, ms: number): T {
  const [out, setOut] = useState(value);
  const latest = useRef(value);
  latest.current = value;
  const gate = useRef<Throttle | null>(null);
  gate.current ??= new Throttle(() => setOut(() => latest.current));
  useEffect(() => {
    const g = gate.current!;
    g.live = true;
    return () => g.stop();
  }, []);
  useEffect(() => {
    gate.current!.request(ms);
  }, [value, ms]);
  return out;
}

/**
 * Calls `deliver` at most once per `ms` of real time: the first request after a quiet
 * period delivers at once, later ones within `ms` share one pending timer that delivers
 * (the caller's newest value) when it fires. Requests after `stop` do nothing.
 */
export class Throttle {
  private last = -Infinity;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** False once stopped (unmounted); set again by a remount. */
  live = true;

  constructor(
    private readonly deliver: () => void,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  request(ms: number): void {
    if (!this.live || this.timer !== undefined) return;
    const wait = this.last + ms - this.clock();
    if (wait <= 0) this.fire();
    else this.timer = setTimeout(() => this.fire(), wait);
  }

  /** Whether a delivery is waiting for its timer. */
  get pending(): boolean {
    return this.timer !== undefined;
  }

  stop(): void {
    this.live = false;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private fire(): void {
    this.timer = undefined;
    if (!this.live) return;
    this.last = this.clock();
    this.deliver();
  }
}
