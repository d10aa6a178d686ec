/**
 * A label selector in its string form (`app=web,tier!=db,env in (a,b),!canary,rank>3`), as
 * apimachinery's `labels.Parse` reads it: comma-separated requirements, each `key`,
 * `!key`, `key=value`, `key==value`, `key!=value`, `key in (v,…)`, `key notin (v,…)`,
 * `key>n` or `key<n`; keys must be qualified names and values label values. `kubectl drain
 * --pod-selector` takes this form. The empty string selects everything.
 */
import { isQualifiedName, isValidLabelValue } from '../scheduler/plugins/helpers/args-validation';
import { EVERYTHING, type Labels, type Selector } from './labels';

/** Thrown for a string `labels.Parse` refuses; the message says what is wrong. */
export class SelectorSyntaxError extends Error {
  override name = 'SelectorSyntaxError';
}

type Token = { kind: 'id'; text: string } | { kind: 'op'; text: string };

/** Characters that end an identifier (labels.Parse's special symbols and white space). */
const OPERATOR = /^(==|!=|=|>|<|!|\(|\)|,)/;

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let rest = text;
  while (rest.length > 0) {
    const space = /^\s+/.exec(rest);
    if (space) {
      rest = rest.slice(space[0].length);
      continue;
    }
    const op = OPERATOR.exec(rest);
    if (op) {
      out.push({ kind: 'op', text: op[1] });
      rest = rest.slice(op[1].length);
      continue;
    }
    const id = /^[^\s=!<>(),]+/.exec(rest)![0];
    out.push({ kind: 'id', text: id });
    rest = rest.slice(id.length);
  }
  return out;
}

const has = (l: Labels, key: string) => l !== undefined && Object.prototype.hasOwnProperty.call(l, key);

function checkKey(key: string): void {
  const errs = isQualifiedName(key);
  if (errs.length > 0) throw new SelectorSyntaxError(`invalid label key "${key}": ${errs.join('; ')}`);
}

function checkValue(value: string): void {
  const errs = isValidLabelValue(value);
  if (errs.length > 0) throw new SelectorSyntaxError(`invalid label value: "${value}": ${errs.join('; ')}`);
}

/** Parses the string form; throws SelectorSyntaxError when `labels.Parse` would fail. */
export function parseLabelSelectorText(text: string): Selector {
  const tokens = tokenize(text);
  if (tokens.length === 0) return EVERYTHING;
  const matchers: ((l: Labels) => boolean)[] = [];
  let i = 0;
  const peek = () => tokens[i];
  const next = () => tokens[i++];
  const expectId = (what: string) => {
    const t = next();
    if (t === undefined || t.kind !== 'id') throw new SelectorSyntaxError(`found '${t?.text ?? ''}', expected: ${what}`);
    return t.text;
  };
  for (;;) {
    let t = next();
    if (t === undefined) throw new SelectorSyntaxError("found '', expected: identifier");
    if (t.kind === 'op' && t.text === '!') {
      const key = expectId('identifier after \'!\'');
      checkKey(key);
      matchers.push((l) => !has(l, key));
    } else {
      if (t.kind !== 'id') throw new SelectorSyntaxError(`found '${t.text}', expected: !, identifier, or 'end of string'`);
      const key = t.text;
      checkKey(key);
      t = peek();
      if (t === undefined || (t.kind === 'op' && t.text === ',')) {
        matchers.push((l) => has(l, key));
      } else if (t.kind === 'op' && (t.text === '=' || t.text === '==' || t.text === '!=')) {
        next();
        const after = peek();
        // `key=` selects the empty value.
        const value = after !== undefined && after.kind === 'id' ? (next(), after.text) : '';
        checkValue(value);
        matchers.push(t.text === '!=' ? (l) => !has(l, key) || l![key] !== value : (l) => has(l, key) && l![key] === value);
      } else if (t.kind === 'op' && (t.text === '>' || t.text === '<')) {
        next();
        const raw = expectId('integer value');
        if (!/^[+-]?\d+$/.test(raw)) throw new SelectorSyntaxError(`for 'Gt', 'Lt' operators, the value must be an integer`);
        const bound = BigInt(raw);
        const gt = t.text === '>';
        matchers.push((l) => {
          if (!has(l, key) || !/^[+-]?\d+$/.test(l![key])) return false;
          const n = BigInt(l![key]);
          return gt ? n > bound : n < bound;
        });
      } else if (t.kind === 'id' && (t.text === 'in' || t.text === 'notin')) {
        next();
        const open = next();
        if (open === undefined || open.text !== '(') throw new SelectorSyntaxError(`found '${open?.text ?? ''}', expected: '('`);
        const values = new Set<string>();
        for (;;) {
          const v = peek();
          if (v !== undefined && v.kind === 'id') {
            next();
            checkValue(v.text);
            values.add(v.text);
          }
          const sep = next();
          if (sep === undefined) throw new SelectorSyntaxError("found '', expected: ',' or ')'");
          if (sep.text === ')') break;
          if (sep.text !== ',') throw new SelectorSyntaxError(`found '${sep.text}', expected: ',' or ')'`);
        }
        if (values.size === 0) throw new SelectorSyntaxError("for 'in', 'notin' operators, values set can't be empty");
        matchers.push(t.text === 'in' ? (l) => has(l, key) && values.has(l![key]) : (l) => !has(l, key) || !values.has(l![key]));
      } else {
        throw new SelectorSyntaxError(`found '${t.text}', expected: in, notin, =, ==, !=, gt, lt`);
      }
    }
    const sep = next();
    if (sep === undefined) break;
    if (sep.text !== ',') throw new SelectorSyntaxError(`found '${sep.text}', expected: ','`);
  }
  return { matches: (l) => matchers.every((m) => m(l)), empty: false, nothing: false };
}
