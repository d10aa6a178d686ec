/**
 * A scenario parsed and validated ahead of time (the cold load, issue 4): the build turns
 * scenarios/default.yaml into what `importScenario` reads from it, as JSON
 * (build/preparsed-scenario-plugin.ts), so the worker's first load skips the YAML parser
 * and the validation. `loadScenario` uses it only when the text to load is exactly the
 * text it was made from; the result equals parsing that text (preparsed-scenario.test.ts).
 */
import type { KubeObject } from '../engine/model/types';
import type { UnknownField } from '../scenario/fields/unknown-fields';
import { importScenario, type UnsupportedKind } from '../scenario/import/import';
import type { LoadedScenario as ReadScenario } from '../scenario/scenario';

/** The source text and what `importScenario` made of it, as JSON. */
export interface PreparsedScenario {
  text: string;
  json: string;
}

/** What loadScenario needs from an import when the load succeeds. */
export interface PreparsedImport {
  read: ReadScenario;
  scenarioObject: KubeObject | null;
  unsupported: UnsupportedKind[];
  unknownFields: UnknownField[];
  unknownFieldCount: number;
}

/**
 * Parses and validates `text` (throws ManifestError as a load would) and returns the
 * result as JSON. Throws when the result holds anything JSON would not give back as it
 * is (-0, NaN, ±Infinity, a non-plain object), so a pre-parsed load can never differ.
 */
export function preparseScenario(text: string, file: string): string {
  const { manifests, scenario: read, unsupported, unknownFields, unknownFieldCount } = importScenario(text, file);
  const scenarioObject = manifests.objects.find((o) => o.kind === 'Scenario') ?? null;
  const value: PreparsedImport = { read, scenarioObject, unsupported, unknownFields, unknownFieldCount };
  assertJsonExact(value, file);
  return JSON.stringify(value);
}

/** A fresh copy of the import (the simulation may keep the objects it loads). */
export function readPreparsed(preparsed: PreparsedScenario): PreparsedImport {
  return JSON.parse(preparsed.json) as PreparsedImport;
}

/** Throws when `value` holds anything JSON would not give back as it is (-0, NaN, ±Infinity, undefined in an array, a non-plain object). */
export function assertJsonExact(value: unknown, where: string): void {
  if (value === null || typeof value === 'string' || typeof value === 'boolean' || value === undefined) return;
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || Object.is(value, -0)) throw new Error(`${where}: ${String(value)} does not survive JSON`);
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      if (v === undefined) throw new Error(`${where}[${i}]: undefined does not survive JSON`);
      assertJsonExact(v, `${where}[${i}]`);
    });
    return;
  }
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    for (const [k, v] of Object.entries(value)) assertJsonExact(v, `${where}.${k}`);
    return;
  }
  throw new Error(`${where}: a ${typeof value} does not survive JSON`);
}
