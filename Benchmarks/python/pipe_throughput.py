"""Throughput of FrenchNER in spaCy's `nlp.pipe` against `frner tag --jobs 1`, on one JSON Lines corpus.

    python Benchmarks/python/pipe_throughput.py ../shared/corpora/news-fr/articles.jsonl [--runs 3]

Needs the `frenchner` package and spaCy installed (`pip install ./python spacy`). For each run, in turn:
`frner tag --jobs 1 --input-format jsonl` on the file (the package's binary, output discarded), then
every text through `nlp.pipe` with (a) `spacy.blank("fr")` + `add_pipe("frenchner")`, spaCy's French
tokenizer, and (b) the tokenizer `frenchner.Tokenizer.v1` + `add_pipe("frenchner")`. Each pipeline is
built fresh per run (a cold vocabulary, as a user's first pass). Prints each run and the medians, in
MB/s of UTF-8 text, with the entities placed and how (exact, expanded, shrunk, dropped).

`--breakdown` adds, once, where the time of (b) goes: `frner tokenize --format words` over the file
(the words and spaces frner sends), building every `Doc` from them with no frner in the loop (cold and
warm vocabulary), the tokenizer alone through `nlp.pipe` (one round trip to frner per text: spaCy calls
the tokenizer text by text), `Tagger.pipe` alone, placing the entities on ready Docs
(`set_entities`), and spaCy's own cost of entities given as token spans (`doc.ents = [Span(...)]`). Its
last line is the ceiling of (b): `frner tag --jobs 1`'s time ÷ (cold `Doc`s + `doc.ents`), the ratio
`nlp.pipe` would reach if frner's tokens and entities cost Python nothing.
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


def breakdown(path: str, texts: List[str], megabytes: float, frner_tag_seconds: float) -> None:
    """Where the time of nlp.pipe with frenchner.Tokenizer.v1 goes (see the module's docstring)."""
    from spacy.tokens import Doc, Span

    binary = frenchner.find_frner()

    def timed(name: str, seconds: float, note: str = "") -> None:
        print(f"  {name:52s} {seconds:6.2f} s  {megabytes / seconds:6.2f} MB/s {note}", flush=True)

    started = time.perf_counter()
    out = subprocess.run([binary.path, "tokenize", "--format", "words", "--input-format", "jsonl", path],
                         stdout=subprocess.PIPE, check=True, env=binary.environment()).stdout
    timed("frner tokenize --format words (whole file)", time.perf_counter() - started, f"({len(out) / 1e6:.0f} MB out)")
    started = time.perf_counter()
    records = [json.loads(line) for line in out.splitlines()]
    timed("json.loads of those records", time.perf_counter() - started)
    nlp = spacy.blank("fr")
    doc_seconds: Dict[str, float] = {}
    for state in ("cold", "warm"):
        started = time.perf_counter()
        tokens = sum(len(Doc(nlp.vocab, words=r["words"], spaces=r["spaces"])) for r in records)
        doc_seconds[state] = time.perf_counter() - started
        timed(f"Doc(vocab, words, spaces), {state} vocabulary", doc_seconds[state], f"({tokens:,} tokens)")
    config = {"nlp": {"tokenizer": {"@tokenizers": "frenchner.Tokenizer.v1"}}}
    nlp = spacy.blank("fr", config=config)
    started = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=256))
    timed("nlp.pipe, frenchner.Tokenizer.v1 only (cold)", time.perf_counter() - started)
    with frenchner.Tagger() as tagger:
        started = time.perf_counter()
        results = list(tagger.pipe(texts, batch_size=256))
        timed("Tagger.pipe alone", time.perf_counter() - started)
    component = nlp.add_pipe("frenchner")
    started = time.perf_counter()
    for doc, entities in zip(docs, results):
        component.set_entities(doc, entities)
    timed("set_entities on those Docs", time.perf_counter() - started)
    fresh = [Doc(nlp.vocab, words=r["words"], spaces=r["spaces"]) for r in records]
    # the same tokens as the tokenizer's Docs (a text with NUL or a lone surrogate may differ: skipped)
    spans = [[(e.start, e.end, e.label_) for e in doc.ents] if len(doc) == len(copy) else []
             for doc, copy in zip(docs, fresh)]
    started = time.perf_counter()
    for doc, ents in zip(fresh, spans):
        doc.ents = [Span(doc, start, end, label=label) for start, end, label in ents]
    ents_seconds = time.perf_counter() - started
    timed("doc.ents = token Spans on fresh Docs (spaCy alone)", ents_seconds)
    ceiling = frner_tag_seconds / (doc_seconds["cold"] + ents_seconds)
    print(f"  ceiling of (b): frner tag --jobs 1 {frner_tag_seconds:.2f} s ÷ (cold Docs + doc.ents "
          f"{doc_seconds['cold'] + ents_seconds:.2f} s) = {ceiling:.1%} (warm Docs: "
          f"{frner_tag_seconds / (doc_seconds['warm'] + ents_seconds):.1%})", flush=True)
    component.close()
    nlp.tokenizer.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", help="JSON Lines file with a 'text' field")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--breakdown", action="store_true", help="also time the parts of (b) once")
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
    if args.breakdown:
        print("\nwhere nlp.pipe with frenchner.Tokenizer.v1 spends its time (one run each):")
        breakdown(args.corpus, texts, megabytes, megabytes / base)
    print("\nmedians (MB/s, ratio to frner tag --jobs 1):")
    for name, values in rows.items():
        median = statistics.median(values)
        print(f"  {name:36s} {median:7.2f}  {median / base:6.1%}")


if __name__ == "__main__":
    sys.exit(main())
