#!/usr/bin/env bash
# Checks the Spark integration on the news-fr development corpus (not part of the default test run):
#   1. Spark local[2] (JSON Lines in, JSON Lines out) gives the same entities for every document as
#      `frner tag --input-format jsonl --jobs 1` on the same file;
#   2. the same through Parquet (input converted to Parquet, Parquet out);
#   3. throughput, measured in this run: Spark local[2] against `frner tag --jobs 2`;
#   4. malformed records injected into a temporary copy become error rows and the job succeeds;
#   5. a frner that loses a record makes the job fail loudly.
# Uses the bundle from package.sh (built when missing) for both the CLI and Spark, and a venv with
# pyspark outside the checkout: $FRNER_SPARK_VENV, default ~/.cache/frenchner/spark-venv, created
# (pip install -r requirements.txt, ~320 MB from PyPI) when it has no pyspark, and said so.
#
# Usage: Integrations/spark/check_equivalence.sh CORPUS.jsonl   (KEEP=1 keeps the work folder)
#   e.g. Integrations/spark/check_equivalence.sh ../shared/corpora/news-fr/articles.jsonl
# Fails (exit 1, with the reason) when it cannot run: no corpus given or readable, no java, no pyspark.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
fail() { echo "check_equivalence: FAIL: $*" >&2; exit 1; }
[[ $# -eq 1 ]] || fail "usage: $0 CORPUS.jsonl (a JSON Lines file of {\"id\", \"text\"} records)"
corpus=$1
[[ -f "$corpus" && -r "$corpus" ]] || fail "$corpus is not a readable file"
[[ -s "$corpus" ]] || fail "$corpus is empty"
corpus=$(cd "$(dirname "$corpus")" && pwd)/$(basename "$corpus")
command -v java >/dev/null || fail "java not found (Spark needs Java 8/11/17)"

venv="${FRNER_SPARK_VENV:-$HOME/.cache/frenchner/spark-venv}"
if ! "$venv/bin/python" -c "import pyspark" 2>/dev/null; then
    echo "== creating the venv $venv with pyspark (pip install -r requirements.txt, from PyPI; FRNER_SPARK_VENV to put it elsewhere)"
    python3 -m venv "$venv" || fail "cannot create the venv $venv"
    "$venv/bin/pip" install -q -r "$here/requirements.txt" || fail "pip install -r requirements.txt failed"
else
    echo "== using the venv $venv (FRNER_SPARK_VENV)"
fi
python="$venv/bin/python"

tarball="${FRNER_SCRATCH_PATH:-$root/.build-spark}/bundle/frner-bundle.tar.gz"  # where package.sh puts it
[[ -f "$tarball" ]] || "$here/package.sh" >/dev/null || fail "package.sh could not build the bundle"
[[ -f "$tarball" ]] || fail "package.sh did not make $tarball"
work=$(mktemp -d "${TMPDIR:-/tmp}/frner-spark-check.XXXXXX")
[[ "${KEEP:-}" == 1 ]] && echo "== work folder: $work" || trap 'rm -rf "$work"' EXIT
mkdir "$work/bundle"
tar -xzf "$tarball" -C "$work/bundle"
frner="$work/bundle/frner.sh"
export FRNER_CACHE_DIR="$work/cache"
job=("$python" "$here/frner_spark.py" --master 'local[2]' --frner "$frner")
now() { date +%s.%N; }
bytes=$(stat -c %s "$corpus")
documents=$(grep -c . "$corpus" || true)
rate() { # seconds → "N documents/s, M MB/s"
    python3 -c "import sys; s=float(sys.argv[1]); print(f'{int(sys.argv[2])/s:,.0f} documents/s, {int(sys.argv[3])/1e6/s:.2f} MB/s ({s:.2f} s)')" "$1" "$documents" "$bytes"
}
spark_run() { # name, then the job's options; prints the job's summary line
    local name=$1; shift
    if ! "${job[@]}" --summary "$work/$name.summary.json" "$@" >"$work/$name.log" 2>"$work/$name.err"; then
        echo "check_equivalence: the Spark job '$name' failed:" >&2; grep -v '^\s*$' "$work/$name.err" | tail -30 >&2; exit 1
    fi
}
echo "== corpus: $corpus ($documents documents, $(python3 -c "print(f'{$bytes/1e6:.1f}')") MB); $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
"$frner" lexicon compile >/dev/null  # the compiled-lexicon cache, shared by every run below

echo "== 1. CLI reference: frner tag --input-format jsonl --jobs 1"
"$frner" tag --input-format jsonl --jobs 1 "$corpus" > "$work/cli.jsonl"

echo "== 2. throughput (same file, same binary, one after the other)"
t0=$(now); "$frner" tag --input-format jsonl --jobs 2 "$corpus" > "$work/cli-jobs2.jsonl"; t1=$(now)
cli_seconds=$(python3 -c "print($t1 - $t0)")
cmp -s "$work/cli.jsonl" "$work/cli-jobs2.jsonl" || { echo "check_equivalence: --jobs 2 output differs from --jobs 1" >&2; exit 1; }
t0=$(now); spark_run jsonl --input "$corpus" --output "$work/spark-jsonl" --output-format jsonl; t1=$(now)
spark_wall=$(python3 -c "print($t1 - $t0)")
spark_job=$("$python" -c "import json,sys; print(json.load(open(sys.argv[1]))['seconds'])" "$work/jsonl.summary.json")
echo "   frner tag --input-format jsonl --jobs 2 CORPUS > out.jsonl:   $(rate "$cli_seconds")"
echo "   Spark local[2], frner_spark.py (job only, session started):   $(rate "$spark_job")"
echo "   Spark local[2], frner_spark.py (whole command, JVM start):    $(rate "$spark_wall")"
echo "   job summary: $(cat "$work/jsonl.log")"

echo "== 3. equality, JSON Lines in and out"
"$python" "$here/compare_outputs.py" --reference "$work/cli.jsonl" --reference-input "$corpus" \
    --spark "$work/spark-jsonl" --format jsonl --expect-errors 0

echo "== 4. equality, Parquet in and out (the corpus converted to Parquet first)"
"$python" - "$corpus" "$work/articles.parquet" <<'PY' 2>"$work/convert.err"
import sys
from pyspark.sql import SparkSession
spark = SparkSession.builder.master("local[2]").appName("to-parquet").getOrCreate()
spark.read.json(sys.argv[1]).write.parquet(sys.argv[2])
spark.stop()
PY
spark_run parquet --input "$work/articles.parquet" --input-format parquet --output "$work/spark-parquet" --output-format parquet
"$python" "$here/compare_outputs.py" --reference "$work/cli.jsonl" --reference-input "$corpus" \
    --spark "$work/spark-parquet" --format parquet --expect-errors 0 2>/dev/null

echo "== 5. malformed records in a copy of the corpus become error rows; the job succeeds"
"$python" - "$corpus" "$work/malformed.jsonl" <<'PY'
import sys
lines = open(sys.argv[1], "rb").read().split(b"\n")
lines = [line for line in lines if line]
bad = [b'{"id": "bad-int", "text": 42}',
       b'{"id": "bad-null", "text": null}',
       b'{"id": "bad-nul", "text": "Paris\\u0000Lyon"}',
       b'{"id": "bad-object", "text": {"fr": "Paris"}}',
       b'{"id": "bad-missing", "body": "Paris"}',
       b'{"id": "bad-json", "text": "Emmanuel Macron',
       b'{"id": "bad-utf8", "text": "Caf\xe9 de Paris"}']
# Spread over the file (both partitions), plus a blank line and a CRLF line, which are not errors.
for i, record in enumerate(bad):
    lines.insert(i * len(lines) // len(bad), record)
lines.insert(100, b"  \t")
lines[200] += b"\r"
open(sys.argv[2], "wb").write(b"\n".join(lines) + b"\n")
PY
status=0; "$frner" tag --input-format jsonl --jobs 1 "$work/malformed.jsonl" > "$work/cli-malformed.jsonl" 2>/dev/null || status=$?
[[ $status -eq 1 ]] || { echo "check_equivalence: the CLI exited with $status on the malformed copy, expected 1" >&2; exit 1; }
spark_run malformed --input "$work/malformed.jsonl" --output "$work/spark-malformed" --output-format jsonl
echo "   Spark job exit status 0: $(cat "$work/malformed.log")"
"$python" "$here/compare_outputs.py" --reference "$work/cli-malformed.jsonl" --reference-input "$work/malformed.jsonl" \
    --spark "$work/spark-malformed" --format jsonl --expect-errors 7

echo "== 6. a frner that loses a record fails the job loudly"
head -n 50 "$corpus" > "$work/sample.jsonl"
cat > "$work/lossy-frner.sh" <<LOSSY
#!/bin/sh
"$frner" "\$@" | sed 7d
LOSSY
chmod +x "$work/lossy-frner.sh"
if "$python" "$here/frner_spark.py" --master 'local[2]' --frner "$work/lossy-frner.sh" --input "$work/sample.jsonl" \
    --output "$work/spark-lossy" >"$work/lossy.log" 2>"$work/lossy.err"; then
    echo "check_equivalence: the job succeeded although frner lost a record" >&2; exit 1
fi
grep -q "output records for .* input records\|records out of step" "$work/lossy.err" \
    || { echo "check_equivalence: the job failed, but not with the record-count message:" >&2; tail -20 "$work/lossy.err" >&2; exit 1; }
echo "   job failed as expected: $(grep -o 'RuntimeError: frner, partition [0-9]*: [^\\]*' "$work/lossy.err" | head -1)"
echo "check_equivalence: all good"
