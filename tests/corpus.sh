#!/usr/bin/env bash
# dockwise check over ../shared/corpus: no diagnostic at severity error on the real-world
# Dockerfiles, no crash or hang on the deliberately odd fixtures; prints the count per rule.
set -euo pipefail
dockwise="$(realpath "$1")"
corpus="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../shared/corpus" && pwd)"
report="$(mktemp)"
trap 'rm -f "$report"' EXIT

status=0
timeout 300 "$dockwise" check --format json "$corpus/dockerfiles" >"$report" || status=$?
python3 - "$report" "$status" "$(dirname "${BASH_SOURCE[0]}")/corpus-invalid.txt" <<'PY'
import collections, json, os, sys
report = json.load(open(sys.argv[1]))
status = int(sys.argv[2])
invalid = {line.split("\t")[0] for line in open(sys.argv[3]) if line.strip() and not line.startswith("#")}
counts = collections.Counter((d["severity"], d["code"]) for d in report["diagnostics"])
for (severity, code), n in sorted(counts.items()):
    print(f"  {n:5d} {severity:8s} {code}")
errors = [d for d in report["diagnostics"] if d["severity"] == "error" and os.path.basename(d["file"]) not in invalid]
flagged = {os.path.basename(d["file"]) for d in report["diagnostics"] if d["severity"] == "error"}
for name in sorted(invalid - flagged):
    print(f"MISSED {name}: Docker rejects it (tests/corpus-invalid.txt) but dockwise reports no error")
for d in errors[:20]:
    print(f"ERROR {d['file']}:{d['start']['line']}: [{d['code']}] {d['message']}")
print(f"corpus: {report['files']} Dockerfiles, {len(report['diagnostics'])} diagnostics, {len(errors)} errors")
if errors or (invalid - flagged) or status not in (0, 1):
    sys.exit(1)
PY

# The fixtures include invalid files on purpose: only a crash (exit > 2) or a hang fails.
status=0
timeout 300 "$dockwise" check --format json "$corpus/fixtures" >/dev/null 2>&1 || status=$?
if [ "$status" -gt 2 ]; then
  echo "corpus: dockwise check crashed or hung on fixtures (exit $status)"; exit 1
fi
echo "corpus: fixtures checked without a crash (exit $status)"
