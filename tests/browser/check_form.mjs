// Drives the sign-in form of a Form area in Debian's Chromium (through
// playwright-core), as a person would: fills the fields, clicks, follows
// links.  It reports what it saw; tests/integration/test_browser.py
// decides what is right.
//
//   node tests/browser/check_form.mjs SITE_JSON
//
// SITE_JSON: {"base": "http://127.0.0.1:P", "other": "http://127.0.0.1:Q",
//             "cross": "http://localhost:P", "users": {"member": [u, pw],
//             "admin": [u, pw]}, "lockout": N, "shots": DIR}
// The site has /f/ (Form, any signed-in user; index.html shows
// REMOTE_USER in #who and AUTHGATE_SIGNOUT_URL as #signout through SSI),
// /f/sub/page.html, /role/ (Form, Require role admin), /lock/ (Form,
// AuthGateLockout N) and /evil.html (a public page that posts a sign-in
// to the URL in its query), served on "base" and on a second port
// ("other": same site, another origin) and under the name localhost
// ("cross": another site).
//
// Prints one line per check, then `RESULT {json}`: for each check the
// facts seen, or {"error": "..."} when it broke.  Exits 0 when every check
// ran to its end (whatever it saw), 1 otherwise.
import { mkdirSync } from 'node:fs';
import { axe, launch, viewports } from './browser.mjs';


const site = JSON.parse(process.argv[2]);
const [memberUser, memberPw] = site.users.member;
const [adminUser, adminPw] = site.users.admin;
if (site.shots) {
  mkdirSync(site.shots, { recursive: true });
}

const browser = await launch();

// Fill the form on the page and click its submit button; resolve with the
// response of the page the browser lands on (after any redirect).
async function signIn(page, user, password) {
  await page.locator('#ag-user').fill(user);
  await page.locator('#ag-password').fill(password);
  const button = page.locator('form:has(#ag-password)')
    .getByRole('button');
  const [response] = await Promise.all([
    page.waitForNavigation({ waitUntil: 'load' }),
    button.click(),
  ]);
  return response;
}

// What a landing says: its status, whether the form is on it, and, when a
// redirect led there, the status and method of the request redirected.
async function landing(page, response) {
  const from = response ? response.request().redirectedFrom() : null;
  const fromResponse = from ? await from.response() : null;
  return {
    status: response ? response.status() : 0,
    url: page.url(),
    form: await page.locator('#ag-user').count(),
    redirectedFrom: from ? { method: from.method(), url: from.url(),
                             status: fromResponse ? fromResponse.status()
                               : 0 } : null,
    who: await page.locator('#who').count()
      ? (await page.locator('#who').innerText()).trim() : null,
  };
}

function sessionCookies(cookies) {
  return cookies.filter((c) => c.name.startsWith('authgate-')
                        && !c.name.endsWith('-pre'));
}

async function shot(page, name) {
  if (site.shots) {
    await page.screenshot({ path: `${site.shots}/form-${name}.png`,
                            fullPage: true });
  }
}

const checks = {
  // Sign in through the form, land on the page asked for, reload, sign
  // out by the link the page carries, and be refused afterwards, also
  // with the old cookie put back.
  async signin_reload_signout(context) {
    const page = await context.newPage();
    const out = {};
    const asked = `${site.base}/f/sub/page.html?x=1`;
    let r = await page.goto(asked);
    out.first = await landing(page, r);
    await shot(page, 'signin');
    r = await signIn(page, memberUser, 'not-the-password');
    out.wrong = await landing(page, r);
    out.wrongUserKept = await page.locator('#ag-user').inputValue()
      .catch(() => null);
    r = await signIn(page, memberUser, memberPw);
    out.signedIn = await landing(page, r);
    out.asked = asked;
    r = await page.goto(`${site.base}/f/`);
    out.index = await landing(page, r);
    r = await page.reload();
    out.reloaded = await landing(page, r);
    const cookies = sessionCookies(await context.cookies(site.base));
    out.cookieNames = cookies.map((c) => c.name);
    out.signoutLinks = await page.locator('#signout').count();
    out.signoutHref = out.signoutLinks
      ? await page.locator('#signout').getAttribute('href') : null;
    r = await Promise.all([
      page.waitForNavigation({ waitUntil: 'load' }),
      page.locator('#signout').click(),
    ]).then(([resp]) => resp);
    out.signedOut = await landing(page, r);
    await shot(page, 'signed-out');
    out.cookiesAfter = sessionCookies(await context.cookies(site.base))
      .map((c) => c.name);
    r = await page.goto(`${site.base}/f/`);
    out.after = await landing(page, r);
    // the server forgot the session: the old cookie is worth nothing
    await context.addCookies(cookies);
    r = await page.goto(`${site.base}/f/`);
    out.replayed = await landing(page, r);
    return out;
  },

  // The session cookie as the browser keeps it.
  async cookie(context) {
    const page = await context.newPage();
    await page.goto(`${site.base}/f/`);
    const pre = (await context.cookies(site.base))
      .filter((c) => c.name.endsWith('-pre'));
    await signIn(page, memberUser, memberPw);
    const cookies = sessionCookies(await context.cookies(site.base));
    return {
      preCookies: pre.map((c) => ({ httpOnly: c.httpOnly,
                                    sameSite: c.sameSite })),
      password: memberPw,
      cookies: cookies.map((c) => {
        const payload = c.value.split('.')[0] || '';
        return {
          name: c.name, value: c.value, httpOnly: c.httpOnly,
          sameSite: c.sameSite, path: c.path, secure: c.secure,
          domain: c.domain, expiresIn: c.expires - Date.now() / 1000,
          // hex: random bytes read as text may hold line separators
          payloadHex: Buffer.from(payload, 'base64url').toString('hex'),
        };
      }),
    };
  },

  // What a password manager needs: the fields say what they hold, and
  // each has its label.
  async fields(context) {
    const page = await context.newPage();
    await page.goto(`${site.base}/f/`);
    const facts = await page.evaluate(() => {
      const one = (id) => {
        const el = document.getElementById(id);
        if (!el) {
          return null;
        }
        return {
          type: el.type, name: el.name, autocomplete: el.autocomplete,
          required: el.required,
          labels: Array.from(el.labels || []).map((l) => l.textContent.trim()),
          form: el.form ? { method: el.form.method,
                            action: el.form.action } : null,
        };
      };
      return { user: one('ag-user'), password: one('ag-password'),
               focused: document.activeElement
                 ? document.activeElement.id : null };
    });
    // the accessible names are the labels: a screen reader finds the
    // fields by them
    if (facts.user && facts.user.labels.length) {
      facts.userByLabel = await page.getByLabel(facts.user.labels[0],
                                                { exact: true })
        .evaluateAll((els) => els.map((e) => e.id));
    }
    if (facts.password && facts.password.labels.length) {
      facts.passwordByLabel = await page.getByLabel(facts.password.labels[0],
                                                    { exact: true })
        .evaluateAll((els) => els.map((e) => e.id));
    }
    facts.page = page.url();
    return facts;
  },

  // A 403 for a signed-in person who lacks the role: "Sign in as someone
  // else" signs out and shows the form; another user gets in.
  async switch_user(context) {
    const page = await context.newPage();
    const out = {};
    let r = await page.goto(`${site.base}/role/`);
    out.first = await landing(page, r);
    r = await signIn(page, memberUser, memberPw);
    out.refused = await landing(page, r);
    const links = page.locator('main a[href*="authgate=signout"]');
    out.switchLinks = await links.count();
    out.switchHref = out.switchLinks
      ? await links.first().getAttribute('href') : null;
    out.switchIsButton = out.switchLinks
      ? await links.first().evaluate((a) => a.classList.contains('button'))
      : false;
    await shot(page, '403');
    if (out.switchLinks) {
      r = await Promise.all([
        page.waitForNavigation({ waitUntil: 'load' }),
        links.first().click(),
      ]).then(([resp]) => resp);
      out.signedOut = await landing(page, r);
      r = await signIn(page, adminUser, adminPw);
      out.other = await landing(page, r);
      out.otherBody = (await page.locator('body').innerText()).trim();
    }
    return out;
  },

  // Login CSRF: a page of another origin posts a sign-in to the area,
  // even with the anti-forgery value of this very browser's form.  From
  // the same site on another port the browser sends the pre-session
  // cookie along (SameSite=Lax lets it through), so only the same-origin
  // rule stands in the way.
  async cross_origin(context) {
    const page = await context.newPage();
    const out = {};
    await page.goto(`${site.base}/f/`);
    const csrf = await page.locator('input[name="ag_csrf"]')
      .getAttribute('value');
    for (const [name, origin] of [['other', site.other],
                                  ['cross', site.cross]]) {
      const q = new URLSearchParams({
        target: `${site.base}/f/`, user: memberUser, password: memberPw,
        csrf,
      });
      const [response] = await Promise.all([
        page.waitForResponse((resp) => resp.request().method() === 'POST'),
        page.goto(`${origin}/evil.html?${q}`),
      ]);
      await page.waitForLoadState('load');
      const req = response.request();
      out[name] = {
        status: response.status(),
        origin: await req.headerValue('origin'),
        fetchSite: await req.headerValue('sec-fetch-site'),
        sentPreCookie: /authgate-[0-9a-f]+-pre=/.test(
          (await req.headerValue('cookie')) || ''),
        landed: page.url(),
        form: await page.locator('#ag-user').count(),
        cookies: sessionCookies(await context.cookies(site.base))
          .map((c) => c.name),
      };
      const r = await page.goto(`${site.base}/f/`);
      out[name].after = r.status();
    }
    return out;
  },

  // Lockout through the form: N wrong passwords, then the right one.
  async lockout(context) {
    const page = await context.newPage();
    const out = { wrong: [] };
    await page.goto(`${site.base}/lock/`);
    for (let i = 0; i < site.lockout; i += 1) {
      const r = await signIn(page, memberUser, `wrong-${i}`);
      out.wrong.push(await landing(page, r));
    }
    const r = await signIn(page, memberUser, memberPw);
    out.right = await landing(page, r);
    out.retryAfter = r ? await r.headerValue('retry-after') : null;
    out.cookies = sessionCookies(await context.cookies(site.base))
      .map((c) => c.name);
    return out;
  },
};

// axe-core on the form page (and the pages around it) in every language,
// at desktop and phone sizes.
async function axeRuns() {
  const runs = [];
  const targets = [{ page: 'form', path: '/f/' }];
  for (const lang of ['en', 'de', 'fr', 'es']) {
    for (const [vpName, viewport] of Object.entries(viewports)) {
      for (const t of targets) {
        const context = await browser.newContext({
          viewport, locale: lang,
          extraHTTPHeaders: { 'Accept-Language': lang },
        });
        const page = await context.newPage();
        const response = await page.goto(`${site.base}${t.path}`);
        const result = await axe(page);
        runs.push({
          page: t.page, language: lang, viewport: vpName,
          status: response.status(),
          contentLanguage: await response.headerValue('content-language'),
          lang: await page.evaluate(() => document.documentElement.lang),
          form: await page.locator('#ag-user').count(),
          h1: await page.locator('h1').count(),
          violations: result.violations, passes: result.passes,
        });
        if (lang === 'en' || vpName === 'phone') {
          await shot(page, `${lang}-${vpName}`);
        }
        await context.close();
      }
    }
  }
  // the 403 with "Sign in as someone else" and the signed-out page
  const context = await browser.newContext({ viewport: viewports.desktop });
  const page = await context.newPage();
  await page.goto(`${site.base}/role/`);
  let r = await signIn(page, memberUser, memberPw);
  runs.push({ page: '403', language: 'en', viewport: 'desktop',
              status: r.status(), ...(await axe(page)) });
  r = await page.goto(`${site.base}/role/?authgate=signout`);
  runs.push({ page: 'signed-out', language: 'en', viewport: 'desktop',
              status: r.status(), ...(await axe(page)) });
  await context.close();
  return runs;
}

const result = {};
let broken = false;
try {
  for (const [name, check] of Object.entries(checks)) {
    const context = await browser.newContext({ viewport: viewports.desktop });
    try {
      result[name] = await check(context);
      console.log(`form: ${name}: done`);
    } catch (err) {
      result[name] = { error: String(err.stack || err) };
      console.log(`form: ${name}: broke: ${err}`);
      broken = true;
    } finally {
      await context.close();
    }
  }
  try {
    result.axe = await axeRuns();
    for (const run of result.axe) {
      console.log(`axe: ${run.page} ${run.language} ${run.viewport} `
                  + `(HTTP ${run.status}): ${run.violations.length} `
                  + `violations, ${run.passes} rules passed`);
    }
  } catch (err) {
    result.axe = { error: String(err.stack || err) };
    broken = true;
  }
} finally {
  await browser.close();
}
console.log(`RESULT ${JSON.stringify(result)}`);
process.exit(broken ? 1 : 0);
