// WebKit, Safari's engine, for the tests and benchmarks: WebKitGTK's MiniBrowser on a virtual X
// display (Xvfb), driven by WebKitWebDriver over W3C WebDriver with selenium-webdriver. The
// driver speaks classic WebDriver only (no BiDi in Debian's build), so the page's errors come
// from the page itself (lib/page-errors.mjs, drained after every command here).
//
// `launchWebKit()` returns an object shaped like puppeteer's Browser, whose pages offer the part
// of puppeteer's Page API the tests use (goto, evaluate, waitForFunction, waitForSelector, $,
// $eval, $$eval, click, type, keyboard.press, screenshot, frames), so that every test file is
// written once for all three browsers. Each launch starts its own Xvfb and driver and ends
// both, by their process ids, on close().
//
// `sharedMemory: true` sets JSC_useSharedArrayBuffer=1 in the browser's environment: WebKitGTK
// then exposes SharedArrayBuffer to cross-origin isolated pages, as Safari 15.2+ does. Without
// it (WebKitGTK's default) an isolated page has no SharedArrayBuffer.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Builder, Key } from 'selenium-webdriver';

const KEYS = { Tab: Key.TAB, ArrowRight: Key.ARROW_RIGHT, ArrowLeft: Key.ARROW_LEFT, End: Key.END, Home: Key.HOME, Backspace: Key.BACK_SPACE, Enter: Key.ENTER, Escape: Key.ESCAPE };

// The MiniBrowser of the installed WebKitGTK (it is not on PATH): the file its package lists.
export function miniBrowserPath() {
  for (const pkg of ['libwebkit2gtk-4.1-0', 'libwebkitgtk-6.0-4', 'libwebkit2gtk-4.0-37']) {
    try {
      const files = execFileSync('dpkg', ['-L', pkg], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
      const path = files.split('\n').find((f) => f.endsWith('/MiniBrowser'));
      if (path) return path;
    } catch {
      // not installed
    }
  }
  return null;
}

// The installed WebKitGTK's version, e.g. "2.50.6", from its package.
export function webkitVersion() {
  try {
    return execFileSync('dpkg-query', ['-W', '-f', '${Version}', 'libwebkit2gtk-4.1-0'], { encoding: 'utf8' }).replace(/-.*/, '');
  } catch {
    return 'unknown';
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

// Starts Xvfb on the first free display (it writes the number to fd 3).
function startXvfb() {
  return new Promise((resolve, reject) => {
    const child = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1400x6000x24', '-nolisten', 'tcp'], { stdio: ['ignore', 'ignore', 'ignore', 'pipe'] });
    let out = '';
    child.on('error', (e) => reject(new Error(`Xvfb could not start (${e.message}): run scripts/setup`)));
    child.on('exit', (code) => reject(new Error(`Xvfb exited with ${code}`)));
    child.stdio[3].on('data', (chunk) => {
      out += chunk;
      if (out.includes('\n')) resolve({ child, display: `:${out.trim()}` });
    });
  });
}

async function startDriver(env) {
  const port = await freePort();
  const child = spawn('WebKitWebDriver', [`--port=${port}`], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const failed = new Promise((_, reject) => {
    child.on('error', (e) => reject(new Error(`WebKitWebDriver could not start (${e.message}): run scripts/setup`)));
    child.on('exit', (code) => reject(new Error(`WebKitWebDriver exited with ${code}: ${stderr}`)));
  });
  failed.catch(() => {});
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    const up = await Promise.race([fetch(`${url}/status`).then((r) => r.ok, () => false), failed]);
    if (up) return { child, url };
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('WebKitWebDriver did not answer');
}

// MiniBrowser's toolbar keeps its window at least 447 px wide, too wide for a phone's 390 px. A
// GTK style sheet of its own (in a fresh XDG_CONFIG_HOME) shrinks the toolbar's widgets, not the
// page, so that the page's viewport can be as narrow as a phone's.
function narrowChrome() {
  const home = mkdtempSync(join(tmpdir(), 'cp-webkit-gtk-'));
  mkdirSync(join(home, 'gtk-3.0'));
  writeFileSync(join(home, 'gtk-3.0', 'gtk.css'), `headerbar, headerbar *, toolbar, toolbar *, entry, button, button *, box > label {
  padding: 0; margin: 0; min-width: 0; min-height: 0; border-width: 0; font-size: 2px; -gtk-icon-transform: scale(0.1);
}
`);
  return home;
}

function kill(child) {
  if (child && child.exitCode === null && child.signalCode === null) {
    try {
      process.kill(child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
}

export async function launchWebKit({ sharedMemory = true } = {}) {
  const binary = miniBrowserPath();
  if (!binary) throw new Error('WebKitGTK MiniBrowser is not installed: run scripts/setup');
  const xvfb = await startXvfb();
  const configHome = narrowChrome();
  let driver;
  try {
    // The virtual display has no GPU: WebKitGTK's accelerated compositing would run on Mesa's
    // software OpenGL (llvmpipe) threads, which on 2 cores take the workers' cores while the
    // page draws (frame gaps of 100-300 ms, Processes after Threads + GIL at 1.3x instead of
    // 1.7x). Safari composites on the GPU; here the page is painted without compositing.
    const env = { ...process.env, DISPLAY: xvfb.display, GDK_BACKEND: 'x11', WEBKIT_DISABLE_COMPOSITING_MODE: '1', XDG_CONFIG_HOME: configHome };
    delete env.WAYLAND_DISPLAY;
    if (sharedMemory) env.JSC_useSharedArrayBuffer = '1';
    else delete env.JSC_useSharedArrayBuffer;
    driver = await startDriver(env);
    const session = await new Builder()
      .usingServer(driver.url)
      .withCapabilities({
        browserName: 'MiniBrowser',
        'webkitgtk:browserOptions': { binary, args: ['--automation'] },
        unhandledPromptBehavior: 'dismiss and notify',
      })
      .build();
    await session.manage().setTimeouts({ script: 600000, pageLoad: 60000 });
    return new WebKitBrowser(session, await session.getWindowHandle(), [driver.child, xvfb.child], configHome);
  } catch (error) {
    kill(driver?.child);
    kill(xvfb.child);
    rmSync(configHome, { recursive: true, force: true });
    throw error;
  }
}

// The longest a WebDriver command may go unanswered (a run's waits poll with short commands).
const COMMAND_TIMEOUT_MS = 180000;

// One WebDriver session; each page is a window of it. Commands are queued (one at a time), and
// each first switches to its page's window (and frame).
class WebKitBrowser {
  constructor(session, home, processes, configHome) {
    this.session = session;
    this.home = home;
    this.processes = processes;
    this.configHome = configHome;
    this.current = home;
    this.queue = Promise.resolve();
  }

  // Runs `fn(session)` alone, in `handle`'s window and frame `frame` (an index, or null). A
  // command WebKitWebDriver leaves unanswered for COMMAND_TIMEOUT_MS fails, naming itself,
  // rather than holding the test until the file's timeout.
  use(handle, frame, fn) {
    const next = this.queue.then(async () => {
      let timer;
      const unanswered = new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`WebKitWebDriver did not answer in ${COMMAND_TIMEOUT_MS / 1000} s: ${String(fn).replace(/\s+/g, ' ').slice(0, 160)}`)), COMMAND_TIMEOUT_MS);
        timer.unref?.();
      });
      try {
        return await Promise.race([unanswered, (async () => {
          if (this.current !== handle) {
            await this.session.switchTo().window(handle);
            this.current = handle;
          }
          await this.session.switchTo().defaultContent();
          if (frame !== null) await this.session.switchTo().frame(frame);
          return fn(this.session);
        })()]);
      } finally {
        clearTimeout(timer);
      }
    });
    this.queue = next.catch(() => {});
    return next;
  }

  // The engine's name and version, as the installed package reports it (puppeteer's form).
  async version() {
    return `WebKitGTK/${webkitVersion()}`;
  }

  async newPage() {
    const handle = await this.use(this.home, null, async (s) => {
      await s.switchTo().newWindow('window');
      return s.getWindowHandle();
    });
    this.current = handle;
    return new WebKitPage(this, handle);
  }

  async close() {
    try {
      // A command that never answered (WebKitWebDriver can hang on one) must not keep the
      // test file alive: wait for the queue at most 10 s, then end the processes anyway.
      const stuck = new Promise((resolve) => setTimeout(resolve, 10000).unref());
      await Promise.race([this.queue, stuck]);
      await Promise.race([this.session.quit(), stuck]);
    } catch {
      // the browser is gone already
    } finally {
      for (const child of this.processes) kill(child);
      rmSync(this.configHome, { recursive: true, force: true });
    }
  }
}

// Wraps `body` (a function body over `args`) so that the page also hands back its errors.
function script(body) {
  return `const args = [...arguments];
return (async () => {
  const value = await (async () => { ${body} })();
  const errors = (self.__cpErrors || []).splice(0);
  return { value: value === undefined ? null : value, errors };
})();`;
}

class TimeoutError extends Error {}

// The top document of a page, or one of its frames: where scripts run.
class Context {
  constructor(page, frame, url = '') {
    this.page = page;
    this.frame = frame;
    this.address = url;
  }

  url() {
    return this.address;
  }

  async run(body, args = []) {
    const { value, errors } = await this.page.browser.use(this.page.handle, this.frame, (s) => s.executeScript(script(body), ...args));
    this.page.report(errors);
    return value;
  }

  evaluate(fn, ...args) {
    return this.run(`return (${fn})(...args);`, args);
  }

  $eval(selector, fn, ...args) {
    return this.run(`const el = document.querySelector(args[0]);
      if (!el) throw new Error('no element matches ' + args[0]);
      return (${fn})(el, ...args.slice(1));`, [selector, ...args]);
  }

  $$eval(selector, fn, ...args) {
    return this.run(`return (${fn})([...document.querySelectorAll(args[0])], ...args.slice(1));`, [selector, ...args]);
  }

  async $(selector) {
    const found = await this.run('return document.querySelector(args[0]) !== null;', [selector]);
    // A file field takes a file as WebDriver gives one: its path sent as keys.
    return found ? { selector, uploadFile: (path) => this.type(selector, path) } : null;
  }

  // Polls `fn(...args)` until it is truthy; errors while the page navigates are retried.
  async waitForFunction(fn, { polling = 100, timeout = 30000 } = {}, ...args) {
    const deadline = Date.now() + timeout;
    let last = null;
    for (;;) {
      try {
        if (await this.run(`return !!(await (${fn})(...args));`, args)) return true;
        last = null;
      } catch (error) {
        last = error;
      }
      if (Date.now() > deadline) {
        throw new TimeoutError(`waiting for ${String(fn).slice(0, 120)} failed: ${timeout} ms exceeded${last ? ` (${last.message})` : ''}`);
      }
      await new Promise((r) => setTimeout(r, typeof polling === 'number' ? polling : 100));
    }
  }

  async waitForSelector(selector, { timeout = 30000 } = {}) {
    // eslint-disable-next-line no-undef
    await this.waitForFunction((sel) => document.querySelector(sel), { polling: 100, timeout }, selector);
    return { selector };
  }

  async element(session, selector) {
    const [el] = await session.findElements({ css: selector });
    if (!el) throw new Error(`no element matches ${selector}`);
    return el;
  }

  // Resolves once the document has been replaced by a new one (marked first, then polled), as
  // puppeteer's does when called just before the action that navigates.
  async waitForNavigation({ timeout = 30000 } = {}) {
    await this.run('window.cpBeforeNavigation = true;');
    // eslint-disable-next-line no-undef
    await this.waitForFunction(() => !window.cpBeforeNavigation && document.readyState !== 'loading', { polling: 100, timeout });
  }

  // Runs a script in the document, as a <script> element would (e.g. axe-core): from `url`
  // (which the page's Content-Security-Policy must allow), or the text of the file at `path`.
  addScriptTag({ path, url }) {
    if (url) {
      return this.run(`const tag = document.createElement('script'); tag.src = args[0];
        await new Promise((resolve, reject) => { tag.onload = resolve; tag.onerror = () => reject(new Error('could not load ' + args[0])); document.head.append(tag); });`, [url]);
    }
    return this.run('const tag = document.createElement("script"); tag.textContent = args[0]; document.head.append(tag);', [readFileSync(path, 'utf8')]);
  }

  // A click as the page's own script would make it: the element scrolled into view, focused and
  // sent a click event, which activates it (a button pressed, a label's control toggled, a link
  // followed) without HTMLElement.click, which lib/downloads.mjs replaces on anchors. WebKitWebDriver's
  // Element Click, which synthesizes the mouse through the UI process, once left the CI run
  // unanswered for 180 s (e2e/csp.test.mjs, the Python lab's Run); its script command has not.
  click(selector) {
    return this.run(`const el = document.querySelector(args[0]);
      if (!el) throw new Error('no element matches ' + args[0]);
      el.scrollIntoView({ block: 'center' });
      if (typeof el.focus === 'function') el.focus({ preventScroll: true });
      el.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, composed: true, view: window, detail: 1 }));`, [selector]);
  }

  type(selector, text) {
    return this.page.browser.use(this.page.handle, this.frame, async (s) => (await this.element(s, selector)).sendKeys(text));
  }
}

class WebKitPage extends Context {
  constructor(browser, handle) {
    super(null, null);
    this.page = this;
    this.browser = browser;
    this.handle = handle;
    this.listeners = {};
    this.keyboard = {
      press: (key) => this.browser.use(this.handle, null, (s) => s.actions().sendKeys(KEYS[key] ?? key).perform()),
    };
  }

  on(event, listener) {
    (this.listeners[event] ??= []).push(listener);
  }

  // Hands the errors the page collected to the listeners, as puppeteer's events would.
  report(errors) {
    for (const { kind, text } of errors) {
      if (kind === 'console') {
        for (const l of this.listeners.console ?? []) l({ type: () => 'error', text: () => text });
      } else {
        for (const l of this.listeners.pageerror ?? []) l(new Error(text));
      }
    }
  }

  async goto(url) {
    await this.browser.use(this.handle, null, (s) => s.get(url));
    this.address = url;
  }

  // Sizes the window so that the page's viewport is width × height, or says why it cannot. A
  // window that has just opened may ignore the first sizes it is given: try again for a while.
  // Sizes the window so that the page's viewport is width x height. The window's frame adds
  // to the viewport, so each try corrects by what the last one measured. A window that has just
  // opened (or a busy machine) can report an innerWidth or innerHeight of 0, or a frame larger
  // than the window: such a measurement is no size, so the adapter asks for the plain size again
  // rather than sending WebDriver a width it refuses ("Invalid width value"), and a refused
  // request is tried again. It gives up after about 10 s with what it last saw.
  async setViewport({ width, height }) {
    await this.browser.use(this.handle, null, async (s) => {
      let [w, h] = [0, 0];
      let rect = { width, height };
      let refused = null;
      const sane = (value, wanted) => Number.isInteger(value) && value >= wanted && value <= wanted + 2000;
      for (let attempt = 0; attempt < 40; attempt += 1) {
        try {
          await s.manage().window().setRect(rect);
          refused = null;
        } catch (error) {
          refused = error;
        }
        await new Promise((r) => setTimeout(r, 50));
        [w, h] = await s.executeScript('return [innerWidth, innerHeight];');
        if (w === width && h === height) return;
        const outer = await s.manage().window().getRect();
        const next = { width: outer.width + width - w, height: outer.height + height - h };
        rect = w > 0 && h > 0 && sane(next.width, width) && sane(next.height, height) ? next : { width, height };
        await new Promise((r) => setTimeout(r, 200));
      }
      throw new Error(`WebKit's viewport is ${w}×${h}, not ${width}×${height}${refused ? ` (the last size was refused: ${refused.message})` : ''}`);
    });
  }

  mainFrame() {
    return this;
  }

  // The page and its frames (one level deep), each with its address.
  async frames() {
    const sources = await this.evaluate(() => [...document.querySelectorAll('iframe')].map((f) => f.src));
    this.frameList = sources.map((src, i) => this.frameList?.[i]?.address === src ? this.frameList[i] : new Context(this, i, src));
    return [this, ...this.frameList];
  }

  // WebKitWebDriver's screenshot command sometimes never answers (a full-page shot, which the
  // adapter took by growing the window, on the views module's pages every time; the viewport
  // alone on the main lab after a run, about once in four runs of e2e/python.test.mjs), and a
  // command left unanswered holds every later command of the session. Screenshots are pictures
  // for people, never checked, so WebKit takes them only when asked (CP_WEBKIT_SCREENSHOTS=1),
  // and then of the viewport only.
  async screenshot({ path } = {}) {
    if (process.env.CP_WEBKIT_SCREENSHOTS !== '1') return null;
    const png = await this.browser.use(this.handle, null, (s) => s.takeScreenshot());
    if (path) writeFileSync(path, Buffer.from(png, 'base64'));
    return png;
  }

  async close() {
    try {
      await this.run('return null;');
    } finally {
      await this.browser.use(this.handle, null, (s) => s.close());
      await this.browser.use(this.browser.home, null, async () => {});
    }
  }
}
