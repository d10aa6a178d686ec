/** A workload's selection key, `Kind/namespace/name`: the Inspector's title needs it before its details load. */
export const workloadKey = (kind: string, namespace: string, name: string) => `${kind}/${namespace}/${name}`;

export function parseWorkloadKey(key: string): { kind: string; namespace: string; name: string } {
  const [kind, namespace, ...rest] = key.split('/');
  return { kind, namespace, name: rest.join('/') };
}
