import { scaleLinear } from 'd3-scale';
import { curveStepAfter, line } from 'd3-shape';
import { memo, useEffect, useRef, useState, type Ref } from 'react';
import { useOnScreen } from '../../components/use-on-screen';
import { useThrottledSource } from '../../components/use-throttled-source';
import { usePodscapeRuntime, usePodscapeStore } from '../../store/podscape-store';
import '../../components/visually-hidden.css';
import { formatClusterTime } from '../timeline/format-time';
import './chart.css';
import { samplerFor, type Sample } from './sampler';
import { timeTicks } from './time-ticks';

const HEIGHT = 200;
const M = { top: 12, right: 44, bottom: 26, left: 44 };
/** Rows in the text alternative: the newest samples. */
const TABLE_ROWS = 12;

const REDRAW_MS = 250;

const pct = (v: number) => `${Math.round(v)}%`;

/** "At 00:05:00: cpu 41% requested, memory 22% requested, 1 pending pod." */
export function describeLatest(sample: Sample | undefined): string {
  if (!sample) return 'No samples yet.';
  const pods = sample.pending === 1 ? '1 pending pod' : `${sample.pending} pending pods`;
  return `At ${formatClusterTime(sample.time)}: cpu ${pct(sample.cpu)} of allocatable requested, memory ${pct(sample.memory)}, ${pods}.`;
}

/** Cluster cpu and memory requested (% of allocatable) and pending pods over virtual time. */
export function ClusterChart() {
  const { store } = usePodscapeRuntime();
  const sampler = samplerFor(store);
  // Sampled every frame, drawn (and announced) at most every REDRAW_MS while the clock
  // plays, and not while scrolled out of view (the newest samples show when it comes back).
  const [sectionRef, onScreen] = useOnScreen<HTMLElement>();
  const playing = usePodscapeStore((s) => s.frame?.playing ?? false);
  const samples = useThrottledSource(sampler, REDRAW_MS, playing && !onScreen);
  // Drawn at the width it gets, so text keeps its size at any window width.
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(720);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const observer = new ResizeObserver(([entry]) => setWidth(Math.max(320, Math.floor(entry.contentRect.width))));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return <MemoChartView samples={samples} width={width} plotRef={box} sectionRef={sectionRef} />;
}

/** Redrawn only when its samples (or width) change, not when the chart's parent renders. */
const MemoChartView = memo(function MemoChartView(props: ClusterChartViewProps) {
  return <ClusterChartView {...props} />;
});

interface ClusterChartViewProps {
  samples: readonly Sample[];
  /** Pixels; the plot's container reports its width through `plotRef`. */
  width?: number;
  plotRef?: Ref<HTMLDivElement>;
  /** The chart's section, for whoever needs to know where it is (on screen or not). */
  sectionRef?: Ref<HTMLElement>;
}

export function ClusterChartView({ samples, width: WIDTH = 720, plotRef, sectionRef }: ClusterChartViewProps) {
  const latest = samples.at(-1);
  const t0 = samples[0]?.time ?? 0;
  const t1 = Math.max(latest?.time ?? 0, t0 + 60_000);
  const x = scaleLinear().domain([t0, t1]).range([M.left, WIDTH - M.right]);
  const maxPct = Math.max(100, ...samples.map((s) => Math.max(s.cpu, s.memory)));
  const y = scaleLinear().domain([0, maxPct]).range([HEIGHT - M.bottom, M.top]).nice();
  const maxPending = Math.max(4, ...samples.map((s) => s.pending));
  const yPending = scaleLinear().domain([0, maxPending]).range([HEIGHT - M.bottom, M.top]).nice();
  const path = (value: (s: Sample) => number, scale: (v: number) => number, step = false) => {
    const l = line<Sample>()
      .x((s) => x(s.time))
      .y((s) => scale(value(s)));
    if (step) l.curve(curveStepAfter);
    return l(samples as Sample[]) ?? '';
  };
  const summary = describeLatest(latest);
  return (
    <section className="cluster-chart" aria-labelledby="cluster-chart-heading" ref={sectionRef}>
      <h2 id="cluster-chart-heading">Cluster load</h2>
      <ul className="chart-legend" aria-hidden="true">
        <li data-series="cpu">cpu requested {latest ? pct(latest.cpu) : ''}</li>
        <li data-series="memory">memory requested {latest ? pct(latest.memory) : ''}</li>
        <li data-series="pending">pending pods {latest?.pending ?? ''}</li>
      </ul>
      <div className="chart-plot" ref={plotRef}>
        <svg className="chart-svg" width={WIDTH} height={HEIGHT} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={`Cluster load chart. ${summary}`}>
          <g className="chart-grid">
            {y.ticks(4).map((v) => (
              <g key={v}>
                <line x1={M.left} x2={WIDTH - M.right} y1={y(v)} y2={y(v)} />
                <text x={M.left - 6} y={y(v)} dy="0.32em" textAnchor="end">
                  {v}%
                </text>
              </g>
            ))}
            {yPending.ticks(4).filter(Number.isInteger).map((v) => (
              <text key={v} x={WIDTH - M.right + 6} y={yPending(v)} dy="0.32em" className="chart-pending-tick">
                {v}
              </text>
            ))}
            {timeTicks(t0, t1, Math.max(3, Math.floor(WIDTH / 140))).map((t) => (
              <text key={t} x={x(t)} y={HEIGHT - 6} textAnchor="middle">
                {formatClusterTime(t)}
              </text>
            ))}
          </g>
          <path className="chart-line" data-series="cpu" d={path((s) => s.cpu, y)} />
          <path className="chart-line" data-series="memory" d={path((s) => s.memory, y)} />
          <path className="chart-line" data-series="pending" d={path((s) => s.pending, yPending, true)} />
        </svg>
      </div>
      <table className="visually-hidden">
        <caption>Cluster load, newest {TABLE_ROWS} samples</caption>
        <thead>
          <tr>
            <th scope="col">Cluster time</th>
            <th scope="col">cpu requested</th>
            <th scope="col">memory requested</th>
            <th scope="col">pending pods</th>
          </tr>
        </thead>
        <tbody>
          {samples
            .slice(-TABLE_ROWS)
            .reverse()
            .map((s) => (
              <tr key={s.time}>
                <th scope="row">{formatClusterTime(s.time)}</th>
                <td>{pct(s.cpu)}</td>
                <td>{pct(s.memory)}</td>
                <td>{s.pending}</td>
              </tr>
            ))}
        </tbody>
      </table>
    </section>
  );
}
