// What the kit's browser tests share (lesson_check.cjs, deck_check.cjs): Chromium launched, the network blocked on a
// Playwright browser context, a page's failures collected into a report, MathJax 2's typesetting awaited, and the
// in-page count of untypeset math, images that did not decode and audio players that do not load or play.
'use strict';

// Only these load; anything else (http:, https:, ws:, a CDN) is aborted and reported.
const LOCAL = /^(file|data|blob|about):/;
const STEP_TIMEOUT_MS = 30000;

/**
 * Aborts every request of the context that is not `local` (default LOCAL), recording its URL in
 * report.blockedRequests.
 */
async function blockNetwork(context, report, local = LOCAL) {
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (local.test(url)) {
      return route.continue();
    }
    report.blockedRequests.push(url);
    return route.abort('blockedbyclient');
  });
}

/**
 * Records the page's failed local requests, console errors and uncaught exceptions into the report, each prefixed
 * with `where` (e.g. 'speaker view: ').
 */
function watch(page, report, where) {
  page.on('requestfailed', (r) => {
    if (LOCAL.test(r.url())) {
      report.failedRequests.push(where + r.url() + ' (' + (r.failure() || {}).errorText + ')');
    }
  });
  page.on('console', (m) => { if (m.type() === 'error') report.consoleErrors.push(where + m.text()); });
  page.on('pageerror', (e) => report.pageErrors.push(where + String(e && e.message || e)));
}

/**
 * Waits until MathJax 2 has run its queue (it typesets the whole page once loaded).
 *
 * @return whether the page has MathJax at all (false: its script did not load, or the page never asked for it)
 */
async function waitForMath(page) {
  const present = await page.evaluate(() => Boolean(window.MathJax && window.MathJax.Hub));
  if (present) {
    await page.waitForFunction(() => new Promise((done) => window.MathJax.Hub.Queue(() => done(true))), null,
      { timeout: STEP_TIMEOUT_MS });
  }
  return present;
}

// Runs in the page: raw $$ left in text (outside code), formulas typeset, MathJax errors, images and whether each
// decoded, audio players and whether each loaded its metadata (duration > 0) and played (muted) — in the whole
// page, or under the first element that rootSelector matches (nothing when none does).
async function inspectMedia(rootSelector) {
  const root = rootSelector ? document.querySelector(rootSelector) : document.body;
  if (!root) {
    return { rawMath: 0, mathTypeset: 0, mathErrors: 0, images: 0, imagesBroken: 0, brokenImages: [], audio: 0,
      audioBroken: 0, audioFailures: [] };
  }
  let rawMath = 0;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode: (n) => (n.parentElement.closest('script, style, pre, code, textarea')
      ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    rawMath += (n.nodeValue.match(/\$\$/g) || []).length;
  }
  const mathTypeset = root.querySelectorAll('.MathJax_CHTML, .mjx-chtml').length;
  const mathErrors = root.querySelectorAll('.MathJax_Error, .mjx-merror, merror').length;
  const imgs = [...root.querySelectorAll('img')];
  const broken = imgs.filter((i) => !(i.complete && i.naturalWidth > 0));
  const players = [...root.querySelectorAll('audio')];
  const audioFailures = [];
  for (const [index, a] of players.entries()) {
    a.muted = true;
    const loaded = await new Promise((done) => {
      const timer = setTimeout(() => done(false), 10000);
      const check = () => {
        if (a.duration > 0) { clearTimeout(timer); done(true); }
      };
      a.addEventListener('error', () => { clearTimeout(timer); done(false); }, { once: true });
      if (a.readyState >= 1) {
        check();
      } else {
        a.addEventListener('loadedmetadata', check, { once: true });
        a.load();
      }
    });
    let played = false;
    if (loaded) {
      try { await a.play(); played = true; a.pause(); } catch (e) { played = false; }
    }
    if (!(loaded && played)) {
      const src = (a.currentSrc || a.src || (a.querySelector('source') || {}).src || '').slice(0, 60);
      audioFailures.push('player ' + (index + 1) + (loaded ? ' did not play' : ' did not load') + ' (' + src + ')');
    }
  }
  return {
    rawMath, mathTypeset, mathErrors, images: imgs.length, imagesBroken: broken.length,
    brokenImages: broken.map((i) => (i.currentSrc || i.src || '').slice(0, 80)), audio: players.length,
    audioBroken: audioFailures.length, audioFailures,
  };
}

/**
 * Launches the given Chromium through the unpacked playwright-core (no browser download), headless, muted, with
 * autoplay allowed (so a muted play() can resolve without a click).
 */
async function launch(playwrightDir, chromium) {
  const path = require('path');
  const { chromium: driver } = require(path.resolve(playwrightDir));
  return driver.launch({
    executablePath: chromium, headless: true,
    args: ['--no-sandbox', '--autoplay-policy=no-user-gesture-required', '--mute-audio'],
  });
}

module.exports = { LOCAL, STEP_TIMEOUT_MS, launch, blockNetwork, watch, waitForMath, inspectMedia };
