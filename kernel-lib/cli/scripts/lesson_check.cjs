#!/usr/bin/env node
// Opens executed lessons' HTML (what ./earshot run exports beside each executed notebook) in Chromium from file://
// with the network blocked (only file:, data:, blob: and about: URLs load) and prints, for each page, one JSON line
// on standard output: blocked and failed requests, console errors, page errors, whether MathJax loaded, formulas
// typeset, raw $$ left (anywhere) and raw $ left (in markdown cells), MathJax errors, images and audio players with
// how many did not decode, load or play.
// The Java side (org.earshot.cli.LessonCheck) runs it and turns the counts into a verdict.
//
// Usage: node lesson_check.cjs PLAYWRIGHT_CORE_DIR CHROMIUM PAGE.html... [--screenshots DIR]
//   PLAYWRIGHT_CORE_DIR  the unpacked npm package playwright-core (fetched by ./earshot setup), no browser download
//   CHROMIUM             the browser to drive, e.g. /usr/bin/chromium (Debian's)
//   --screenshots DIR    a full-page PNG of each page, DIR/<page name>.png (the first 16000 px of a longer one)
'use strict';

const path = require('path');
const fs = require('fs');
const { pathToFileURL } = require('url');
const checks = require('./page_checks.cjs');

const SCREENSHOT_MAX_PX = 16000;

async function checkPage(browser, page, screenshots) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const report = {
    page, blockedRequests: [], failedRequests: [], consoleErrors: [], pageErrors: [], mathjax: false,
    rawMath: 0, rawDollars: 0, mathTypeset: 0, mathErrors: 0, images: 0, imagesBroken: 0, brokenImages: [], audio: 0,
    audioBroken: 0, audioFailures: [], seconds: 0,
  };
  const start = Date.now();
  await checks.blockNetwork(context, report);
  const tab = await context.newPage();
  checks.watch(tab, report, '');
  try {
    await tab.goto(pathToFileURL(path.resolve(page)).href, { waitUntil: 'load', timeout: checks.STEP_TIMEOUT_MS });
    report.mathjax = await checks.waitForMath(tab);
    Object.assign(report, await tab.evaluate(checks.inspectMedia));
    report.rawDollars = await tab.evaluate(rawDollarsInMarkdown);
    if (screenshots) {
      fs.mkdirSync(screenshots, { recursive: true });
      const height = await tab.evaluate(() => document.documentElement.scrollHeight);
      if (height > SCREENSHOT_MAX_PX) {
        await tab.setViewportSize({ width: 1280, height: SCREENSHOT_MAX_PX });
      }
      await tab.screenshot({ path: path.join(screenshots, path.basename(page, '.html') + '.png'),
        fullPage: height <= SCREENSHOT_MAX_PX });
    }
  } catch (e) {
    report.pageErrors.push('check stopped: ' + String(e && e.message || e).split('\n')[0]);
  } finally {
    await context.close();
  }
  report.seconds = (Date.now() - start) / 1000;
  return report;
}

// Runs in the page: the $ signs left in the text of rendered markdown cells (outside code). The kit's lessons write
// a $ only as a math delimiter (RepositoryNotebooksTest keeps them balanced) and MathJax removes the delimiters of
// what it typesets, so any $ left is inline math that was not typeset.
function rawDollarsInMarkdown() {
  let dollars = 0;
  for (const cell of document.querySelectorAll('.jp-MarkdownOutput')) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT, {
      acceptNode: (n) => (n.parentElement.closest('script, style, pre, code, textarea')
        ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
    });
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      dollars += (n.nodeValue.match(/\$/g) || []).length;
    }
  }
  return dollars;
}

async function main() {
  const args = process.argv.slice(2);
  let screenshots = null;
  const at = args.indexOf('--screenshots');
  if (at >= 0) {
    screenshots = args[at + 1];
    args.splice(at, 2);
  }
  const [playwrightDir, chromium, ...pages] = args;
  if (!playwrightDir || !chromium || pages.length === 0) {
    console.error('usage: node lesson_check.cjs PLAYWRIGHT_CORE_DIR CHROMIUM PAGE.html... [--screenshots DIR]');
    process.exit(2);
  }
  const browser = await checks.launch(playwrightDir, chromium);
  try {
    for (const page of pages) {
      console.log(JSON.stringify(await checkPage(browser, page, screenshots)));
    }
  } finally {
    await browser.close();
  }
}

main().catch((e) => {
  console.error('lesson_check: ' + (e && e.stack || e));
  process.exit(1);
});
