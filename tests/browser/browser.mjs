// browser.mjs - what every browser script here shares: Debian's Chromium
// launched headless through playwright-core, the two window sizes pages
// are judged at, and axe-core's WCAG 2.1 A/AA run on a page.
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);

const axePath = require.resolve('axe-core/axe.min.js');

export const viewports = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 390, height: 844 },
};

// Chromium from Debian's package (or $CHROMIUM), with nothing that talks
// to the network on its own; extra: more command-line switches.
export function launch(extra = []) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run',
           '--disable-background-networking', '--disable-component-update',
           '--disable-sync', '--disable-quic', ...extra],
  });
}

// axe-core's WCAG 2.1 A and AA rules on the page as it is now: its
// violations (rule, impact, help, the nodes) and how many rules passed.
export async function axe(page) {
  await page.addScriptTag({ path: axePath });
  return page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, {
      runOnly: { type: 'tag',
                 values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return {
      violations: r.violations.map((v) => ({
        id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.map((n) => n.target.join(' ')),
      })),
      passes: r.passes.length,
    };
  });
}
