/**
 * Finding the share parameter in a URL fragment. Kept apart from the codec so that the
 * page can tell whether it holds a link without loading the decoder.
 */

/** The fragment parameter that carries the payload. */
export const SHARE_PARAM = 's';

/**
 * The share parameter's value in a URL fragment (`#s=…`, with or without `#`, possibly
 * among other `&`-separated parameters), or null when the fragment has none.
 */
export function findShareParam(fragment: string): string | null {
  const body = fragment.startsWith('#') ? fragment.slice(1) : fragment;
  for (const part of body.split('&')) {
    if (part.startsWith(`${SHARE_PARAM}=`)) return part.slice(SHARE_PARAM.length + 1);
  }
  return null;
}
