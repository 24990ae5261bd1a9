// The corpus of whole programs (tests/programs/: a folder per program, its .py files and a
// program.json naming its main file and arguments), run by native CPython as `python3 -u MAIN
// ARGS` with stdout and stderr on one file (so their order is the order written), and the two
// outputs made comparable: carriage returns drawn as a terminal draws them (as the page's
// terminal does), times and file paths masked, and the caret lines under a traceback's source
// left out (they differ between CPython versions).
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './harness.mjs';

export const CORPUS = join(ROOT, 'tests', 'programs');

// Every program of the corpus: { name, main, argv, files: { name: text } }.
export function corpus() {
  return readdirSync(CORPUS, { withFileTypes: true }).filter((d) => d.isDirectory()).map(({ name }) => {
    const dir = join(CORPUS, name);
    const { main, argv = [] } = JSON.parse(readFileSync(join(dir, 'program.json'), 'utf8'));
    const files = Object.fromEntries(readdirSync(dir).filter((f) => f.endsWith('.py'))
      .map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
    return { name, main, argv, files };
  }).sort((a, b) => a.name.localeCompare(b.name));
}

// Runs `program` in native CPython: { output, status }.
export function runNative(program) {
  const dir = mkdtempSync(join(tmpdir(), 'cp-program-'));
  try {
    for (const [name, text] of Object.entries(program.files)) writeFileSync(join(dir, name), text);
    const outPath = join(dir, '.output');
    const fd = openSync(outPath, 'w');
    const ran = spawnSync('python3', ['-u', program.main, ...program.argv], { cwd: dir, stdio: ['ignore', fd, fd], timeout: 60000 });
    closeSync(fd);
    return { output: readFileSync(outPath, 'utf8'), status: ran.status };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// `text` as a terminal draws it: a carriage return goes back to the line's start, and what
// follows overwrites it (src/own_python/terminal.rs does the same for the page).
export function drawn(text) {
  const lines = [[]];
  let column = 0;
  for (const c of text) {
    const line = lines.at(-1);
    if (c === '\r') column = 0;
    else if (c === '\n') { lines.push([]); column = 0; } else { line[column] = c; column += 1; }
  }
  return lines.map((l) => l.join('')).join('\n');
}

// Output made comparable between CPython versions and machines: times and paths masked, caret
// lines left out, and a traceback's frames in files that are not the program's (the standard
// library's, or the page's runtime) left out with their source lines; lines compared one by one.
export function comparable(text, files = null) {
  const lines = [];
  let dropping = false;
  for (const line of drawn(text).split('\n')) {
    const frame = /^ {2}File "([^"]*)", line \d+, in /.exec(line);
    if (frame && files) {
      dropping = !Object.hasOwn(files, frame[1].split('/').at(-1));
      if (dropping) continue;
    } else if (dropping && /^ {4}/.test(line)) {
      continue;
    } else {
      dropping = false;
    }
    if (/^\s*[~^]+[~^\s]*$/.test(line)) continue;
    lines.push(line.replace(/\d+\.\d+ s\b/g, '<t> s').replace(/File "[^"]*\/([^"/]+\.py)"/g, 'File "$1"'));
  }
  return lines;
}

// The `program=1.` value of a link carrying `program`: base64url of its raw DEFLATE JSON.
export async function programValue(program) {
  const { deflateRawSync } = await import('node:zlib');
  const json = JSON.stringify({ main: program.main, files: program.files, argv: program.argv });
  return `1.${deflateRawSync(Buffer.from(json, 'utf8')).toString('base64url')}`;
}
