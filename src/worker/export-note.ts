/**
 * What a scenario export cannot carry, said at the top of the file: a Scenario starts at
 * 0:00 with every machine powered on (a manifest has no "this node has no power"), so the
 * file names the cluster time it was written at and the machines that were off then. A
 * share link (the scenario plus the commands and the time) reproduces the moment exactly.
 * Nothing at time 0 with every machine on: then nothing is lost.
 */
export function exportNote(time: number, poweredOff: readonly string[]): string {
  if (time === 0 && poweredOff.length === 0) return '';
  const lines = [
    `Exported at cluster time ${clock(time)}. The objects are as they were then; loaded again, the`,
    'cluster starts at 00:00:00 with every machine powered on' + (poweredOff.length ? ` (powered off then: ${poweredOff.join(', ')}).` : '.'),
    'A share link (Share) reproduces this exact moment instead.',
  ];
  return lines.map((l) => `# ${l}\n`).join('');
}

/** Virtual ms as the app's clock shows it: `00:01:15`. */
function clock(ms: number): string {
  const s = Math.floor(ms / 1000);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(Math.floor(s / 3600))}:${two(Math.floor(s / 60) % 60)}:${two(s % 60)}`;
}
