#!/usr/bin/env python3
"""Fails on any Rust function or component in src/ over 100 physical lines (from its `fn` to
its closing brace; clippy's too_many_lines misses `#[component]`s, whose macro hides them) and
on any file in src/ over 400 lines. Usage: tools/check-lengths.py [ROOT]"""
import pathlib
import re
import sys

MAX_FN_LINES = 100
MAX_FILE_LINES = 400
FN_START = re.compile(r"^\s*(pub(\([^)]*\))?\s+)?((const|async|unsafe|extern\s+\"[^\"]*\")\s+)*fn\s+(\w+)")


def code_chars(text):
    """Yields (line_number, char) for the characters outside comments, strings and chars."""
    i, line, n = 0, 1, len(text)
    while i < n:
        c = text[i]
        if c == "\n":
            line += 1
            yield line - 1, c
            i += 1
        elif text.startswith("//", i):
            while i < n and text[i] != "\n":
                i += 1
        elif text.startswith("/*", i):
            depth, i = 1, i + 2
            while i < n and depth:
                if text.startswith("/*", i):
                    depth, i = depth + 1, i + 2
                elif text.startswith("*/", i):
                    depth, i = depth - 1, i + 2
                else:
                    line += text[i] == "\n"
                    i += 1
        elif (m := re.match(r'b?r(#*)"', text[i:i + 80])) and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_")):
            end = '"' + m.group(1)
            j = text.index(end, i + m.end())
            line += text.count("\n", i, j)
            i = j + len(end)
        elif c == '"':
            i += 1
            while i < n and text[i] != '"':
                if text[i] == "\\":
                    i += 1
                line += text[i] == "\n"
                i += 1
            i += 1
        elif c == "'" and (m := re.match(r"'(\\.|\\u\{[0-9a-fA-F]+\}|[^\\'])'", text[i:i + 12])):
            i += m.end()
        else:
            yield line, c
            i += 1


def long_functions(path):
    text = path.read_text()
    lines = text.split("\n")
    starts = {}
    for number, source in enumerate(lines, 1):
        if m := FN_START.match(source):
            starts[number] = m.group(5)
    found, open_fns, depth = [], [], 0
    pending = None  # a fn whose body has not opened yet: (name, start line)
    nesting = 0  # ( and [ open since `pending` began: `[u8; 4]` in a signature is no end
    last_line = 0
    for line, c in code_chars(text):
        if line != last_line:
            for number in range(last_line + 1, line + 1):
                if number in starts:
                    pending, nesting = (starts[number], number), 0
            last_line = line
        if c == "{":
            depth += 1
            if pending:
                open_fns.append((pending[0], pending[1], depth))
                pending = None
        elif c == "}":
            if open_fns and open_fns[-1][2] == depth:
                name, start, _ = open_fns.pop()
                if line - start + 1 > MAX_FN_LINES:
                    found.append((start, name, line - start + 1))
            depth -= 1
        elif c in "([":
            nesting += 1
        elif c in ")]":
            nesting -= 1
        elif c == ";" and pending and nesting == 0:
            pending = None  # a declaration without a body (a trait's)
    return found


def main():
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    problems = []
    for path in sorted((root / "src").rglob("*.rs")):
        count = path.read_text().count("\n")
        if count > MAX_FILE_LINES:
            problems.append(f"{path.relative_to(root)}: {count} lines (at most {MAX_FILE_LINES})")
        for start, name, length in long_functions(path):
            problems.append(f"{path.relative_to(root)}:{start}: fn {name} is {length} lines (at most {MAX_FN_LINES})")
    for p in problems:
        print(p)
    if problems:
        print(f"{len(problems)} too long: split them by concept", file=sys.stderr)
        return 1
    print("lengths: every file and function in src/ within bounds")
    return 0


if __name__ == "__main__":
    sys.exit(main())
