"""Throughput of FrenchNER in spaCy's `nlp.pipe` against `frner tag --jobs 1`, on one JSON Lines corpus.

    python Benchmarks/python/pipe_throughput.py ../shared/corpora/news-fr/articles.jsonl [--runs 3]

Needs the `frenchner` package and spaCy installed (`pip install ./python spacy`). For each run, in turn:
`frner tag --jobs 1 --input-format jsonl` on the file (the package's binary, output discarded), then
every text through `nlp.pipe` with (a) `spacy.blank("fr")` + `add_pipe("frenchner")`, spaCy's French
tokenizer, and (b) the tokenizer `frenchner.Tokenizer.v1` + `add_pipe("frenchner")`. Each pipeline is
built fresh per run (a cold vocabulary, as a user's first pass). Prints each run and the medians, in
MB/s of UTF-8 text, with the entities placed and how (exact, expanded, shrunk, dropped).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from typing import Dict, List

import spacy

import frenchner
import frenchner.spacy_component  # noqa: F401  (registers the component when not installed)
import frenchner.spacy_tokenizer  # noqa: F401  (registers the tokenizer when not installed)


def frner_seconds(path: str) -> float:
    binary = frenchner.find_frner()
    started = time.perf_counter()
    subprocess.run([binary.path, "tag", "--jobs", "1", "--quiet", "--input-format", "jsonl", path],
                   stdout=subprocess.DEVNULL, check=True, env=binary.environment())
    return time.perf_counter() - started


def pipe_run(texts: List[str], tokenizer: bool) -> Dict[str, float]:
    config = {"nlp": {"tokenizer": {"@tokenizers": "frenchner.Tokenizer.v1"}}} if tokenizer else {}
    nlp = spacy.blank("fr", config=config)
    component = nlp.add_pipe("frenchner")
    started = time.perf_counter()
    entities = sum(len(doc.ents) for doc in nlp.pipe(texts, batch_size=256))
    seconds = time.perf_counter() - started
    stats = dict(component.stats)
    component.close()
    if tokenizer:
        nlp.tokenizer.close()
    return {"seconds": seconds, "entities": entities,
            **{k: stats.get(k, 0) for k in ("exact", "expanded", "shrunk", "dropped", "errors")}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", help="JSON Lines file with a 'text' field")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with open(args.corpus, encoding="utf-8") as f:
        texts = [json.loads(line)["text"] for line in f if line.strip()]
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    print(f"{args.corpus}: {len(texts)} texts, {megabytes:.1f} MB; spaCy {spacy.__version__}, "
          f"frner {frenchner.find_frner().path}", flush=True)
    rows: Dict[str, List[float]] = {"frner tag --jobs 1": [], "nlp.pipe, spaCy tokenizer": [],
                                    "nlp.pipe, frenchner.Tokenizer.v1": []}
    for run in range(args.runs):
        cli = frner_seconds(args.corpus)
        plain = pipe_run(texts, tokenizer=False)
        ours = pipe_run(texts, tokenizer=True)
        for name, seconds in zip(rows, (cli, plain["seconds"], ours["seconds"])):
            rows[name].append(megabytes / seconds)
        print(f"run {run + 1}: frner {megabytes / cli:.2f} MB/s; spaCy tokenizer {megabytes / plain['seconds']:.2f} MB/s "
              f"{plain}; frenchner tokenizer {megabytes / ours['seconds']:.2f} MB/s {ours}", flush=True)
    base = statistics.median(rows["frner tag --jobs 1"])
    print("\nmedians (MB/s, ratio to frner tag --jobs 1):")
    for name, values in rows.items():
        median = statistics.median(values)
        print(f"  {name:36s} {median:7.2f}  {median / base:6.1%}")


if __name__ == "__main__":
    sys.exit(main())
