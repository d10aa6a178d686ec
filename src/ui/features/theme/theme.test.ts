import { describe, expect, it } from 'vitest';
import { isDarkScheme } from './theme';

const root = (theme?: string) => ({ dataset: theme ? { theme } : {} }) as { dataset: DOMStringMap };
const system = (dark: boolean) => () => ({ matches: dark });

describe('isDarkScheme', () => {
  it('a pinned theme wins over the system (the canvas pods drew the system colours under a pinned theme)', () => {
    expect(isDarkScheme(root('dark'), system(false))).toBe(true);
    expect(isDarkScheme(root('light'), system(true))).toBe(false);
  });

  it('without a pinned theme the system decides', () => {
    expect(isDarkScheme(root(), system(true))).toBe(true);
    expect(isDarkScheme(root(), system(false))).toBe(false);
    expect(isDarkScheme(root(), undefined)).toBe(false);
  });
});
