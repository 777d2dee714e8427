#!/usr/bin/env bash
# Runs the parallel parts of Raccord under ThreadSanitizer: the two-stage import pipeline (parser
# thread + writer), batch imports, the web server's routes and 20 concurrent reviewers, and the
# checks run from the page. Own build folder (.build-tsan); fails on any data race report.
#
#   Scripts/tsan.sh [FILTER]     default: the suites below
set -euo pipefail
cd "$(dirname "$0")/.."

filter="${1:-PipelinedImportTests|BatchImportTests|RouteTests|ConcurrentReviewTests|CheckRunTests}"
# halt_on_error: the first race fails the run, with its report, rather than scrolling by.
TSAN_OPTIONS="halt_on_error=1${TSAN_OPTIONS:+:$TSAN_OPTIONS}" \
  swift test --build-path "${TSAN_BUILD_PATH:-.build-tsan}" --sanitize=thread --filter "$filter"
