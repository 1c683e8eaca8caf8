#!/usr/bin/env bash
# Python: the example application, with the wheel installed in build/python/venv
# (`make demo-python`, part of `make demo`).
set -euo pipefail
py=build/python/venv/bin/python
if [ ! -x "$py" ]; then
  echo "build/python/venv is missing: run 'make demo' (or 'make demo-python') first" >&2
  exit 1
fi
"$py" examples/python/check.py
