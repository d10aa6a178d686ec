/**
 * Size limits of scenario input, in a leaf module: the page checks a chosen file's size
 * against them before reading it, without loading the YAML reader.
 */

/** Input larger than this many UTF-8 bytes is refused before parsing (a playground, not a data store). */
export const MAX_MANIFEST_BYTES = 32 * 1024 * 1024;

/**
 * The length of `text` in UTF-8 bytes, as a file of it on disk measures (what the CLI and a chosen
 * file's size count): 1 byte for ASCII, 2 up to U+07FF, 3 for the rest of the BMP, 4 for a surrogate
 * pair. A lone surrogate counts 3, the U+FFFD an encoder writes for it.
 */
export function utf8Length(text: string): number {
  let bytes = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < n && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * The size of `text` in UTF-8 bytes when that is over MAX_MANIFEST_BYTES, else null. Cheap at the
 * edges: a text of more characters than the limit is over it (every character is at least a byte),
 * and one of at most a third of it is under (at most 3 bytes per UTF-16 unit); only between are the
 * bytes counted.
 */
export function oversizeBytes(text: string): number | null {
  if (text.length * 3 <= MAX_MANIFEST_BYTES) return null;
  const bytes = utf8Length(text);
  return bytes > MAX_MANIFEST_BYTES ? bytes : null;
}
