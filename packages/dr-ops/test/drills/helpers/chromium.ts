// Headless Chromium (Debian's `chromium`, driven by playwright-core) the way
// tools/release/test/docs.test.ts drives it: offline, every non-local request refused and recorded.
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

export const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const haveChromium = existsSync(executablePath);
if (!haveChromium) {
  console.warn(
    `SKIPPED the drill report browser test: no Chromium at ${executablePath}. ` +
      'Install it with `apt-get install -y chromium` (CI does this in .ci/run) or set CHROMIUM_PATH.',
  );
}

/** Without the background-networking flags Chromium's own connections are refused here and it stalls. */
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS, timeout: 30_000 });
}

export interface OpenedPage {
  page: Page;
  /** console.error messages, page errors and CSP violations. */
  errors: string[];
  /** Requests that tried to leave the machine. */
  external: string[];
}

export async function openOffline(browser: Browser, file: string): Promise<OpenedPage> {
  const page = await browser.newPage();
  const errors: string[] = [];
  const external: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') errors.push(`console.${message.type()}: ${message.text()}`);
  });
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (/^(file|data|blob|about):/.test(url)) return route.continue();
    external.push(url);
    return route.abort('internetdisconnected');
  });
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  return { page, errors, external };
}
