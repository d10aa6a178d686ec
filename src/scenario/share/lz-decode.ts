/**
 * A bounded decoder for lz-string's URI-safe format (what `compressToEncodedURIComponent`
 * writes). lz-string's own decoder has no limits: an LZW stream can describe output
 * quadratic in its length (each code may name a dictionary entry as long as everything
 * so far), so a 64 KiB hostile link could ask for gigabytes. This one stops as soon as
 * the output passes `maxOutput`, and reports a truncated or corrupted stream as an
 * error where lz-string returns "" or null.
 *
 * The format: 6-bit symbols from URI_ALPHABET, read least significant bit first; codes
 * 0 and 1 introduce a literal of 8 or 16 bits, 2 ends the stream, and any other code
 * names a dictionary entry. The code width starts at 3 bits and grows by one whenever
 * the dictionary reaches the next power of two.
 */

const URI_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$';
const SYMBOL_VALUE: ReadonlyMap<string, number> = new Map([...URI_ALPHABET].map((c, i) => [c, i]));

export class LzDecodeError extends Error {
  constructor(
    readonly reason: 'alphabet' | 'truncated' | 'corrupt' | 'too-large',
    message: string,
  ) {
    super(message);
    this.name = 'LzDecodeError';
  }
}

class BitReader {
  private index = 0;
  private value = 0;
  private mask = 0;

  constructor(private readonly input: string) {}

  read(width: number): number {
    let bits = 0;
    for (let power = 1, i = 0; i < width; i++, power *= 2) {
      if (this.mask === 0) {
        if (this.index >= this.input.length) throw new LzDecodeError('truncated', 'the data ends too early (the link was cut short)');
        const symbol = this.input[this.index++];
        const v = SYMBOL_VALUE.get(symbol);
        if (v === undefined) throw new LzDecodeError('alphabet', `it holds a character that a link never carries (${JSON.stringify(symbol)} at ${this.index})`);
        this.value = v;
        this.mask = 32;
      }
      if (this.value & this.mask) bits += power;
      this.mask >>= 1;
    }
    return bits;
  }
}

/** Decodes `input`; throws LzDecodeError when it is malformed or decodes to more than `maxOutput` characters. */
export function decodeLzUri(input: string, maxOutput: number): string {
  // lz-string's encoder never emits spaces, but a `+` pasted through a form may come back as one.
  const reader = new BitReader(input.replace(/ /g, '+'));
  // Codes 0–2 are reserved (literal 8, literal 16, end); entries start at 3.
  const dictionary: string[] = ['', '', ''];
  const literal = (code: number): string | null => {
    if (code === 0) return String.fromCharCode(reader.read(8));
    if (code === 1) return String.fromCharCode(reader.read(16));
    return null;
  };

  const first = reader.read(2);
  if (first === 2) return '';
  const start = literal(first);
  if (start === null) throw new LzDecodeError('corrupt', `it starts with code ${first}, which is not a literal`);
  dictionary.push(start);
  let size = 4;
  let width = 3;
  let enlargeIn = 4;
  let previous = start;
  const parts: string[] = [start];
  let length = start.length;

  for (;;) {
    let code = reader.read(width);
    if (code === 2) return parts.join('');
    const lit = literal(code);
    if (lit !== null) {
      dictionary.push(lit);
      code = size++;
      if (--enlargeIn === 0) {
        enlargeIn = 2 ** width;
        width++;
      }
    }
    let entry: string;
    if (code < size && code >= 3) entry = dictionary[code];
    else if (code === size) entry = previous + previous[0];
    else throw new LzDecodeError('corrupt', `it refers to entry ${code} of a dictionary that has ${size}`);

    length += entry.length;
    if (length > maxOutput) throw new LzDecodeError('too-large', `it expands to more than ${maxOutput} characters`);
    parts.push(entry);
    dictionary.push(previous + entry[0]);
    size++;
    if (--enlargeIn === 0) {
      enlargeIn = 2 ** width;
      width++;
    }
    previous = entry;
  }
}
