#!/usr/bin/env bash
# Raw HTTP against the test server: FaxStore checks with curl, no licensekit involved, so the
# wire format the library speaks is visible. (Keys are shown masked, as everywhere.)
set -euo pipefail
show() {
  local key=$1 path=$2 masked
  masked=$(printf '%s' "$key" | sed -E 's/.(.{4})$/*\1/; :a; s/[^*](\*+.{4})$/*\1/; ta')
  echo "\$ curl -s -X POST -H 'authorization: $masked' \$LICENSEKIT_URL$path"
  curl -s -X POST -H "authorization: $key" -H 'Accept: application/json, text/plain, */*' "$LICENSEKIT_URL$path"
  echo
}
show FS-ACTIVE-0001 /api/check/8
show FS-DISABLED-0001 /api/check/8
show FS-UNKNOWN-0001 /api/check/8
