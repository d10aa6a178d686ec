/**
 * Exact Kubernetes quantities for display, as kubectl would write them: no rounding, so
 * the numbers match `kubectl describe node`. Pure; the UI never imports engine code.
 */

/** Millicores as a cpu quantity: whole cores plainly ("4"), anything else in millicores ("1500m"). */
export function formatCpu(millicores: number): string {
  return millicores % 1000 === 0 ? String(millicores / 1000) : `${millicores}m`;
}

const BINARY = ['Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'] as const;
const DECIMAL = ['k', 'M', 'G', 'T', 'P', 'E'] as const;

/**
 * Bytes as a memory quantity with the largest suffix that keeps it exact: binary first
 * ("3Gi", "7794404Ki"), then decimal ("500M"), else plain bytes ("1001").
 */
export function formatMemory(bytes: number): string {
  if (bytes === 0 || !Number.isSafeInteger(bytes)) return String(bytes);
  return largestExact(bytes, 1024, BINARY) ?? largestExact(bytes, 1000, DECIMAL) ?? String(bytes);
}

function largestExact(value: number, base: number, suffixes: readonly string[]): string | null {
  let found: string | null = null;
  let divisor = base;
  for (const suffix of suffixes) {
    if (value % divisor !== 0) break;
    found = `${value / divisor}${suffix}`;
    divisor *= base;
  }
  return found;
}
