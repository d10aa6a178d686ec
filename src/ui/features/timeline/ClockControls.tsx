import { SPEEDS, type Speed } from '../../../protocol/engine-api';
import { pauseClock, playClock, setClockSpeed, settle, stepClock } from '../../store/actions';
import { usePodscapeRuntime, usePodscapeStore } from '../../store/podscape-store';
import { formatClusterTime } from './format-time';

/** Play/Pause, Step, Speed and the cluster time: the engine's clock, as the latest frame reports it. */
export function ClockControls() {
  const { store, client } = usePodscapeRuntime();
  const time = usePodscapeStore((s) => s.frame?.time ?? null);
  const playing = usePodscapeStore((s) => s.frame?.playing ?? false);
  const speed = usePodscapeStore((s) => s.frame?.speed ?? null);
  const disabled = time === null;
  return (
    <div className="clock" role="group" aria-label="Clock">
      <button type="button" disabled={disabled} onClick={() => settle(playing ? pauseClock(store, client) : playClock(store, client))}>
        {playing ? 'Pause' : 'Play'}
      </button>
      <button type="button" disabled={disabled || playing} onClick={() => settle(stepClock(store, client))}>
        Step
      </button>
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
      <span className="clock-time" role="timer" aria-label="Cluster time" data-cluster-time={time ?? undefined}>
        {time === null ? '--:--:--' : formatClusterTime(time)}
      </span>
      {/* A paused page looks like a playing one with nothing happening: say which it is. The Play button tells a screen reader. */}
      {time !== null && !playing && (
        <span className="clock-state" data-clock-state="paused" aria-hidden="true">
          paused
        </span>
      )}
    </div>
  );
}
