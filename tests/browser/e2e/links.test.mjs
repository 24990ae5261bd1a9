// Every link the page renders to one of its own views opens that view without a notice: the
// page builds its links from the typed names (views, modes, settings), so a link that names a
// mode or a setting the page does not know (the Python lab once linked to
// `modes=threads_gil,threads`) fails here. The test opens each view, collects the links it
// shows (the nav, the lessons' index and each lesson's links, the labs' links between each
// other), opens every one, waits until that view has drawn itself and checks that it shows no
// notice and no console error.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BROWSERS, open } from '../lib/browsers.mjs';
import { browserFor, servers } from '../lib/harness.mjs';

const urls = servers();
const SEEDS = ['?', '?lessons=1', '?lesson=gil-cpu', '?lesson=queue', '?lab=locks', '?lab=python', '?lab=scheduler', '?compare=1'];
// Enough for every view and every lesson of the index, with room to grow.
const MAX_PAGES = 80;

// Waits until the view the address names has drawn what a notice would sit beside: a lesson's
// question, the index's list, the scheduler's levels or moves, or a lab's Run button (or a
// notice, which then fails the test).
async function drawn(page) {
  await page.waitForFunction(() => {
    if (document.querySelector('.notices')) return true;
    if (!document.querySelector('nav.top-links')) return false;
    const query = new URLSearchParams(location.search);
    if (query.has('lesson')) return Boolean(document.querySelector('fieldset'));
    if (query.get('lessons') === '1') return Boolean(document.querySelector('main.lessons a'));
    if (query.get('lab') === 'scheduler') return Boolean(document.querySelector('#levels a, #moves'));
    return Boolean(document.querySelector('#run'));
  }, { polling: 100, timeout: 60000 });
}

// The page's links to its own views: same address, another query (fragments dropped).
async function ownLinks(page) {
  return page.evaluate(() => [...document.querySelectorAll('a[href]')]
    .map((a) => new URL(a.getAttribute('href'), location.href))
    .filter((u) => u.origin === location.origin && u.pathname === location.pathname)
    .map((u) => u.search || '?'));
}

for (const name of BROWSERS) {
  describe(`links between views in ${name}`, () => {
    const holder = browserFor(name);

    it('every link the page renders opens without a notice', async () => {
      const seen = new Set(SEEDS);
      const queue = [...SEEDS];
      const opened = [];
      while (queue.length && opened.length < MAX_PAGES) {
        const query = queue.shift();
        const { page, errors } = await open(holder.browser, urls.isolated + query, { waitFor: false });
        await drawn(page);
        const notices = await page.$$eval('.notices li', (items) => items.map((li) => li.textContent));
        assert.deepEqual(notices, [], `${query} opened with a notice`);
        for (const link of await ownLinks(page)) {
          if (!seen.has(link)) {
            seen.add(link);
            queue.push(link);
          }
        }
        assert.deepEqual(errors, [], `${query}: no console error`);
        opened.push(query);
        await page.close();
      }
      assert.equal(queue.length, 0, `more than ${MAX_PAGES} distinct links; raise MAX_PAGES (left: ${queue.slice(0, 5)})`);
      assert.ok(opened.some((q) => q.includes('modes=')), `a link that names modes was followed: ${opened}`);
      assert.ok(opened.length > SEEDS.length, `the views' links were followed: ${opened}`);
    });
  });
}
