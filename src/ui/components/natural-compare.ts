/**
 * Orders names as people count: `app-2` before `app-10`, `node-9` before `node-10`. Runs
 * of digits compare by value (then, equal in value, the one with fewer leading zeros
 * first); everything else by UTF-16 code unit, as the plain `<` did. A hand loop rather
 * than Intl.Collator's numeric option: the list view sorts 30,000 pods per frame, and
 * the collator also folds case and punctuation by locale.
 */
export function naturalCompare(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(j);
    if (isDigit(x) && isDigit(y)) {
      let ei = i;
      while (ei < a.length && isDigit(a.charCodeAt(ei))) ei++;
      let ej = j;
      while (ej < b.length && isDigit(b.charCodeAt(ej))) ej++;
      // Skip leading zeros; the longer significant run is the larger number.
      let si = i;
      while (si < ei - 1 && a.charCodeAt(si) === 48) si++;
      let sj = j;
      while (sj < ej - 1 && b.charCodeAt(sj) === 48) sj++;
      if (ei - si !== ej - sj) return ei - si - (ej - sj);
      for (let k = 0; k < ei - si; k++) {
        const d = a.charCodeAt(si + k) - b.charCodeAt(sj + k);
        if (d !== 0) return d;
      }
      if (ei - i !== ej - j) return ei - i - (ej - j);
      i = ei;
      j = ej;
      continue;
    }
    if (x !== y) return x - y;
    i++;
    j++;
  }
  return a.length - i - (b.length - j);
}

const isDigit = (c: number) => c >= 48 && c <= 57;
