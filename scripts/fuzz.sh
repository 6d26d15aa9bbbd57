#!/bin/sh
# fuzz.sh SECONDS TARGET... - run each libFuzzer target of tests/fuzz/ for
# SECONDS and print one line per target:
#
#   fuzz_cred: 1234567 runs in 20 s, cov 812, ft 2034, corpus 143,
#              0 crashes, lines 97.1% of ag_cred.c ag_text.c
#
# runs, cov (coverage points) and ft (features) are libFuzzer's own final
# figures; corpus is the size of the target's working corpus
# build/fuzz/corpus/TARGET afterwards (seeded from tests/fuzz/corpus/TARGET,
# kept between runs); lines is the line coverage of the core files the
# target's "Covers:" comment names, from replaying that corpus through
# build/fuzz-cov/TARGET (left out when that build or llvm-cov is missing).
# libFuzzer's own output goes to build/logs/TARGET.log.
#
# FUZZ_JOBS targets run at a time (default 2).  Any crash, leak, timeout
# or sanitizer report fails the run (exit 1), naming the log and the
# crash file, which build/fuzz/TARGET CRASH-FILE replays.
set -u

BUILD=${BUILD:-build}

llvm_tool() {
    command -v "$1-14" || command -v "$1" || true
}

# Read `llvm-cov report -show-functions` on stdin and print the line
# coverage of the Covers: entries in $1 ("FILE" for all of a file,
# "FILE:FUNCTION" for one function; llvm-cov calls a static function
# FILE:FUNCTION too) as "97.3% of ag_rolefile.c ag_lines.c(4 fn)".
covered() {
    awk -v covers="$1" '
    BEGIN {
        n = split(covers, c, " ")
        for (i = 1; i <= n; i++) {
            f = c[i]
            if (index(f, ":")) {
                fn = substr(f, index(f, ":") + 1)
                f = substr(f, 1, index(f, ":") - 1)
                want[f ":" fn] = 1
                fns[f]++
            } else {
                whole[f] = 1
            }
            if (!(f in seen)) {
                seen[f] = 1
                order[++nf] = f
            }
        }
    }
    $1 == "File" {
        file = $2
        gsub(/[\047:]+$/, "", file)
        sub(/^.*\//, "", file)
        next
    }
    NF >= 7 && $2 ~ /^[0-9]+$/ && $1 != "TOTAL" {
        fn = $1
        sub(/^.*:/, "", fn)
        if (whole[file] || want[file ":" fn]) {
            total += $5
            missed += $6
        }
    }
    END {
        if (total == 0) {
            exit
        }
        printf "%.1f%% of", 100 * (total - missed) / total
        for (i = 1; i <= nf; i++) {
            f = order[i]
            printf " %s", f
            if (!whole[f]) {
                printf "(%d fn)", fns[f]
            }
        }
        printf "\n"
    }'
}

run_one() {
    secs=$1
    t=$2
    bin=$BUILD/fuzz/$t
    corpus=$BUILD/fuzz/corpus/$t
    art=$BUILD/fuzz/artifacts/$t
    log=$BUILD/logs/$t.log
    dict=tests/fuzz/$t.dict

    mkdir -p "$corpus" "$BUILD/logs"
    rm -rf "$art"
    mkdir -p "$art"
    if [ -d "tests/fuzz/corpus/$t" ]; then
        cp tests/fuzz/corpus/"$t"/* "$corpus"/ 2>/dev/null
    fi
    [ -f "$dict" ] || dict=
    start=$(date +%s)
    ASAN_OPTIONS="detect_leaks=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}" \
    UBSAN_OPTIONS="print_stacktrace=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}" \
        "$bin" -max_total_time="$secs" -max_len=8192 -timeout=10 \
        -print_final_stats=1 -artifact_prefix="$art/" \
        ${dict:+-dict="$dict"} "$corpus" >"$log" 2>&1
    rc=$?
    took=$(( $(date +%s) - start ))

    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    last=$(grep -E '^#[0-9]+.* cov: ' "$log" | tail -1)
    cov=$(printf '%s' "$last" | sed -n 's/.* cov: \([0-9]*\).*/\1/p')
    ft=$(printf '%s' "$last" | sed -n 's/.* ft: \([0-9]*\).*/\1/p')
    files=$(ls "$corpus" | wc -l)
    crashes=$(ls "$art" | grep -cE '^(crash|leak|timeout|oom)-')

    lines=
    profdata=$(llvm_tool llvm-profdata)
    llvmcov=$(llvm_tool llvm-cov)
    covers=$(sed -n 's/^ \* Covers: //p' "tests/fuzz/$t.c" 2>/dev/null \
             | tr '\n' ' ')
    if [ "$rc" -eq 0 ] && [ -x "$BUILD/fuzz-cov/$t" ] && [ -n "$profdata" ] \
       && [ -n "$llvmcov" ] && [ -n "$covers" ]; then
        mkdir -p "$BUILD/fuzz/cov"
        raw=$BUILD/fuzz/cov/$t.profraw
        data=$BUILD/fuzz/cov/$t.profdata
        covlog=$BUILD/logs/$t.cov.log
        rm -f "$raw" "$data"
        LLVM_PROFILE_FILE=$raw "$BUILD/fuzz-cov/$t" -runs=0 "$corpus" \
            >"$covlog" 2>&1
        if "$profdata" merge -sparse -o "$data" "$raw" 2>>"$covlog"; then
            srcs=$(for c in $covers; do echo "src/${c%%:*}"; done | sort -u)
            lines=$("$llvmcov" report "$BUILD/fuzz-cov/$t" \
                        -instr-profile="$data" -show-functions $srcs \
                        2>>"$covlog" | covered "$covers")
            [ -n "$lines" ] && lines=", lines $lines"
        fi
    fi

    slow=$(ls "$art" | grep -c '^slow-unit-')
    [ "$slow" -eq 0 ] || lines="$lines, $slow slow input(s) kept in $art"
    printf '%s: %s runs in %s s, cov %s, ft %s, corpus %s, %s crashes%s\n' \
        "$t" "${runs:-?}" "$took" "${cov:-?}" "${ft:-?}" "$files" \
        "$crashes" "$lines"
    if [ "$rc" -ne 0 ] || [ "$crashes" -ne 0 ]; then
        what=$(grep -m 1 -E -e 'invariant broken|ERROR: [A-Za-z]+Sanitizer' \
                    -e 'runtime error|ERROR: libFuzzer' "$log")
        found=$(ls "$art" | grep -E '^(crash|leak|timeout|oom)-' \
                | sed "s|^|$art/|" | tr '\n' ' ' | sed 's/ $//')
        printf '%s: FAILED (exit %s): %s\n' "$t" "$rc" "${what:-see the log}"
        printf '    log: %s\n    crash file: %s\n' "$log" \
            "${found:-none written}"
        [ -z "$found" ] || printf '    replay: %s %s\n' "$bin" "$found"
        return 1
    fi
    return 0
}

if [ "${1:-}" = "--one" ]; then
    run_one "$2" "$3"
    exit $?
fi

if [ $# -lt 2 ]; then
    echo "usage: $0 SECONDS TARGET..." >&2
    exit 2
fi
secs=$1
shift
mkdir -p "$BUILD/logs"
jobs=${FUZZ_JOBS:-2}
echo "fuzz: $# targets, $secs s each, $jobs at a time (logs in $BUILD/logs)"
if printf '%s\n' "$@" | xargs -n 1 -P "$jobs" "$0" --one "$secs"; then
    echo "fuzz: no crash in $# targets"
    exit 0
fi
echo "fuzz: FAILED: see the targets marked FAILED above" >&2
exit 1
