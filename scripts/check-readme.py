#!/usr/bin/env python3
"""Fails when a README example no longer matches the file it quotes.

Every fenced code block in README.md whose introducing line names a file in backticks (for
example **C** (`examples/c/readme.c`, …)) must appear, line for line, in that file. Rust doc
comments (`//! `) are unwrapped first, so a crate's doc example can be quoted too.
"""
import pathlib
import re
import sys

root = pathlib.Path(__file__).resolve().parent.parent
readme = (root / "README.md").read_text().splitlines()


def normalised(text: str) -> list[str]:
    lines = []
    for line in text.splitlines():
        line = re.sub(r"^\s*//! ?", "", line) if line.lstrip().startswith("//!") else line
        if line.startswith("# ") and line.endswith("(())"):
            continue  # a hidden doctest line
        lines.append(line.rstrip())
    return lines


def contains(haystack: list[str], needle: list[str]) -> bool:
    return any(haystack[i : i + len(needle)] == needle for i in range(len(haystack) - len(needle) + 1))


checked, failures, intro = 0, [], ""
i = 0
while i < len(readme):
    line = readme[i]
    if line.startswith("```") and len(line) > 3:
        end = readme.index("```", i + 1)
        block = [l.rstrip() for l in readme[i + 1 : end]]
        match = re.search(r"`([\w./-]+\.(?:c|py|mjs|js|rs))`", intro)
        if match:
            path = root / match.group(1)
            checked += 1
            if not path.is_file():
                failures.append(f"{match.group(1)}: quoted by README.md but missing")
            elif not contains(normalised(path.read_text()), block):
                failures.append(f"{match.group(1)}: README.md line {i + 2} block differs from the file")
        i = end + 1
        continue
    if line.strip():
        intro = line
    i += 1

for failure in failures:
    print(f"check-readme: {failure}", file=sys.stderr)
print(f"check-readme: {checked} README examples checked, {len(failures)} differ")
sys.exit(1 if failures or checked == 0 else 0)
