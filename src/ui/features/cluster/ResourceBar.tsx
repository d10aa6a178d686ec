import { formatCpu, formatMemory } from './quantity';

export type Resource = 'cpu' | 'memory' | 'pods';

/** Fill level: calm below 70 %, warn up to 90 %, full above. */
export type Level = 'calm' | 'warn' | 'full';

export function levelOf(ratio: number): Level {
  return ratio > 0.9 ? 'full' : ratio >= 0.7 ? 'warn' : 'calm';
}

const FORMAT: Record<Resource, (amount: number) => string> = { cpu: formatCpu, memory: formatMemory, pods: String };

/** "1500m of 4 cpu requested", "3Gi of 8Gi memory requested", "5 of 110 pods". */
export function describeUsage(resource: Resource, requested: number, allocatable: number): string {
  const f = FORMAT[resource];
  return `${f(requested)} of ${f(allocatable)} ${resource}${resource === 'pods' ? '' : ' requested'}`;
}

interface ResourceBarProps {
  resource: Resource;
  /** Summed requests: millicores, bytes or pods. */
  requested: number;
  /** The node's allocatable, in the same unit. */
  allocatable: number;
}

/**
 * One node resource as a meter (DESIGN.md's DOM contract): requested vs allocatable in
 * the contract's units, a fill that turns amber then red, and the exact quantities in
 * aria-valuetext, in the tooltip, and in place of the percentage on hover or focus.
 */
export function ResourceBar({ resource, requested, allocatable }: ResourceBarProps) {
  const ratio = allocatable > 0 ? requested / allocatable : requested > 0 ? 1 : 0;
  const percent = Math.round(ratio * 100);
  const text = describeUsage(resource, requested, allocatable);
  return (
    <div
      className="meter"
      role="meter"
      aria-label={resource}
      aria-valuemin={0}
      aria-valuemax={allocatable}
      aria-valuenow={requested}
      aria-valuetext={text}
      title={text}
      tabIndex={0}
      data-level={levelOf(ratio)}
    >
      <span className="meter-label">{resource}</span>
      <span className="meter-track">
        <span className="meter-fill" style={{ transform: `scaleX(${Math.min(1, ratio)})` }} />
      </span>
      {/* One text node each (not React's one per expression): 1,000 node cards hold these. */}
      <span className="meter-percent">{`${percent}%`}</span>
      <span className="meter-exact">{`${FORMAT[resource](requested)} / ${FORMAT[resource](allocatable)}`}</span>
    </div>
  );
}
