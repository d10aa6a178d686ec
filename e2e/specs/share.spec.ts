import { expect, test, type Page } from '@playwright/test';
import type {} from '../../src/ui/e2e-api'; // declares window.__podscape
import { waitForCluster, watchPageHealth } from '../fixtures/page-health';
import { placements, stateHash } from '../fixtures/session';

// The story bar (this page's history) and the clock docked in it once the header scrolls away
// (it floats only after a scroll event, so one page may show it and the other not yet).
const NO_STORY_BAR = '[data-story-log], .clock[data-floating] { visibility: hidden !important; }';

/** Compares two PNGs in the page: pixels whose channels differ by more than 96 of 255 (text moved, colour changed). */
async function pixelDifference(page: Page, a: Buffer, b: Buffer): Promise<{ sameSize: boolean; differing: number }> {
  return page.evaluate(
    async ([first, second]) => {
      const load = async (base64: string) => createImageBitmap(await (await fetch(`data:image/png;base64,${base64}`)).blob());
      const [x, y] = await Promise.all([load(first), load(second)]);
      if (x.width !== y.width || x.height !== y.height) return { sameSize: false, differing: -1 };
      const pixels = (image: ImageBitmap) => {
        const canvas = new OffscreenCanvas(image.width, image.height);
        const context = canvas.getContext('2d')!;
        context.drawImage(image, 0, 0);
        return context.getImageData(0, 0, image.width, image.height).data;
      };
      const [p, q] = [pixels(x), pixels(y)];
      let differing = 0;
      for (let i = 0; i < p.length; i += 4) {
        if (Math.max(Math.abs(p[i] - q[i]), Math.abs(p[i + 1] - q[i + 1]), Math.abs(p[i + 2] - q[i + 2])) > 96) differing++;
      }
      return { sameSize: true, differing };
    },
    [a.toString('base64'), b.toString('base64')] as const,
  );
}

test('a share link opens the exact state in a fresh browser: same hash, same placements, same picture', async ({ page, browser, baseURL }) => {
  const health = watchPageHealth(page, baseURL!);
  await page.goto('/');
  await waitForCluster(page);

  // A session: a command, some time, another command, more time.
  await page.evaluate(async () => {
    const api = window.__podscape!;
    await api.dispatch({ action: 'cordon', node: 'worker-1' });
    await api.advance(20_000);
    await api.dispatch({ action: 'killNode', node: 'worker-2' });
    await api.advance(75_000);
  });
  await expect(page.getByLabel('Cluster time')).toHaveText('00:01:35');
  const hash = await stateHash(page);
  const where = await placements(page);
  // The picture before the share field opens above it, so both pages lay out the same.
  // The story bar (StoryLog.tsx) sticks to the window's foot over the cards; it tells this
  // page's history, which a fresh page opened from the link has not lived: not in the picture.
  const picture = await page.getByRole('region', { name: /^Nodes/ }).screenshot({ animations: 'disabled', style: NO_STORY_BAR });

  await page.getByRole('button', { name: 'Share', exact: true }).click();
  const field = page.getByLabel('Share link');
  await expect(field).toHaveValue(/#s=1\.lz\./);
  const link = await field.inputValue();
  // The default scenario travels as a pinned reference: the link fits the 2 KB budget.
  expect(link.length).toBeLessThanOrEqual(2048);
  await expect(page.getByRole('button', { name: 'Download scenario file' })).toHaveCount(0);

  const other = await browser.newContext();
  const visitor = await other.newPage();
  const visitorHealth = watchPageHealth(visitor, baseURL!);
  await visitor.goto(link);
  await waitForCluster(visitor);
  await expect(visitor.getByLabel('Cluster time')).toHaveText('00:01:35');
  expect(await stateHash(visitor)).toBe(hash);
  expect(await placements(visitor)).toEqual(where);
  await expect(visitor.locator('[data-node="worker-1"]')).toHaveAttribute('data-unschedulable', 'true');
  await expect(visitor.getByRole('alert')).toHaveCount(0);
  // The link is consumed: the address bar no longer carries it, so a reload keeps later work.
  expect(new URL(visitor.url()).hash).toBe('');
  const seen = await visitor.getByRole('region', { name: /^Nodes/ }).screenshot({ animations: 'disabled', style: NO_STORY_BAR });
  // The same picture: same size, and no pixel differs by more than antialiasing at a subpixel offset.
  expect(await pixelDifference(visitor, picture, seen)).toEqual({ sameSize: true, differing: 0 });

  await other.close();
  expect(health.consoleErrors).toEqual([]);
  expect(health.foreignRequests).toEqual([]);
  expect(visitorHealth.consoleErrors).toEqual([]);
  expect(visitorHealth.foreignRequests).toEqual([]);
});

test('a session over 2 KB warns and offers a scenario file', async ({ page, baseURL }) => {
  const health = watchPageHealth(page, baseURL!);
  await page.goto('/');
  await waitForCluster(page);
  // An imported scenario travels whole; random-looking labels keep it from compressing well.
  const labels = Array.from({ length: 120 }, (_, i) => `    l${i}: "${((i * 2654435761) >>> 0).toString(36)}${((i * 40503) >>> 0).toString(36)}"`).join('\n');
  await page.evaluate((yaml) => window.__podscape!.load(yaml), `apiVersion: v1\nkind: Node\nmetadata:\n  name: big\n  labels:\n${labels}\nstatus:\n  allocatable: {cpu: "4", memory: 8Gi, pods: "110"}\n`);
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  await expect(page.getByLabel('Share link')).toHaveValue(/#s=1\.lz\./);
  await expect(page.getByRole('status').filter({ hasText: 'longer than the 2 KB' })).toBeVisible();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download scenario file' }).click();
  expect((await download).suggestedFilename()).toBe('imported-session.yaml');
  expect(health.consoleErrors).toEqual([]);
  expect(health.foreignRequests).toEqual([]);
});
