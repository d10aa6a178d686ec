import { chromium } from 'playwright-core';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
await page.goto('http://127.0.0.1:4305/');
await page.waitForFunction(() => (window as any).__podscape?.snapshot() != null);
await page.waitForTimeout(1000);
console.log(await page.locator('body').ariaSnapshot());
await browser.close();
