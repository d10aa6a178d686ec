/**
 * The stream kubectl prints a line of a command's output on, read from the line itself (a
 * command's result holds its lines without streams): its warnings (`Warning: …`, its own and
 * the API server's) and a refused eviction's retry line go to stderr, the rest to stdout.
 * Shared by `podscape run`'s kubectl lines and the node card's dry-run output.
 */
const STDERR = /^(?:Warning: |error when evicting pods\/)/;

export function kubectlStream(text: string): 'stdout' | 'stderr' {
  return STDERR.test(text) ? 'stderr' : 'stdout';
}
