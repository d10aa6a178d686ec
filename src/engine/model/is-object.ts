/** A JSON object (a YAML mapping): not null, not an array. Used wherever unvalidated input is read. */
export const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
