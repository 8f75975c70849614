#!/usr/bin/env bash
# Runs FrenchNER's standard benchmark suite and writes Benchmarks/Results/<date>-<machine>/.
#
#   Benchmarks/run-suite.sh                 # throughput + accuracy of FrenchNER
#   Benchmarks/run-suite.sh --peers         # also spaCy fr_core_news_sm / md (see peers/README.md)
#   Benchmarks/run-suite.sh --machine NAME  # results folder tag (default: short host name)
#   Benchmarks/run-suite.sh --runs N        # timed runs per frner bench (default 5)
#
# Environment: FRNER_CORPORA (default <repo>/../shared/corpora), FRNER_BUILD_PATH (scratch path
# of the release build, default <repo>/.build-bench). Run it on a quiet machine: nothing else
# should compete for the cores while it times.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
corpora="${FRNER_CORPORA:-$repo/../shared/corpora}"
build_path="${FRNER_BUILD_PATH:-$repo/.build-bench}"
peers=0
machine="$(hostname -s 2>/dev/null || hostname)"
runs=5

while [[ $# -gt 0 ]]; do
  case "$1" in
    --peers) peers=1 ;;
    --machine) machine="$2"; shift ;;
    --runs) runs="$2"; shift ;;
    -h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run-suite.sh: unknown argument '$1' (try --help)" >&2; exit 64 ;;
  esac
  shift
done

if [[ ! -d "$corpora" ]]; then
  echo "run-suite.sh: no corpora folder at $corpora: nothing to benchmark, skipping the suite." >&2
  echo "run-suite.sh: set FRNER_CORPORA to the shared corpora folder to run it." >&2
  exit 0
fi
corpora="$(cd "$corpora" && pwd)"
news="$corpora/news-fr/articles.jsonl"
# Peer timing uses the first articles only: spaCy needs about 25 s per 500 news articles.
peer_news_articles=1000

# name|gold path (a folder is brat, a file CoNLL)
gold_corpora=(
  "winer-fr|winer-fr/docs"
  "wikineural-fr|wikineural-fr/sample.conll"
  "hipe2020-fr|hipe2020-fr/sample.conll"
  "newseye-fr|newseye-fr/sample.conll"
  "letemps-fr|letemps-fr/sample.conll"
  "europeana-fr|europeana-fr/sample.conll"
  "7romans-fr|7romans-fr/sample.conll"
  "wikiann-fr|wikiann-fr/dev.conll"
)
peer_models=(fr_core_news_sm fr_core_news_md)

out="$here/Results/$(date +%F)-$machine"
mkdir -p "$out"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
log() { echo "run-suite.sh: $*" >&2; }

load="$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo 0)"
if awk -v load="$load" 'BEGIN { exit !(load > 0.5) }'; then
  log "warning: load average $load: other processes compete for the cores, timings will be low and noisy"
fi

log "building release into $build_path"
(cd "$repo" && swift build -c release --scratch-path "$build_path" >&2)
frner="$(cd "$repo" && swift build -c release --scratch-path "$build_path" --show-bin-path)/frner"
"$frner" lexicon compile >&2   # a current lexicon cache, so that bench times a cache hit

{
  echo "{"
  echo "  \"date\": \"$(date -u +%FT%TZ)\","
  echo "  \"machine\": \"$machine\","
  echo "  \"frner_version\": \"$("$frner" --version)\","
  echo "  \"swift\": \"$(swift --version 2>&1 | head -n 1 | sed 's/"/\\"/g')\","
  echo "  \"cpu\": \"$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)\","
  echo "  \"cpus\": $(nproc),"
  echo "  \"corpora\": \"$corpora\","
  echo "  \"peer_news_articles\": $peer_news_articles,"
  echo "  \"gold_corpora\": [$(printf '"%s",' "${gold_corpora[@]%%|*}" | sed 's/,$//')],"
  echo "  \"peers\": $([[ $peers -eq 1 ]] && echo true || echo false)"
  echo "}"
} > "$out/meta.json"

if [[ -f "$news" ]]; then
  log "throughput: frner bench on $news, 1 and 2 threads"
  "$frner" bench --json --runs "$runs" --jobs 2 "$news" > "$out/bench-news.json"
  log "throughput: frner bench on the first $peer_news_articles articles, 1 thread (for the peer comparison)"
  "$frner" bench --json --runs "$runs" --limit "$peer_news_articles" "$news" > "$out/bench-news-$peer_news_articles.json"
else
  log "no $news: throughput skipped"
fi

if [[ $peers -eq 1 ]]; then
  log "setting up the peer venv"
  python="$("$here/peers/setup.sh")"
fi

for entry in "${gold_corpora[@]}"; do
  name="${entry%%|*}"
  gold="$corpora/${entry#*|}"
  if [[ ! -e "$gold" ]]; then
    log "no $gold: $name skipped"
    continue
  fi
  log "accuracy: $name"
  "$frner" eval --gold "$gold" --json > "$out/eval-$name-frenchner.json"
  "$frner" eval --gold "$gold" --json --person-spans names-only > "$out/eval-$name-frenchner-names-only.json"
  if [[ $peers -eq 1 ]]; then
    "$frner" eval --gold "$gold" --dump-text > "$scratch/$name.docs.jsonl"
    for model in "${peer_models[@]}"; do
      log "accuracy: $name with spaCy $model"
      "$python" "$here/peers/spacy_tag.py" --model "$model" "$scratch/$name.docs.jsonl" \
        "$scratch/$name.$model.jsonl" --timing "$out/timing-$name-$model.json"
      "$frner" eval --gold "$gold" --predicted "$scratch/$name.$model.jsonl" --json --person-spans names-only \
        > "$out/eval-$name-$model.json"
    done
  fi
done

if [[ $peers -eq 1 && -f "$news" ]]; then
  for model in "${peer_models[@]}"; do
    log "throughput: spaCy $model on the first $peer_news_articles news articles"
    "$python" "$here/peers/spacy_tag.py" --model "$model" --limit "$peer_news_articles" "$news" \
      "$scratch/news.$model.jsonl" --timing "$out/timing-news-$peer_news_articles-$model.json"
  done
fi

python3 "$here/summarize.py" "$out"
log "results in $out (summary.md)"
