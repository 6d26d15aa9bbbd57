#!/bin/sh
# One suite of make check: run a command with its whole output sent to
# build/logs/NAME.log, print the runner's own summary line, and record
# NAME, passed, failed and seconds for the table scripts/suite.sh --table
# prints at the end.
#
#   scripts/suite.sh NAME KIND COMMAND...   KIND: step, check, pytest, fuzz
#   scripts/suite.sh --table                the table; fails if any did
#   scripts/suite.sh --reset                forget earlier results
set -u

LOGS=build/logs
RESULTS=$LOGS/results.tsv
mkdir -p "$LOGS"

case "${1:-}" in
--reset)
    rm -f "$RESULTS"
    exit 0 ;;
--table)
    [ -f "$RESULTS" ] || { echo "suite: no results"; exit 1; }
    echo
    awk -F'\t' '
        BEGIN { printf "%-36s %8s %8s %9s\n", "suite", "passed", "failed",
                       "time"
                printf "%-36s %8s %8s %9s\n", "-----", "------", "------",
                       "----" }
        { printf "%-36s %8s %8s %8ss\n", $1, $2, $3, $4
          p += $2; f += $3; t += $4
          if ($3 > 0 || $5 != 0) bad = bad "\n  " $1 ": " $6 }
        END { printf "%-36s %8s %8s %8ss\n", "total", p, f, t
              if (bad != "") { print "\nFAILED:" bad; exit 1 }
              print "\nall suites passed" }' "$RESULTS"
    exit $? ;;
esac

name=$1 kind=$2
shift 2
log=$LOGS/$(echo "$name" | tr ' ()/,+' '______' | tr -s _ | sed 's/_$//').log
start=$(date +%s)
echo "== $name (log: $log)"
"$@" >"$log" 2>&1
rc=$?
secs=$(( $(date +%s) - start ))

passed=0 failed=0
case "$kind" in
check)
    # Check's summary: "100%: Checks: 383, Failures: 0, Errors: 0"
    line=$(grep -E '^[0-9]+%: Checks: ' "$log" | tail -n 1)
    echo "   $line"
    n=$(echo "$line" | sed -nE 's/.*Checks: ([0-9]+).*/\1/p')
    f=$(echo "$line" | sed -nE 's/.*Failures: ([0-9]+).*/\1/p')
    e=$(echo "$line" | sed -nE 's/.*Errors: ([0-9]+).*/\1/p')
    if [ -n "$n" ]; then
        failed=$(( ${f:-0} + ${e:-0} ))
        passed=$(( n - failed ))
    fi ;;
pytest)
    # pytest -q's last line: "307 passed, 1 failed, 2 errors in 431.2s";
    # a skipped test counts as failed: nothing may be skipped here
    line=$(grep -E '^(=+ )?[0-9]+ (passed|failed|error)' "$log" | tail -n 1)
    echo "   $line"
    count() { echo "$line" | grep -oE "[0-9]+ $1\b" | cut -d' ' -f1; }
    passed=$(count passed)
    for word in failed errors error skipped xfailed xpassed; do
        k=$(count "$word")
        failed=$(( failed + ${k:-0} ))
    done
    passed=${passed:-0} ;;
fuzz)
    # scripts/fuzz.sh: one line per target ("fuzz_x: ... 0 crashes"), or
    # "fuzz_x: FAILED ..." followed by indented log, crash file and replay
    # lines; a target counts once, passed or failed
    grep -E '^fuzz_[a-z0-9_]+: |^    (log|crash file|replay): ' "$log" |
        sed 's/^/   /'
    passed=$(grep -E '^fuzz_[a-z0-9_]+: .* 0 crashes(,|$)' "$log" |
             cut -d: -f1 | sort -u | wc -l)
    failed=$(grep -E '^fuzz_[a-z0-9_]+: ' "$log" |
             grep -vE ' 0 crashes(,|$)' | cut -d: -f1 | sort -u | wc -l) ;;
*)
    [ $rc -eq 0 ] && passed=1 ;;
esac
[ $rc -ne 0 ] && [ "$failed" -eq 0 ] && failed=1
if [ $rc -eq 0 ] && [ "$failed" -gt 0 ]; then
    # e.g. pytest exits 0 with skipped tests: nothing may be skipped
    echo "   FAILED: $failed not passed (skipped counts; run as root)"
fi

printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$passed" "$failed" "$secs" \
    "$rc" "$log" >>"$RESULTS"
if [ $rc -ne 0 ] && [ "$kind" = fuzz ] && [ "$failed" -gt 0 ]; then
    echo "   FAILED (exit $rc) after ${secs}s: the targets above; $log"
elif [ $rc -ne 0 ]; then
    echo "   FAILED (exit $rc) after ${secs}s; the end of $log:"
    tail -n 60 "$log" | sed 's/^/   | /'
fi
exit $rc
