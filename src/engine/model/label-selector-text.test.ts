import { describe, expect, it } from 'vitest';
import { parseLabelSelectorText, SelectorSyntaxError } from './label-selector-text';

describe('parseLabelSelectorText (labels.Parse)', () => {
  const m = (text: string, labels: Record<string, string> | undefined) => parseLabelSelectorText(text).matches(labels);

  it('reads every operator with the apimachinery meaning', () => {
    expect(m('app=web', { app: 'web' })).toBe(true);
    expect(m('app==web', { app: 'db' })).toBe(false);
    expect(m('app!=web', {})).toBe(true);
    expect(m('app!=web', { app: 'web' })).toBe(false);
    expect(m('tier', { tier: '' })).toBe(true);
    expect(m('!tier', { tier: 'x' })).toBe(false);
    expect(m('env in (a, b)', { env: 'b' })).toBe(true);
    expect(m('env notin (a,b)', {})).toBe(true);
    expect(m('env notin (a,b)', { env: 'a' })).toBe(false);
    expect(m('rank>3', { rank: '4' })).toBe(true);
    expect(m('rank<3', { rank: 'x' })).toBe(false);
    expect(m(' app = web , !canary ', { app: 'web' })).toBe(true);
    expect(m(' app = web , !canary ', { app: 'web', canary: '1' })).toBe(false);
    expect(m('app=', { app: '' })).toBe(true);
    expect(m('', undefined)).toBe(true);
  });

  it('refuses what labels.Parse refuses', () => {
    for (const bad of ['app=web,', '=web', 'app in ()', 'app in (a', 'a b', 'app=we b', 'app>x', 'app=-bad-', 'bad key=1', '-x', 'a,,b', '!']) {
      expect(() => parseLabelSelectorText(bad), bad).toThrow(SelectorSyntaxError);
    }
  });
});
