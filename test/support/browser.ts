import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { type Lang, text } from './console-text';

/** Debian's package, as `.ci/run` installs it when missing. */
const aptInstall = 'apt-get update && apt-get install -y --no-install-recommends chromium fonts-noto-cjk';

export type { Lang } from './console-text';

export const screenshotsDir = path.join(__dirname, '..', '.run', 'screenshots');

/** CHROMIUM_PATH, else `chromium` on PATH; a missing one names the command that installs it. */
export function chromiumPath(): string {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!isExecutable(fromEnv)) throw new Error(`CHROMIUM_PATH=${fromEnv} is not an executable file`);
    return fromEnv;
  }
  for (const dir of (process.env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(dir, 'chromium');
    if (isExecutable(candidate)) return candidate;
  }
  throw new Error(
    `The browser tests need Chromium, and \`chromium\` is not on PATH. Install it (as .ci/run does):\n` +
      `  ${aptInstall}\nor set CHROMIUM_PATH to a Chromium binary.`,
  );
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * Headless Chromium with its sandbox, except as root, where Chromium refuses to start with it
 * ("Running as root without --no-sandbox is not supported"), or in a container that forbids the
 * namespaces the sandbox needs: then it is launched once more without it, saying so.
 */
export async function launchChromium(): Promise<Browser> {
  const executablePath = chromiumPath();
  const asRoot = process.getuid?.() === 0;
  if (asRoot) return chromium.launch({ executablePath, chromiumSandbox: false });
  try {
    return await chromium.launch({ executablePath, chromiumSandbox: true });
  } catch (error) {
    if (!/sandbox/i.test(String(error))) throw error;
    console.warn(`Chromium's sandbox is unavailable here; the browser tests run it with --no-sandbox`);
    return chromium.launch({ executablePath, chromiumSandbox: false });
  }
}

export interface NewUserOptions {
  locale?: Lang;
  width?: number;
  /** Cookies and local storage saved from another context (`context.storageState()`): a session to reuse. */
  storageState?: Awaited<ReturnType<BrowserContext['storageState']>>;
}

/**
 * One Chromium per test file, launched before its tests and closed after them. Each user gets
 * a context of their own (their own cookies), Chinese and Asia/Shanghai unless told otherwise.
 */
export function useBrowser(): {
  browser(): Browser;
  newUser(baseURL: string, opts?: NewUserOptions): Promise<{ context: BrowserContext; page: Page }>;
} {
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
  });
  return {
    browser() {
      if (!browser) throw new Error('the browser starts in beforeAll: call browser() inside a test or hook');
      return browser;
    },
    async newUser(baseURL, opts = {}) {
      if (!browser) throw new Error('the browser starts in beforeAll: call newUser() inside a test or hook');
      const context = await browser.newContext({
        baseURL,
        locale: opts.locale ?? 'zh-CN',
        timezoneId: 'Asia/Shanghai',
        viewport: { width: opts.width ?? 1280, height: 800 },
        acceptDownloads: true,
        storageState: opts.storageState,
      });
      context.setDefaultTimeout(15_000);
      contexts.push(context);
      return { context, page: await context.newPage() };
    },
  };
}

/** Signs in through the console's sign-in page, labels as `lang` shows them, and waits until it has moved on. */
export async function signIn(page: Page, email: string, password: string, lang: Lang = 'zh-CN'): Promise<void> {
  await page.goto('/console/sign-in');
  await fillSignIn(page, email, password, lang);
  await page.waitForURL((url) => !url.pathname.startsWith('/console/sign-in'));
}

/** Fills the sign-in form and submits it, staying wherever that leads. */
export async function fillSignIn(page: Page, email: string, password: string, lang: Lang = 'zh-CN'): Promise<void> {
  await page.getByLabel(text(lang, 'signIn.email'), { exact: true }).fill(email);
  await page.getByLabel(text(lang, 'signIn.password'), { exact: true }).fill(password);
  await page.getByRole('button', { name: text(lang, 'signIn.submit'), exact: true }).click();
}

/** Switches the console's language with its own switcher (the button names the other language in that language). */
export async function switchLanguage(page: Page, to: Lang): Promise<void> {
  const from: Lang = to === 'en' ? 'zh-CN' : 'en';
  await page.getByRole('button', { name: text(from, 'language.switchTo'), exact: true }).click();
  await page.waitForFunction((lang) => (globalThis as any).document.documentElement.lang === lang, to);
}

/** Signs out through the user menu, the button that shows the user's name. */
export async function signOut(page: Page, userName: string, lang: Lang = 'zh-CN'): Promise<void> {
  await page.getByRole('button', { name: userName }).click();
  await page.getByRole('button', { name: text(lang, 'nav.signOut'), exact: true }).click();
  await page.waitForURL((url) => url.pathname.startsWith('/console/sign-in'));
}

let axeSource: string | undefined;

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/**
 * Runs axe-core on the page as it is now and fails on any serious or critical violation, listing
 * each rule with the elements it found. axe is evaluated through the DevTools protocol, so the
 * page's Content-Security-Policy (helmet's, which refuses inline scripts) stays as users get it.
 */
export async function expectNoSeriousAxeViolations(page: Page, name: string): Promise<AxeViolation[]> {
  axeSource ??= fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  const loaded = await page.evaluate(() => typeof (globalThis as any).axe === 'object');
  if (!loaded) await page.evaluate(axeSource);
  const violations: AxeViolation[] = await page.evaluate(async () => {
    const result = await (globalThis as any).axe.run((globalThis as any).document, { resultTypes: ['violations'] });
    return result.violations;
  });
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (serious.length > 0) {
    const lines = serious.flatMap((v) => [
      `- ${v.id} (${v.impact}): ${v.help} — ${v.helpUrl}`,
      ...v.nodes.slice(0, 5).map((n) => `    ${n.target.join(' ')}: ${(n.failureSummary ?? '').replace(/\s+/g, ' ')}`),
      ...(v.nodes.length > 5 ? [`    … and ${v.nodes.length - 5} more`] : []),
    ]);
    throw new Error(
      `axe found ${serious.length} serious or critical issue(s) on ${name} (${page.url()}):\n${lines.join('\n')}`,
    );
  }
  return violations;
}

/** A full-page PNG at test/.run/screenshots/<lang>/<name>.png (git-ignored); returns its path. */
export async function screenshot(page: Page, name: string, lang: Lang): Promise<string> {
  const file = path.join(screenshotsDir, lang, `${name}.png`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Starts a download with `trigger` (a click, usually) and returns the file the browser saved. */
export async function download(
  page: Page,
  trigger: () => Promise<unknown>,
): Promise<{ filename: string; content: Buffer }> {
  const [started] = await Promise.all([page.waitForEvent('download'), trigger()]);
  const failure = await started.failure();
  if (failure) throw new Error(`the download of ${started.url()} failed: ${failure}`);
  const file = await started.path();
  return { filename: started.suggestedFilename(), content: fs.readFileSync(file) };
}

/**
 * How far the page is wider than the window (0 when it does not scroll sideways), with the
 * elements that stick out past the right edge, so a failure says what to fix.
 */
export async function horizontalOverflow(page: Page): Promise<{ overflowPx: number; culprits: string[] }> {
  return page.evaluate(() => {
    const doc = (globalThis as any).document;
    const root = doc.documentElement;
    const width = root.clientWidth;
    const culprits: string[] = [];
    for (const el of Array.from(doc.body.querySelectorAll('*')) as any[]) {
      const rect = el.getBoundingClientRect();
      if (rect.right > width + 1 && culprits.length < 10) {
        const id = el.id ? `#${el.id}` : '';
        const cls =
          typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
        culprits.push(`${el.tagName.toLowerCase()}${id}${cls} (right edge ${Math.round(rect.right)} px)`);
      }
    }
    return { overflowPx: Math.max(0, root.scrollWidth - width), culprits };
  });
}

const desktopSize = { width: 1280, height: 800 };
const phoneSize = { width: 375, height: 800 };

/**
 * The checks every console page owes its readers, on the page as it is now (its data shown, in
 * `lang`): axe finds no serious or critical issue; photographed at desktop width and at 375 px to
 * test/.run/screenshots/<lang>/<name>(-375px).png; at 375 px it does not scroll sideways. Returns
 * what failed (empty when all passed) and leaves the page at desktop width.
 */
export async function checkPage(page: Page, name: string, lang: Lang): Promise<string[]> {
  const problems: string[] = [];
  await page.setViewportSize(desktopSize);
  await expectNoSeriousAxeViolations(page, `${name} (${lang})`).catch((e: Error) => problems.push(e.message));
  await screenshot(page, name, lang);
  // The same page on a phone: the layout follows the width without reloading.
  await page.setViewportSize(phoneSize);
  await page.waitForFunction((w) => (globalThis as any).document.documentElement.clientWidth === w, phoneSize.width);
  await screenshot(page, `${name}-375px`, lang);
  const { overflowPx, culprits } = await horizontalOverflow(page);
  if (overflowPx > 0) problems.push(`${name} at 375 px: ${overflowPx} px too wide; ${culprits.join(', ')}`);
  await page.setViewportSize(desktopSize);
  return problems;
}
