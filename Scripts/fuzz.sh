#!/usr/bin/env bash
# Builds the libFuzzer targets (Sources/Fuzz/) with AddressSanitizer and runs each for a bounded time.
#
#   Scripts/fuzz.sh [SECONDS] [TARGET...]     default: 30 s, every target
#
# Seeds: Fuzz/Corpus/<target>/ (committed, read only); Fuzz/xml.dict helps the XML targets.
# New inputs go to <build>/corpus/<target>/, crashes, hangs and out-of-memory inputs to
# <build>/artifacts/<target>/. Prints the executions per target; exits 1 if any target found a
# crash, a hang (> 10 s) or an input needing more than 2 GB.
# Environment: FUZZ_BUILD_PATH (default .build-fuzz), FUZZ_MAX_LEN (default 65536 bytes).
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-30}"
shift || true
all_targets="FuzzXMLStreamReader FuzzSIECLENomenclature FuzzSIECLEEleves FuzzSTS FuzzLSU FuzzServicesCSV FuzzNationalTables FuzzZipInput"
targets="${*:-$all_targets}"
build="${FUZZ_BUILD_PATH:-.build-fuzz}"
max_len="${FUZZ_MAX_LEN:-65536}"

for target in $targets; do
  echo "fuzz: building $target"
  # SwiftPM 6.3 keeps one build description per build folder and fails ("unknown build
  # description") when the next --product differs: let it plan again.
  rm -f "$build"/*/debug/description.json "$build"/*/debug/plugin-tools-description.json
  # -parse-as-library: the target's main.swift declares the fuzzer entry point instead of running
  # its replay code; -DFUZZING compiles the hand-over to libFuzzer (Sources/Fuzz/FuzzSupport).
  swift build --build-path "$build" -c debug --product "$target" \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library -Xswiftc -DFUZZING 2>&1 |
    grep -v "Cannot export local symbol" || true
  test -x "$build/debug/$target" || { echo "fuzz: $target did not build" >&2; exit 1; }
done

failed=0
summary=""
for target in $targets; do
  corpus="$build/corpus/$target"
  artifacts="$build/artifacts/$target"
  log="$build/logs/$target.log"
  mkdir -p "$corpus" "$artifacts" "$(dirname "$log")"
  echo "fuzz: running $target for $seconds s"
  dict=""
  case "$target" in
  FuzzXMLStreamReader | FuzzSIECLE* | FuzzSTS | FuzzLSU) dict="-dict=Fuzz/xml.dict" ;;
  esac
  status=0
  # Leak detection is off: the Swift runtime's caches and Foundation's Data(contentsOf:) of an
  # empty file (a 4 KB buffer) read as leaks.
  ASAN_OPTIONS="detect_leaks=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}" "$build/debug/$target" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -max_len="$max_len" \
    -print_final_stats=1 -detect_leaks=0 -artifact_prefix="$artifacts/" $dict \
    "$corpus" "Fuzz/Corpus/$target" >"$log" 2>&1 || status=$?
  executions="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)"
  if [ "$status" -ne 0 ]; then
    failed=1
    echo "fuzz: $target FAILED (exit $status), see $log and $artifacts/" >&2
    grep -E "^==[0-9]+==ERROR|Fatal error|SUMMARY|Test unit written|ALARM|out-of-memory" "$log" | head -10 >&2 || true
  fi
  summary="$summary$(printf '%-24s %12s executions  %s' "$target" "${executions:-?}" \
    "$([ "$status" -eq 0 ] && echo ok || echo "FAILED (exit $status)")")"$'\n'
done
printf '\nfuzz: %s s per target\n%s' "$seconds" "$summary"
exit "$failed"
