#!/usr/bin/env bash
# Starts the test server on the bundled demo fixture (port 0), checks licenses against it with
# the licensekit CLI, and stops the server.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${CARGO_TARGET_DIR:-target}/debug
log=$(mktemp)
"$target/licensekit-server" --port 0 >"$log" &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -f "$log"' EXIT
for _ in $(seq 100); do
  url=$(head -n1 "$log" | sed -n 's/^listening on //p')
  [ -n "$url" ] && break
  sleep 0.05
done
[ -n "${url:-}" ] || { echo "the test server did not start"; cat "$log"; exit 1; }
echo "== test server at $url"
for step in scripts/demo.d/*.sh; do
  [ -e "$step" ] || continue
  echo "== $(basename "$step" .sh)"
  LICENSEKIT_URL=$url TARGET=$target bash "$step"
done
