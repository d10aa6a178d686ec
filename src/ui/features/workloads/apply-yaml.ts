/**
 * Applies the YAML editor's text: parsed as a scenario file is (line and column on a
 * syntax error), then each object sent to the engine with `apply`. A refusal from the
 * engine names a field; this finds that field's line in the text so the message reads
 * `editor.yaml:12:7: spec.replicas: Invalid value: …`.
 */
import type { Command, CommandResult } from '../../../engine/commands';
import { unknownFields, unknownFieldsNote, unlistedUnknownFields } from '../../../scenario/fields/unknown-fields';
import { checkKinds } from '../../../scenario/kinds';
import { ManifestError, parseManifests } from '../../../scenario/parse';

export const EDITOR_FILE = 'editor.yaml';

/**
 * The most text the editor applies at once (1 MiB; a Podscape limit). The editor reads YAML on the
 * page's main thread (the import reads it in the worker), at about a second per MB or worse, so a
 * pasted file of tens of MB froze the page before being refused at the reader's 32 MiB.
 */
export const MAX_EDITOR_CHARS = 1024 * 1024;

/**
 * `warnings`, present when there are any: the fields the real API schema does not have, one
 * located line each, worded as the import and `podscape run` word them. kubectl apply
 * (strict field validation) would refuse their objects; Podscape applies them and says so.
 */
export type ApplyOutcome =
  | { ok: true; messages: string[]; warnings?: string[] }
  /** A refusal; `messages` and `warnings` of the objects applied before it, when there were any (they stay applied). */
  | { ok: false; error: string; messages?: string[]; warnings?: string[] };

/**
 * The engine reports a refused apply as kubectl prints the API server's Invalid status,
 * `The <Kind> "<name>" is invalid: <field>: <message>` (validation), or `apply: <message>`;
 * returns the (first) field when there is one.
 */
export function fieldOfApplyError(error: string): string | null {
  const m = /^The \S+ "[^"]*" is invalid:(?: |\n\* )([A-Za-z][\w-]*(?:(?:\.[A-Za-z][\w./-]*)|\[\d+\])*): /.exec(error);
  return m ? m[1] : null;
}

export async function applyYaml(text: string, dispatch: (command: Command) => Promise<CommandResult>): Promise<ApplyOutcome> {
  if (text.length > MAX_EDITOR_CHARS) {
    return { ok: false, error: `${EDITOR_FILE}: the text is ${text.length} characters; the YAML editor reads at most ${MAX_EDITOR_CHARS} (1 MiB) at once, on the page itself: apply it in parts` };
  }
  let manifests;
  try {
    manifests = parseManifests(text, EDITOR_FILE);
    // A kind no API server serves refuses the whole text before anything is applied.
    checkKinds(manifests);
  } catch (error) {
    if (error instanceof ManifestError) return { ok: false, error: error.message };
    throw error;
  }
  if (manifests.objects.length === 0) return { ok: false, error: `${EDITOR_FILE}: no object to apply` };
  const tally = { total: 0 };
  const unknown = unknownFields(manifests, tally);
  const messages: string[] = [];
  for (let i = 0; i < manifests.objects.length; i++) {
    const result = await dispatch({ action: 'apply', object: manifests.objects[i] });
    if (!result.ok) {
      const field = fieldOfApplyError(result.error);
      const { line, column } = manifests.locate(i, field ?? '');
      // kubectl's strict decoding would have refused the object's unknown fields first; often they are the cause.
      const error = `${EDITOR_FILE}:${line}:${column}: ${result.error}${unknownFieldsNote(unknown, manifests.describe(i))}`;
      // The objects before it stay applied: say so, with their unknown fields.
      const applied = new Set(manifests.objects.slice(0, i).map((_, j) => manifests.describe(j)));
      const warnings = unknown.filter((u) => applied.has(u.object)).map((u) => u.message);
      return { ok: false, error, ...(messages.length > 0 ? { messages } : {}), ...(warnings.length > 0 ? { warnings } : {}) };
    }
    messages.push(...(result.messages ?? []));
  }
  const warnings = unknown.map((u) => u.message);
  const unlisted = unlistedUnknownFields(EDITOR_FILE, warnings.length, tally.total);
  if (unlisted) warnings.push(unlisted);
  return warnings.length > 0 ? { ok: true, messages, warnings } : { ok: true, messages };
}
