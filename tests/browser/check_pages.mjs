// Renders error pages in Debian's Chromium (driven by playwright-core),
// saves screenshots, and runs axe-core's WCAG 2.1 A/AA rules on each.
//
//   node tests/browser/check_pages.mjs OUTDIR PAGES_JSON
//
// PAGES_JSON is a list of {"name", "url", "authorization"?, "language"?};
// a language is sent as Accept-Language (and as the browser's locale), and
// the summary says which lang the page's <html> element declares.  Prints one
// line per page and viewport, then a JSON summary line; exits 1 when a
// page has a violation or does not load.
import { mkdirSync } from 'node:fs';
import { axe, launch, viewports } from './browser.mjs';


const [outDir, pagesJson] = process.argv.slice(2);
const pages = JSON.parse(pagesJson);
mkdirSync(outDir, { recursive: true });

const browser = await launch();

const summary = [];
let failed = false;
try {
  for (const p of pages) {
    for (const [vpName, viewport] of Object.entries(viewports)) {
      const extraHTTPHeaders = {};
      if (p.authorization) {
        extraHTTPHeaders.Authorization = p.authorization;
      }
      if (p.language) {
        extraHTTPHeaders['Accept-Language'] = p.language;
      }
      const context = await browser.newContext({
        viewport, extraHTTPHeaders,
        ...(p.language ? { locale: p.language } : {}),
      });
      const page = await context.newPage();
      // A browser meeting a 401 with a Basic challenge asks for a password
      // (headless Chromium fails the navigation instead).  A person who
      // cancels that dialog sees the page; so does this check, by fetching
      // the response itself and handing it over without the challenge.
      await page.route('**/*', async (route) => {
        if (!route.request().isNavigationRequest()) {
          return route.continue();
        }
        const response = await route.fetch();
        const headers = { ...response.headers() };
        delete headers['www-authenticate'];
        return route.fulfill({ response, headers });
      });
      const external = [];
      page.on('request', (req) => {
        const url = new URL(req.url());
        if (!['127.0.0.1', 'localhost'].includes(url.hostname)
            && url.protocol !== 'data:') {
          external.push(req.url());
        }
      });
      const response = await page.goto(p.url, { waitUntil: 'load' });
      const status = response ? response.status() : 0;
      const file = `${outDir}/${p.name}-${vpName}.png`;
      await page.screenshot({ path: file, fullPage: true });
      const result = await axe(page);
      const h1 = await page.locator('h1').count();
      const lang = await page.evaluate(() => document.documentElement.lang);
      const entry = { page: p.name, viewport: vpName, status, screenshot: file,
                      violations: result.violations, passes: result.passes,
                      h1, external, lang };
      summary.push(entry);
      if (result.violations.length || external.length || h1 !== 1) {
        failed = true;
      }
      console.log(`axe: ${p.name} (${vpName}, HTTP ${status}): `
                  + `${result.violations.length} violations, `
                  + `${result.passes} rules passed, screenshot ${file}`);
      for (const v of result.violations) {
        console.log(`  ${v.id} [${v.impact}] ${v.help}: ${v.nodes.join(', ')}`);
      }
      await context.close();
    }
  }
} catch (err) {
  console.error(`browser check failed: ${err.stack || err}`);
  failed = true;
} finally {
  await browser.close();
}
console.log(`SUMMARY ${JSON.stringify(summary)}`);
process.exit(failed ? 1 : 0);
