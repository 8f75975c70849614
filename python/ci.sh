#!/usr/bin/env bash
# CI for the Python package (python/): run from anywhere, on a clean clone, as root, without stdin.
#
#   1. installs what it needs: libicu-dev and pkg-config (apt) when missing; a FRESH venv
#      (default /tmp/frenchner-ci-venv, or $FRENCHNER_CI_VENV) with pytest and spaCy from PyPI
#      (+ pyspark when FRENCHNER_TEST_SPARK=1);
#   2. `pip install ./python` into it: the build step compiles the release frner (swift build -c release
#      --static-swift-stdlib, scratch folder .build-python) and puts it, its libraries and the
#      lexicons inside the package;
#   3. the issue's acceptance line, from an empty folder, with the checkout hidden (a private mount
#      namespace puts an empty tmpfs over the repository; plain run when unshare is not permitted);
#   4. pytest on python/tests against the INSTALLED package. The news-corpus test runs when
#      ../shared/corpora/news-fr/articles.jsonl exists (else it says SKIPPED); the Spark tests run
#      only with FRENCHNER_TEST_SPARK=1 (they download pyspark, ~320 MB, and start a JVM; about 1 min).
#
# Exit status: non-zero when anything fails, including pytest collecting no test (its exit 5).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
started=$(date +%s)
say() { echo "python/ci: $*"; }
elapsed() { echo "$(( $(date +%s) - started )) s"; }

need=()
dpkg -s libicu-dev >/dev/null 2>&1 || need+=(libicu-dev)
dpkg -s pkg-config >/dev/null 2>&1 || need+=(pkg-config)
dpkg -s zlib1g-dev >/dev/null 2>&1 || need+=(zlib1g-dev)   # frner reads .gz inputs (Sources/CZlib)
python3 -c 'import venv, ensurepip' >/dev/null 2>&1 || need+=(python3-venv)
if [ ${#need[@]} -gt 0 ]; then
    say "installing ${need[*]} (apt)"
    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need[@]}"
fi
command -v swift >/dev/null || { say "FAIL: swift not on PATH (the wheel compiles frner)"; exit 1; }

venv="${FRENCHNER_CI_VENV:-/tmp/frenchner-ci-venv}"
say "creating a fresh venv in $venv (outside the checkout; removed and made again on every run)"
rm -rf "$venv"
python3 -m venv "$venv"
py="$venv/bin/python"
requirements=(pytest "spacy>=3.5,<4")
if [ "${FRENCHNER_TEST_SPARK:-}" = 1 ]; then
    requirements+=("pyspark==3.5.9")
    say "FRENCHNER_TEST_SPARK=1: the Spark tests will run (pyspark from PyPI, Java: $(java -version 2>&1 | head -1))"
else
    say "Spark tests NOT run (opt-in: FRENCHNER_TEST_SPARK=1)"
fi
say "pip install ${requirements[*]} (PyPI)"
"$py" -m pip install -q --disable-pip-version-check "${requirements[@]}"

say "pip install ./python (builds the release frner with --static-swift-stdlib: minutes on 2 cores the first time)"
t0=$(date +%s)
log=$(mktemp)
if ! "$py" -m pip install -v --disable-pip-version-check ./python >"$log" 2>&1; then
    tail -40 "$log"; say "FAIL: pip install ./python failed (log above)"; exit 1
fi
grep -E "frenchner build:|Successfully installed" "$log" | sed 's/^/    /'
rm -f "$log"
"$py" -c 'import frenchner._binary as b; assert b.packaged() is not None, "the installed package has no frner"' \
    || { say "FAIL: pip install ./python did not install a package with its frner"; exit 1; }
wheel_tag=$(grep '^Tag:' "$("$py" -c 'import importlib.metadata as m; print(m.distribution("frenchner")._path)')/WHEEL")
say "installed in $(( $(date +%s) - t0 )) s; wheel $wheel_tag; package $("$py" -c 'import frenchner, os; print(os.path.dirname(frenchner.__file__))')"
case "$wheel_tag" in *none-any*) say "FAIL: the wheel is not platform-tagged"; exit 1 ;; esac

say "acceptance line, from an empty folder, with the checkout hidden"
empty=$(mktemp -d)
line='import spacy; nlp=spacy.blank("fr"); nlp.add_pipe("frenchner"); print([(e.text,e.label_) for e in nlp("M. Antony Blinken est arrivé à Kiev.").ents])'
expected="[('Antony Blinken', 'PER'), ('Kiev', 'LOC')]"
if unshare --mount true 2>/dev/null; then
    got=$(cd "$empty" && env -u FRENCHNER_BINARY -u FRNER_LEXICONS unshare --mount sh -c \
        'mount -t tmpfs tmpfs "$1" && shift && exec "$@"' sh "$root" "$py" -c "$line")
    hidden="checkout hidden by an empty tmpfs over $root"
else
    got=$(cd "$empty" && env -u FRENCHNER_BINARY -u FRNER_LEXICONS "$py" -c "$line")
    hidden="checkout NOT hidden (unshare not permitted here)"
fi
rmdir "$empty"
echo "    $got"
[ "$got" = "$expected" ] || { say "FAIL: expected $expected ($hidden)"; exit 1; }
say "ok ($hidden)"

corpus="$root/../shared/corpora/news-fr/articles.jsonl"
if [ -f "$corpus" ]; then
    say "news corpus found: $corpus (the nlp.pipe test over all of it runs, about a minute)"
    export FRENCHNER_NEWS_CORPUS="$corpus"
else
    say "SKIPPED the news-corpus test: $corpus does not exist (the synthetic nlp.pipe tests still run)"
fi

say "pytest python/tests (against the installed package)"
status=0
(cd "$root/python" && env -u FRENCHNER_BINARY "$py" -m pytest tests -q -rs -p no:cacheprovider) || status=$?
if [ $status -eq 5 ]; then
    say "FAIL: pytest collected no test"
    exit 1
fi
[ $status -eq 0 ] || { say "FAIL: pytest exited with $status ($(elapsed))"; exit $status; }
say "all good ($(elapsed))"
