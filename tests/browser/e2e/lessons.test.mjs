// The lessons as a student uses them: the index and its links, every lesson from its permalink
// (answered, run, explained with numbers equal to the table's and the record's), a run that
// contradicts the lecture and says why, run=1 waiting for an answer, progress kept and cleared
// (and where storage is refused), the compact embed in a frame without threads, a keyboard-only
// path, axe-core, and screenshots at desktop and phone sizes.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BROWSERS, open } from '../lib/browsers.mjs';
import { ARTIFACTS, DIST, browserFor, servers } from '../lib/harness.mjs';
import { SMALL, answer, axeViolations, compareNumbers, explanation, runLesson, runsOnPage, waitForLesson } from '../lib/lessons.mjs';
import { idle, run } from '../lib/playground.mjs';

const urls = servers();
const FULL = process.env.CP_LESSONS_FULL === '1';
// A browser that refuses storage (as some frames do): the page's local storage getter throws,
// from a script that runs before the page's own (index.html served with it first; a file, since
// the page's policy refuses inline scripts).
const REFUSE_STORAGE = "Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('refused', 'SecurityError'); } });";
const indexHtml = join(DIST, 'index.html');
const refusing = servers({
  routes: {
    '/': { body: existsSync(indexHtml) ? readFileSync(indexHtml, 'utf8').replace('<head>', '<head><script src="/refuse-storage.js"></script>') : '' },
    '/refuse-storage.js': { body: REFUSE_STORAGE, type: 'text/javascript' },
  },
});
const IDS = Object.keys(SMALL);
const lessonUrl = (base, id, extra = '') => `${base}?lesson=${id}&v=1&${SMALL[id]}${extra}`;

function shot(page, name) {
  mkdirSync(ARTIFACTS, { recursive: true });
  return page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

for (const name of BROWSERS) {
  describe(`lessons in ${name}`, () => {
    const holder = browserFor(name);

    it('the main page links to the index, and fetches no lessons on its first load', async () => {
      const { page, errors } = await open(holder.browser, urls.isolated);
      const href = await page.$eval('a[href="?lessons=1"]', (a) => a.textContent);
      assert.match(href, /Lessons/);
      const fetched = await page.evaluate(() => performance.getEntriesByType('resource').map((r) => r.name));
      assert.ok(!fetched.some((u) => u.includes('lessons.json')), fetched.join(' '));
      await page.click('a[href="?lessons=1"]');
      await page.waitForSelector('.lesson-index a');
      const links = await page.$$eval('.lesson-index a', (as) => as.map((a) => a.getAttribute('href')));
      assert.deepEqual(links, IDS.map((id) => `?lesson=${id}&v=1`), 'every lesson, in the lecture\'s order');
      for (const [w, h] of [[1280, 900], [390, 844]]) {
        await page.setViewport({ width: w, height: h });
        await shot(page, `lessons-index-${name}-${w}`);
      }
      assert.deepEqual(await axeViolations(page), [], 'axe on the index');
      assert.deepEqual(errors, []);
      await page.close();
    });

    // Every lesson with small settings (about 2 s each): in Chromium always, in Firefox and
    // WebKit in the full form (CP_LESSONS_FULL=1, scripts/lessons and scripts/busy); the short
    // form there runs one lesson of each kind (threads under the GIL, coroutines, the convoy,
    // the locks lab). The GPU's lesson needs an adapter, so e2e/gpu.test.mjs runs it (and,
    // without one, checks it says why).
    const SHORT = ['gil-cpu', 'io-coroutines', 'convoy', 'lost-updates'];
    const inThisForm = (id) => FULL || name === 'chromium' || SHORT.includes(id);
    for (const id of IDS.filter((id) => id !== 'gpu' && inThisForm(id))) {
      it(`${id}: opens from its permalink, takes an answer, runs and explains with the table's numbers`, async () => {
        const { page, errors } = await open(holder.browser, lessonUrl(urls.isolated, id), { waitFor: false });
        await waitForLesson(page);
        await answer(page, 0);
        await runLesson(page);
        const said = await explanation(page);
        assert.match(said.text, /Your prediction|You predicted|You chose/, 'it says whether the prediction held');
        const address = await page.evaluate(() => location.search);
        assert.ok(address.startsWith(`?lesson=${id}&v=1`), address);
        // Screenshots before the timelines' tables are opened to read the record.
        await shot(page, `lesson-${id}-${name}-1280`);
        await page.setViewport({ width: 390, height: 844 });
        await shot(page, `lesson-${id}-${name}-390`);
        const wide = await page.evaluate(() => document.documentElement.scrollWidth);
        assert.ok(wide <= 392, `${id}: the page fits a phone's width (${wide} px)`);
        const runs = await runsOnPage(page);
        const compared = compareNumbers(said.numbers, runs, assert);
        assert.ok(compared >= 1, `${id}: at least one number compared (${JSON.stringify(said.numbers)})`);
        assert.ok(!said.numbers.some((n) => n.text === '–'), `${id}: every number is there: ${JSON.stringify(said.numbers)}`);
        assert.deepEqual(errors, []);
        await page.close();
      });
    }

    it('a run that contradicts the lecture says so, and why', async () => {
      const one = await open(holder.browser, lessonUrl(urls.isolated, 'free-threaded', '&workers=1'), { waitFor: false });
      await waitForLesson(one.page);
      await answer(one.page, 1);
      await runLesson(one.page);
      const said = await explanation(one.page);
      assert.equal(said.shown, false);
      assert.match(said.text, /contradicts what the lecture says/);
      assert.match(said.text, /The run had 1 worker, so nothing ran side by side/);
      assert.match(said.text, /You predicted what the lecture says .* but this run did not show it/);
      assert.deepEqual(one.errors, []);
      await one.page.close();
      // The unisolated page: Threads cannot run, and the explanation names the page's reason.
      const plain = await open(holder.browser, lessonUrl(urls.plain, 'free-threaded'), { waitFor: false });
      await waitForLesson(plain.page);
      assert.match(await plain.page.$eval('.threads-note', (e) => e.textContent), /needs threads/);
      await answer(plain.page, 'skip');
      await runLesson(plain.page);
      const unisolated = await explanation(plain.page);
      assert.equal(unisolated.shown, false);
      assert.match(unisolated.text, /Threads could not run here: .*isolat/);
      assert.match(unisolated.text, /You skipped the question/);
      assert.deepEqual(plain.errors, []);
      await plain.page.close();
    });

    it('a lesson of the locks lab: reached from the lab, its own form, and without isolation says why not', async () => {
      const lab = await open(holder.browser, `${urls.isolated}?lab=locks&v=1`, { waitFor: false });
      await lab.page.waitForSelector('.locks-lab a.lessons-link');
      await lab.page.click('.locks-lab a.lessons-link');
      await lab.page.waitForSelector('#lab-locks a');
      assert.equal(await lab.page.$eval('#lab-locks', (li) => li.dataset.lesson), 'process-copies');
      assert.deepEqual(lab.errors, []);
      await lab.page.close();
      // On a page that is not isolated the lab's threads cannot run: the lesson says so first,
      // its form is the lab's (the experiment's settings, not a workload's), and after the run
      // the explanation names the page's reason and makes up no number.
      const plain = await open(holder.browser, lessonUrl(urls.plain, 'lost-updates'), { waitFor: false });
      await waitForLesson(plain.page);
      assert.match(await plain.page.$eval('.threads-note', (e) => e.textContent), /needs threads/);
      assert.ok(await plain.page.$('input#field-increments'), 'the lab\'s settings');
      assert.equal(await plain.page.$('#field-limit'), null, 'no workload setting');
      await answer(plain.page, 1);
      await runLesson(plain.page);
      const said = await explanation(plain.page);
      assert.equal(said.shown, false);
      assert.match(said.text, /Threads could not run here: .*isolat/);
      assert.ok(said.numbers.some((n) => n.name === 'lab.lost' && n.text === '–'), JSON.stringify(said.numbers));
      assert.equal(await plain.page.$('.locks-results'), null, 'no results were made up');
      assert.deepEqual(plain.errors, []);
      await plain.page.close();
    });

    it('run=1 waits for an answer; an unknown lesson shows the index', async () => {
      const { page, errors } = await open(holder.browser, lessonUrl(urls.isolated, 'sequential', '&run=1'), { waitFor: false });
      await waitForLesson(page);
      await new Promise((r) => setTimeout(r, 1500));
      assert.equal(await page.$('table#results'), null, 'nothing ran before an answer');
      assert.match(await page.$eval('.run-bar', (e) => e.textContent), /starts the lesson by itself once you answer/);
      await answer(page, 'skip');
      await page.waitForSelector('[aria-label="What happened"]', { timeout: 60000 });
      await idle(page);
      assert.match((await explanation(page)).text, /You skipped the question/);
      const unknown = await open(holder.browser, `${urls.isolated}?lesson=no-such-lesson&v=1`, { waitFor: false });
      await unknown.page.waitForSelector('.lesson-index a');
      assert.match(await unknown.page.$eval('.notices', (e) => e.textContent), /no lesson named “no-such-lesson”/);
      assert.equal(await unknown.page.evaluate(() => location.search), '?lessons=1&v=1');
      assert.deepEqual([...errors, ...unknown.errors], []);
      await page.close();
      await unknown.page.close();
    });

    it('progress is kept in local storage and can be cleared; refused storage is said', async () => {
      const { page, errors } = await open(holder.browser, lessonUrl(urls.isolated, 'sequential'), { waitFor: false });
      await waitForLesson(page);
      await answer(page, 1);
      await runLesson(page);
      await page.goto(`${urls.isolated}?lessons=1`);
      await page.waitForSelector('.lesson-index a');
      assert.equal(await page.$eval('li[data-lesson="sequential"]', (e) => !!e.querySelector('.done')), true);
      const stored = await page.evaluate(() => localStorage.getItem('playground-lessons-progress'));
      assert.match(stored, /"sequential"/);
      await page.click('#clear-progress');
      await page.waitForFunction(() => !document.querySelector('.done') && localStorage.getItem('playground-lessons-progress') === null, { polling: 100, timeout: 5000 });
      assert.deepEqual(errors, []);
      await page.close();
      const refused = await holder.browser.newPage();
      await refused.goto(`${refusing.isolated}?lessons=1`);
      await refused.waitForSelector('.lesson-index a');
      assert.match(await refused.$eval('.progress-box', (e) => e.textContent), /lasts for this visit only/);
      await refused.close();
    });

    it('the compact lesson in a frame without threads says so and links to a new tab', async () => {
      const page = await holder.browser.newPage();
      const src = `${lessonUrl(urls.plain, 'free-threaded')}&embed=1`;
      await page.goto(`${urls.plain}?workload=primes`);
      await page.evaluate((s) => { document.body.innerHTML = `<iframe src="${s}" width="800" height="900"></iframe>`; }, src);
      let frame;
      for (let i = 0; i < 100 && !frame; i++) {
        frame = (await page.frames()).find((f) => f.url().includes('embed=1'));
        if (!frame) await new Promise((r) => setTimeout(r, 100));
      }
      assert.ok(frame, 'the frame loaded');
      await frame.waitForSelector('.threads-note a[target="_blank"]', { timeout: 30000 });
      const href = await frame.$eval('.threads-note a', (a) => a.href);
      assert.match(href, /lesson=free-threaded/);
      assert.doesNotMatch(href, /embed=1/);
      assert.equal(await frame.$('.neighbours'), null, 'compact: no neighbours');
      await page.close();
    });

    it('keyboard only: from the index to the explanation; axe finds nothing serious on a lesson or the main page', async () => {
      const { page, errors } = await open(holder.browser, `${urls.isolated}?lessons=1`, { waitFor: false });
      await page.waitForSelector('.lesson-index a');
      const tabTo = async (test, most = 200) => {
        for (let i = 0; i < most; i++) {
          await page.keyboard.press('Tab');
          if (await page.evaluate(test)) return true;
        }
        return false;
      };
      assert.ok(await tabTo(() => document.activeElement?.getAttribute('href') === '?lesson=sequential&v=1'), 'Tab reached the first lesson');
      await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
      await waitForLesson(page);
      await page.evaluate(() => { document.activeElement?.blur(); });
      assert.ok(await tabTo(() => document.activeElement?.name === 'answer'), 'Tab reached the question');
      await page.keyboard.press(' ');
      assert.equal(await page.evaluate(() => document.querySelector('input[name="answer"]:checked')?.id), 'answer-0');
      await page.waitForFunction(() => !document.querySelector('#run').disabled, { polling: 100, timeout: 30000 });
      assert.ok(await tabTo(() => document.activeElement?.id === 'run', 20), 'Tab reached Run');
      await page.keyboard.press('Enter');
      await page.waitForSelector('[aria-label="What happened"]', { timeout: 60000 });
      await idle(page);
      assert.deepEqual(await axeViolations(page), [], 'axe on a lesson');
      assert.deepEqual(errors, []);
      await page.close();
      const lab = await open(holder.browser, `${urls.isolated}?workload=primes&limit=50000&tasks=4&modes=sequential,processes`);
      await run(lab.page);
      await lab.page.waitForSelector('.bar-value');
      assert.deepEqual(await axeViolations(lab.page), [], 'axe on the main page with a run');
      assert.deepEqual(lab.errors, []);
      await lab.page.close();
    });
  });
}
