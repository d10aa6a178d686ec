/**
 * Branch ux13's third pass (docs/ui.md): round 12's leftovers and what the node kill
 * showed on a projector, with the keyboard only and through the accessibility tree.
 * Each test is one behaviour, seen failing before its fix.
 */
import { expect, test, type Page } from '@playwright/test';
import type { Frame } from '../../src/protocol/engine-api';
import type {} from '../../src/ui/e2e-api'; // declares window.__podscape
import { waitForCluster, watchPageHealth } from '../fixtures/page-health';

const snapshot = (page: Page) => page.evaluate(() => window.__podscape!.snapshot()) as Promise<Frame>;

/** Three workers: one stays up, one is killed and left past the grace period, one is killed a moment ago. */
const THREE = `apiVersion: v1
kind: Node
metadata: { name: fine }
status:
  allocatable: { cpu: "2", memory: 4Gi, pods: "110" }
  conditions: [{ type: Ready, status: "True", reason: KubeletReady }]
---
apiVersion: v1
kind: Node
metadata: { name: dark }
status:
  allocatable: { cpu: "2", memory: 4Gi, pods: "110" }
  conditions: [{ type: Ready, status: "True", reason: KubeletReady }]
---
apiVersion: v1
kind: Node
metadata: { name: lost }
status:
  allocatable: { cpu: "2", memory: 4Gi, pods: "110" }
  conditions: [{ type: Ready, status: "True", reason: KubeletReady }]
`;

interface Edge {
  style: string;
  width: number;
  color: string;
  /** WCAG contrast of the edge's colour against the page's background. */
  contrast: number;
}

/** A node card's edge (its top border) and how far it stands out from the page. */
async function edgeOf(page: Page, node: string): Promise<Edge> {
  return page.locator(`[data-node="${node}"]`).evaluate((card) => {
    const rgb = (text: string) => (text.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
    const lum = (c: number[]) =>
      c
        .map((v) => v / 255)
        .map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4))
        .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
    const style = getComputedStyle(card);
    const page = rgb(getComputedStyle(document.documentElement).backgroundColor);
    const edge = rgb(style.borderTopColor);
    const [hi, lo] = [lum(edge), lum(page)].sort((a, b) => b - a);
    return { style: style.borderTopStyle, width: parseFloat(style.borderTopWidth), color: style.borderTopColor, contrast: (hi + 0.05) / (lo + 0.05) };
  });
}

for (const theme of ['Light', 'Dark'] as const) {
  test(`${theme} theme: a powered-off, an Unknown and a NotReady node each have an edge of their own, at least 3:1 against the page`, async ({ page, baseURL }) => {
    const health = watchPageHealth(page, baseURL!);
    await page.goto('/');
    await waitForCluster(page);
    await page.getByLabel('Theme').selectOption(theme);
    await page.evaluate((yaml) => window.__podscape!.load(yaml), THREE);
    await expect.poll(async () => (await snapshot(page)).nodes.map((n) => n.name).sort()).toEqual(['dark', 'fine', 'lost']);
    const card = (n: string) => page.locator(`[data-node="${n}"]`);
    expect(await page.evaluate(() => window.__podscape!.dispatch({ action: 'killNode', node: 'lost' }))).toMatchObject({ ok: true });
    // lost: powered off for 60 s, past the 50 s grace period: Unknown. Then dark goes off: still Ready.
    await page.evaluate(() => window.__podscape!.advance(60_000));
    expect(await page.evaluate(() => window.__podscape!.dispatch({ action: 'killNode', node: 'dark' }))).toMatchObject({ ok: true });
    await page.evaluate(() => window.__podscape!.advance(1_000));
    await expect(card('lost')).toHaveAttribute('data-node-status', 'Unknown');
    await expect(card('lost')).toHaveAttribute('data-powered', 'false');
    await expect(card('dark')).toHaveAttribute('data-node-status', 'Ready');
    await expect(card('dark')).toHaveAttribute('data-powered', 'false');
    await expect(card('fine')).toHaveAttribute('data-node-status', 'Ready');

    const fine = await edgeOf(page, 'fine');
    const dark = await edgeOf(page, 'dark');
    const lost = await edgeOf(page, 'lost');
    // The engine's kubelets never report Ready=False (a node goes Unknown when its heartbeats
    // stop), so NotReady only comes with a loaded status, until the first heartbeat: its look
    // is the stylesheet's, read from a powered card given the status the card would carry.
    await card('fine').evaluate((el) => el.setAttribute('data-node-status', 'NotReady'));
    const sick = await edgeOf(page, 'fine');
    const edges = { fine, dark, lost, sick };
    for (const name of ['dark', 'lost', 'sick'] as const) {
      expect(edges[name].contrast, `${name}'s edge (${edges[name].color}) against the page`).toBeGreaterThanOrEqual(3);
      expect(edges[name].width, `${name}'s edge width`).toBeGreaterThanOrEqual(2);
    }
    expect(edges.dark.style).toBe('solid');
    expect(edges.lost.style).toBe('dashed');
    expect(edges.sick.style).toBe('dashed');
    // Four looks, none the same as another: Ready, powered off, Unknown, NotReady.
    const looks = new Set(Object.values(edges).map((e) => `${e.style} ${e.width} ${e.color}`));
    expect(looks.size).toBe(4);
    expect(health.consoleErrors).toEqual([]);
  });
}
