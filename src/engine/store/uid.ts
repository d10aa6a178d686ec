/** The store's uids: RFC 4122 version-4 uids made of four words from the seeded generator. */

const HEX_DIGITS = '0123456789abcdef';
const HEX_BYTES = Array.from({ length: 256 }, (_, i) => HEX_DIGITS[i >> 4] + HEX_DIGITS[i & 15]);
const hex8 = (n: number) => HEX_BYTES[n >>> 24] + HEX_BYTES[(n >>> 16) & 255] + HEX_BYTES[(n >>> 8) & 255] + HEX_BYTES[n & 255];

/**
 * The uid made of four random words: `a`, then b's first four hex digits, `4` and b's last
 * three (its fifth is dropped), the variant (8–b from c's first digit) and c's digits 1–3,
 * c's last four and `d`. Written from the words' bytes and nibbles directly (no 8-digit
 * strings sliced per create); `uidOfSlices` is the same by slicing, for the tests.
 */
export function uidOf(a: number, b: number, c: number, d: number): string {
  return (
    hex8(a) +
    '-' +
    HEX_BYTES[b >>> 24] +
    HEX_BYTES[(b >>> 16) & 255] +
    '-4' +
    HEX_DIGITS[(b >>> 8) & 15] +
    HEX_BYTES[b & 255] +
    '-' +
    HEX_DIGITS[((c >>> 28) & 0x3) | 0x8] +
    HEX_DIGITS[(c >>> 24) & 15] +
    HEX_BYTES[(c >>> 16) & 255] +
    '-' +
    HEX_BYTES[(c >>> 8) & 255] +
    HEX_BYTES[c & 255] +
    hex8(d)
  );
}

/** The previous construction of the same uid (8-digit strings, sliced): the reference for `uidOf`. */
export function uidOfSlices(a: number, b: number, c: number, d: number): string {
  const [ha, hb, hc, hd] = [hex8(a), hex8(b), hex8(c), hex8(d)];
  const variant = HEX_DIGITS[(parseInt(hc[0], 16) & 0x3) | 0x8];
  return `${ha}-${hb.slice(0, 4)}-4${hb.slice(5, 8)}-${variant}${hc.slice(1, 4)}-${hc.slice(4, 8)}${hd}`;
}
