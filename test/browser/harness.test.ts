import fs from 'node:fs';
import { startStack, type TestStack } from '../support/stack';
import { expectNoSeriousAxeViolations, horizontalOverflow, screenshot, useBrowser } from '../support/browser';

/**
 * The browser harness itself, on what every stack serves: Chromium starts here (as root too),
 * reaches the API at localhost, axe runs under the API's Content-Security-Policy and reports.
 */
let stack: TestStack;
const browser = useBrowser();

beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.stop();
});

test('Chromium opens the API at localhost in Chinese and Shanghai time', async () => {
  const { page } = await browser.newUser(stack.browserUrl);
  const response = await page.goto('/health');
  expect(response?.status()).toBe(200);
  expect(JSON.parse(await page.locator('body').innerText())).toMatchObject({ status: 'up' });
  expect(
    await page.evaluate(() => [
      (globalThis as any).navigator.language,
      Intl.DateTimeFormat().resolvedOptions().timeZone,
    ]),
  ).toEqual(['zh-CN', 'Asia/Shanghai']);
});

test('axe reports serious issues by rule and element, despite the page refusing inline scripts', async () => {
  const { page } = await browser.newUser(stack.browserUrl);
  await page.goto('/openapi.json');
  expect((await page.request.get('/openapi.json')).headers()['content-security-policy']).toMatch(/script-src 'self'/);
  await page.evaluate(() => {
    const doc = (globalThis as any).document;
    doc.body.innerHTML = '<main><img src="/missing.png"><p>你好</p></main>';
  });
  await expect(expectNoSeriousAxeViolations(page, 'a broken page')).rejects.toThrow(/image-alt \(critical\)[\s\S]*img/);
  await page.evaluate(() => {
    const doc = (globalThis as any).document;
    doc.title = '测试';
    doc.documentElement.lang = 'zh-CN';
    doc.body.innerHTML = '<main><h1>你好</h1></main>';
  });
  await expectNoSeriousAxeViolations(page, 'a fixed page');
});

test('screenshots land in the ignored run folder; overflow at 375 px is measured', async () => {
  const { page } = await browser.newUser(stack.browserUrl, { width: 375 });
  await page.goto('/health');
  await page.evaluate(() => {
    // Through the CSSOM: the console's Content-Security-Policy refuses inline style attributes.
    const doc = (globalThis as any).document;
    doc.body.innerHTML = '<div id="wide">宽</div>';
    doc.getElementById('wide').style.width = '600px';
  });
  expect(await horizontalOverflow(page)).toMatchObject({
    overflowPx: 225,
    culprits: [expect.stringMatching(/^div#wide/)],
  });
  const file = await screenshot(page, 'harness', 'zh-CN');
  expect(fs.statSync(file).size).toBeGreaterThan(0);
  expect(file).toMatch(/test\/\.run\/screenshots\/zh-CN\/harness\.png$/);
});
