#!/usr/bin/env bash
# The C example (examples/c/check.c, built by `make example-c`) against the demo server.
set -euo pipefail
: "${LICENSEKIT_URL:?set by scripts/demo.sh}" "${TARGET:?set by scripts/demo.sh}"
example=target/c/check
[ -x "$example" ] || make -s example-c
"$example" "$LICENSEKIT_URL"
