import { describe, expect, it } from 'vitest';
import { LESSONS } from '../../../../scenario/lessons';
import { copyText, isHintObject, objectName, type CopyEnv } from './copy-text';

const env = (over: Partial<CopyEnv>): CopyEnv & { legacy: string[] } => {
  const legacy: string[] = [];
  return { secure: true, legacyCopy: (t) => (legacy.push(t), true), legacy, ...over };
};

describe('copyText', () => {
  it('uses the Clipboard API in a secure context', async () => {
    const written: string[] = [];
    const e = env({ clipboard: { writeText: async (t) => void written.push(t) } });
    expect(await copyText('{ a: 1 }', e)).toBe('copied');
    expect(written).toEqual(['{ a: 1 }']);
    expect(e.legacy).toEqual([]);
  });

  it('falls back to the copy command over plain http, or when the Clipboard API refuses', async () => {
    const insecure = env({ secure: false, clipboard: { writeText: () => Promise.reject(new Error('must not be called')) } });
    expect(await copyText('x', insecure)).toBe('copied');
    expect(insecure.legacy).toEqual(['x']);
    const refused = env({ clipboard: { writeText: () => Promise.reject(new DOMException('denied', 'NotAllowedError')) } });
    expect(await copyText('y', refused)).toBe('copied');
    expect(refused.legacy).toEqual(['y']);
  });

  it('says it failed when neither way copies', async () => {
    expect(await copyText('z', env({ clipboard: undefined, legacyCopy: () => false }))).toBe('failed');
    expect(await copyText('z', env({ clipboard: undefined, legacyCopy: () => { throw new Error('no document'); } }))).toBe('failed');
  });
});

describe('hint objects', () => {
  it('names every object the built-in hints give', () => {
    const codes = LESSONS.flatMap((l) => l.steps.flatMap((s) => s.hints)).flatMap((h) => [...h.matchAll(/`([^`]+)`/g)].map((m) => m[1])).filter(isHintObject);
    expect(codes.length).toBeGreaterThan(10);
    for (const code of codes) expect(objectName(code), code).toMatch(/^[A-Z][A-Za-z]+ [a-z0-9.-]+$/);
    expect(objectName('{ apiVersion: policy/v1, kind: PodDisruptionBudget, metadata: { name: web-pdb, namespace: default }, spec: {} }')).toBe('PodDisruptionBudget web-pdb');
    expect(isHintObject('kubectl get pods')).toBe(false);
  });
});
