/** kubectl's taint notation (Taint.ToString): `key=value:effect`, `key:effect` without a value, `key` without an effect. */
export function taintText(t: { key: string; value?: string; effect?: string }): string {
  return `${t.key}${t.value ? `=${t.value}` : ''}${t.effect ? `:${t.effect}` : ''}`;
}
