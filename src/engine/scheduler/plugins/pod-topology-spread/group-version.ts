/** apiVersion strings split as apimachinery does (helper.DefaultSelector reads the controller reference's). */

/** apimachinery ParseGroupVersion, returning null on a malformed string. */
function parseGroupVersion(gv: string): { group: string; version: string } | null {
  if (gv === '') return { group: '', version: '' };
  const parts = gv.split('/');
  if (parts.length === 1) return { group: '', version: parts[0] };
  if (parts.length === 2) return { group: parts[0], version: parts[1] };
  return null;
}

/** parseGroupVersion, remembered per string (a few distinct apiVersions). */
const groupVersions = new Map<string, { group: string; version: string } | null>();
export function groupVersionOf(gv: string): { group: string; version: string } | null {
  let r = groupVersions.get(gv);
  if (r === undefined) {
    r = parseGroupVersion(gv);
    if (groupVersions.size >= 64) groupVersions.clear();
    groupVersions.set(gv, r);
  }
  return r;
}
