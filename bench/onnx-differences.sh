#!/usr/bin/env bash
# The exportable model kinds and the largest |p_onnxruntime - p_softclass| seen per kind on every
# test row (issue 11's closing figures): runs the ONNX Runtime equivalence tests of softclass-onnx
# (a minute or two) and prints their tables.
#
#   bash bench/onnx-differences.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/softclass-onnx/target"
mkdir -p "$OUT"
rm -f "$OUT"/onnx-differences*.md
(cd "$ROOT" && ./mvnw -B -Dspotless.check.skip=true test -pl softclass-onnx -am \
  -Dtest='OnnxRuntimeEquivalenceTest,MultiLabelExportTest,OneHotExportTest,TextExportTest' \
  -Dsurefire.failIfNoSpecifiedTests=false) > "$OUT/onnx-differences.log" 2>&1 \
  || { echo "bench/onnx-differences.sh: tests failed, see softclass-onnx/target/onnx-differences.log" >&2; exit 1; }
# One table per test class and kernel implementation (the Vector API kernels of the default test
# run, and the plain-Java ones of the second surefire execution, which reruns the named tests).
for f in "$OUT"/onnx-differences*.md; do
  name="$(basename "$f" .md)"
  echo; echo "## ${name#onnx-differences-}"; echo; cat "$f"
done
echo; echo "## multi-label"; echo
grep -h "^multi-label .*largest difference" "$OUT/onnx-differences.log" | sort -u || true
