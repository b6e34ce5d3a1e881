# Shared by the guide scripts (sourced, not run): where the data and the softclass command are,
# and `run`, which shows each command as the page shows it, then its output (progress on stderr
# is shown only when the command fails).
#   SHARED_DATA  the datasets (default: ../shared/data beside the project)
#   SOFTCLASS    the command (default: ./softclass of this project)
#   WORK         a folder for the files the guide makes (default: a new temporary one)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SHARED_DATA="${SHARED_DATA:-$ROOT/../shared/data}"
[ -d "$SHARED_DATA" ] && SHARED_DATA="$(cd "$SHARED_DATA" && pwd)"
SOFTCLASS="${SOFTCLASS:-$ROOT/softclass}"
WORK="${WORK:-$(mktemp -d)}"

# The page shows paths as a reader types them: work/... and ../shared/data/...
shown() {
  sed -e "s|$WORK|work|g" -e "s|$SHARED_DATA|../shared/data|g"
}

# A command line as a reader would type it: arguments with spaces or quotes in single quotes.
quoted() {
  local out="" a
  for a in "$@"; do
    if [[ "$a" =~ [[:space:]\"\{\}\&\;\|] ]]; then
      out+=" '$a'"
    else
      out+=" $a"
    fi
  done
  echo "${out# }"
}

run() {
  echo "\$ softclass $(quoted "$@")" | shown
  local log="$WORK/.stderr"
  if ! $SOFTCLASS "$@" 2>"$log" | shown; then
    grep -v "Using incubator modules" "$log" >&2
    exit 1
  fi
  echo
}

need() {
  if [ ! -f "$1" ]; then
    echo "this guide needs $1: put ../shared/data beside the project, or give the file" >&2
    exit 1
  fi
}
