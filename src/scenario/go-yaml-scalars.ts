/**
 * Plain (unquoted) YAML scalars read as kubectl reads them. kubectl turns YAML into JSON with
 * sigs.k8s.io/yaml, which parses with its copy of go-yaml v2 (goyaml.v2/resolve.go): a
 * YAML 1.1 reader. Where the YAML 1.2 core schema (the `yaml` package's default) reads a
 * string or a decimal number, kubectl reads:
 * - `y Y yes Yes YES on On ON` as true and `n N no No NO off Off OFF` as false;
 * - `0644` as octal (420), `0b101` as binary, `-0x1F` as hex, and `1_000` as 1000 (go-yaml
 *   drops every `_` and then asks Go's strconv.ParseInt with base 0); `09` as the float 9;
 * - timestamps (`2024-01-02`) as strings, as the core schema does (go-yaml v2 keeps a
 *   timestamp decoded into an interface{} as its text), and base-60 numbers (`1:20`) as
 *   strings (go-yaml v2 leaves them out on purpose).
 * Integers past JavaScript's safe range lose precision, as every number in Podscape does.
 */
import type { ScalarTag, Tags } from 'yaml';
import { stringifyNumber } from 'yaml/util';

const TRUE = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']);
const FALSE = new Set(['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']);
const SPECIAL_FLOATS: Record<string, number> = {
  '.nan': NaN,
  '.NaN': NaN,
  '.NAN': NaN,
  '.inf': Infinity,
  '.Inf': Infinity,
  '.INF': Infinity,
  '+.inf': Infinity,
  '+.Inf': Infinity,
  '+.INF': Infinity,
  '-.inf': -Infinity,
  '-.Inf': -Infinity,
  '-.INF': -Infinity,
};
/** go-yaml v2's yamlStyleFloat. */
const YAML_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;

/** What Go's strconv.ParseInt/ParseUint(s, 0, 64) accept: a sign, then a base prefix or a leading 0 for octal. */
function goInteger(s: string): number | null {
  const m = /^([-+]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/.exec(s);
  if (!m) return null;
  const body = m[2];
  let digits: bigint;
  if (/^0[xX]/.test(body)) digits = BigInt(`0x${body.slice(2)}`);
  else if (/^0[oO]/.test(body)) digits = BigInt(`0o${body.slice(2)}`);
  else if (/^0[bB]/.test(body)) digits = BigInt(`0b${body.slice(2)}`);
  else if (body.length > 1 && body.startsWith('0')) digits = BigInt(`0o${body.slice(1)}`);
  else digits = BigInt(body);
  const value = m[1] === '-' ? -digits : digits;
  // int64, or uint64 for a positive value (ParseUint); past both, go-yaml tries a float and then big.Int.
  if (value < -(2n ** 63n) || value >= 2n ** 64n || (m[1] === '-' && value >= 2n ** 63n)) return null;
  return Number(value);
}

/**
 * strconv.ParseFloat's answer, or the text itself: a float past float64's range (`1e400`) is a
 * range error there, which go-yaml does not take as a float, so kubectl sends the text (a valid,
 * huge quantity) rather than an infinity.
 */
function goFloat(plain: string, text = plain): GoScalar {
  const value = Number(plain);
  return Number.isFinite(value) ? { type: 'float', value } : { type: 'str', value: text };
}

export type GoScalar = { type: 'bool'; value: boolean } | { type: 'int'; value: number } | { type: 'float'; value: number } | { type: 'null'; value: null } | { type: 'str'; value: string };

/** How go-yaml v2 resolves the plain scalar `s` when it decodes into an interface{} (resolve.go's resolve with no tag). */
export function resolveGoYaml(s: string): GoScalar {
  if (TRUE.has(s)) return { type: 'bool', value: true };
  if (FALSE.has(s)) return { type: 'bool', value: false };
  if (s === '' || s === '~' || s === 'null' || s === 'Null' || s === 'NULL') return { type: 'null', value: null };
  // Own keys only: `constructor` or `toString` is a word, not a property of every object.
  if (Object.hasOwn(SPECIAL_FLOATS, s)) return { type: 'float', value: SPECIAL_FLOATS[s] };
  const first = s[0];
  if (first === '.') {
    // Go's strconv.ParseFloat on text starting with a dot: `.5`, `.5e3`.
    return /^\.[0-9]+([eE][-+]?[0-9]+)?$/.test(s) ? goFloat(s) : { type: 'str', value: s };
  }
  if (!/[-+0-9]/.test(first)) return { type: 'str', value: s };
  // A timestamp (`2024-01-02`) is a string here either way: it is never a number.
  const plain = s.replaceAll('_', '');
  const int = goInteger(plain);
  if (int !== null) return { type: 'int', value: int };
  if (YAML_FLOAT.test(plain)) return goFloat(plain, s);
  // go-yaml's own binary forms (Go's base 0 already took 0b; these are its `-0b` case).
  if (/^-0b[01]+$/.test(plain)) return { type: 'int', value: -Number.parseInt(plain.slice(3), 2) };
  // Integers past uint64 become a big.Int in go-yaml: a number all the same.
  if (/^[-+]?[0-9]+$/.test(plain)) return { type: 'int', value: Number(plain) };
  return { type: 'str', value: s };
}

/** How the YAML 1.2 core schema reads the same plain scalar (for messages that say what changed). */
export function resolveCore(s: string): unknown {
  if (/^(?:~|[Nn]ull|NULL)?$/.test(s)) return null;
  if (/^(?:[Tt]rue|TRUE)$/.test(s)) return true;
  if (/^(?:[Ff]alse|FALSE)$/.test(s)) return false;
  if (/^[-+]?[0-9]+$/.test(s)) return Number(s);
  if (/^0o[0-7]+$/.test(s)) return Number.parseInt(s.slice(2), 8);
  if (/^0x[0-9a-fA-F]+$/.test(s)) return Number.parseInt(s.slice(2), 16);
  if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/.test(s)) return Number(s);
  if (/^[-+]?\.(?:inf|Inf|INF)$/.test(s)) return s.startsWith('-') ? -Infinity : Infinity;
  if (/^\.(?:nan|NaN|NAN)$/.test(s)) return NaN;
  return s;
}

const tester = (type: GoScalar['type']) => ({ test: (s: string) => resolveGoYaml(s).type === type }) as unknown as RegExp;
const resolveValue = (s: string) => resolveGoYaml(s).value;

const boolTag: ScalarTag = {
  identify: (v) => typeof v === 'boolean',
  default: true,
  tag: 'tag:yaml.org,2002:bool',
  test: tester('bool'),
  resolve: resolveValue,
  stringify: ({ value }) => (value ? 'true' : 'false'),
};
const intTag: ScalarTag = {
  identify: (v) => typeof v === 'bigint' || Number.isInteger(v),
  default: true,
  tag: 'tag:yaml.org,2002:int',
  test: tester('int'),
  resolve: resolveValue,
  stringify: stringifyNumber,
};
const floatTag: ScalarTag = {
  identify: (v) => typeof v === 'number',
  default: true,
  tag: 'tag:yaml.org,2002:float',
  test: tester('float'),
  resolve: resolveValue,
  stringify: stringifyNumber,
};

const REPLACED = new Set(['tag:yaml.org,2002:bool', 'tag:yaml.org,2002:int', 'tag:yaml.org,2002:float']);

/**
 * `customTags` for the `yaml` package's core schema: booleans and numbers resolved as go-yaml
 * v2 resolves them (null, strings, maps and lists stay the core schema's).
 */
export function goYamlTags(tags: Tags): Tags {
  return [boolTag, intTag, floatTag, ...tags.filter((t) => !(typeof t === 'object' && REPLACED.has(t.tag)))];
}

/**
 * `customTags` for writing YAML that kubectl reads back as written: the core schema's tags,
 * plus tests that make strings go-yaml v2 would read as a boolean or a number (`yes`, `on`,
 * `1_000`, `0b1`) be quoted. These never stringify a value themselves.
 */
export function quoteForGoYaml(tags: Tags): Tags {
  const never = () => false;
  return [
    ...tags,
    { identify: never, default: true, tag: 'tag:yaml.org,2002:bool', test: tester('bool'), resolve: resolveValue },
    { identify: never, default: true, tag: 'tag:yaml.org,2002:int', test: tester('int'), resolve: resolveValue },
    { identify: never, default: true, tag: 'tag:yaml.org,2002:float', test: tester('float'), resolve: resolveValue },
  ];
}
