#!/usr/bin/env node
// The live lab in Chromium: against a running ./earshot lab (started by org.earshot.cli.LiveLabCheck on a free port
// in a temporary folder), with every request that is not to 127.0.0.1 (http and websocket), file:, data:, blob: or
// about: blocked, it
//   1. opens the notebook UI with the lab's token, opens notebooks/00-welcome.ipynb from the file list, runs all cells
//      from the Cell menu and waits until every cell has run; counts its audio players (loaded and played, muted),
//      its images (decoded) and whether the spectrogram cell shows its picture;
//   2. opens an exercise notebook from exercises/, types an answer into the first exercise's cell (a deliberately
//      partial one), runs it and its check cell with Shift+Enter and reads the feedback table;
//   3. opens the page of decks at the address ./earshot lab prints (…/static/earshot-slides/index.html?token=…),
//      follows its link to a deck (live mode), goes to the slide of a demo cell with the space bar, edits the cell's
//      source, runs it with Shift+Enter and waits for the fresh output; then leaves the deck and sees its kernel shut
//      down.
// It prints one JSON line with what it saw; the Java side (LiveLabCheck) decides what passes. Screenshots of each page
// go into --screenshots. Every wait is on a condition in the page, with a generous timeout; nothing is timed.
//
// Usage: node live_lab_check.cjs PLAYWRIGHT_CORE_DIR CHROMIUM --server URL --token-file FILE --lesson NAME
//          --exercise NAME --deck NAME --demo TEXT --edit FROM=>TO [--edit …] --expect TEXT [--screenshots DIR]
'use strict';

const path = require('path');
const fs = require('fs');
const checks = require('./page_checks.cjs');

const LOCAL = /^(file|data|blob|about):|^(https?|wss?):\/\/127\.0\.0\.1(:\d+)?\//;
const STEP_TIMEOUT_MS = 120000;
// The first exercise of 21.1 counts STFT frames; this answer forgets center = false, so the table shows both kinds.
const PARTIAL_ANSWER = {
  '21.1-frame-count': 'int frames(int signalLength, int nFft, int hopLength, boolean center) {\n'
      + '    return 1 + signalLength / hopLength;\n}',
};

function parseArgs(argv) {
  const [playwrightDir, chromium, ...rest] = argv;
  const opts = { playwrightDir, chromium, edits: [] };
  for (let i = 0; i < rest.length; i += 2) {
    const key = rest[i].replace(/^--/, '');
    const value = rest[i + 1];
    if (key === 'edit') {
      const [from, to] = value.split('=>');
      opts.edits.push({ from, to });
    } else {
      opts[key.replace(/-(\w)/g, (m, c) => c.toUpperCase())] = value;
    }
  }
  const required = ['playwrightDir', 'chromium', 'server', 'tokenFile', 'lesson', 'exercise', 'deck', 'demo', 'expect'];
  for (const k of required) {
    if (!opts[k]) {
      console.error('live_lab_check: missing ' + k + '; usage: node live_lab_check.cjs PLAYWRIGHT_CORE_DIR CHROMIUM '
          + '--server URL --token-file FILE --lesson NAME --exercise NAME --deck NAME --demo TEXT --edit FROM=>TO '
          + '--expect TEXT [--screenshots DIR]');
      process.exit(2);
    }
  }
  if (!opts.server.endsWith('/')) {
    opts.server += '/';
  }
  return opts;
}

/** Waits until the server answers GET /api (the lab is still starting when this script begins). */
async function waitForServer(server) {
  for (let i = 0; i < 240; i++) {
    try {
      const r = await fetch(server + 'api');
      if (r.ok) {
        return;
      }
    } catch (e) {
      // not listening yet
    }
    await new Promise((done) => setTimeout(done, 250));
  }
  throw new Error('the lab did not answer at ' + server + 'api within 60 s');
}

function watch(report, page, where) {
  page.on('requestfailed', (r) => {
    const why = (r.failure() || {}).errorText;
    // a request the page itself gave up because it navigated or closed is not a failure of the lab
    if (LOCAL.test(r.url()) && why !== 'net::ERR_ABORTED') {
      report.failedRequests.push(where + r.url() + ' (' + why + ')');
    }
  });
  page.on('response', (r) => {
    if (r.status() >= 400) {
      report.failedRequests.push(where + r.url() + ' (HTTP ' + r.status() + ')');
    }
  });
  page.on('console', (m) => {
    if (m.type() === 'error') {
      const at = (m.location() || {}).url;
      report.consoleErrors.push(where + m.text() + (at && !m.text().includes(at) ? ' (at ' + at + ')' : ''));
    }
  });
  page.on('pageerror', (e) => report.pageErrors.push(where + String(e && e.message || e)));
}

async function shot(page, opts, name) {
  if (opts.screenshots) {
    fs.mkdirSync(opts.screenshots, { recursive: true });
    await page.screenshot({ path: path.join(opts.screenshots, name + '.png'), fullPage: name !== 'deck-live' });
  }
}

/** Opens a notebook from the lab's file list (folder, then the notebook's link, which opens a tab). */
async function openFromTree(context, tree, opts, folder, file, report, where) {
  await tree.goto(opts.server + 'tree/' + folder, { timeout: STEP_TIMEOUT_MS });
  const link = tree.locator('#notebook_list a.item_link', { hasText: file }).first();
  await link.waitFor({ timeout: STEP_TIMEOUT_MS });
  const [page] = await Promise.all([context.waitForEvent('page', { timeout: STEP_TIMEOUT_MS }), link.click()]);
  watch(report, page, where);
  await page.waitForLoadState('load');
  // the kernel has started and answered: the indicator is the idle one
  await page.waitForSelector('#kernel_indicator_icon.kernel_idle_icon', { timeout: STEP_TIMEOUT_MS });
  return page;
}

/** Waits until no cell is running and every code cell has run (or one failed, which stops Run All). */
function waitForRun(page) {
  return page.waitForFunction(() => {
    const prompts = [...document.querySelectorAll('#notebook .code_cell .input_prompt')].map((p) => p.textContent);
    if (prompts.length === 0 || prompts.some((t) => t.includes('*'))) {
      return false;
    }
    return prompts.every((t) => /\[\d+\]/.test(t)) || document.querySelector('#notebook .output_error') !== null;
  }, null, { timeout: STEP_TIMEOUT_MS, polling: 250 });
}

// The audio players under a root (each loaded and played, muted) and its images (each decoded), counted by
// page_checks.inspectMedia.
async function mediaIn(page, rootSelector) {
  const m = await page.evaluate(checks.inspectMedia, rootSelector);
  return { audio: m.audio, audioPlayed: m.audio - m.audioBroken, images: m.images,
    imagesDecoded: m.images - m.imagesBroken };
}

async function lessonStep(context, tree, opts, report) {
  const started = Date.now();
  const page = await openFromTree(context, tree, opts, 'notebooks', opts.lesson + '.ipynb', report, 'lesson: ');
  await page.click('#celllink');
  await page.click('#run_all_cells > a');
  await waitForRun(page);
  const seen = await page.evaluate(() => {
    const cells = [...document.querySelectorAll('#notebook .code_cell')];
    const text = (c) => {
      const cm = c.querySelector('.CodeMirror');
      return cm && cm.CodeMirror ? cm.CodeMirror.getValue() : '';
    };
    const spectrogram = cells.find((c) => text(c).includes('SpectrogramPlot'));
    const img = spectrogram && spectrogram.querySelector('.output_area img');
    return {
      codeCells: cells.length,
      ran: cells.filter((c) => /\[\d+\]/.test(c.querySelector('.input_prompt').textContent)).length,
      errors: [...document.querySelectorAll('#notebook .output_error')].map((e) => e.textContent.trim().split('\n')[0]),
      spectrogram: !!(img && img.complete && img.naturalWidth > 0),
    };
  });
  Object.assign(seen, await mediaIn(page, '#notebook'));
  seen.notebook = 'notebooks/' + opts.lesson + '.ipynb';
  await shot(page, opts, 'lesson-' + opts.lesson);
  await page.close();
  seen.seconds = (Date.now() - started) / 1000;
  report.lesson = seen;
}

async function exerciseStep(context, tree, opts, report) {
  const started = Date.now();
  const page = await openFromTree(context, tree, opts, 'exercises', opts.exercise + '.ipynb', report, 'exercise: ');
  // the first exercise's answer cell, as the notebook's metadata names it (the UI does not show metadata)
  const at = await page.evaluate(() => Jupyter.notebook.get_cells().findIndex((c) => c.metadata.earshot
      && c.metadata.earshot.exercise));
  const id = await page.evaluate((i) => Jupyter.notebook.get_cell(i).metadata.earshot.exercise, at);
  const answer = PARTIAL_ANSWER[id];
  if (answer === undefined) {
    throw new Error('no answer to type for exercise ' + id);
  }
  const cells = page.locator('#notebook .cell');
  await cells.nth(at).locator('.CodeMirror').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(answer);  // no keystrokes: the editor's auto-closing brackets stay out of it
  await page.keyboard.press('Shift+Enter');  // runs the answer, selects the check cell
  await page.keyboard.press('Shift+Enter');  // runs the check
  const check = cells.nth(at + 1);
  await check.locator('.earshot-check').first().waitFor({ timeout: STEP_TIMEOUT_MS }).catch(() => {});
  const seen = await check.evaluate((c) => {
    const box = c.querySelector('.earshot-check');
    const rows = box ? [...box.querySelectorAll('tbody tr')] : [];
    return {
      summary: box ? box.querySelector('p').textContent.trim() : '',
      rows: rows.length,
      passedRows: rows.filter((r) => (r.children[1] || {}).textContent === 'passed').length,
      error: (c.querySelector('.output_error') || { textContent: '' }).textContent.trim().split('\n')[0],
    };
  });
  seen.notebook = 'exercises/' + opts.exercise + '.ipynb';
  seen.exercise = id;
  await shot(page, opts, 'exercise-' + opts.exercise);
  await page.close();
  seen.seconds = (Date.now() - started) / 1000;
  report.exercise = seen;
}

async function deckStep(context, opts, token, report) {
  const started = Date.now();
  const page = await context.newPage();
  watch(report, page, 'deck: ');
  const kernelRequests = [];
  page.on('request', (r) => { if (/\/api\/kernels/.test(r.url())) kernelRequests.push(r.method() + ' ' + r.url()); });
  // the instructor's page of decks, at the address the lab prints; its deck links carry the token
  await page.goto(opts.server + 'static/earshot-slides/index.html?token=' + encodeURIComponent(token),
      { timeout: STEP_TIMEOUT_MS });
  const link = page.locator('a.deck[href^="' + opts.deck + '/index.html"]');
  await link.waitFor({ timeout: STEP_TIMEOUT_MS });
  const linkCarriesToken = (await link.getAttribute('href')).includes(encodeURIComponent(token));
  await Promise.all([page.waitForURL(/\/index\.html/, { timeout: STEP_TIMEOUT_MS }), link.click()]);
  await page.waitForSelector('.reveal.ready', { timeout: STEP_TIMEOUT_MS });
  await page.waitForFunction(() => ['idle', 'failed'].includes(document.body.getAttribute('data-earshot-live')),
      null, { timeout: STEP_TIMEOUT_MS });
  const seen = { deck: opts.deck, badge: await page.locator('#earshot-live .text').innerText(),
    linkCarriesToken, tokenInAddress: page.url().includes(token) };
  // a textarea holds its text as a value, not as text: find the demo cell by it
  const index = await page.evaluate((demo) => {
    const cells = [...document.querySelectorAll('.jp-CodeCell')];
    return cells.findIndex((c) => {
      const t = c.querySelector('textarea.earshot-live-source');
      return t && t.value.includes(demo);
    });
  }, opts.demo);
  seen.editableCells = await page.locator('textarea.earshot-live-source').count();
  if (index < 0) {
    throw new Error('no live code cell in the deck contains ' + JSON.stringify(opts.demo));
  }
  const demo = page.locator('.jp-CodeCell').nth(index);
  await demo.evaluate((c) => c.setAttribute('data-earshot-check', 'demo'));
  const slide = await demo.evaluate((c) => {
    const top = c.closest('.slides > section');
    return [...document.querySelectorAll('.reveal .slides > section')].indexOf(top);
  });
  // Space steps through the deck in order (vertical slides and fragments too) until the demo cell is on screen: its
  // own slide is the present one and no fragment around it is still hidden
  const onScreen = () => page.evaluate(() => {
    const c = document.querySelector('[data-earshot-check="demo"]');
    const hidden = (e) => e && (e.classList.contains('fragment') && !e.classList.contains('visible')
        || hidden(e.parentElement && e.parentElement.closest('.fragment')));
    return c.closest('section').classList.contains('present') && !hidden(c.closest('.fragment'));
  });
  await page.locator('.reveal').click({ position: { x: 5, y: 5 } });
  const slides = await page.locator('.reveal .slides section').count();
  const fragments = await page.locator('.reveal .slides .fragment').count();
  for (let i = 0; i < slides + fragments && !(await onScreen()); i++) {
    await page.keyboard.press('Space');
    await page.waitForTimeout(50);  // lets reveal.js move on; the wait below is the condition
  }
  await page.waitForFunction(() => {
    const c = document.querySelector('[data-earshot-check="demo"]');
    return c.closest('section').classList.contains('present');
  }, null, { timeout: STEP_TIMEOUT_MS });
  seen.slide = slide + 1;
  const editor = demo.locator('textarea.earshot-live-source');
  await editor.waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
  const before = await demo.locator('.jp-OutputArea').innerText();
  let source = await editor.inputValue();
  for (const e of opts.edits) {
    if (!source.includes(e.from)) {
      throw new Error('the demo cell does not contain ' + JSON.stringify(e.from));
    }
    source = source.split(e.from).join(e.to);
  }
  await editor.fill(source);
  const ranAt = Date.now();
  await editor.press('Shift+Enter');
  await page.waitForFunction(() => document.querySelector('[data-earshot-check="demo"]')
      .hasAttribute('data-earshot-live-run'), null, { timeout: STEP_TIMEOUT_MS, polling: 100 });
  seen.runSeconds = (Date.now() - ranAt) / 1000;
  seen.run = await demo.getAttribute('data-earshot-live-run');
  seen.state = await demo.locator('.earshot-live-state').innerText();
  const after = await demo.locator('.jp-OutputArea').innerText();
  seen.freshOutputs = await demo.locator('.jp-OutputArea .earshot-live-output').count();
  seen.expectedShown = after.includes(opts.expect);
  // every output shown now came from this run: none of the executed ones is left
  seen.executedOutputs = await demo.locator('.jp-OutputArea-child:not(.earshot-live-output)').count();
  seen.executedOutputBefore = before.trim() !== '';
  seen.prompt = await demo.locator('.jp-InputPrompt').innerText();
  seen.errorShown = (await demo.locator('.earshot-live-error').count()) > 0
      ? (await demo.locator('.earshot-live-error').first().innerText()).split('\n').slice(0, 3).join(' ') : '';
  Object.assign(seen, await mediaIn(page, '[data-earshot-check="demo"] .jp-OutputArea'));
  await shot(page, opts, 'deck-live');
  seen.kernelRequests = kernelRequests.filter((r) => !/\/channels\?/.test(r)).map((r) => r.split('?')[0]
      .replace(/[0-9a-f-]{36}/, '<id>'));
  const kernelsBefore = await listKernels(opts.server, token);
  await page.close({ runBeforeUnload: true });
  // leaving the deck shuts its kernel down (pagehide: DELETE /api/kernels/<id>)
  let kernelsAfter = kernelsBefore;
  for (let i = 0; i < 40 && kernelsAfter >= kernelsBefore; i++) {
    await new Promise((done) => setTimeout(done, 250));
    kernelsAfter = await listKernels(opts.server, token);
  }
  seen.kernelShutOnLeave = kernelsAfter < kernelsBefore;
  seen.seconds = (Date.now() - started) / 1000;
  report.deck = seen;
}

async function listKernels(server, token) {
  const r = await fetch(server + 'api/kernels', { headers: { Authorization: 'token ' + token } });
  return r.ok ? (await r.json()).length : -1;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const report = { server: opts.server, blockedRequests: [], failedRequests: [], consoleErrors: [], pageErrors: [],
    steps: [] };
  const started = Date.now();
  await waitForServer(opts.server);
  const token = fs.readFileSync(opts.tokenFile, 'utf8').trim();
  report.serverSeconds = (Date.now() - started) / 1000;
  const browser = await checks.launch(opts.playwrightDir, opts.chromium);
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await checks.blockNetwork(context, report, LOCAL);
    await context.routeWebSocket((url) => !LOCAL.test(url.href), (ws) => {
      report.blockedRequests.push(ws.url());
      ws.close();
    });
    const tree = await context.newPage();
    watch(report, tree, 'tree: ');
    await tree.goto(opts.server + 'tree?token=' + encodeURIComponent(token), { timeout: STEP_TIMEOUT_MS });
    await tree.waitForSelector('#notebook_list a.item_link', { timeout: STEP_TIMEOUT_MS });
    await shot(tree, opts, 'tree');
    for (const [name, step] of [['lesson', () => lessonStep(context, tree, opts, report)],
      ['exercise', () => exerciseStep(context, tree, opts, report)],
      ['deck', () => deckStep(context, opts, token, report)]]) {
      try {
        await step();
        report.steps.push(name);
      } catch (e) {
        report.pageErrors.push(name + ' step stopped: ' + String(e && e.message || e).split('\n')[0]);
      }
    }
    await context.close();
  } finally {
    await browser.close();
  }
  report.seconds = (Date.now() - started) / 1000;
  console.log(JSON.stringify(report));
}

main().catch((e) => {
  console.error('live_lab_check: ' + (e && e.stack || e));
  process.exit(1);
});
