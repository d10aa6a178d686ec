/**
 * The cluster picture as a standalone SVG document, built from a frame: one card per
 * node (name, status, cpu/memory/pods bars, its pods) and the pending pods below. Every
 * name is escaped XML text, so a pod called `<script>` is only ever drawn as text.
 */
import type { Frame, NodeFrame, PodFrame } from '../../../../protocol/engine-api';
import { formatClusterTime } from '../../timeline/format-time';

const CARD_W = 300;
const GAP = 16;
const POD_H = 20;
const HEAD_H = 104;
const MARGIN = 24;
const TITLE_H = 48;

const PHASE_COLOUR: Record<string, string> = { Running: '#1a7f37', Pending: '#9a6700', Succeeded: '#57606a', Failed: '#cf222e', Unknown: '#57606a' };

/** Escapes text for XML content and attribute values. */
export function xmlText(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** Cuts long names so they fit a card (the full name stays in a <title>). */
function fit(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}

function bar(x: number, y: number, w: number, label: string, used: number, total: number): string {
  const f = total > 0 ? Math.min(1, used / total) : 0;
  const colour = f > 0.9 ? '#cf222e' : f > 0.7 ? '#bf8700' : '#0969da';
  return [
    `<text x="${x}" y="${y + 10}" class="small">${label}</text>`,
    `<rect x="${x + 56}" y="${y + 2}" width="${w - 100}" height="8" rx="4" fill="#e6e9ed"/>`,
    `<rect x="${x + 56}" y="${y + 2}" width="${((w - 100) * f).toFixed(1)}" height="8" rx="4" fill="${colour}"/>`,
    `<text x="${x + w - 36}" y="${y + 10}" class="small">${Math.round(f * 100)}%</text>`,
  ].join('');
}

function podRow(pod: PodFrame, x: number, y: number, w: number): string {
  const key = `${pod.namespace}/${pod.name}`;
  const phase = pod.deletionTimestamp ? 'Terminating' : pod.phase;
  const colour = PHASE_COLOUR[pod.phase] ?? '#57606a';
  return (
    `<g data-pod="${xmlText(key)}"><title>${xmlText(`${key} ${phase}`)}</title>` +
    `<circle cx="${x + 6}" cy="${y + 10}" r="4" fill="${colour}"/>` +
    `<text x="${x + 16}" y="${y + 14}">${xmlText(fit(pod.namespace === 'default' ? pod.name : key, 27))}</text>` +
    `<text x="${x + w - 8}" y="${y + 14}" text-anchor="end" class="small" fill="${colour}">${xmlText(phase)}</text></g>`
  );
}

function nodeCard(node: NodeFrame, pods: readonly PodFrame[], x: number, y: number, h: number): string {
  const dashed = node.status === 'Ready' ? '' : ' stroke-dasharray="6 4"';
  const facts = [node.status, ...(node.unschedulable ? ['cordoned'] : []), ...(node.powered ? [] : ['powered off']), ...node.roles, ...(node.zone ? [node.zone] : [])].join(' · ');
  const parts = [
    `<g data-node="${xmlText(node.name)}">`,
    `<rect x="${x}" y="${y}" width="${CARD_W}" height="${h}" rx="8" fill="#ffffff" stroke="#d0d7de"${dashed}/>`,
    `<text x="${x + 12}" y="${y + 24}" class="name">${xmlText(fit(node.name, 30))}</text>`,
    `<text x="${x + 12}" y="${y + 42}" class="small">${xmlText(fit(facts, 48))}</text>`,
    bar(x + 12, y + 50, CARD_W - 24, 'cpu', node.requested.cpu, node.allocatable.cpu),
    bar(x + 12, y + 66, CARD_W - 24, 'memory', node.requested.memory, node.allocatable.memory),
    bar(x + 12, y + 82, CARD_W - 24, 'pods', node.requested.pods, node.allocatable.pods),
    ...pods.map((p, i) => podRow(p, x + 12, y + HEAD_H + i * POD_H, CARD_W - 24)),
    '</g>',
  ];
  return parts.join('');
}

export interface ClusterPicture {
  svg: string;
  width: number;
  height: number;
}

/** The SVG document for `frame`, titled with the scenario name and the cluster time. */
export function clusterSvg(frame: Frame, title: string): ClusterPicture {
  const names = new Set(frame.nodes.map((n) => n.name));
  const byNode = new Map<string, PodFrame[]>(frame.nodes.map((n) => [n.name, []]));
  const pending: PodFrame[] = [];
  for (const p of frame.pods) {
    if (p.nodeName !== null && names.has(p.nodeName)) byNode.get(p.nodeName)!.push(p);
    else pending.push(p);
  }
  const columns = Math.max(1, Math.min(4, frame.nodes.length));
  const width = MARGIN * 2 + columns * CARD_W + (columns - 1) * GAP;
  const parts: string[] = [];
  let y = MARGIN + TITLE_H;
  for (let row = 0; row * columns < frame.nodes.length; row++) {
    const nodes = frame.nodes.slice(row * columns, row * columns + columns);
    const h = HEAD_H + 8 + Math.max(1, ...nodes.map((n) => byNode.get(n.name)!.length)) * POD_H;
    nodes.forEach((n, i) => parts.push(nodeCard(n, byNode.get(n.name)!, MARGIN + i * (CARD_W + GAP), y, h)));
    y += h + GAP;
  }
  const trayW = width - MARGIN * 2;
  const trayH = 40 + Math.max(1, pending.length) * POD_H;
  parts.push(
    `<g data-pending-tray=""><rect x="${MARGIN}" y="${y}" width="${trayW}" height="${trayH}" rx="8" fill="#ffffff" stroke="#d0d7de"/>`,
    `<text x="${MARGIN + 12}" y="${y + 24}" class="name">Pending pods (${pending.length})</text>`,
    ...(pending.length > 0 ? pending.map((p, i) => podRow(p, MARGIN + 12, y + 34 + i * POD_H, Math.min(trayW - 24, 600))) : [`<text x="${MARGIN + 12}" y="${y + 48}" class="small">Every pod has a node.</text>`]),
    '</g>',
  );
  const height = y + trayH + MARGIN;
  const heading = `${title} · cluster time ${formatClusterTime(frame.time)} · ${frame.nodes.length} nodes, ${frame.pods.length} pods`;
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif" font-size="13" fill="#1b1f24">` +
    `<title>${xmlText(heading)}</title>` +
    `<style>.name{font-size:15px;font-weight:600}.small{font-size:11px;fill:#57606a}</style>` +
    `<rect width="100%" height="100%" fill="#f7f8fa"/>` +
    `<text x="${MARGIN}" y="${MARGIN + 20}" class="name" font-size="18">${xmlText(heading)}</text>` +
    parts.join('') +
    '</svg>';
  return { svg, width, height };
}
