#!/usr/bin/env bash
# The C example (examples/c/check.c) built against $TARGET/liblicensekit.so and run against the
# demo server at $LICENSEKIT_URL.
set -euo pipefail
: "${LICENSEKIT_URL:?set by scripts/demo.sh}" "${TARGET:?set by scripts/demo.sh}"
lib=$(cd "$TARGET" && pwd)
# Programs linked to the library look for it by its SONAME at run time.
soname=$(readelf -d "$lib/liblicensekit.so" | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')
[ -z "$soname" ] || ln -sf liblicensekit.so "$lib/$soname"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
gcc -std=c99 -Wall -Wextra -Werror -Iinclude examples/c/check.c -L"$lib" -llicensekit \
  -Wl,-rpath,"$lib" -o "$out/check"
"$out/check" "$LICENSEKIT_URL"
