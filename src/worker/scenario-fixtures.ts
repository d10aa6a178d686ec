/**
 * YAML pieces for the worker's tests: a Ready node of 2 cpu / 4Gi in a zone, and the
 * `web` Deployment (nginx, 250m / 256Mi per pod) the small test scenarios run.
 */

/** A Ready node as a YAML document (with its `---`); `extraLabels` continues the labels map (`, key: value`). */
export const nodeYaml = (name: string, zone: string, extraLabels = '') => `
---
apiVersion: v1
kind: Node
metadata:
  name: ${name}
  labels: { topology.kubernetes.io/zone: ${zone}${extraLabels} }
status:
  allocatable: { cpu: "2", memory: 4Gi, pods: "110" }
  conditions: [{ type: Ready, status: "True" }]`;

/** The `web` Deployment as a YAML document (with its `---`). */
export const webDeploymentYaml = (replicas: number) => `---
apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: default }
spec:
  replicas: ${replicas}
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers: [{ name: nginx, image: nginx, resources: { requests: { cpu: 250m, memory: 256Mi } } }]`;
