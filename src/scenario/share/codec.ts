/**
 * The share-link codec: `s=<format version>.<codec>.<payload>` in the URL fragment (the
 * fragment never reaches a server). The payload is canonical JSON compressed with
 * lz-string's URI-safe encoding (codec `lz`).
 *
 * Decoding treats the link as hostile: the fragment length is capped before anything
 * else, decompression stops at a size cap, JSON nesting is capped and prototype keys
 * are dropped, the shape is checked with zod after migrating older formats. Every
 * failure is a ShareLinkError with a message meant for the user; nothing else escapes.
 */
import { compressToEncodedURIComponent } from 'lz-string';
import { migrate, MigrationError, SHARE_MIGRATIONS, type Migration, type PayloadObject } from '../migrations/migrations';
import { SHARE_PARAM } from './fragment';
import { decodeLzUri, LzDecodeError } from './lz-decode';
import { payloadProblem, SHARE_FORMAT_VERSION, type SharePayload } from './payload';
import { canonicalJson, parseSafeJson, SafeJsonError } from './safe-json';

/** The longest fragment read at all (64 KiB); longer links are refused before decompressing. */
export const MAX_FRAGMENT_CHARS = 64 * 1024;
/** The largest decompressed payload (2 MiB of JSON text). */
export const MAX_PAYLOAD_CHARS = 2 * 1024 * 1024;
/** Kubernetes objects nest about a dozen levels; anything past this is not a scenario. */
export const MAX_JSON_DEPTH = 64;

export { findShareParam, SHARE_PARAM } from './fragment';

export class ShareLinkError extends Error {
  /** What is wrong, without the lead-in (`its data is damaged: …`). */
  readonly reason: string;
  constructor(reason: string, options?: { cause?: unknown }) {
    super(`This share link cannot be opened: ${reason}.`, options);
    this.name = 'ShareLinkError';
    this.reason = reason;
  }
}

/** The fragment (without `#`) for `payload`: `s=1.lz.<payload>`. */
export function encodeShareFragment(payload: SharePayload): string {
  const problem = payloadProblem(payload);
  if (problem) throw new Error(`encodeShareFragment: not a valid payload: ${problem}`);
  return `${SHARE_PARAM}=${SHARE_FORMAT_VERSION}.lz.${compressToEncodedURIComponent(canonicalJson(payload))}`;
}

/** Decodes the share parameter's value (`1.lz.…`); throws ShareLinkError and nothing else. */
export function decodeShareParam(value: string, migrations: readonly Migration[] = SHARE_MIGRATIONS): SharePayload {
  try {
    return decode(value, migrations);
  } catch (e) {
    if (e instanceof ShareLinkError) throw e;
    if (e instanceof LzDecodeError || e instanceof SafeJsonError || e instanceof MigrationError) throw new ShareLinkError(e.message, { cause: e });
    throw new ShareLinkError(`it could not be read (${e instanceof Error ? e.message : String(e)})`, { cause: e });
  }
}

function decode(value: string, migrations: readonly Migration[]): SharePayload {
  if (typeof value !== 'string') throw new ShareLinkError('it is not text');
  if (value.length > MAX_FRAGMENT_CHARS) throw new ShareLinkError(`it is ${value.length} characters long; links are at most ${MAX_FRAGMENT_CHARS}`);
  const match = /^(\d{1,6})\.([a-z0-9]{1,10})\.(.*)$/s.exec(value);
  if (!match) throw new ShareLinkError('it does not have the form s=<version>.<codec>.<data> (the link may have been cut short)');
  const [, versionText, codec, data] = match;
  const version = Number(versionText);
  if (codec !== 'lz') throw new ShareLinkError(`its data is packed with "${codec}", which this Podscape does not know (it reads "lz")`);
  if (data.length === 0) throw new ShareLinkError('it carries no data (the link was cut short)');
  // Refuse a version this page cannot read before spending work on its data.
  if (version > SHARE_FORMAT_VERSION || version < 1) migrate({}, version, SHARE_FORMAT_VERSION, migrations);

  let json: string;
  try {
    json = decodeLzUri(data, MAX_PAYLOAD_CHARS);
  } catch (e) {
    if (e instanceof LzDecodeError) throw new ShareLinkError(`its data is damaged: ${e.message}`, { cause: e });
    throw e;
  }
  let parsed: unknown;
  try {
    parsed = parseSafeJson(json, MAX_JSON_DEPTH);
  } catch (e) {
    if (e instanceof SafeJsonError) throw new ShareLinkError(`its data is damaged: ${e.message}`, { cause: e });
    throw e;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new ShareLinkError('its data is not a Podscape session');
  const inner = (parsed as PayloadObject).v;
  if (inner !== version) throw new ShareLinkError(`it says format ${version} outside but ${String(JSON.stringify(inner)).slice(0, 40)} inside`);
  const current = migrate(parsed as PayloadObject, version, SHARE_FORMAT_VERSION, migrations);
  const problem = payloadProblem(current);
  if (problem) throw new ShareLinkError(`its session is not valid: ${problem}`);
  return current as unknown as SharePayload;
}
