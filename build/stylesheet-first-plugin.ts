/**
 * The cold load (issue 4): index.html's stylesheet link goes before its module script and
 * module preloads, so the browser asks for it first. The first paint waits for it, and
 * so does the module script; asked for last, it queued on localhost behind the scripts'
 * downloads (React's renderer and the app, each ~210 KB raw) in the same server.
 */
import type { Plugin } from 'vite';

const STYLESHEET = /[ \t]*<link rel="stylesheet"[^>]*>\n?/g;
const FIRST_SCRIPT = /[ \t]*<(?:script type="module"|link rel="modulepreload")[^>]*>/;

/** `html` with its stylesheet links moved, in order, before its first module script or module preload (unchanged without either). */
export function stylesheetsFirst(html: string): string {
  const first = FIRST_SCRIPT.exec(html);
  const links = html.match(STYLESHEET);
  if (!first || !links || links.every((link) => html.indexOf(link) < first.index)) return html;
  const rest = html.replace(STYLESHEET, '');
  const at = FIRST_SCRIPT.exec(rest)!.index;
  const indent = /^[ \t]*/.exec(first[0])![0];
  return rest.slice(0, at) + links.map((link) => `${indent}${link.trim()}\n`).join('') + rest.slice(at);
}

export function stylesheetFirst(): Plugin {
  return {
    name: 'podscape-stylesheet-first',
    apply: 'build',
    transformIndexHtml: { order: 'post', handler: (html) => stylesheetsFirst(html) },
  };
}
