// The Python lab's program form, used as a student uses it, in each browser: every program of
// the corpus (tests/programs/) in one page, the first opened from its `program=1.` link (shown,
// never run by itself) and the others as a program's JSON file (Open files), run with Run, and
// what the terminal shows compared line by line with what native CPython prints for the same
// files and arguments (times, paths and caret lines masked: lib/programs.mjs), with the same
// exit status. Also: a program that starts a thread ends with the page's message
// and links to the main lab's threads; an endless program (and its two endless children) is
// ended by Cancel and by a time limit typed in the form, every worker counted, and the next run
// works; the record downloads; the form switch and the address; a page that is not
// cross-origin isolated runs programs too (time.sleep spins there). Nothing is logged as an error.
//
// Every program of the corpus runs in each browser (in one page, about 30 s in Chromium and
// Firefox and 50 s in WebKit). Short by default (scripts/test): the limit of 16 processes, an
// added file made the main one, a second Cancel and a program on a page without isolation not
// in WebKit. CP_PROGRAMS_FULL=1
// (scripts/programs) runs every step everywhere.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BROWSERS, open } from '../lib/browsers.mjs';
import { browserFor, servers } from '../lib/harness.mjs';
import { comparable, corpus, programValue, runNative } from '../lib/programs.mjs';
import { download, interceptDownloads } from '../lib/downloads.mjs';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const urls = servers();
const POLL = { polling: 100 };
const PROGRAMS = corpus();
const FULL = process.env.CP_PROGRAMS_FULL === '1';
// Native CPython's output for each, made once for the file.
const NATIVE = new Map();
const native = (program) => {
  if (!NATIVE.has(program.name)) NATIVE.set(program.name, runNative(program));
  return NATIVE.get(program.name);
};

// What the page shows of some programs' processes, beside their output.
const processRows = (page) => page.$$eval('#program-processes tbody tr', (rows) => rows.map((tr) => [...tr.children].map((c) => c.textContent)));
const CHECKED = {
  async job_queue(page) {
    const rows = await processRows(page);
    assert.deepEqual(rows.map((r) => [r[0], r[1], r[2], r[5]]), [['1', 'MainProcess', '—', '0'], ['2', 'Process-1', '1', '0'], ['3', 'Process-2', '1', '0'], ['4', 'Process-3', '1', '0']]);
    // A lane per process in the timeline, the main one waiting on its results' queue.
    const lanes = await page.$$eval('.program-timeline .lane', (ls) => ls.length);
    assert.equal(lanes, 4);
    assert.ok(await page.$('.program-timeline .iv.queue-empty'), 'a wait on an empty queue is drawn');
    // 6 jobs and 3 sentinels went through the first queue, 6 results through the second.
    const queues = await page.$$eval('#program-queues tbody tr', (rs) => rs.map((r) => r.children[1].textContent));
    assert.deepEqual(queues, ['9', '6']);
    assert.match(await page.$eval('#exit-status', (e) => e.textContent), /It started 3 child processes, at most 4 processes at once\./);
  },
  async no_guard(page) {
    assert.match(await page.$eval('.terminal-pane .unguarded-main', (e) => e.textContent), /imports your main file again/);
  },
  async child_never_ends(page) {
    const rows = await processRows(page);
    assert.equal(rows[1][5], '-15 (terminated by process 1)');
  },
  async child_raises(page) {
    const rows = await processRows(page);
    assert.deepEqual(rows.map((r) => r[5]), ['0', '1']);
    // Its output alone, chosen by process.
    await page.$eval('#program-output-of', (select) => { select.value = '2'; select.dispatchEvent(new Event('change', { bubbles: true })); });
    await page.waitForSelector('.process-output pre');
    assert.match(await page.$eval('.process-output pre', (e) => e.textContent), /^Process parser:\nTraceback/);
  },
};

// Opens `program` from its link in `page` and checks that nothing ran by itself.
async function openProgram(page, base, program) {
  await page.goto(`${base}?lab=python&v=1&program=${await programValue(program)}`, { waitUntil: 'load' });
  await page.waitForFunction((main) => document.querySelector(`.file-tab[data-file="${main}"][aria-selected="true"]`)
    && !document.querySelector('#run').disabled, { ...POLL, timeout: 60000 }, program.main);
  const shown = await page.evaluate(() => ({
    terminal: document.querySelector('#terminal').textContent,
    status: document.querySelector('#exit-status')?.textContent ?? null,
    args: document.querySelector('#program-args').value,
  }));
  assert.equal(shown.terminal, '', `${program.name}: nothing ran by itself`);
  assert.equal(shown.status, null);
  return shown;
}

// Opens `program` in the form already open in `page` as a student opens a program's JSON file
// (Open files), and waits until the form shows it: the page keeps its snapshot and its
// interpreters ready from one program to the next.
async function openProgramFile(page, dir, program) {
  const path = join(dir, `${program.name}.json`);
  writeFileSync(path, JSON.stringify({ main: program.main, files: program.files, argv: program.argv }));
  await (await page.$('#program-open')).uploadFile(path);
  await page.waitForFunction((main) => /^Opened 1 file\./.test(document.querySelector('#exit-status')?.textContent ?? '')
    && document.querySelector(`.file-tab[data-file="${main}"][aria-selected="true"]`), { ...POLL, timeout: 10000 }, program.main);
  return page.evaluate(() => ({ args: document.querySelector('#program-args').value }));
}

// Waits until the form has settled its snapshot and every interpreter it keeps ready has
// started Python (the page's diagnostics), so that what a test times starts on one at once.
const idle = (page) => page.waitForFunction(() => {
  const d = self.cpViewsBindings?.cp_diagnostics();
  const settled = ['cp-snapshot-made', 'cp-snapshot-none'].some((m) => performance.getEntriesByName(m).length > 0);
  return settled && d?.pythonReady > 0 && d.pythonWarm === d.pythonReady;
}, { ...POLL, timeout: 120000 });

// Presses Run and waits for the program's end: { terminal, said, status }.
async function runProgram(page, timeout = 120000) {
  await page.click('#run');
  // (Not the message of an Open files before Run.)
  await page.waitForFunction(() => document.querySelector('#cancel').disabled
    && !/^(Opened|$)/.test(document.querySelector('#exit-status')?.textContent ?? ''), { ...POLL, timeout });
  return page.evaluate(() => {
    const said = document.querySelector('#exit-status').textContent;
    const status = /^Exited with status (\d+)/.exec(said)?.[1];
    return { terminal: document.querySelector('#terminal').textContent, said, status: status === undefined ? null : Number(status) };
  });
}

for (const name of BROWSERS) {
  describe(`programs in ${name}`, () => {
    const holder = browserFor(name);

    it('every program of the corpus prints what native CPython prints, line by line, with its exit status', async () => {
      const { page, errors } = await open(holder.browser, `${urls.isolated}?lab=python&v=1&form=program`, { waitFor: false });
      await page.waitForSelector('#terminal', { timeout: 60000 });
      assert.ok(PROGRAMS.length >= 15);
      const dir = mkdtempSync(join(tmpdir(), 'cp-programs-'));
      // The first from its link (shown, never run by itself), the others in the same page.
      for (const [i, program] of PROGRAMS.entries()) {
        const shown = i === 0 ? await openProgram(page, urls.isolated, program) : await openProgramFile(page, dir, program);
        assert.equal(shown.args.length > 0, program.argv.length > 0, `${program.name}: its arguments are shown`);
        const begun = Date.now();
        const ran = await runProgram(page);
        console.log(`${name}: ${program.name} ran in ${Date.now() - begun} ms, from Run to its exit status`);
        const expected = native(program);
        assert.equal(ran.status, expected.status, `${program.name}: ${ran.said}`);
        assert.deepEqual(comparable(ran.terminal, program.files), comparable(expected.output, program.files), `${program.name}'s output`);
        if (CHECKED[program.name]) await CHECKED[program.name](page);
      }
      rmSync(dir, { recursive: true, force: true });
      assert.deepEqual(errors, []);
      await page.close();
    });

    it('threads say why not and where to go; Cancel ends an endless program; the run downloads', async () => {
      // Practical example 2 (threads), from the template picker, with smaller jobs.
      let { page, errors } = await open(holder.browser, `${urls.isolated}?lab=python&v=1&form=program`, { waitFor: false });
      await page.waitForSelector('#program-template', { timeout: 60000 });
      await page.$eval('#program-template', (select) => { select.value = 'threads'; select.dispatchEvent(new Event('change', { bubbles: true })); });
      await page.click('#program-load-template');
      await page.waitForSelector('.file-tab[data-file="threads.py"][aria-selected="true"]');
      await page.$eval('#program-args', (input) => { input.value = '4 2000'; input.dispatchEvent(new InputEvent('input', { bubbles: true })); });
      await page.waitForFunction(() => /program=1\./.test(location.search) && !document.querySelector('#run').disabled, { ...POLL, timeout: 10000 });
      await interceptDownloads(page);
      const saved = JSON.parse((await download(page, '#program-download-files')).text);
      assert.equal(saved.main, 'threads.py');
      assert.deepEqual(Object.keys(saved.files).sort(), ['primes.py', 'threads.py']);
      assert.deepEqual(saved.argv, ['4', '2000']);
      const ran = await runProgram(page);
      assert.equal(ran.status, 1, ran.said);
      assert.match(ran.terminal, /^Traceback \(most recent call last\):\n/);
      assert.match(ran.terminal, /RuntimeError: threading: this page's Python \(Pyodide: CPython compiled to WebAssembly\) cannot start threads/);
      const links = await page.$$eval('.terminal-pane .threads-unavailable a', (as) => as.map((a) => a.getAttribute('href')));
      assert.equal(links.length, 2);
      assert.match(links[0], /modes=.*gil.*threads|modes=.*threads.*gil/);
      assert.equal(links[1], '?lesson=gil-cpu');
      const stderr = await page.$$eval('#terminal .stderr', (spans) => spans.map((s) => s.textContent).join(''));
      assert.match(stderr, /^Traceback/);

      const file = await download(page, '#program-download');
      const record = JSON.parse(file.text);
      assert.equal(record.format, 'concurrency-playground-python-program');
      assert.equal(record.ending.status, 1);
      assert.equal(record.program.main, 'threads.py');
      assert.equal(record.output.map((c) => c.text).join(''), ran.terminal);
      const [main] = record.processes.list;
      assert.equal(main.pid, 1);
      assert.equal(main.exit_code, 1);
      // Its interpreter may have been made ready before Run (kept ready while the form was open).
      assert.ok(Number.isFinite(main.ready) && record.ending.begun >= main.asked && record.ending.begun >= main.ready, JSON.stringify(main));

      // (Not in WebKit's short form, where each run starts an interpreter in about 4.5 s.)
      if (FULL || name !== 'webkit') {
        // A file added and made the main one (empty: it prints nothing, and exits with 0).
        await page.evaluate(() => {
          const input = document.querySelector('#program-new-file');
          input.value = 'empty';
          input.dispatchEvent(new InputEvent('input', { bubbles: true }));
        });
        await page.click('#program-add-file');
        await page.waitForSelector('.file-tab[data-file="empty.py"][aria-selected="true"]');
        await page.click('#program-make-main');
        await page.waitForFunction(() => document.querySelector('#program-make-main').disabled
          && /^python3 empty\.py/.test(document.querySelector('label[for="program-args"]').textContent), POLL);
        const empty = await runProgram(page);
        assert.equal(empty.status, 0, empty.said);
        assert.equal(empty.terminal, '');
      }

      // (Not in WebKit's short form either.)
      if (FULL || name !== 'webkit') {
        // input() says there is no keyboard; a loop starting processes stops at 16 running, with
        // a clear message (its daemonic children are ended with the program).
        const limits = { main: 'limits.py', argv: [], files: { 'limits.py': [
          'import multiprocessing as mp',
          'def wait(event):',
          '    event.wait()',
          'if __name__ == "__main__":',
          '    try:',
          '        input("name? ")',
          '    except EOFError as error:',
          '        print("EOFError:", error)',
          '    event, started = mp.Event(), []',
          '    try:',
          '        for _ in range(40):',
          '            p = mp.Process(target=wait, args=(event,), daemon=True)',
          '            p.start()',
          '            started.append(p)',
          '    except RuntimeError as error:',
          '        print(len(started), "started;", error)',
          '',
        ].join('\n') } };
        console.log(`${name}: input() and the limit of 16 processes`);
        assert.deepEqual(errors, []);
        await page.close();
        ({ page, errors } = await open(holder.browser, `${urls.isolated}?lab=python&v=1&program=${await programValue(limits)}`, { waitFor: false }));
        await page.waitForFunction(() => document.querySelector('.file-tab[aria-selected="true"]') && !document.querySelector('#run').disabled, { ...POLL, timeout: 60000 });
        const limited = await runProgram(page);
        assert.equal(limited.status, 0, limited.said);
        assert.equal(limited.terminal, 'name? EOFError: input(): a program here has no keyboard; give it its values as command-line arguments (sys.argv) instead.\n'
          + '16 started; multiprocessing: at most 16 processes may run at once here (this one would be one more); join some before starting others\n');
        const codes = await page.$$eval('#program-processes tbody tr .exit-code', (cells) => cells.map((c) => c.textContent));
        assert.equal(codes.length, 17);
        assert.ok(codes.slice(1).every((c) => c.startsWith('-15 (')), codes.join(' | '));
      }

      // An endless program, ended by Cancel; then Run works again.
      // Its two children spin too: Cancel ends all three workers, and the page counts them.
      const endless = { main: 'forever.py', argv: [], files: { 'forever.py': [
        'import multiprocessing as mp',
        'def spin():',
        '    while True:',
        '        pass',
        'if __name__ == "__main__":',
        '    for _ in range(2):',
        '        mp.Process(target=spin).start()',
        '    print("spinning", flush=True)',
        '    while True:',
        '        pass',
        '',
      ].join('\n') } };
      assert.deepEqual(errors, []);
      await page.close();
      ({ page, errors } = await open(holder.browser, `${urls.isolated}?lab=python&v=1&program=${await programValue(endless)}`, { waitFor: false }));
      console.log(`${name}: an endless program, cancelled twice`);
      // Twice: the second run shows Run works after a Cancel (once in WebKit's short form).
      for (let attempt = 0; attempt < (FULL || name !== 'webkit' ? 2 : 1); attempt += 1) {
        await page.waitForFunction(() => document.querySelector('.file-tab[aria-selected="true"]') && !document.querySelector('#run').disabled, { ...POLL, timeout: 60000 });
        await page.click('#run');
        await page.waitForFunction(() => document.querySelector('#terminal').textContent === 'spinning\n', { ...POLL, timeout: 60000 }).catch(async (error) => {
          const shown = await page.evaluate(() => [document.querySelector('#terminal').textContent, document.querySelector('.progress')?.textContent, document.querySelector('#exit-status')?.textContent]);
          throw new Error(`attempt ${attempt}: ${error.message}; the page showed ${JSON.stringify(shown)}`);
        });
        await page.click('#cancel');
        await page.waitForFunction(() => /^Cancelled after/.test(document.querySelector('#exit-status')?.textContent ?? ''), { ...POLL, timeout: 10000 });
        assert.match(await page.$eval('#exit-status', (e) => e.textContent), /: its 3 workers were ended, none left running\./);
        // None left: every interpreter still running is one kept ready for the next run.
        const [alive, ready] = await page.evaluate(() => { const d = self.cpViewsBindings.cp_diagnostics(); return [d.pythonInterpreters, d.pythonReady]; });
        assert.equal(alive, ready, `${alive} interpreters running, ${ready} of them kept ready`);
      }
      // The time limit, typed: a value out of range says why beside the field and at Run; 6 s
      // then ends the same program and its children, every worker counted.
      const typeLimit = (text) => page.evaluate((value) => {
        const input = document.querySelector('#program-time-limit');
        input.value = value;
        input.dispatchEvent(new InputEvent('input', { bubbles: true }));
      }, text);
      await typeLimit('0');
      await page.waitForFunction(() => /^Time limit: "0" is too small/.test(document.querySelector('.program-limit .field-error')?.textContent ?? ''), POLL);
      await page.click('#run');
      await page.waitForFunction(() => /^Time limit: "0" is too small/.test(document.querySelector('#exit-status')?.textContent ?? ''), POLL);
      await typeLimit('6');
      await page.waitForFunction(() => !document.querySelector('.program-limit .field-error'), POLL);
      // The limit counts from Run: the run starts on an interpreter that has started Python.
      await idle(page);
      const limited = await runProgram(page);
      assert.equal(limited.terminal, 'spinning\n');
      assert.match(limited.said, /^Stopped at the time limit of 6 s: its 3 workers were ended, none left running/);
      const [alive, ready] = await page.evaluate(() => { const d = self.cpViewsBindings.cp_diagnostics(); return [d.pythonInterpreters, d.pythonReady]; });
      assert.equal(alive, ready, `${alive} interpreters running, ${ready} of them kept ready`);
      assert.match(await page.evaluate(() => location.search), /program=1\./, 'the address carries the program');
      assert.deepEqual(errors, []);
      await page.close();
    });

    it('on a page that is not cross-origin isolated, programs run too', async () => {
      const program = PROGRAMS.find((p) => p.name === 'sleep_waits');
      const { page, errors } = await open(holder.browser, `${urls.plain}?lab=python&v=1&form=program`, { waitFor: false });
      await page.waitForSelector('#terminal', { timeout: 60000 });
      // (Not in WebKit's short form: the other two browsers run it.)
      if (FULL || name !== 'webkit') {
        await openProgram(page, urls.plain, program);
        const ran = await runProgram(page);
        assert.equal(ran.status, 0, ran.said);
        assert.deepEqual(comparable(ran.terminal, program.files), comparable(native(program).output, program.files));
      }
      // Starting a process needs shared memory, which only an isolated page has: it says so.
      const child = { main: 'main.py', argv: [], files: { 'main.py': 'import multiprocessing\nif __name__ == "__main__":\n    multiprocessing.Process(target=print).start()\n' } };
      await openProgram(page, urls.plain, child);
      const refused = await runProgram(page);
      assert.equal(refused.status, 1, refused.said);
      assert.match(refused.terminal, /RuntimeError: multiprocessing: starting a process needs shared memory, which the browser gives only to a page that is cross-origin isolated\./);
      // Back to the task form: the address is the task form's again.
      await page.click('#form-task');
      await page.waitForSelector('.python-code', { timeout: 10000 });
      await page.waitForFunction(() => !/program=/.test(location.search), { ...POLL, timeout: 10000 });
      assert.deepEqual(errors, []);
      await page.close();
    });
  });
}
