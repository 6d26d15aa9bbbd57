// browser.mjs - what every browser script here shares: Debian's Chromium
// launched headless through playwright-core, the two window sizes pages
// are judged at, and where axe-core's script is.
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);

export const axePath = require.resolve('axe-core/axe.min.js');

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
