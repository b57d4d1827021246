#!/usr/bin/env bash
# Fresh-clone smoke test of `make run` (docs/design.md, "The two commands").
#
# Clones the repository into a temporary folder, runs `make run` there on
# PORT (8765) in its own process group, waits until the login page answers,
# checks that a signed-out visit to / is sent to the login page and that the
# static files are served, then stops the whole process group.
#
#   scripts/smoke_make_run.sh              # clone of the committed HEAD
#   scripts/smoke_make_run.sh --worktree   # copy of the working tree (uncommitted
#                                          # and untracked files too, ignored ones not)
#
# Environment: SMOKE_PORT (8765); SMOKE_TIMEOUT seconds (600: a fresh clone first
# installs everything and loads the whole demo); SMOKE_KEEP=1 keeps the temporary
# folder for a look afterwards.
set -euo pipefail

MODE=clone
case "${1:-}" in
    "") ;;
    --worktree) MODE=worktree ;;
    *) echo "usage: $0 [--worktree]" >&2; exit 2 ;;
esac

SOURCE=$(git -C "$(dirname "$0")/.." rev-parse --show-toplevel)
PORT=${SMOKE_PORT:-8765}
TIMEOUT=${SMOKE_TIMEOUT:-600}
BASE="http://127.0.0.1:${PORT}"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/kopdes-smoke.XXXXXX")
LOG="$WORK/make-run.log"
RUN_PID=""

say() { printf '[smoke] %s\n' "$*"; }

stop_server() {
    if [[ -n "$RUN_PID" ]] && kill -0 "$RUN_PID" 2>/dev/null; then
        say "stopping make run (process group $RUN_PID)"
        kill -TERM -- "-$RUN_PID" 2>/dev/null || true
        for _ in $(seq 1 20); do
            kill -0 -- "-$RUN_PID" 2>/dev/null || break
            sleep 0.5
        done
        kill -KILL -- "-$RUN_PID" 2>/dev/null || true
        wait "$RUN_PID" 2>/dev/null || true
    fi
    RUN_PID=""
}

cleanup() {
    stop_server
    if [[ "${SMOKE_KEEP:-0}" == "1" ]]; then
        say "kept $WORK"
    else
        rm -rf "$WORK"
    fi
}
trap cleanup EXIT

fail() {
    say "FAILED: $*"
    if [[ -f "$LOG" ]]; then
        say "last lines of the make run output:"
        tail -n 60 "$LOG" | sed 's/^/    /'
    fi
    exit 1
}

if curl -s -o /dev/null --max-time 2 "$BASE/"; then
    fail "something already answers on port $PORT; set SMOKE_PORT to a free port"
fi

if [[ "$MODE" == clone ]]; then
    say "cloning $SOURCE (committed HEAD $(git -C "$SOURCE" rev-parse --short HEAD)) into $WORK/kopdes"
    git clone --quiet --no-hardlinks "$SOURCE" "$WORK/kopdes"
else
    say "copying the working tree of $SOURCE into $WORK/kopdes"
    mkdir -p "$WORK/kopdes"
    (
        cd "$SOURCE"
        git ls-files -z --cached --others --exclude-standard \
            | while IFS= read -r -d '' file; do
                if [[ -e "$file" ]]; then printf '%s\0' "$file"; fi
            done \
            | tar --null -T - -cf -
    ) | tar -xf - -C "$WORK/kopdes"
fi
cd "$WORK/kopdes"

say "starting: make run PORT=$PORT (output in $LOG; waiting up to ${TIMEOUT}s)"
started=$(date +%s)
set -m  # the job gets its own process group, so the whole server stops with it
make run HOST=127.0.0.1 PORT="$PORT" >"$LOG" 2>&1 </dev/null &
RUN_PID=$!
set +m

body="$WORK/login.html"
while :; do
    code=$(curl -s -o "$body" -w '%{http_code}' --max-time 5 "$BASE/masuk/" || true)
    if [[ "$code" == 200 ]]; then
        break
    fi
    if ! kill -0 "$RUN_PID" 2>/dev/null; then
        wait "$RUN_PID" && rc=0 || rc=$?
        RUN_PID=""
        fail "make run exited (status $rc) before the login page answered"
    fi
    if (($(date +%s) - started > TIMEOUT)); then
        fail "the login page did not answer 200 within ${TIMEOUT}s (last status: ${code:-none})"
    fi
    sleep 3
done
say "login page answered 200 after $(($(date +%s) - started))s"

grep -q "Masuk" "$body" || fail "/masuk/ answered 200 but does not contain 'Masuk'"
say "ok: /masuk/ contains 'Masuk'"

read -r code location < <(curl -s -o /dev/null -w '%{http_code} %{redirect_url}\n' --max-time 10 "$BASE/")
if [[ "$code" != 302 || "$location" != *"/masuk/"* ]]; then
    fail "signed-out / should redirect to /masuk/, got $code ${location:-(no location)}"
fi
say "ok: signed-out / redirects to $location"

css=$(grep -o '/static/[^"]*\.css' "$body" | head -n 1 || true)
[[ -n "$css" ]] || fail "the login page links no stylesheet under /static/"
code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$BASE$css")
[[ "$code" == 200 ]] || fail "static file $css answered $code"
say "ok: static file $css served (200)"

grep -q "Kopdes berjalan di http://127.0.0.1:$PORT/" "$LOG" || fail "make run did not print its address"

stop_server
say "PASSED: a fresh copy serves the app with make run"
