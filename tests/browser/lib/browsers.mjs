// Launching the browsers the tests and benchmarks drive: Debian's Chromium over CDP and
// Firefox over WebDriver BiDi, both with puppeteer-core and both headless, and WebKitGTK over
// WebDriver (lib/webkit.mjs, behind the same page API). Their paths are looked up at run time.
// Also: opening the page while collecting every console error.
import { execSync } from 'node:child_process';
import puppeteer from 'puppeteer-core';
import { launchWebKit } from './webkit.mjs';

function which(...names) {
  for (const name of names) {
    try {
      const path = execSync(`command -v ${name}`, { shell: '/bin/sh', encoding: 'utf8' }).trim();
      if (path) return path;
    } catch {
      // not installed under this name
    }
  }
  return null;
}

// `webkit` is WebKitGTK with SharedArrayBuffer on isolated pages, as Safari 15.2+; `webkit-default`
// is WebKitGTK as it comes, without (e2e/webkit.test.mjs). CP_BROWSERS=chromium,webkit picks some.
const ALL = ['chromium', 'firefox', 'webkit'];
export const BROWSERS = process.env.CP_BROWSERS ? process.env.CP_BROWSERS.split(',').filter((b) => ALL.includes(b)) : ALL;

// `chromium-gpu` is Chromium with WebGPU on SwiftShader (a GPU emulated on the CPU), which any
// machine has: the GPU mode's tests run there (e2e/gpu.test.mjs).
export async function launch(name) {
  if (name === 'webkit' || name === 'webkit-default') return launchWebKit({ sharedMemory: name === 'webkit' });
  if (name === 'chromium' || name === 'chromium-gpu') {
    const executablePath = which('chromium', 'chromium-browser');
    if (!executablePath) throw new Error('Chromium is not installed: run scripts/setup');
    const gpu = name === 'chromium-gpu' ? ['--enable-unsafe-webgpu', '--use-webgpu-adapter=swiftshader'] : ['--disable-gpu'];
    return puppeteer.launch({
      browser: 'chrome',
      executablePath,
      headless: true,
      args: ['--no-sandbox', ...gpu, '--disable-background-networking', '--disable-component-update',
        '--disable-sync', '--no-first-run', '--disable-quic', '--disable-renderer-backgrounding',
        '--disable-background-timer-throttling'],
    });
  }
  const executablePath = which('firefox-esr', 'firefox');
  if (!executablePath) throw new Error('Firefox is not installed: run scripts/setup');
  return puppeteer.launch({ browser: 'firefox', executablePath, headless: true, protocol: 'webDriverBiDi' });
}

// Console messages that are not ours and not errors of the page: the thread pool crate's glue
// calls wasm-bindgen's initializer the old way (a warning, not an error).
const HARMLESS = [/using deprecated parameters/, /integrity` attribute is currently ignored/];

// Opens `url` in a new page and records console errors and uncaught exceptions (workers'
// included) in `errors`. `allowed` lists patterns of errors a test provokes on purpose.
export async function open(browser, url, { width = 1280, height = 900, allowed = [], waitFor = true } = {}) {
  const page = await browser.newPage();
  await page.setViewport({ width, height });
  const errors = [];
  const log = [];
  page.on('console', (message) => {
    const text = message.text();
    log.push(`${message.type()}: ${text}`);
    if (message.type() === 'error' && !HARMLESS.some((re) => re.test(text)) && !allowed.some((re) => re.test(text))) {
      errors.push(`console error: ${text}`);
    }
  });
  page.on('pageerror', (error) => {
    const text = error?.message ?? String(error);
    if (!allowed.some((re) => re.test(text))) errors.push(`uncaught: ${text}`);
  });
  await page.goto(url, { waitUntil: 'load' });
  if (waitFor) await page.waitForSelector('#run', { timeout: 30000 });
  return { page, errors, log };
}
