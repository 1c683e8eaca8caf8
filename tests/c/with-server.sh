#!/usr/bin/env bash
# Runs PROGRAM URL with URL the base URL of a fresh test server (port 0), then stops the server.
# Server binary: $LICENSEKIT_SERVER (default target/debug/licensekit-server).
set -euo pipefail
server=${LICENSEKIT_SERVER:-target/debug/licensekit-server}
log=$(mktemp)
"$server" --port 0 >"$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -f "$log"' EXIT
url=
for _ in $(seq 200); do
  url=$(head -n1 "$log" | sed -n 's/^listening on //p')
  [ -n "$url" ] && break
  sleep 0.05
done
[ -n "$url" ] || { echo "the test server did not start:"; cat "$log"; exit 1; }
"$@" "$url"
