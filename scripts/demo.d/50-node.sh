#!/usr/bin/env bash
# Node: checks licenses through the licensekit npm package (examples/node/check.mjs) against
# the demo server at $LICENSEKIT_URL. `make demo-node` has built the addon.
set -euo pipefail
cd "$(dirname "$0")/../.."
node examples/node/check.mjs
