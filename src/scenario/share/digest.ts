/**
 * A short, stable, non-cryptographic digest of a text: two independent 32-bit
 * multiply-xor hashes over its UTF-16 code units, as 16 hex digits. Used to pin a
 * share link to the exact text of a bundled scenario and to fingerprint cluster
 * states; it detects change, it does not resist forgery (nothing here needs that).
 */
export function digest(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x9e3779b9 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  // Final avalanche so that nearby inputs differ in every digit.
  a = Math.imul(a ^ (a >>> 16), 0x85ebca6b);
  a = Math.imul(a ^ (a >>> 13), 0xc2b2ae35);
  a ^= a >>> 16;
  b = Math.imul(b ^ (b >>> 16), 0x7feb352d);
  b = Math.imul(b ^ (b >>> 15), 0x846ca68b);
  b ^= b >>> 16;
  return hex(a) + hex(b);
}

const hex = (n: number) => (n >>> 0).toString(16).padStart(8, '0');
