// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- declares Vite's ?boot-frame import for the UI's tsconfig
/// <reference path="../../scenario/presets/raw-text.d.ts" />
/**
 * The default scenario's boot load, made at build time (the cold load, issue 4): the
 * summary and first frame the page receives when the engine worker boots the default
 * scenario (build/boot-frame-plugin.ts, worker/boot-frame.ts; boot-frame.test.ts proves
 * them equal). The page draws it at once instead of waiting for the worker to download,
 * compile and settle the scenario; the worker's own answer follows with the same frame.
 */
import json from '../../../scenarios/default.yaml?boot-frame';
import type { LoadResult } from '../../protocol/engine-api';

/** A fresh copy of the default scenario's boot load. */
export function readBootPreview(): LoadResult {
  return JSON.parse(json) as LoadResult;
}
