// Be the scheduler (lab=scheduler), in every engine: the index lists every level as a link;
// a scripted student solves each level by pressing its units' Step buttons (a level that
// cannot be solved by reaching its goal is solved by trying until every unit has ended), reads
// what happened and the counts of orders on the page, undoes a wrong move with Step back, finds
// a blocked unit's button disabled with its reason, plays a level by keyboard, opens a link
// that carries moves, sees the levels listed in the lessons they belong to, and axe-core finds
// nothing serious.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { BROWSERS, open } from '../lib/browsers.mjs';
import { browserFor, servers } from '../lib/harness.mjs';
import { axeViolations } from '../lib/lessons.mjs';

const urls = servers();
const POLL = { polling: 50, timeout: 30000 };
const LEVELS = JSON.parse(readFileSync(new URL('../../../www/scheduler/levels.json', import.meta.url), 'utf8')).levels;

// A winning order for each level (for the levels whose goal no order reaches, an order that
// ends every unit), and what the page then says.
const SOLUTIONS = {
  'lost-update': { moves: 'ABABAB', story: /B read counter = 0 at move 2\. A then wrote counter = 1 at move 5\./, shared: { counter: '1' } },
  'gil-bytecodes': { moves: 'ABABABAB', story: /A's write was lost/, shared: { counter: '1' } },
  'with-lock': { moves: 'AAAAABBBBB', story: /^Every unit ended \(counter = 2\)\. None of the \d+ possible orders end with counter = 1: every read and write of counter was made holding lock/, shared: { counter: '2' } },
  'check-then-act': { moves: 'ABAB', story: /B checked balance >= 10 \(balance was 10\) at move 2/, shared: { balance: '-10' } },
  deadlock: { moves: 'AB', story: /A holds a and waits for b, which B holds; B holds b and waits for a, which A holds/, shared: {} },
  'lock-order': { moves: 'AAAABBBB', story: /None of the \d+ possible orders end in a deadlock: every thread takes the locks in the same order \(a then b\)/, shared: {} },
  'bounded-queue': { moves: 'AB', story: /consumer reached second = q\.get\(\) with q empty/, shared: {} },
  'await-inside': { moves: 'AABBAABB', story: /A's write was lost|B's write was lost/, shared: { counter: '1' } },
  'no-await-inside': { moves: 'AAAABBBB', story: /no coroutine awaits between reading counter and writing it/, shared: { counter: '2' } },
};

async function openLevel(browser, id, moves = '') {
  const { page, errors } = await open(browser, `${urls.isolated}?lab=scheduler&level=${id}${moves ? `&moves=${moves}` : ''}`, { waitFor: false });
  await page.waitForSelector('#moves', POLL);
  return { page, errors };
}

const seen = (page) => page.evaluate(() => ({
  moves: document.querySelector('#moves').dataset.moves,
  items: [...document.querySelectorAll('#moves li')].map((li) => li.textContent),
  shared: Object.fromEntries([...document.querySelectorAll('#shared dd[data-var]')].map((d) => [d.dataset.var, d.textContent])),
  story: document.querySelector('#story p')?.textContent ?? null,
  solved: document.querySelector('#story')?.dataset.solved ?? null,
  orders: document.querySelector('#orders')?.textContent ?? null,
  announce: document.querySelector('#announce').textContent,
  search: location.search,
}));

async function play(page, moves) {
  for (const letter of moves) {
    const before = (await seen(page)).moves;
    const unit = letter.charCodeAt(0) - 65;
    await page.click(`#step-${unit}`);
    await page.waitForFunction((m) => document.querySelector('#moves').dataset.moves === m, POLL, before + letter);
  }
}

for (const name of BROWSERS) {
  describe(`be the scheduler in ${name}`, () => {
    const holder = browserFor(name);

    it('lists every level as a link, and axe finds nothing serious', async () => {
      const { page, errors } = await open(holder.browser, `${urls.isolated}?lab=scheduler`, { waitFor: false });
      await page.waitForSelector('#levels a', POLL);
      const links = await page.$$eval('#levels a', (as) => as.map((a) => a.getAttribute('href')));
      assert.deepEqual(links, LEVELS.map((l) => `?lab=scheduler&level=${l.id}`));
      assert.ok(links.length >= 8);
      assert.deepEqual(await axeViolations(page), [], 'axe on the index');
      assert.deepEqual(errors, []);
      await page.close();
      // A lesson lists the levels that belong to it.
      const lesson = await open(holder.browser, `${urls.isolated}?lesson=lost-updates&v=1`, { waitFor: false });
      await lesson.page.waitForSelector('.scheduler-levels a', POLL);
      const listed = await lesson.page.$$eval('.scheduler-levels a', (as) => as.map((a) => a.getAttribute('href')));
      assert.deepEqual(listed, LEVELS.filter((l) => (l.lessons ?? []).includes('lost-updates')).map((l) => `?lab=scheduler&level=${l.id}`));
      assert.deepEqual(lesson.errors, []);
      await lesson.page.close();
    });

    for (const level of LEVELS) {
      it(`${level.id}: a scripted student solves it through the page`, async () => {
        const solution = SOLUTIONS[level.id];
        assert.ok(solution, `a solution for ${level.id}`);
        const { page, errors } = await openLevel(holder.browser, level.id);
        assert.match((await seen(page)).orders, /^\d+ of the \d+ possible orders /);
        await play(page, solution.moves);
        const now = await seen(page);
        assert.equal(now.moves, solution.moves);
        assert.equal(now.items.length, solution.moves.length);
        assert.match(now.story ?? '', solution.story);
        assert.equal(now.solved, 'true', now.story);
        for (const [variable, value] of Object.entries(solution.shared)) assert.equal(now.shared[variable], value);
        assert.match(now.search, new RegExp(`level=${level.id}&moves=${solution.moves}$`));
        if (level.lab) assert.equal(await page.$eval('#story a.to-locks-lab', (a) => a.getAttribute('href')), `?${level.lab}`);
        assert.deepEqual(errors, []);
        await page.close();
      });
    }

    it('a wrong move is undone with Step back, a blocked unit cannot step, and the counts are the model\'s', async () => {
      const { page, errors } = await openLevel(holder.browser, 'lost-update');
      assert.equal((await seen(page)).orders, '18 of the 20 possible orders end with counter = 1.');
      await play(page, 'AAA');
      assert.equal((await seen(page)).shared.counter, '1');
      assert.equal(await page.$eval('#step-0', (b) => b.disabled), true, 'A has ended');
      assert.match((await seen(page)).story ?? '', /^$|./);
      await page.click('#back');
      await page.waitForFunction(() => document.querySelector('#moves').dataset.moves === 'AA', POLL);
      const back = await seen(page);
      assert.equal(back.shared.counter, '0', 'the write is undone');
      assert.equal(back.announce, 'Move 3 undone.');
      assert.match(back.search, /moves=AA$/);
      await play(page, 'BBB');
      await play(page, 'A');
      assert.match((await seen(page)).story ?? '', /B's write was lost/);
      await page.close();
      // Deadlock: both wait; their buttons say why.
      const dead = await openLevel(holder.browser, 'deadlock');
      await play(dead.page, 'AB');
      const blocked = await dead.page.$$eval('.sched-unit button', (bs) => bs.map((b) => ({ disabled: b.disabled, title: b.title })));
      assert.deepEqual(blocked, [
        { disabled: true, title: 'it waits for b, which B holds' },
        { disabled: true, title: 'it waits for a, which A holds' },
      ]);
      assert.equal(await dead.page.$eval('#status-0', (p) => p.textContent), 'waits for b, which B holds');
      assert.deepEqual(errors, []);
      assert.deepEqual(dead.errors, []);
      await dead.page.close();
    });

    it('a link carries the moves, a bad move gets a notice, and the level plays by keyboard', async () => {
      const { page, errors } = await openLevel(holder.browser, 'await-inside', 'AABBA');
      const opened = await seen(page);
      assert.equal(opened.moves, 'AABBA');
      assert.equal(await page.$eval('#step-1', (b) => b.disabled), true, 'A runs until it awaits');
      assert.equal(await page.$eval('#step-1', (b) => b.title), 'A is running and has not reached an await: the event loop cannot switch');
      // Keyboard only: Tab to A's button and press Space; then Tab to B's and press Enter.
      const tabTo = async (id, most = 40) => {
        await page.evaluate(() => { document.activeElement?.blur(); });
        for (let i = 0; i < most; i++) {
          await page.keyboard.press('Tab');
          if (await page.evaluate((want) => document.activeElement?.id === want, id)) return true;
        }
        return false;
      };
      assert.ok(await tabTo('step-0'), 'Tab reached Step A');
      await page.keyboard.press(' ');
      await page.waitForFunction(() => document.querySelector('#moves').dataset.moves === 'AABBAA', POLL);
      assert.match((await seen(page)).announce, /^6\. A: counter = tmp \(counter = 1\)$/);
      assert.ok(await tabTo('step-1'), 'Tab reached Step B');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.querySelector('#moves').dataset.moves === 'AABBAAB', POLL);
      assert.deepEqual(errors, []);
      await page.close();
      const bad = await openLevel(holder.browser, 'deadlock', 'ABA');
      assert.equal((await seen(bad.page)).moves, 'AB');
      assert.match(await bad.page.$eval('.notices', (n) => n.textContent), /moves: move 3 \(A\) cannot be made: it waits for b, which B holds; the moves before it are kept\./);
      assert.deepEqual(await axeViolations(bad.page), [], 'axe on a level');
      assert.deepEqual(bad.errors, []);
      await bad.page.close();
    });
  });
}
