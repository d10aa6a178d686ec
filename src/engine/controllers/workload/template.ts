/**
 * Pod templates → pods (controller.GetPodFromTemplate), the template hash the
 * Deployment, DaemonSet and StatefulSet controllers label their pods with
 * (controller.ComputeHash: FNV-32a, printed in decimal, then
 * rand.SafeEncodeString), and int-or-percent fields (intstr.GetScaledValueFromIntOrPercent).
 */
import type { KubeObject, OwnerReference, Pod, PodTemplateSpec } from '../../model/types';
import { deepClone } from '../../store/clone';

/** JSON with object keys sorted, undefined fields dropped: equal data → equal text. */
export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map((x) => (x === undefined ? 'null' : canonicalJson(x))).join(',')}]`;
  const rec = v as Record<string, unknown>;
  const keys = Object.keys(rec)
    .filter((k) => rec[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(rec[k])}`).join(',')}}`;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

function fnvByte(h: number, b: number): number {
  return Math.imul(h ^ b, FNV_PRIME) >>> 0;
}

/** FNV-32a over the UTF-8 bytes of a string, continuing from `h`. */
function fnvString(h: number, s: string): number {
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
      }
    }
    if (c < 0x80) h = fnvByte(h, c);
    else if (c < 0x800) {
      h = fnvByte(h, 0xc0 | (c >> 6));
      h = fnvByte(h, 0x80 | (c & 63));
    } else if (c < 0x10000) {
      h = fnvByte(h, 0xe0 | (c >> 12));
      h = fnvByte(h, 0x80 | ((c >> 6) & 63));
      h = fnvByte(h, 0x80 | (c & 63));
    } else {
      h = fnvByte(h, 0xf0 | (c >> 18));
      h = fnvByte(h, 0x80 | ((c >> 12) & 63));
      h = fnvByte(h, 0x80 | ((c >> 6) & 63));
      h = fnvByte(h, 0x80 | (c & 63));
    }
  }
  return h;
}

/** rand.SafeEncodeString's alphabet: no vowels, no confusable characters. */
const SAFE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** rand.SafeEncodeString: each byte picks alphabet[byte mod 27]. */
export function safeEncodeString(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += SAFE_ALPHABET[s.charCodeAt(i) % SAFE_ALPHABET.length];
  return out;
}

/**
 * controller.ComputeHash: a hash of the pod template (and the collision
 * count, when set), 1–10 characters from the safe alphabet — 9 or 10 for
 * almost every template (`5d8f7c9b4`). Upstream hashes Go's printed form of
 * the struct; we hash canonical JSON, so values differ from a real cluster's
 * but are just as stable.
 */
export function computeHash(template: unknown, collisionCount?: number): string {
  let h = fnvString(FNV_OFFSET, canonicalJson(template ?? {}));
  if (collisionCount !== undefined && collisionCount !== null) {
    // binary.LittleEndian.PutUint32 into an 8-byte buffer: 4 bytes of value, 4 zero bytes.
    const c = collisionCount >>> 0;
    for (let i = 0; i < 8; i++) h = fnvByte(h, i < 4 ? (c >>> (8 * i)) & 0xff : 0);
  }
  return safeEncodeString(String(h >>> 0));
}

/**
 * intstr.GetScaledValueFromIntOrPercent: an int as is; `"25%"` of `total`,
 * rounded up or down. A numeric string counts as an int (lenient).
 */
export function intOrPercent(v: number | string | undefined | null, total: number, roundUp: boolean, dflt: number | string): number {
  const val = v === undefined || v === null ? dflt : v;
  if (typeof val === 'number') return Math.trunc(val);
  const s = String(val).trim();
  if (s.endsWith('%')) {
    const pct = Number.parseInt(s.slice(0, -1), 10);
    if (!Number.isFinite(pct)) return 0;
    const scaled = (pct * total) / 100;
    return roundUp ? Math.ceil(scaled) : Math.floor(scaled);
  }
  const n = Number.parseInt(s, 10);
  return Number.isFinite(n) ? n : 0;
}

/** A copy of a string map without undefined values (what the store's copy would drop), so the pod can be stored as built. */
function definedEntries(m: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k in m) if (m[k] !== undefined) out[k] = m[k];
  return out;
}

/**
 * controller.GetPodFromTemplate: labels, annotations and finalizers copied
 * from the template, the spec deep-copied, the controller reference set.
 * The phase starts Pending, as the API server sets it on create.
 */
export function podFromTemplate(template: PodTemplateSpec | undefined, owner: KubeObject, ref: OwnerReference): Pod {
  const meta = template?.metadata ?? {};
  const pod: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      namespace: owner.metadata.namespace ?? 'default',
      labels: definedEntries(meta.labels),
      ownerReferences: [ref],
    },
    spec: deepClone(template?.spec ?? { containers: [] }),
    status: { phase: 'Pending' },
  };
  if (meta.annotations) pod.metadata.annotations = definedEntries(meta.annotations);
  if (Array.isArray(meta.finalizers)) pod.metadata.finalizers = [...(meta.finalizers as string[])];
  return pod;
}
