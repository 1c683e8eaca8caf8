#!/usr/bin/env bash
# `licensekit check` against the demo fixture: a grant and a refusal for each family, with
# LicenseSpring answers verified against the test server's public key. The exit status says
# which: 0 granted, 1 refused.
set -euo pipefail
: "${LICENSEKIT_URL:?set by scripts/demo.sh}" "${TARGET:?set by scripts/demo.sh}"
lk="$TARGET/licensekit"
pubkey=$(mktemp)
trap 'rm -f "$pubkey"' EXIT
curl -fsS "$LICENSEKIT_URL/__admin/public-key" -o "$pubkey"
curl -fsS -X POST "$LICENSEKIT_URL/__admin/reset" >/dev/null

# Secrets come from the environment, so they never show in `ps` (and the CLI masks them).
export LICENSEKIT_API_KEY=test-api-key LICENSEKIT_SHARED_KEY=test-shared-key
export LICENSEKIT_MANAGEMENT_API_KEY=test-management-key

# Runs one check and fails the demo unless the exit status is the expected one.
expect() {
  local want=$1; shift
  echo "\$ licensekit check $*"
  local got=0
  "$lk" check "$@" --url "$LICENSEKIT_URL" || got=$?
  [ "$got" = "$want" ] || { echo "expected exit $want, got $got"; exit 1; }
  echo
}

expect 0 faxstore check --license-key FS-ACTIVE-0001 --product 8
expect 1 faxstore check --license-key FS-DISABLED-0001 --product 8
expect 0 licensespring activate --license-key LS-VALID-0001 --product TP \
  --hardware-id demo-cli-hwid --public-key-file "$pubkey"
expect 1 licensespring check --license-key LS-EXPIRED-0001 --product TP \
  --hardware-id demo-hwid-0001 --public-key-file "$pubkey" --json
expect 0 licensespring-management check --license-key LS-VALID-0001 --product TP \
  --hardware-id demo-hwid-0001 --public-key-file "$pubkey"
expect 0 framecad validate --client-key 3D9AACA84BEC559A --license-key ACTV-0000-0000-0001 \
  --machine-key MACHINE-A-0001
expect 1 framecad activate --client-key 7F6E5D4C3B2A1908 --license-key ACTV-0000-0000-0001 \
  --machine-key MACHINE-B-0001 --product-key PRODUCT-KEY-1
curl -fsS -X POST "$LICENSEKIT_URL/__admin/reset" >/dev/null
