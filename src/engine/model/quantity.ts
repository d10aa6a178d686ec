/**
 * Kubernetes resource.Quantity (k8s.io/apimachinery/pkg/api/resource) with the
 * same parsing, rounding and canonical printing rules, held exactly.
 *
 * Every quantity upstream can hold after parsing is a whole number of
 * nano-units (parsing rounds anything finer up, away from zero), so a Quantity
 * here is one BigInt count of nano-units plus the format it prints in. No
 * floating point is involved anywhere.
 *
 * Deliberate differences from upstream, all at absurd magnitudes:
 * - decimal values of 10^1000 or more are refused with a QuantityError
 *   (code 'range') instead of being held, so every BigInt here stays small;
 * - value()/milliValue() do not saturate at int64: the Big variants are exact
 *   and the number variants are the nearest double;
 * - toString() always gives the canonical form (upstream's String() can echo
 *   an already canonical input verbatim, e.g. "+1Ki").
 */

export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

/** The grammar upstream quotes in ErrFormatWrong. */
export const QUANTITY_PATTERN = '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$';

const MSG_FORMAT = `quantities must match the regular expression '${QUANTITY_PATTERN}'`;
const MSG_NUMERIC = 'unable to parse numeric part of quantity';
const MSG_SUFFIX = "unable to parse quantity's suffix";
/** Largest number of integer digits a decimal quantity may have here. */
export const MAX_QUANTITY_DIGITS = 1000;
const MSG_RANGE = `quantity is too large (Podscape holds values below 1e${MAX_QUANTITY_DIGITS})`;

export type QuantityErrorCode = 'format' | 'numeric' | 'suffix' | 'range';

export class QuantityError extends Error {
  readonly code: QuantityErrorCode;
  constructor(code: QuantityErrorCode, message: string) {
    super(message);
    this.name = 'QuantityError';
    this.code = code;
  }
}

const NANO = 1_000_000_000n;
const MAX_INT64 = (1n << 63n) - 1n;
const MAX_INT32 = 2147483647;

/** Decimal SI suffix → power of ten. */
const DECIMAL_SUFFIXES = new Map<string, number>([
  ['n', -9], ['u', -6], ['m', -3], ['', 0], ['k', 3], ['M', 6], ['G', 9], ['T', 12], ['P', 15], ['E', 18],
]);
/** Binary SI suffix → power of two. */
const BINARY_SUFFIXES = new Map<string, number>([
  ['Ki', 10], ['Mi', 20], ['Gi', 30], ['Ti', 40], ['Pi', 50], ['Ei', 60],
]);
const DECIMAL_NAMES = new Map<number, string>([...DECIMAL_SUFFIXES].map(([s, e]) => [e, s]));
const BINARY_NAMES = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];
const SUFFIX_CHARS = 'eEinumkKMGTP';

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const abs = (n: bigint): bigint => (n < 0n ? -n : n);

/** |n| / d rounded up, keeping n's sign (upstream rounds away from zero). */
function divAwayFromZero(n: bigint, d: bigint): bigint {
  const m = abs(n);
  const q = (m + d - 1n) / d;
  return n < 0n ? -q : q;
}

export class Quantity {
  /** The exact amount in nano-units (10^-9). */
  readonly nanos: bigint;
  readonly format: QuantityFormat;

  constructor(nanos: bigint, format: QuantityFormat = 'DecimalSI') {
    this.nanos = nanos;
    this.format = format;
  }

  static zero(format: QuantityFormat = 'DecimalSI'): Quantity {
    return new Quantity(0n, format);
  }

  /** A whole number of units (upstream NewQuantity). */
  static fromValue(value: bigint | number, format: QuantityFormat = 'DecimalSI'): Quantity {
    return new Quantity(toBigInt(value) * NANO, format);
  }

  /** A whole number of thousandths (upstream NewMilliQuantity). */
  static fromMilli(milli: bigint | number, format: QuantityFormat = 'DecimalSI'): Quantity {
    return new Quantity(toBigInt(milli) * 1_000_000n, format);
  }

  sign(): -1 | 0 | 1 {
    return this.nanos === 0n ? 0 : this.nanos < 0n ? -1 : 1;
  }

  isZero(): boolean {
    return this.nanos === 0n;
  }

  cmp(o: Quantity): -1 | 0 | 1 {
    return this.nanos === o.nanos ? 0 : this.nanos < o.nanos ? -1 : 1;
  }

  equals(o: Quantity): boolean {
    return this.nanos === o.nanos;
  }

  /** Sum; like upstream, a zero receiver takes the other operand's format. */
  add(o: Quantity): Quantity {
    return new Quantity(this.nanos + o.nanos, this.isZero() ? o.format : this.format);
  }

  /** Difference; like upstream, a zero receiver takes the other operand's format. */
  sub(o: Quantity): Quantity {
    return new Quantity(this.nanos - o.nanos, this.isZero() ? o.format : this.format);
  }

  neg(): Quantity {
    return new Quantity(-this.nanos, this.format);
  }

  /** Rounded up (away from zero) to whole milli-units, as upstream RoundUp(Milli). */
  roundUpToMilli(): Quantity {
    const milli = divAwayFromZero(this.nanos, 1_000_000n) * 1_000_000n;
    return milli === this.nanos ? this : new Quantity(milli, this.format);
  }

  /** Whole units, any fraction rounded away from zero (upstream Value). */
  valueBig(): bigint {
    return divAwayFromZero(this.nanos, NANO);
  }

  /** Thousandths, any fraction rounded away from zero (upstream MilliValue). */
  milliValueBig(): bigint {
    return divAwayFromZero(this.nanos, 1_000_000n);
  }

  /** valueBig() as a number; exact up to Number.MAX_SAFE_INTEGER. */
  value(): number {
    return Number(this.valueBig());
  }

  /** milliValueBig() as a number; exact up to Number.MAX_SAFE_INTEGER. */
  milliValue(): number {
    return Number(this.milliValueBig());
  }

  /**
   * The canonical string (upstream CanonicalizeBytes): no fraction, the
   * largest suffix that loses nothing, and the value's own format unless
   * BinarySI cannot show it (below 1024 in magnitude, or fractional).
   */
  toString(): string {
    const n = this.nanos;
    if (n === 0n) return '0';
    if (this.format !== 'BinarySI') return decimalString(n, this.format);
    const m = abs(n);
    if (m < 1024n * NANO || m % NANO !== 0n) return decimalString(n, 'DecimalSI');
    let units = m / NANO;
    let k = 0;
    while (units % 1024n === 0n) {
      units /= 1024n;
      k++;
    }
    // Past Ei there is no binary suffix: fall back to exact exponent notation.
    if (k >= BINARY_NAMES.length) return decimalString(n, 'DecimalExponent');
    return `${n < 0n ? '-' : ''}${units}${BINARY_NAMES[k]}`;
  }
}

function toBigInt(v: bigint | number): bigint {
  if (typeof v === 'bigint') return v;
  if (!Number.isFinite(v)) throw new QuantityError('format', `${v} is not a finite number`);
  return v < 0 ? -BigInt(Math.ceil(-v)) : BigInt(Math.ceil(v)); // fractions round away from zero
}

/** Mantissa and a power of ten that is a multiple of 3, the mantissa free of spare zeros. */
function decimalString(n: bigint, format: QuantityFormat): string {
  let m = abs(n);
  let e = -9;
  while (m % 10n === 0n) {
    m /= 10n;
    e++;
  }
  const r = ((e % 3) + 3) % 3;
  if (r !== 0) {
    m *= 10n ** BigInt(r);
    e -= r;
  }
  let suffix: string;
  if (format === 'DecimalSI' && DECIMAL_NAMES.has(e)) suffix = DECIMAL_NAMES.get(e)!;
  else suffix = e === 0 ? '' : `e${e}`; // DecimalExponent, or DecimalSI beyond "E"
  return `${n < 0n ? '-' : ''}${m}${suffix}`;
}

interface Scanned {
  positive: boolean;
  /** The signed number as written, without the suffix. */
  value: string;
  /** Integer digits without leading zeros ("0" when there are none). */
  num: string;
  /** Fraction digits as written. */
  denom: string;
  suffix: string;
}

/** Splits a quantity string as upstream's parseQuantityString does (a permissive scanner). */
function scan(s: string): Scanned {
  const end = s.length;
  let pos = 0;
  let positive = true;
  if (s[0] === '-' || s[0] === '+') {
    positive = s[0] === '+';
    pos++;
  }
  while (pos < end && s[pos] === '0') pos++;
  if (pos >= end) return { positive, value: '0', num: '0', denom: '', suffix: '' };

  let start = pos;
  while (isDigit(s[pos])) pos++;
  const num = s.slice(start, pos) || '0';
  if (pos >= end) return { positive, value: s, num, denom: '', suffix: '' };

  let denom = '';
  if (s[pos] === '.') {
    start = ++pos;
    while (isDigit(s[pos])) pos++;
    denom = s.slice(start, pos);
    if (pos >= end) return { positive, value: s, num, denom, suffix: '' };
  }
  const value = s.slice(0, pos);
  const suffixStart = pos;
  while (pos < end && SUFFIX_CHARS.includes(s[pos])) pos++;
  if (pos < end && (s[pos] === '-' || s[pos] === '+')) pos++;
  while (isDigit(s[pos])) pos++;
  if (pos < end) throw new QuantityError('format', MSG_FORMAT);
  return { positive, value, num, denom, suffix: s.slice(suffixStart) };
}

interface Suffix {
  exp10: number;
  exp2: number;
  format: QuantityFormat;
}

function interpretSuffix(suffix: string): Suffix {
  const d = DECIMAL_SUFFIXES.get(suffix);
  if (d !== undefined) return { exp10: d, exp2: 0, format: 'DecimalSI' };
  const b = BINARY_SUFFIXES.get(suffix);
  if (b !== undefined) return { exp10: 0, exp2: b, format: 'BinarySI' };
  if (suffix.length > 1 && (suffix[0] === 'e' || suffix[0] === 'E') && /^[+-]?[0-9]+$/.test(suffix.slice(1))) {
    // Upstream parses the exponent at 64 bits and refuses anything outside int32.
    const e = BigInt(suffix.slice(1));
    if (e >= -BigInt(MAX_INT32) && e <= BigInt(MAX_INT32)) return { exp10: Number(e), exp2: 0, format: 'DecimalExponent' };
  }
  throw new QuantityError('suffix', MSG_SUFFIX);
}

/**
 * Parses a quantity as upstream ParseQuantity does. Numbers (from YAML) are
 * read through their shortest decimal spelling, so 0.5 is exactly "0.5".
 * Throws QuantityError.
 */
export function parseQuantity(input: string | number): Quantity {
  let str: string;
  if (typeof input === 'string') str = input;
  else if (typeof input === 'number' && Number.isFinite(input)) str = String(input);
  else throw new QuantityError('format', MSG_FORMAT);
  if (str.length === 0) throw new QuantityError('format', MSG_FORMAT);
  if (str === '0') return new Quantity(0n, 'DecimalSI');

  const sc = scan(str);
  const { exp10, exp2, format } = interpretSuffix(sc.suffix);

  if (!/[0-9]/.test(sc.value)) {
    // No digits at all ("", ".", "-", "Ki"): upstream's int64 fast path reads
    // these as zero; its decimal slow path (used below 1n or from Pi up) rejects them.
    const fastPath = format === 'BinarySI' ? exp2 <= 40 : exp10 >= -9;
    if (!fastPath) throw new QuantityError('numeric', MSG_NUMERIC);
    return new Quantity(0n, format);
  }

  // value = digits × 10^shift × 2^exp2 nano-units
  const digits = (sc.num + sc.denom).replace(/^0+/, '');
  const mantissa = digits === '' ? 0n : BigInt(digits) << BigInt(exp2);
  const shift = exp10 - sc.denom.length + 9;
  let nanos: bigint;
  if (mantissa === 0n) {
    nanos = 0n;
  } else if (shift >= 0) {
    if (format !== 'BinarySI' && digits.length + shift - 9 > MAX_QUANTITY_DIGITS) {
      throw new QuantityError('range', MSG_RANGE);
    }
    nanos = mantissa * 10n ** BigInt(shift);
  } else if (-shift > mantissa.toString().length) {
    nanos = 1n; // far below one nano-unit: rounds up to the smallest amount
  } else {
    nanos = divAwayFromZero(mantissa, 10n ** BigInt(-shift));
  }
  if (!sc.positive) nanos = -nanos;

  let fmt = format;
  if (fmt === 'BinarySI') {
    const cap = MAX_INT64 * NANO; // binary quantities are capped at 2^63-1
    if (abs(nanos) > cap) nanos = nanos < 0n ? -cap : cap;
    if (nanos !== 0n && abs(nanos) < NANO) fmt = 'DecimalSI'; // below 1: show as decimal
  }
  return new Quantity(nanos, fmt);
}

/** Canonical string for a scheduler cpu amount in millicores: 1500 → "1500m", 2000 → "2". */
export function formatMilliCPU(milli: number): string {
  return Quantity.fromMilli(milli, 'DecimalSI').toString();
}

/**
 * Canonical string for a byte count, as upstream prints a BinarySI quantity:
 * 1073741824 → "1Gi", 1536 → "1536", and below 1024 decimal rules (1000 → "1k").
 */
export function formatBytes(bytes: number): string {
  return Quantity.fromValue(bytes, 'BinarySI').toString();
}
