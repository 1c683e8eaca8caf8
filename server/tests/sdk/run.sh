#!/usr/bin/env bash
# Checks that LicenseSpring's official SDKs work unmodified against licensekit-server, re-keyed
# to its public key: Python `licensespring` 4.0.0 and Node `@licensespring/node-sdk` 1.4.17
# (activate, check, deactivate, a refusal, user-based activation, and each SDK's license
# manager), with their signature verification on. The SDKs are installed into a throwaway
# directory, never into the repository.
set -euo pipefail
cd "$(dirname "$0")/../../.."
server=${LICENSEKIT_SERVER:-target/debug/licensekit-server}
here=server/tests/sdk
work=$(mktemp -d)
log=$work/server.log
"$server" --port 0 >"$log" &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$work"' EXIT
echo "== installing the vendor SDKs into $work"
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install -q --disable-pip-version-check licensespring==4.0.0
(cd "$work" && npm init -y >/dev/null && npm install --no-audit --no-fund --silent @licensespring/node-sdk@1.4.17)
url=$(head -n1 "$log" | sed -n 's/^listening on //p')
[ -n "$url" ] || { echo "the test server did not start"; exit 1; }
echo "== LicenseSpring Python SDK 4.0.0 against $url"
"$work/venv/bin/python" "$here/python_sdk_check.py" "$url" 2>"$work/python.err" || { cat "$work/python.err"; exit 1; }
echo "== LicenseSpring Node SDK 1.4.17 against $url"
NODE_PATH=$work/node_modules node "$here/node_sdk_check.js" "$url"
