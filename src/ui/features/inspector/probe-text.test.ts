/** Probe lines as kubectl describe pod prints them (describe.go DescribeProbe), with the API server's defaults filled in. */
import { describe, expect, it } from 'vitest';
import { probeLines, probeText } from './probe-text';

describe('probeText', () => {
  it('prints an httpGet with the defaults the API server writes (scheme http, timeout 1s, period 10s, #success 1, #failure 3)', () => {
    expect(probeText({ httpGet: { path: '/healthz', port: 8080 } })).toBe('http-get http://:8080/healthz delay=0s timeout=1s period=10s #success=1 #failure=3');
  });

  it('keeps the fields that were set, lowercases the scheme, adds the path slash and defaults an empty path to /', () => {
    expect(probeText({ httpGet: { path: 'ready', port: 'web', scheme: 'HTTPS', host: '10.0.0.1' }, initialDelaySeconds: 5, periodSeconds: 5, timeoutSeconds: 2, successThreshold: 2, failureThreshold: 6 })).toBe(
      'http-get https://10.0.0.1:web/ready delay=5s timeout=2s period=5s #success=2 #failure=6',
    );
    expect(probeText({ httpGet: { port: 80 } })).toBe('http-get http://:80/ delay=0s timeout=1s period=10s #success=1 #failure=3');
    expect(probeText({ httpGet: { port: 80, host: 'fe80::1' } }).split(' ')[1]).toBe('http://[fe80::1]:80/');
  });

  it('treats 0 as unset, as the defaulting does', () => {
    expect(probeText({ tcpSocket: { port: 5432 }, periodSeconds: 0, failureThreshold: 0 })).toBe('tcp-socket :5432 delay=0s timeout=1s period=10s #success=1 #failure=3');
  });

  it('prints tcpSocket, exec and grpc handlers', () => {
    expect(probeText({ tcpSocket: { port: 5432, host: 'db' }, periodSeconds: 5, failureThreshold: 2 })).toBe('tcp-socket db:5432 delay=0s timeout=1s period=5s #success=1 #failure=2');
    expect(probeText({ exec: { command: ['cat', '/tmp/healthy'] } })).toBe('exec [cat /tmp/healthy] delay=0s timeout=1s period=10s #success=1 #failure=3');
    expect(probeText({ grpc: { port: 2379 } })).toBe('grpc <pod>:2379  delay=0s timeout=1s period=10s #success=1 #failure=3');
    expect(probeText({ grpc: { port: 2379, service: 'etcd' } })).toBe('grpc <pod>:2379 etcd delay=0s timeout=1s period=10s #success=1 #failure=3');
  });
});

describe('probeLines', () => {
  it("lists a container's probes in kubectl's order: Liveness, Readiness, Startup", () => {
    const lines = probeLines({
      name: 'app',
      startupProbe: { exec: { command: ['true'] }, failureThreshold: 30 },
      readinessProbe: { tcpSocket: { port: 80 } },
      livenessProbe: { httpGet: { path: '/live', port: 80 } },
    });
    expect(lines.map((l) => l.label)).toEqual(['Liveness', 'Readiness', 'Startup']);
    expect(lines[2].text).toBe('exec [true] delay=0s timeout=1s period=10s #success=1 #failure=30');
  });

  it('is empty for a container without probes', () => {
    expect(probeLines({ name: 'app', image: 'app:1' })).toEqual([]);
  });
});
