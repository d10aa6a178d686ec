/**
 * The engine's only source of randomness: a small seeded generator
 * (SplitMix32 seeding into xoshiro128**). Same seed → same sequence, on
 * every platform, so scenarios replay identically.
 */
export class Rng {
  /** xoshiro128** state a, b, c, d as 32-bit patterns (a typed array, so updates never box numbers). */
  private readonly s = new Int32Array(4);

  constructor(seed: number) {
    let s = seed >>> 0;
    const next = () => {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    for (let i = 0; i < 4; i++) this.s[i] = next();
  }

  /** A uniform 32-bit unsigned integer. */
  nextUint32(): number {
    const st = this.s;
    let a = st[0];
    let b = st[1];
    let c = st[2];
    let d = st[3];
    const r = Math.imul(rotl(Math.imul(b, 5) >>> 0, 7), 9) >>> 0;
    const t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotl(d, 11);
    st[0] = a;
    st[1] = b;
    st[2] = c;
    st[3] = d;
    return r;
  }

  /** A uniform float in [0, 1). */
  float(): number {
    return this.nextUint32() / 4294967296;
  }

  /** A uniform integer in [0, n). n must be ≥ 1 and < 2^32. */
  intn(n: number): number {
    if (n <= 1) return 0;
    // Rejection sampling keeps it exactly uniform: draws at or above
    // limit = 2^32 − (2^32 mod n) are redrawn. limit > 2^32 − n, so a draw
    // below that needs no limit (the common case skips a float modulo).
    let x = this.nextUint32();
    if (x < 4294967296 - n) return mod32(x, n);
    const limit = 4294967296 - (4294967296 % n);
    while (x >= limit) x = this.nextUint32();
    return mod32(x, n);
  }

  /** Random lowercase-alphanumeric string, as upstream's rand.String (no vowels, no confusable digits). */
  string(n: number): string {
    const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
    let s = '';
    for (let i = 0; i < n; i++) s += alphabet[this.intn(alphabet.length)];
    return s;
  }
}

/**
 * x % n for integers 0 ≤ x < 2^32 and 1 ≤ n < 2^32, without the float modulo
 * (a slow library call for numbers past int32). x / n is correctly rounded
 * (relative error ≤ 2^-53), while a quotient that is no integer lies at least
 * 1/n from the integers around it, a relative distance ≥ 1/x > 2^-32: so its
 * floor k is exact, and so are k·n ≤ x and the difference.
 */
export function mod32(x: number, n: number): number {
  return x - Math.floor(x / n) * n;
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}
