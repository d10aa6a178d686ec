/** Vite's `?raw` suffix imports a file's text (declared here for the engine's and Node's tsconfigs). */
declare module '*.yaml?raw' {
  const text: string;
  export default text;
}

/** A scenario parsed and validated at build time (build/preparsed-scenario-plugin.ts): JSON text. */
declare module '*.yaml?preparsed' {
  const json: string;
  export default json;
}

/** The scenario's boot load as the page receives it, made at build time (build/boot-frame-plugin.ts): JSON text of a LoadResult. */
declare module '*.yaml?boot-frame' {
  const json: string;
  export default json;
}
