#!/usr/bin/env bash
# Serving a model over HTTP: train, start the server, ask it for predictions with curl, stop it.
#   bash docs/guide/serving.sh [WINE_CSV]        (PORT: the port to use, default 8080)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
DATA="${1:-$SHARED_DATA/wine/wine.csv}"
PORT="${PORT:-8080}"
need "$DATA"

run train --data "$DATA" --model "$WORK/wine.softclass"

echo "\$ softclass serve --model wine=work/wine.softclass --port $PORT &"
$SOFTCLASS serve --model wine="$WORK/wine.softclass" --port "$PORT" >"$WORK/serve.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  grep -q "^serving" "$WORK/serve.log" && break
  sleep 0.2
done
grep "^serving" "$WORK/serve.log" | shown || { cat "$WORK/serve.log" >&2; exit 1; }
echo

show_curl() {
  echo "\$ curl -s $(quoted "$@")" | shown
  curl -s --fail-with-body "$@"
  echo
  echo
}
URL="http://127.0.0.1:$PORT"
show_curl "$URL/health/ready"
# One row as an array of the 13 features, in the training file's column order
ROW=$(sed -n 2p "$DATA" | cut -d, -f2- | sed 's/^/[/; s/$/]/')
show_curl -H 'Content-Type: application/json' -d "{\"instances\": [$ROW]}" \
  "$URL/v1/models/wine:predict"
# The same row with named features (any order), and a missing value (null)
NAMED=$(python3 - "$DATA" <<'PY'
import csv, json, sys
rows = list(csv.reader(open(sys.argv[1])))
row = dict(zip(rows[0][1:], map(float, rows[1][1:])))
row[rows[0][1]] = None
print(json.dumps({"instances": [row]}))
PY
)
show_curl -H 'Content-Type: application/json' -d "$NAMED" "$URL/v1/models/wine:predict"
show_curl -H 'Content-Type: application/json' -d '{"instances": [[1, 2]]}' \
  "$URL/v1/models/wine:predict" || true

echo "\$ kill -TERM %1"
kill -TERM "$SERVER"
wait "$SERVER" || true
