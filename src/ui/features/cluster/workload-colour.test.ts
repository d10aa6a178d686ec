import { describe, expect, it } from 'vitest';
import { colourKey, hueOf } from './workload-colour';

describe('workload colours', () => {
  it('key a ReplicaSet by its Deployment name, other owners by their name, bare pods by nothing', () => {
    expect(colourKey({ kind: 'ReplicaSet', name: 'web-87bd4b87b' })).toBe('web');
    expect(colourKey({ kind: 'ReplicaSet', name: 'web' })).toBe('web');
    expect(colourKey({ kind: 'StatefulSet', name: 'redis' })).toBe('redis');
    expect(colourKey(null)).toBeNull();
  });

  it('give a name the same hue every time, and different names different hues', () => {
    expect(hueOf('web')).toBe(hueOf('web'));
    const hues = ['web', 'api', 'redis', 'postgres', 'log-collector'].map(hueOf);
    expect(new Set(hues).size).toBe(5);
    for (const h of hues) expect(h >= 0 && h < 360 && Number.isInteger(h)).toBe(true);
  });
});
