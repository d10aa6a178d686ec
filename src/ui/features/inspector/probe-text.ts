/**
 * A container's probes as `kubectl describe pod` prints them under the container
 * (kubernetes/kubernetes staging/src/k8s.io/kubectl/pkg/describe/describe.go, DescribeProbe):
 * the handler (`http-get http://:8080/healthz`, `tcp-socket :5432`, `exec [cat /tmp/ready]`,
 * `grpc <pod>:2379 `), then `delay=0s timeout=1s period=10s #success=1 #failure=3`.
 *
 * kubectl reads the pod from the API server, which has written the probe defaults
 * (pkg/apis/core/v1/defaults.go: timeoutSeconds 1, periodSeconds 10, successThreshold 1,
 * failureThreshold 3; an httpGet's scheme HTTP and path `/`). Podscape
 * keeps the probe as the user wrote it, so the defaults are filled in here by the kubelet's own
 * reading of them (probeTimings; 0 or absent means the default). Order: Liveness, Readiness, Startup.
 */
import { probeTimings } from '../../../scenario/probe-defaults';

export interface ProbeLine {
  /** `Liveness`, `Readiness` or `Startup`, the label kubectl prints. */
  label: 'Liveness' | 'Readiness' | 'Startup';
  text: string;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);


/** A port as an IntOrString prints: a number or a named port; absent prints empty. */
const portText = (v: unknown) => (typeof v === 'number' || typeof v === 'string' ? String(v) : '');

/** Go's net.JoinHostPort: an IPv6 host goes in brackets. */
const joinHostPort = (host: string, port: string) => (host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`);

function httpGetText(h: Record<string, unknown>): string {
  const scheme = (typeof h.scheme === 'string' && h.scheme !== '' ? h.scheme : 'HTTP').toLowerCase();
  const host = typeof h.host === 'string' ? h.host : '';
  const port = portText(h.port);
  let path = typeof h.path === 'string' && h.path !== '' ? h.path : '/';
  // Go's url.URL.String puts a slash between a host and a path that lacks one.
  if (!path.startsWith('/')) path = `/${path}`;
  return `http-get ${scheme}://${port !== '' ? joinHostPort(host, port) : host}${path}`;
}

/** The handler part of one probe: what DescribeProbe prints before the timings. */
function handlerText(probe: Record<string, unknown>): string {
  if (isObj(probe.exec)) {
    const cmd = Array.isArray(probe.exec.command) ? probe.exec.command.map(String) : [];
    // Go's %v of a []string: the items joined by spaces, in brackets.
    return `exec [${cmd.join(' ')}]`;
  }
  if (isObj(probe.httpGet)) return httpGetText(probe.httpGet);
  if (isObj(probe.tcpSocket)) {
    const host = typeof probe.tcpSocket.host === 'string' ? probe.tcpSocket.host : '';
    return `tcp-socket ${host}:${portText(probe.tcpSocket.port)}`;
  }
  if (isObj(probe.grpc)) {
    const service = typeof probe.grpc.service === 'string' ? probe.grpc.service : '';
    return `grpc <pod>:${portText(probe.grpc.port)} ${service}`;
  }
  return 'unknown';
}

/** One probe as kubectl describe prints it, with the API server's defaults for the fields left out. */
export function probeText(probe: Record<string, unknown>): string {
  const t = probeTimings(probe);
  const timings =
    `delay=${t.initialDelaySeconds}s timeout=${t.timeoutSeconds}s period=${t.periodSeconds}s ` +
    `#success=${t.successThreshold} #failure=${t.failureThreshold}`;
  return `${handlerText(probe)} ${timings}`;
}

const FIELDS = [
  ['livenessProbe', 'Liveness'],
  ['readinessProbe', 'Readiness'],
  ['startupProbe', 'Startup'],
] as const;

/** The container's probes in kubectl's order (Liveness, Readiness, Startup); empty when it has none. */
export function probeLines(container: object): ProbeLine[] {
  const rec = container as Record<string, unknown>;
  const out: ProbeLine[] = [];
  for (const [field, label] of FIELDS) {
    const p = rec[field];
    if (isObj(p)) out.push({ label, text: probeText(p) });
  }
  return out;
}
