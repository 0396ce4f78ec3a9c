// Opens each generated API reference page in headless Chromium (Debian's `chromium` package, driven
// by playwright-core) and checks that every operation's title (its `summary`) is rendered, offline.
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDocs, docsDir, listSpecs } from '../src/docs.mjs';

const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const haveChromium = existsSync(executablePath);
if (!haveChromium) {
  console.warn(
    `SKIPPED the API reference browser test: no Chromium at ${executablePath}. ` +
      'Install it with `apt-get install -y chromium` (CI does this in .ci/run) or set CHROMIUM_PATH.',
  );
}

/** Without the background-networking flags Chromium's own connections are refused here and it stalls. */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const specs = listSpecs();

function escapeRegExp(text: string) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

beforeAll(async () => {
  // turbo builds the pages first (test dependsOn build); build them when the test runs on its own.
  if (!specs.every((spec) => existsSync(path.join(docsDir, `${spec.name}.html`)))) await buildDocs();
}, 60_000);

describe('API reference pages (built files)', () => {
  it.each(specs.map((spec) => [spec.name, spec] as const))('%s.html exists and embeds the Redoc bundle (no CDN script)', (name) => {
    const file = path.join(docsDir, `${name}.html`);
    expect(statSync(file).size).toBeGreaterThan(500_000); // --inlineBundle: the Redoc script is inside
    expect(existsSync(path.join(docsDir, 'index.html'))).toBe(true);
  });
});

describe.skipIf(!haveChromium)('API reference pages in headless Chromium', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, timeout: 30_000 });
  }, 40_000);

  afterAll(async () => {
    await browser?.close();
  });

  it.each(specs.map((spec) => [spec.name, spec] as const))(
    '%s renders every operation title, offline',
    async (name, spec) => {
      const page = await browser.newPage();
      const external: Array<{ url: string; type: string }> = [];
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      // Nothing may leave the machine: every non-local request is recorded and refused.
      await page.route('**/*', (route) => {
        const url = route.request().url();
        if (/^(file|data|blob|about):/.test(url)) return route.continue();
        external.push({ url, type: route.request().resourceType() });
        return route.abort('internetdisconnected');
      });
      try {
        await page.goto(pathToFileURL(path.join(docsDir, `${name}.html`)).href, { waitUntil: 'load' });
        await page.getByRole('heading', { level: 1 }).first().waitFor({ state: 'visible', timeout: 15_000 });

        // Redoc 3 shows one tag per page and renders operations as they are reached: open each tag in
        // the side menu, then each operation from the menu, and wait for its title as a visible heading.
        const menu = page.locator('.menu-content');
        const tags = [...new Set(spec.operations.map((operation) => operation.tag))];
        const missing: string[] = [];
        for (const tag of tags) {
          if (tag) await menu.getByText(tag, { exact: true }).first().click({ timeout: 10_000 });
          for (const operation of spec.operations.filter((candidate) => candidate.tag === tag)) {
            // (the heading's accessible name also carries its deep-link anchor, so match its text)
            const title = new RegExp(`^\\s*${escapeRegExp(operation.summary)}\\s*$`);
            const show = async () => {
              await menu.getByText(operation.summary, { exact: true }).first().click({ timeout: 15_000 });
              await page.locator('h1, h2, h3').filter({ hasText: title }).first().waitFor({ state: 'visible', timeout: 15_000 });
            };
            // CI runs this beside other suites on 2 cores; a second click absorbs a menu still animating.
            const shown = await show().then(() => true, () => show().then(() => true, () => false));
            if (!shown) missing.push(`${operation.operationId}: "${operation.summary}" (tag ${tag ?? '-'})`);
          }
        }
        expect(missing, `operation titles not rendered in ${name}.html`).toEqual([]);
        expect(errors, 'JavaScript errors on the page').toEqual([]);
        // Redoc's "API docs by Redocly" badge is an <img> from its CDN that hides itself when it
        // fails to load; anything else (scripts, styles, fonts, fetches) would mean the page needs a network.
        expect(external.filter((request) => request.type !== 'image')).toEqual([]);
      } finally {
        await page.close();
      }
    },
    180_000,
  );
});
