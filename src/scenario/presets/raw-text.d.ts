/** Vite's `?raw` suffix imports a file's text (declared here for the engine's and Node's tsconfigs). */
declare module '*.yaml?raw' {
  const text: string;
  export default text;
}
