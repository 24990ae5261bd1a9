// Using the page as a person does: wait until it is ready, press Run, wait for the results,
// and read the comparison table by its headers.

import { open } from './browsers.mjs';

const POLL = { polling: 100 };

// The longest gap between the page's animation frames that a run in workers may cause. A page
// blocked by the run would break it (engine.test.mjs checks that a main-thread run does).
export const FRAME_GAP_BOUND_MS = 200;

// Waits until the page has measured the machine (calibrated, counted cores) and nothing runs
// (the Run button is enabled, or stays disabled only because of invalid settings).
export async function ready(page, timeout = 30000) {
  await page.waitForFunction(
    () => document.querySelector('#calibration')?.dataset.done === 'true' && !document.querySelector('.progress'),
    { ...POLL, timeout },
  );
}

export async function idle(page, timeout = 120000) {
  await page.waitForFunction(() => !document.querySelector('#cancel') || document.querySelector('#cancel').disabled, { ...POLL, timeout });
  await page.waitForFunction(() => !document.querySelector('.progress'), { ...POLL, timeout });
}

// Presses Run and waits until the run has ended.
export async function run(page, timeout = 120000) {
  await page.waitForFunction(() => !document.querySelector('#run').disabled, { ...POLL, timeout: 30000 });
  await page.click('#run');
  await page.waitForFunction(() => document.querySelector('#run').disabled || document.querySelector('#results'), { ...POLL, timeout: 10000 });
  await page.waitForFunction(() => !document.querySelector('#run').disabled || document.querySelector('.field.invalid'), { ...POLL, timeout });
}

// The comparison table as objects keyed by its column headers.
export async function table(page) {
  return page.evaluate(() => {
    const t = document.querySelector('table#results');
    if (!t) return null;
    const headers = [...t.querySelectorAll('thead th')].map((th) => th.textContent.trim());
    const rows = [...t.querySelectorAll('tbody tr')].map((tr) => {
      const cells = [...tr.children].map((c) => c.textContent.trim());
      const row = { mode: tr.dataset.mode, failed: tr.classList.contains('failed'), cells };
      headers.forEach((h, i) => { row[h] = cells[i]; });
      const result = tr.querySelector('[data-checksum]');
      row.checksum = result?.dataset.checksum ?? null;
      row.gilSwitches = Number(result?.dataset.gilSwitches ?? NaN);
      row.bytes = Number(result?.dataset.bytes ?? NaN);
      return row;
    });
    return { caption: t.querySelector('caption')?.textContent.trim(), headers, rows };
  });
}

export function number(text) {
  return Number(String(text).replace(/[^0-9.\-]/g, ''));
}

// Types into a setting's field, as a person would (select all, type).
export async function type(page, name, text) {
  const selector = `[name="${name}"]`;
  await page.click(selector, { clickCount: 3 });
  await page.evaluate((sel) => { const el = document.querySelector(sel); el.select?.(); }, selector);
  await page.keyboard.press('Backspace');
  if (text) await page.type(selector, text);
}

export async function fieldError(page, name) {
  return page.evaluate((n) => document.querySelector(`#error-${n}`)?.textContent ?? null, name);
}

// Opens `url` with faults switched on in the page's storage, as only the tests can: a link
// alone cannot make tasks fail (src/app/faults.rs).
export async function openWithFaults(browser, url, options = {}) {
  const address = new URL(url);
  const session = await open(browser, `${address.origin}${address.pathname}`, options);
  await session.page.evaluate(() => localStorage.setItem('playground-test-faults', '1'));
  await session.page.goto(url);
  await session.page.waitForSelector('#run', { timeout: 30000 });
  return session;
}
