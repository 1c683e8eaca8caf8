"""Rewrites the generated outcome block of licensekit/__init__.pyi from the core's table.

Usage: licensekit outcomes --json | python gen_stub.py path/to/__init__.pyi

Only the lines between the BEGIN/END markers change; the rest of the stub is hand-written.
`make generated-python` runs this and `make check-generated` fails when the committed copy
differs, so the stub can never drift from the core's table.
"""

from __future__ import annotations

import json
import sys

BEGIN = "    # BEGIN GENERATED OUTCOMES (make generated-python; do not edit)\n"
END = "    # END GENERATED OUTCOMES\n"


def block(table: list[dict[str, object]]) -> str:
    lines = []
    for row in table:
        lines.append(f"    {row['name']} = {row['number']}\n")
        lines.append(f'    """{row["description"]}"""\n')
    return "".join(lines)


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    path = sys.argv[1]
    table = json.load(sys.stdin)
    with open(path, encoding="utf-8") as f:
        text = f.read()
    start, end = text.find(BEGIN), text.find(END)
    if start < 0 or end < start:
        print(f"{path}: the generated-outcomes markers are missing", file=sys.stderr)
        return 1
    new = text[: start + len(BEGIN)] + block(table) + text[end:]
    if new != text:
        with open(path, "w", encoding="utf-8") as f:
            f.write(new)
    return 0


if __name__ == "__main__":
    sys.exit(main())
