// Live demos in an Earshot slide deck: run a lesson's code cell from its slide on a running Jupyter server's kernel
// and show the fresh output (text, the kit's HTML such as audio players, images) in place of the executed output.
//
// Copied into every deck as lib/earshot-live.js by ./earshot slides (org.earshot.cli.DeckAssets). It does nothing
// unless the page's address names a server: a deck opened from file:// (a USB stick, no network) stays exactly as
// exported, with no request made. ./earshot lab serves the decks from the Jupyter server itself, so the page and the
// kernel API share one origin, and prints each deck's live address:
//
//   http://127.0.0.1:8888/static/earshot-slides/<lesson>/index.html?token=<the lab's token>
//
// Query parameters: token (required: the server's token), jupyter (the server's base URL; default: the server the page
// came from), kernel (the kernelspec; default earshot). The token is then removed from the address bar (a projected
// screen does not show it) and kept in the tab's sessionStorage, so a reload stays live.
//
// It speaks Jupyter's own protocol, no library: POST /api/kernels starts a kernel (token in the Authorization header),
// the websocket /api/kernels/<id>/channels carries execute_request on the shell channel and brings back stream,
// display_data, execute_result, error, clear_output and update_display_data on iopub. A run is over once its
// execute_reply and the kernel's idle status for it have both come. Leaving the page shuts the kernel down.
//
// A code cell of the deck is tagged celltag_earshot-cell-N by the deck writer; the lesson's code cells, skipped ones
// included, are in the JSON script #earshot-live-cells in lesson order. Running cell N first runs, in order, every
// earlier code cell that has not run yet in this kernel (as the lesson would have), keeping their executed outputs.
(function () {
  'use strict';

  /** The MIME types shown, best first, as the classic notebook picks them. */
  var OUTPUT_ORDER = ['text/html', 'image/svg+xml', 'image/png', 'image/jpeg', 'text/latex', 'text/markdown',
    'text/plain'];
  var STORE = 'earshot-live';

  function liveSettings() {
    var query = new URLSearchParams(window.location.search);
    var stored = null;
    try {
      stored = JSON.parse(window.sessionStorage.getItem(STORE) || 'null');
    } catch (e) {
      stored = null;
    }
    var token = query.get('token') || (stored && stored.token);
    if (!token) {
      return null;
    }
    var server = query.get('jupyter') || (query.get('token') ? null : stored && stored.server) || serverOfPage();
    if (server && !/\/$/.test(server)) {
      server += '/';
    }
    var settings = { token: token, server: server, kernel: query.get('kernel') || (stored && stored.kernel)
        || 'earshot' };
    try {
      window.sessionStorage.setItem(STORE, JSON.stringify(settings));
    } catch (e) {
      // no storage (a private window's quota): a reload is then not live, nothing else changes
    }
    ['token', 'jupyter', 'kernel'].forEach(function (k) { query.delete(k); });
    var rest = query.toString();
    window.history.replaceState(window.history.state, '',
        window.location.pathname + (rest ? '?' + rest : '') + window.location.hash);
    return settings;
  }

  /** The Jupyter server that served this page (http://host/base/static/earshot-slides/…), or null. */
  function serverOfPage() {
    if (!/^https?:$/.test(window.location.protocol)) {
      return null;
    }
    var at = window.location.pathname.indexOf('/static/');
    return at < 0 ? null : window.location.origin + window.location.pathname.slice(0, at + 1);
  }

  function uuid() {
    if (window.crypto && window.crypto.randomUUID) {
      return window.crypto.randomUUID();
    }
    var b = new Uint8Array(16);
    window.crypto.getRandomValues(b);
    return Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join('');
  }

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) {
      e.className = className;
    }
    if (text !== undefined) {
      e.textContent = text;
    }
    return e;
  }

  function stripAnsi(s) {
    return String(s).replace(/\u001b\[[0-9;]*[A-Za-z]/g, '');
  }

  function joined(v) {
    return Array.isArray(v) ? v.join('') : String(v);
  }

  // ---- the kernel: REST to start and stop it, one websocket for its channels ----

  function Kernel(settings, onStatus) {
    this.settings = settings;
    this.onStatus = onStatus;
    this.session = uuid();
    this.pending = {};
    this.id = null;
    this.socket = null;
  }

  Kernel.prototype.api = function (method, path, body, keepalive) {
    return fetch(this.settings.server + path, {
      method: method, keepalive: !!keepalive, credentials: 'omit',
      headers: { 'Authorization': 'token ' + this.settings.token, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    }).then(function (r) {
      if (!r.ok) {
        throw new Error(method + ' ' + path + ': HTTP ' + r.status + (r.status === 403
            ? ' (the token is not this server\'s: open the address ./earshot lab printed)' : ''));
      }
      return r.status === 204 ? null : r.json();
    });
  };

  Kernel.prototype.start = function () {
    var self = this;
    self.onStatus('starting', 'starting kernel ' + self.settings.kernel + '…');
    return self.api('POST', 'api/kernels', { name: self.settings.kernel }).then(function (model) {
      self.id = model.id;
      return self.connect();
    });
  };

  Kernel.prototype.connect = function () {
    var self = this;
    var url = self.settings.server.replace(/^http/, 'ws') + 'api/kernels/' + encodeURIComponent(self.id)
        + '/channels?session_id=' + self.session + '&token=' + encodeURIComponent(self.settings.token);
    return new Promise(function (resolve, reject) {
      var socket = new WebSocket(url);
      socket.binaryType = 'arraybuffer';
      self.socket = socket;
      socket.onopen = function () { resolve(self.waitUntilReady()); };
      socket.onerror = function () { reject(new Error('the kernel\'s websocket did not open')); };
      socket.onclose = function () {
        self.socket = null;
        self.onStatus('disconnected', 'disconnected from the kernel');
        Object.keys(self.pending).forEach(function (id) {
          self.pending[id].fail(new Error('the connection to the kernel closed'));
        });
        self.pending = {};
      };
      socket.onmessage = function (event) { self.receive(event.data); };
    });
  };

  /** Asks for kernel_info until the kernel answers (a request sent while it starts may be dropped). */
  Kernel.prototype.waitUntilReady = function () {
    var self = this;
    return new Promise(function (resolve, reject) {
      var tries = 0;
      var ask = function () {
        if (!self.socket) {
          reject(new Error('the connection to the kernel closed while it started'));
          return;
        }
        if (tries++ >= 120) {
          reject(new Error('the kernel did not answer kernel_info in 120 s'));
          return;
        }
        var id = self.send('shell', 'kernel_info_request', {});
        var timer = setTimeout(function () { delete self.pending[id]; ask(); }, 1000);
        self.pending[id] = {
          message: function (msg) {
            if (msg.header.msg_type === 'kernel_info_reply') {
              clearTimeout(timer);
              delete self.pending[id];
              self.onStatus('idle', 'live: kernel ' + self.settings.kernel + ' ready');
              resolve();
            }
          },
          fail: function (e) { clearTimeout(timer); reject(e); },
        };
      };
      ask();
    });
  };

  Kernel.prototype.send = function (channel, type, content) {
    var id = uuid();
    this.socket.send(JSON.stringify({
      header: { msg_id: id, msg_type: type, session: this.session, username: 'earshot-deck', version: '5.3',
        date: new Date().toISOString() },
      parent_header: {}, metadata: {}, content: content, buffers: [], channel: channel,
    }));
    return id;
  };

  /** A message as text (JSON) or, when it carries buffers, in Jupyter's binary framing (JSON first). */
  Kernel.prototype.receive = function (data) {
    var msg;
    if (typeof data === 'string') {
      msg = JSON.parse(data);
    } else {
      var view = new DataView(data);
      var offsets = [];
      for (var i = 0, n = view.getUint32(0); i < n; i++) {
        offsets.push(view.getUint32(4 * (i + 1)));
      }
      offsets.push(data.byteLength);
      msg = JSON.parse(new TextDecoder().decode(new Uint8Array(data, offsets[0], offsets[1] - offsets[0])));
    }
    if (msg.channel === 'iopub' && msg.header.msg_type === 'status') {
      var state = msg.content.execution_state;
      if (state === 'busy' || state === 'idle' || state === 'restarting' || state === 'starting') {
        this.onStatus(state, state === 'idle' ? 'live: kernel ' + this.settings.kernel + ' idle'
            : 'live: kernel ' + state);
      }
    }
    var parent = msg.parent_header && msg.parent_header.msg_id;
    if (parent && this.pending[parent]) {
      this.pending[parent].message(msg);
    }
  };

  /**
   * Runs code; out receives each output message. Resolves with {status, count, error} once both the reply and the
   * kernel's idle status for this request have come (so no output is still on its way).
   */
  Kernel.prototype.execute = function (code, out) {
    var self = this;
    if (!self.socket) {
      return Promise.reject(new Error('not connected to a kernel'));
    }
    return new Promise(function (resolve, reject) {
      var reply = null;
      var idle = false;
      var error = null;
      var id = self.send('shell', 'execute_request', { code: code, silent: false, store_history: true,
        user_expressions: {}, allow_stdin: false, stop_on_error: true });
      var finish = function () {
        if (reply && idle) {
          delete self.pending[id];
          resolve({ status: reply.status, count: reply.execution_count, error: error });
        }
      };
      self.pending[id] = {
        message: function (msg) {
          var type = msg.header.msg_type;
          if (msg.channel === 'shell' && type === 'execute_reply') {
            reply = msg.content;
          } else if (type === 'status' && msg.content.execution_state === 'idle') {
            idle = true;
          } else if (type === 'error') {
            error = msg.content;
          }
          if (out && msg.channel === 'iopub' && type !== 'status') {
            out(msg);
          }
          finish();
        },
        fail: reject,
      };
    });
  };

  Kernel.prototype.interrupt = function () {
    return this.id ? this.api('POST', 'api/kernels/' + encodeURIComponent(this.id) + '/interrupt') : null;
  };

  Kernel.prototype.restart = function () {
    var self = this;
    self.onStatus('restarting', 'live: restarting kernel…');
    return self.api('POST', 'api/kernels/' + encodeURIComponent(self.id) + '/restart')
        .then(function () { return self.waitUntilReady(); });
  };

  Kernel.prototype.shutdown = function () {
    if (this.id) {
      this.api('DELETE', 'api/kernels/' + encodeURIComponent(this.id), undefined, true).catch(function () {});
      this.id = null;
    }
  };

  // ---- output: the same markup nbconvert writes, so the deck's styles apply ----

  function OutputArea(area) {
    this.area = area;
    this.clearOnNext = false;
    this.displays = {};
    this.lastStream = null;
  }

  OutputArea.prototype.clear = function () {
    this.area.textContent = '';
    this.lastStream = null;
    this.clearOnNext = false;
  };

  OutputArea.prototype.note = function (text, isError) {
    this.append(this.textOutput(text, isError ? 'application/vnd.jupyter.stderr' : 'text/plain', isError));
  };

  OutputArea.prototype.append = function (child) {
    if (this.clearOnNext) {
      this.clear();
    }
    child.classList.add('earshot-live-output');
    this.area.appendChild(child);
  };

  OutputArea.prototype.textOutput = function (text, mime, isError) {
    var child = el('div', 'jp-OutputArea-child');
    child.appendChild(el('div', 'jp-OutputPrompt jp-OutputArea-prompt'));
    var box = el('div', 'jp-RenderedText jp-OutputArea-output' + (isError ? ' earshot-live-error' : ''));
    box.setAttribute('data-mime-type', mime);
    box.appendChild(el('pre', null, text));
    child.appendChild(box);
    return child;
  };

  OutputArea.prototype.rich = function (data, count) {
    var mime = OUTPUT_ORDER.filter(function (m) { return data[m] !== undefined; })[0];
    if (!mime) {
      return null;
    }
    var child = el('div', 'jp-OutputArea-child');
    child.appendChild(el('div', 'jp-OutputPrompt jp-OutputArea-prompt', count ? 'Out[' + count + ']:' : ''));
    var box;
    var value = joined(data[mime]);
    if (mime === 'text/html' || mime === 'image/svg+xml') {
      box = el('div', 'jp-RenderedHTMLCommon jp-RenderedHTML jp-OutputArea-output');
      box.innerHTML = value;  // the kernel's own HTML, as Jupyter shows it (its scripts are not run)
    } else if (mime === 'image/png' || mime === 'image/jpeg') {
      box = el('div', 'jp-RenderedImage jp-OutputArea-output');
      var img = el('img');
      img.src = 'data:' + mime + ';base64,' + value.replace(/\s/g, '');
      box.appendChild(img);
    } else if (mime === 'text/latex') {
      box = el('div', 'jp-RenderedLatex jp-OutputArea-output', value);
    } else {
      box = el('div', 'jp-RenderedText jp-OutputArea-output');
      box.appendChild(el('pre', null, value));
    }
    box.setAttribute('data-mime-type', mime);
    child.appendChild(box);
    if (window.MathJax && window.MathJax.Hub && (mime === 'text/latex' || mime === 'text/html')) {
      window.MathJax.Hub.Queue(['Typeset', window.MathJax.Hub, box]);
    }
    return child;
  };

  /** Shows one iopub message of a run. */
  OutputArea.prototype.show = function (msg) {
    var type = msg.header.msg_type;
    var c = msg.content;
    if (type === 'clear_output') {
      if (c.wait) {
        this.clearOnNext = true;
      } else {
        this.clear();
      }
    } else if (type === 'stream') {
      if (this.lastStream && this.lastStream.name === c.name && !this.clearOnNext
          && this.lastStream.node === this.area.lastChild) {
        this.lastStream.pre.textContent += stripAnsi(c.text);
        return;
      }
      var child = this.textOutput(stripAnsi(c.text), c.name === 'stderr' ? 'application/vnd.jupyter.stderr'
          : 'text/plain', c.name === 'stderr');
      this.append(child);
      this.lastStream = { name: c.name, node: child, pre: child.querySelector('pre') };
    } else if (type === 'display_data' || type === 'execute_result') {
      var shown = this.rich(c.data || {}, type === 'execute_result' ? c.execution_count : null);
      if (shown) {
        this.append(shown);
        var displayId = c.transient && c.transient.display_id;
        if (displayId) {
          this.displays[displayId] = shown;
        }
      }
    } else if (type === 'update_display_data') {
      var old = c.transient && this.displays[c.transient.display_id];
      var fresh = old && this.rich(c.data || {}, null);
      if (fresh) {
        fresh.classList.add('earshot-live-output');
        old.replaceWith(fresh);
        this.displays[c.transient.display_id] = fresh;
      }
    } else if (type === 'error') {
      var trace = (c.traceback || []).map(stripAnsi).join('\n') || c.ename + ': ' + c.evalue;
      this.append(this.textOutput(trace, 'application/vnd.jupyter.stderr', true));
    }
  };

  // ---- the deck's code cells ----

  var STYLE = [
    '.earshot-live-bar{display:flex;gap:.5em;align-items:center;justify-content:flex-end;font:13px sans-serif;',
    'margin:2px 0;color:#555}',
    '.earshot-live-bar button,#earshot-live button{font:13px sans-serif;padding:1px 8px;cursor:pointer;',
    'border:1px solid #888;border-radius:3px;background:#f4f4f4}',
    '.earshot-live-bar button:disabled{opacity:.5;cursor:default}',
    'textarea.earshot-live-source{box-sizing:border-box;width:100%;font-family:monospace;font-size:inherit;',
    'line-height:1.3;border:1px solid #c6c6c6;background:#f7f7f7;padding:4px;resize:vertical;tab-size:4;',
    'white-space:pre;overflow:auto}',
    'textarea.earshot-live-source:focus{outline:2px solid #4a90d9}',
    '.earshot-live-error pre{background:#fdd;color:#700}',
    '.earshot-live-stale{opacity:.45}',
    '#earshot-live{position:fixed;left:8px;bottom:8px;z-index:100;font:13px sans-serif;background:#fff;',
    'border:1px solid #bbb;border-radius:4px;padding:3px 8px;display:flex;gap:.5em;align-items:center}',
    '#earshot-live .dot{width:9px;height:9px;border-radius:50%;background:#999;display:inline-block}',
    '#earshot-live[data-state="idle"] .dot{background:#2da44e}',
    '#earshot-live[data-state="busy"] .dot{background:#d29922}',
    '#earshot-live[data-state="failed"] .dot,#earshot-live[data-state="disconnected"] .dot{background:#cf222e}',
  ].join('');

  function Deck(settings) {
    var self = this;
    self.sources = JSON.parse((document.getElementById('earshot-live-cells') || {}).textContent || '[]');
    self.cells = {};
    self.ran = {};
    self.queue = Promise.resolve();
    self.badge = self.makeBadge();
    self.kernel = new Kernel(settings, function (state, text) { self.status(state, text); });
    document.querySelectorAll('.jp-CodeCell').forEach(function (cell) {
      var m = /(?:^|\s)celltag_earshot-cell-(\d+)(?:\s|$)/.exec(cell.className);
      if (m && !cell.closest('aside.notes')) {
        self.makeLive(cell, Number(m[1]));
      }
    });
    window.addEventListener('pagehide', function () { self.kernel.shutdown(); });
    self.kernel.start().catch(function (e) { self.status('failed', 'live: ' + e.message); });
  }

  Deck.prototype.makeBadge = function () {
    var self = this;
    var badge = el('div');
    badge.id = 'earshot-live';
    badge.setAttribute('data-state', 'starting');
    badge.appendChild(el('span', 'dot'));
    self.badgeText = badge.appendChild(el('span', 'text', 'live: connecting…'));
    var interrupt = badge.appendChild(el('button', null, '■'));
    interrupt.title = 'Interrupt the running cell';
    interrupt.addEventListener('click', function () { self.kernel.interrupt(); });
    var restart = badge.appendChild(el('button', null, '↻'));
    restart.title = 'Restart the kernel (every cell runs its earlier cells again)';
    restart.addEventListener('click', function () {
      self.queue = self.queue.then(function () {
        self.ran = {};
        return self.kernel.restart();
      }).catch(function (e) { self.status('failed', 'live: ' + e.message); });
    });
    document.body.appendChild(badge);
    return badge;
  };

  Deck.prototype.status = function (state, text) {
    this.badge.setAttribute('data-state', state);
    this.badgeText.textContent = text;
    document.body.setAttribute('data-earshot-live', state);
  };

  Deck.prototype.makeLive = function (cell, index) {
    var self = this;
    var editor = cell.querySelector('.jp-InputArea-editor');
    var shown = editor && editor.querySelector('.highlight');
    if (!editor || self.sources[index] === undefined) {
      return;
    }
    var source = el('textarea', 'earshot-live-source');
    source.value = self.sources[index];
    source.spellcheck = false;
    source.rows = Math.min(30, source.value.split('\n').length);
    if (shown) {
      source.style.fontSize = window.getComputedStyle(shown.querySelector('pre') || shown).fontSize;
      shown.style.display = 'none';
    }
    (editor.querySelector('.CodeMirror') || editor).appendChild(source);
    var bar = el('div', 'earshot-live-bar');
    var state = bar.appendChild(el('span', 'earshot-live-state', ''));
    var run = bar.appendChild(el('button', 'earshot-live-run', '▶ Run'));
    run.type = 'button';
    run.title = 'Run this cell on the live kernel (Shift+Enter in the code)';
    cell.insertBefore(bar, cell.firstChild);
    var outputs = cell.querySelector('.jp-OutputArea');
    if (!outputs) {
      var wrapper = cell.appendChild(el('div', 'jp-Cell-outputWrapper'));
      outputs = wrapper.appendChild(el('div', 'jp-OutputArea jp-Cell-outputArea'));
    }
    self.cells[index] = { cell: cell, source: source, state: state, run: run,
      prompt: cell.querySelector('.jp-InputPrompt'), out: new OutputArea(outputs) };
    run.addEventListener('click', function () { self.run(index); });
    source.addEventListener('keydown', function (e) {
      e.stopPropagation();  // reveal.js must not turn a keystroke in the code into a slide change
      if (e.key === 'Enter' && (e.shiftKey || e.ctrlKey)) {
        e.preventDefault();
        self.run(index);
      } else if (e.key === 'Tab' && !e.shiftKey) {
        e.preventDefault();
        source.setRangeText('    ', source.selectionStart, source.selectionEnd, 'end');
      } else if (e.key === 'Escape') {
        source.blur();
      }
    });
  };

  /** The source a cell runs: what is in its editor on the slide, else the lesson's. */
  Deck.prototype.sourceOf = function (index) {
    return this.cells[index] ? this.cells[index].source.value : this.sources[index];
  };

  Deck.prototype.run = function (index) {
    var self = this;
    var live = self.cells[index];
    live.run.disabled = true;
    live.state.textContent = 'queued';
    self.queue = self.queue.then(function () { return self.runNow(index); }).catch(function (e) {
      live.out.clear();
      live.out.note('live: ' + e.message, true);
      live.state.textContent = 'failed';
    }).then(function () {
      live.run.disabled = false;
      self.relayout(live.cell);
    });
    return self.queue;
  };

  Deck.prototype.runNow = function (index) {
    var self = this;
    var live = self.cells[index];
    var before = [];
    for (var i = 0; i < index; i++) {
      if (!self.ran[i]) {
        before.push(i);
      }
    }
    var chain = Promise.resolve(true);
    before.forEach(function (i, k) {
      chain = chain.then(function (ok) {
        if (!ok) {
          return false;
        }
        live.state.textContent = 'running the lesson\'s earlier cells (' + (k + 1) + ' of ' + before.length + ')';
        return self.kernel.execute(self.sourceOf(i), null).then(function (r) {
          if (r.status === 'ok') {
            self.ran[i] = true;
            return true;
          }
          live.out.clear();
          live.out.note('live: this cell needs the lesson\'s code cell ' + (i + 1) + ' first, which failed:\n'
              + (r.error ? (r.error.traceback || []).map(stripAnsi).join('\n') || r.error.ename + ': '
                  + r.error.evalue : r.status), true);
          live.state.textContent = 'failed';
          return false;
        });
      });
    });
    return chain.then(function (ok) {
      if (!ok) {
        return;
      }
      live.state.textContent = 'running';
      if (live.prompt) {
        live.prompt.textContent = 'In\u00a0[*]:';
      }
      live.out.clear();
      return self.kernel.execute(self.sourceOf(index), function (msg) { live.out.show(msg); }).then(function (r) {
        self.ran[index] = r.status === 'ok';
        if (live.prompt && r.count) {
          live.prompt.textContent = 'In\u00a0[' + r.count + ']:';
        }
        live.state.textContent = r.status === 'ok' ? 'ran live' : 'failed';
        live.cell.setAttribute('data-earshot-live-run', r.status);
      });
    });
  };

  /** A slide that grew past the screen scrolls, as the deck's template does for long slides. */
  Deck.prototype.relayout = function (cell) {
    var slide = cell.closest('section');
    var reveal = document.querySelector('.reveal');
    if (slide && reveal && slide.scrollHeight > reveal.clientHeight * 0.95) {
      slide.style.height = 'calc(95vh)';
      slide.style.overflowY = 'scroll';
      slide.style.marginTop = '20px';
    }
  };

  function main() {
    var settings = liveSettings();
    if (!settings) {
      return;  // no server given: the deck stays exactly as exported
    }
    var style = el('style', null, STYLE);
    document.head.appendChild(style);
    if (!settings.server) {
      var badge = el('div', null, 'live: no server: open this deck from the address ./earshot lab prints');
      badge.id = 'earshot-live';
      badge.setAttribute('data-state', 'failed');
      document.body.appendChild(badge);
      document.body.setAttribute('data-earshot-live', 'failed');
      return;
    }
    window.earshotLive = new Deck(settings);
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', main);
  } else {
    main();
  }
}());
