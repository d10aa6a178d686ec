import { expect, test } from '@playwright/test';
import lzString from 'lz-string';
import { waitForCluster, watchPageHealth } from '../fixtures/page-health';

const lz = (json: string) => `#s=1.lz.${lzString.compressToEncodedURIComponent(json)}`;
const GOOD = lz('{"scenario":{"text":"apiVersion: v1\\nkind: Node\\nmetadata:\\n  name: shared\\n"},"v":1}');

const BAD_LINKS: [string, string, RegExp][] = [
  ['truncated', GOOD.slice(0, GOOD.length - 12), /cut short|damaged/],
  ['corrupted', GOOD.slice(0, 20) + '~~~' + GOOD.slice(23), /damaged|not valid/],
  ['from a newer Podscape', '#s=9.lz.abc', /newer Podscape/],
  ['markup in the data', '#s=1.lz.<img src=x onerror=alert(1)>', /never carries/],
  ['deeply nested', lz('{"v":1,"scenario":' + '['.repeat(20_000) + ']'.repeat(20_000) + '}'), /nested more than 64 levels/],
  ['a decompression bomb', lz('{"v":1,"scenario":{"text":"' + 'a'.repeat(3_000_000) + '"}}'), /expands to more than/],
  ['prototype keys', lz('{"v":1,"__proto__":{"x":1},"scenario":{"constructor":{"prototype":1}}}'), /scenario/],
  // The link is fine; the scenario it carries nests YAML 5,000 levels deep (round 18: it said "YAML syntax error: Maximum call stack size exceeded").
  ['a scenario nested 5,000 levels deep', lz(JSON.stringify({ v: 1, scenario: { text: `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\ndata:\n  x: ${'['.repeat(5000)}${']'.repeat(5000)}\n` } })), /nested more than 100 levels deep; the limit is 100/],
  ['a script in a name', lz(JSON.stringify({ v: 1, scenario: { text: 'apiVersion: v1\nkind: Node\nmetadata:\n  name: "<script>window.pwned=1</script>"\n' } })), /.+/],
];

for (const [what, fragment, message] of BAD_LINKS) {
  test(`a bad link (${what}) shows a clear alert and a working default cluster`, async ({ page, baseURL }) => {
    const health = watchPageHealth(page, baseURL!);
    await page.goto(`/${fragment}`);
    await waitForCluster(page);
    const alert = page.getByRole('alert');
    if (what !== 'a script in a name') {
      await expect(alert).toContainText('Could not open the share link');
      await expect(alert).toContainText(message);
      await expect(page.locator('[data-node="control-plane"]')).toBeVisible();
      // The default cluster works: a command changes it.
      await page.getByRole('button', { name: 'Step' }).click();
      await expect(page.getByLabel('Cluster time')).not.toHaveText('00:00:00');
    }
    // Never injected markup.
    await expect(page.locator('img[src="x"], script:text("pwned")')).toHaveCount(0);
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    expect(health.consoleErrors).toEqual([]);
    expect(health.foreignRequests).toEqual([]);
  });
}
