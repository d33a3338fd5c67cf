#!/usr/bin/env bash
# Builds FerretDB (MongoDB protocol over SQLite) from the Go module proxy.
#
# Usage: scripts/build-ferretdb.sh OUTPUT_PATH
#
# Why not `go install .../cmd/ferretdb@v1.24.2`: the module zip lacks build/version/version.txt,
# and a binary built without it panics at start. So: download the module, copy it somewhere
# writable, write version.txt, build. Skips the build when OUTPUT_PATH already reports the version.
set -euo pipefail

VERSION=v1.24.2
MODULE=github.com/FerretDB/FerretDB

out=${1:?usage: build-ferretdb.sh OUTPUT_PATH}
case $out in /*) ;; *) out="$PWD/$out" ;; esac

if [[ -x $out ]] && "$out" --version 2>/dev/null | grep "version: $VERSION" >/dev/null; then
  echo "FerretDB $VERSION already at $out"
  exit 0
fi

command -v go >/dev/null || { echo "build-ferretdb: go is not installed" >&2; exit 1; }

export GOFLAGS=-mod=mod
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "Building FerretDB $VERSION into $out ..."
dir=$(go mod download -json "$MODULE@$VERSION" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p')
[[ -n $dir && -d $dir ]] || { echo "build-ferretdb: go mod download gave no module directory" >&2; exit 1; }

cp -R "$dir/." "$work/src"
chmod -R u+w "$work/src"
echo "$VERSION" > "$work/src/build/version/version.txt"

mkdir -p "$(dirname "$out")"
cd "$work/src"
# Newer Go toolchains refuse some //go:linkname uses in FerretDB's dependencies; retry without the check.
go build -trimpath -o "$work/ferretdb" ./cmd/ferretdb ||
  go build -trimpath -ldflags=-checklinkname=0 -o "$work/ferretdb" ./cmd/ferretdb

# Move into place in one step so a concurrent reader never sees half a binary.
mv -f "$work/ferretdb" "$out.tmp.$$"
mv -f "$out.tmp.$$" "$out"
"$out" --version | grep "version: $VERSION" >/dev/null
echo "FerretDB $VERSION built at $out"
