#!/usr/bin/env node
// Opens slide decks in Chromium with the network blocked (only file:, data: and blob: URLs load) and reports, for
// each deck, one JSON line on standard output: failed requests, console errors, page errors, the slide count, whether
// the arrow keys reach the last slide, whether the math was typeset, how its images and audio players loaded, and
// whether the speaker view (key S) opened, and that no live-demo control appeared (no server is named in the address);
// the speaker view's requests and errors count with the deck's.
// The Java side (org.earshot.cli.DeckCheck) runs it, compares the counts with the notebook and prints the verdict.
//
// With --pdf it also prints each deck's handout, handout.pdf beside it: reveal.js's ?print-pdf view, once MathJax has
// typeset it (the report's pdfPages says how many slide pages it has; a long slide takes more than one).
//
// Usage: node deck_check.cjs PLAYWRIGHT_CORE_DIR CHROMIUM DECK.html... [--screenshots DIR] [--pdf]
//   PLAYWRIGHT_CORE_DIR  the unpacked npm package playwright-core (fetched by ./earshot setup), no browser download
//   CHROMIUM             the browser to drive, e.g. /usr/bin/chromium (Debian's)
'use strict';

const path = require('path');
const fs = require('fs');
const { pathToFileURL } = require('url');

const checks = require('./page_checks.cjs');

const { STEP_TIMEOUT_MS } = checks;

async function checkDeck(browser, deck, screenshots, pdf) {
  // one context per deck, so that the speaker view (a popup) is watched and blocked like the deck
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const report = {
    deck, blockedRequests: [], failedRequests: [], consoleErrors: [], pageErrors: [],
    slides: 0, reachedLast: false, rawMath: 0, mathErrors: 0, mathTypeset: 0,
    images: 0, imagesBroken: 0, audio: 0, audioBroken: 0, speakerView: false,
  };
  await checks.blockNetwork(context, report);
  const watch = (page, where) => checks.watch(page, report, where);
  context.on('page', (p) => watch(p, 'speaker view: '));
  const page = await context.newPage();
  watch(page, '');
  try {
    await page.goto(pathToFileURL(path.resolve(deck)).href, { waitUntil: 'load', timeout: STEP_TIMEOUT_MS });
    await page.waitForSelector('.reveal.ready', { timeout: STEP_TIMEOUT_MS });
    // MathJax 2 typesets the whole page once loaded; wait until its queue has run (a deck always loads it).
    if (!(await checks.waitForMath(page))) {
      report.pageErrors.push('MathJax did not load');
    }
    Object.assign(report, await page.evaluate(checks.inspectMedia), await page.evaluate(inspectDeck));
    const shot = async (which) => {
      if (screenshots) {
        fs.mkdirSync(screenshots, { recursive: true });
        await page.waitForTimeout(1000);  // the slide transition
        const base = path.basename(path.dirname(path.resolve(deck)));
        await page.screenshot({ path: path.join(screenshots, base + '-' + which + '.png') });
      }
    };
    await shot('first');
    report.reachedLast = await walkToLast(page, report.slides);
    await shot('last');
    report.speakerView = await openSpeakerView(context, page);
    if (pdf) {
      report.pdfPages = await printHandout(context, deck);
    }
  } catch (e) {
    report.pageErrors.push('check stopped: ' + String(e && e.message || e).split('\n')[0]);
  } finally {
    await context.close();
  }
  return report;
}

// Prints reveal.js's print view of the deck into handout.pdf beside it; returns its count of slide pages.
async function printHandout(context, deck) {
  const page = await context.newPage();
  try {
    await page.goto(pathToFileURL(path.resolve(deck)).href + '?print-pdf', { waitUntil: 'load',
      timeout: STEP_TIMEOUT_MS });
    await page.waitForSelector('.reveal.ready', { timeout: STEP_TIMEOUT_MS });
    await checks.waitForMath(page);
    await page.waitForTimeout(500);
    await page.pdf({ path: path.join(path.dirname(path.resolve(deck)), 'handout.pdf'), preferCSSPageSize: true,
      printBackground: true });
    return page.evaluate(() => document.querySelectorAll('.pdf-page').length);
  } finally {
    await page.close();
  }
}

// Presses S (reveal.js's notes plugin) and waits for the speaker view's popup to show the current slide.
async function openSpeakerView(context, page) {
  const [popup] = await Promise.all([context.waitForEvent('page', { timeout: STEP_TIMEOUT_MS }),
    page.keyboard.press('s')]);
  await popup.waitForLoadState('load');
  await popup.waitForSelector('#current-slide iframe', { timeout: STEP_TIMEOUT_MS });
  await popup.waitForTimeout(500);
  const title = await popup.title();
  await popup.close();
  return title.includes('Speaker View');
}

// Runs in the page: the slides, and the live-demo controls shown (math, images and players: checks.inspectMedia).
function inspectDeck() {
  const slides = document.querySelectorAll('.reveal .slides > section').length;
  // opened with no server in its address, the live-demo script must leave the deck as exported
  const liveControls = document.querySelectorAll('#earshot-live, textarea.earshot-live-source, .earshot-live-bar')
      .length;
  return { slides, liveControls };
}

// Presses the right arrow until the last horizontal slide is shown: at most one press per slide and per fragment
// (reveal.js 4 steps through a slide's fragments before it moves on), and a few more.
async function walkToLast(page, slides) {
  const fragments = await page.evaluate(() => document.querySelectorAll('.reveal .slides .fragment').length);
  const isLast = () => page.evaluate(() => {
    const all = document.querySelectorAll('.reveal .slides > section');
    return all.length > 0 && all[all.length - 1].classList.contains('present');
  });
  await page.locator('.reveal').click({ position: { x: 5, y: 5 } }).catch(() => {});
  for (let i = 0; i < slides + fragments + 3 && !(await isLast()); i++) {
    await page.keyboard.press('ArrowRight');
    await page.waitForTimeout(50);
  }
  return isLast();
}

async function main() {
  const args = process.argv.slice(2);
  let screenshots = null;
  const pdfAt = args.indexOf('--pdf');
  const pdf = pdfAt >= 0;
  if (pdf) {
    args.splice(pdfAt, 1);
  }
  const at = args.indexOf('--screenshots');
  if (at >= 0) {
    screenshots = args[at + 1];
    args.splice(at, 2);
  }
  const [playwrightDir, chromium, ...decks] = args;
  if (!playwrightDir || !chromium || decks.length === 0) {
    console.error('usage: node deck_check.cjs PLAYWRIGHT_CORE_DIR CHROMIUM DECK.html... [--screenshots DIR] [--pdf]');
    process.exit(2);
  }
  const browser = await checks.launch(playwrightDir, chromium);
  try {
    for (const deck of decks) {
      console.log(JSON.stringify(await checkDeck(browser, deck, screenshots, pdf)));
    }
  } finally {
    await browser.close();
  }
}

main().catch((e) => {
  console.error('deck_check: ' + (e && e.stack || e));
  process.exit(1);
});
