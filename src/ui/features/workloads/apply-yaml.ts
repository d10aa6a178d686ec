/**
 * Applies the YAML editor's text: parsed as a scenario file is (line and column on a
 * syntax error), then each object sent to the engine with `apply`. A refusal from the
 * engine names a field; this finds that field's line in the text so the message reads
 * `editor.yaml:12:7: spec.replicas: Invalid value: …`.
 */
import type { Command, CommandResult } from '../../../engine/commands';
import { unknownFields, unlistedUnknownFields } from '../../../scenario/fields/unknown-fields';
import { checkKinds } from '../../../scenario/kinds';
import { ManifestError, parseManifests } from '../../../scenario/parse';

export const EDITOR_FILE = 'editor.yaml';

/**
 * `warnings`, present when there are any: the fields the real API schema does not have, one
 * located line each, worded as the import and `podscape run` word them. kubectl apply
 * (strict field validation) would refuse their objects; Podscape applies them and says so.
 */
export type ApplyOutcome = { ok: true; messages: string[]; warnings?: string[] } | { ok: false; error: string };

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
  const messages: string[] = [];
  for (let i = 0; i < manifests.objects.length; i++) {
    const result = await dispatch({ action: 'apply', object: manifests.objects[i] });
    if (!result.ok) {
      const field = fieldOfApplyError(result.error);
      const { line, column } = manifests.locate(i, field ?? '');
      return { ok: false, error: `${EDITOR_FILE}:${line}:${column}: ${result.error}` };
    }
    messages.push(...(result.messages ?? []));
  }
  const tally = { total: 0 };
  const warnings = unknownFields(manifests, tally).map((u) => u.message);
  const unlisted = unlistedUnknownFields(EDITOR_FILE, warnings.length, tally.total);
  if (unlisted) warnings.push(unlisted);
  return warnings.length > 0 ? { ok: true, messages, warnings } : { ok: true, messages };
}
