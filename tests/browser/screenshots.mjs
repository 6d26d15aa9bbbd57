// make screenshots: the README's pictures, taken from the demo itself.
// Starts scripts/demo.sh (make demo's site) on a free loopback port, opens
// its pages in Debian's Chromium through playwright-core as a person
// would, and writes
//
//   OUTDIR/401.png        the sign-in form of /members/ (desktop)
//   OUTDIR/401-phone.png  the same on a phone
//   OUTDIR/403.png        bob, signed in with the form, on /admin/: the
//                         403 with "Sign in as someone else" (desktop)
//   OUTDIR/403-phone.png  the same on a phone
//
//   node tests/browser/screenshots.mjs [OUTDIR]     (default docs)
//
// Fails (exit 1) when a page is not what it should be: a picture of the
// wrong page never reaches the README.  The demo is stopped either way.
import { spawn } from 'node:child_process';
import { mkdirSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, viewports } from './browser.mjs';

const top = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const outDir = resolve(process.argv[2] || `${top}/docs`);
mkdirSync(outDir, { recursive: true });

function freePort() {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.on('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => ok(port));
    });
  });
}

const port = await freePort();
const base = `http://127.0.0.1:${port}`;
// The demo's httpd logs to /dev/stderr and /dev/stdout, which cannot be
// opened on the sockets node's pipes are: give it a file.
const logFile = `${top}/build/logs/screenshots-demo.log`;
mkdirSync(dirname(logFile), { recursive: true });
const log = openSync(logFile, 'w');
const demo = spawn(`${top}/scripts/demo.sh`, [], {
  env: { ...process.env, DEMO_PORT: String(port) },
  stdio: ['ignore', log, log],
});
const demoExit = new Promise((ok) => demo.on('exit', ok));

async function waitForDemo() {
  const deadline = Date.now() + 30000;
  while (Date.now() < deadline) {
    if (demo.exitCode !== null) {
      throw new Error('the demo stopped');
    }
    try {
      const r = await fetch(`${base}/`);
      if (r.status === 200) {
        return;
      }
    } catch {
      // not listening yet
    }
    await new Promise((ok) => setTimeout(ok, 200));
  }
  throw new Error('the demo did not start within 30 s');
}

function expect(what, cond) {
  if (!cond) {
    throw new Error(`unexpected page: ${what}`);
  }
}

let failed = false;
let browser;
try {
  await waitForDemo();
  browser = await launch(['--hide-scrollbars']);
  for (const [vpName, viewport] of Object.entries(viewports)) {
    const suffix = vpName === 'desktop' ? '' : `-${vpName}`;
    const context = await browser.newContext({
      viewport, locale: 'en', extraHTTPHeaders: { 'Accept-Language': 'en' },
    });
    const page = await context.newPage();

    // the sign-in form, as a first visit to /members/ shows it
    let r = await page.goto(`${base}/members/`);
    expect('/members/ is the 401 sign-in form',
           r.status() === 401 && await page.locator('#ag-user').count() === 1);
    await page.screenshot({ path: `${outDir}/401${suffix}.png`,
                            fullPage: true });

    // bob signs in there, then goes to /admin/: 403, "Sign in as someone
    // else" (the sign-out URL)
    await page.locator('#ag-user').fill('bob');
    await page.locator('#ag-password').fill('builder');
    [r] = await Promise.all([
      page.waitForNavigation({ waitUntil: 'load' }),
      page.locator('form:has(#ag-password)').getByRole('button').click(),
    ]);
    expect('bob is signed in to /members/',
           r.status() === 200 && page.url() === `${base}/members/`);
    r = await page.goto(`${base}/admin/`);
    expect('/admin/ is a 403 for bob with the sign-out button',
           r.status() === 403 && await page
             .locator('main a.button[href="/admin/?authgate=signout"]')
             .count() === 1);
    await page.screenshot({ path: `${outDir}/403${suffix}.png`,
                            fullPage: true });
    console.log(`screenshots: ${outDir}/401${suffix}.png, `
                + `${outDir}/403${suffix}.png`);
    await context.close();
  }
} catch (err) {
  console.error(`screenshots failed: ${err.stack || err}`);
  console.error(readFileSync(logFile, 'utf8').slice(-3000));
  failed = true;
} finally {
  if (browser) {
    await browser.close();
  }
  if (demo.exitCode === null) {
    demo.kill('SIGTERM');
  }
  await demoExit;
}
process.exit(failed ? 1 : 0);
