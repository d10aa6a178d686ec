import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { formatCpu, formatMemory } from './quantity';
import { describeUsage, levelOf, ResourceBar } from './ResourceBar';

const Gi = 1024 ** 3;

describe('formatCpu', () => {
  it('writes whole cores plainly and the rest in millicores', () => {
    expect([0, 1500, 4000, 3920, 1, 250].map(formatCpu)).toEqual(['0', '1500m', '4', '3920m', '1m', '250m']);
  });
});

describe('formatMemory', () => {
  it('uses the largest suffix that stays exact, binary before decimal', () => {
    expect(formatMemory(3 * Gi)).toBe('3Gi');
    expect(formatMemory(1.5 * Gi)).toBe('1536Mi');
    expect(formatMemory(7794404 * 1024)).toBe('7794404Ki');
    expect(formatMemory(2 * 1024 ** 4)).toBe('2Ti');
    expect(formatMemory(500_000_000)).toBe('500M');
    expect(formatMemory(1024 * 1000)).toBe('1000Ki');
    expect([0, 1, 1001].map(formatMemory)).toEqual(['0', '1', '1001']);
  });
});

describe('describeUsage and levelOf', () => {
  it('says the exact quantities in Kubernetes units', () => {
    expect(describeUsage('cpu', 1500, 4000)).toBe('1500m of 4 cpu requested');
    expect(describeUsage('memory', 3 * Gi, 8 * Gi)).toBe('3Gi of 8Gi memory requested');
    expect(describeUsage('pods', 5, 110)).toBe('5 of 110 pods');
  });

  it('is calm below 70 %, amber to 90 %, red above', () => {
    expect([0, 0.69, 0.7, 0.9, 0.91, 1.2].map(levelOf)).toEqual(['calm', 'calm', 'warn', 'warn', 'full', 'full']);
  });
});

describe('ResourceBar', () => {
  /** The outer element's attributes (the unit tests run without a DOM). */
  const attributes = (html: string) =>
    Object.fromEntries([...html.slice(0, html.indexOf('>')).matchAll(/ ([\w-]+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
  const render = (resource: 'cpu' | 'memory' | 'pods', requested: number, allocatable: number) =>
    renderToStaticMarkup(<ResourceBar resource={resource} requested={requested} allocatable={allocatable} />);

  it('is a meter of requested vs allocatable in the DOM contract units', () => {
    expect(attributes(render('memory', 3 * Gi, 8 * Gi))).toMatchObject({
      role: 'meter',
      'aria-label': 'memory',
      'aria-valuemin': '0',
      'aria-valuemax': String(8 * Gi),
      'aria-valuenow': String(3 * Gi),
      'aria-valuetext': '3Gi of 8Gi memory requested',
      title: '3Gi of 8Gi memory requested',
      tabindex: '0',
      'data-level': 'calm',
    });
    expect(attributes(render('cpu', 3800, 4000))).toMatchObject({ 'aria-label': 'cpu', 'aria-valuenow': '3800', 'aria-valuemax': '4000', 'data-level': 'full' });
    expect(attributes(render('pods', 80, 110))).toMatchObject({ 'aria-valuetext': '80 of 110 pods', 'data-level': 'warn' });
  });

  it('shows the label, the percentage and the exact quantities, and caps the fill at 100 % (a scale: it animates on the compositor)', () => {
    const html = render('cpu', 1500, 4000);
    expect(html).toContain('>cpu<');
    expect(html).toContain('transform:scaleX(0.375)');
    expect(html).toContain('>38%<');
    expect(html).toMatch(/1500m.*\/.*4</);
    expect(render('pods', 3, 0)).toContain('transform:scaleX(1)');
    expect(render('pods', 5, 4)).toContain('transform:scaleX(1)');
    expect(render('pods', 0, 0)).toContain('transform:scaleX(0)');
    expect(html).not.toContain('width:');
  });
});
