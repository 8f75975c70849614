#!/usr/bin/env bash
# Every test suite of the repository, in order; the README's test command and what .ci/run runs.
#
#   1. swift build && swift test          Swift unit and end-to-end tests (no ../shared needed)
#   2. the lexicon build script's tests    python3 -m unittest (offline)
#   3. python/ci.sh                        the Python package: fresh venv, pip install ./python, pytest
#   4. Fuzz/ci.sh                          every fuzz target from its committed seeds, FUZZ_CI_SECONDS each
#
# Needs libicu-dev and pkg-config (the README's first command installs them). Set FRENCHNER_SKIP_PYTHON=1
# or FRENCHNER_SKIP_FUZZ=1 to leave a suite out (it is then said so, never silently).
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)
step() { echo "test.sh: $* ($(( $(date +%s) - started )) s)"; }

step "swift build && swift test"
swift build
swift test
step "lexicon build script tests"
python3 -m unittest discover -s Lexicons/build/tests
if [ "${FRENCHNER_SKIP_PYTHON:-}" = 1 ]; then
    step "SKIPPED the Python package's tests (FRENCHNER_SKIP_PYTHON=1)"
else
    step "Python package (python/ci.sh)"
    bash python/ci.sh
fi
if [ "${FRENCHNER_SKIP_FUZZ:-}" = 1 ]; then
    step "SKIPPED the fuzz targets (FRENCHNER_SKIP_FUZZ=1)"
else
    step "fuzz targets from their seeds (Fuzz/ci.sh, ${FUZZ_CI_SECONDS:-20} s each)"
    FUZZ_CI_SECONDS=${FUZZ_CI_SECONDS:-20} bash Fuzz/ci.sh
fi
step "all suites passed"
