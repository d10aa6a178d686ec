/**
 * Size limits of scenario input, in a leaf module: the page checks a chosen file's size
 * against them before reading it, without loading the YAML reader.
 */

/** Input larger than this is refused before parsing (a playground, not a data store). */
export const MAX_MANIFEST_BYTES = 32 * 1024 * 1024;
