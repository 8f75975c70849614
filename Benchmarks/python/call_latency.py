"""Latency of one call through the `frenchner` co-process: `Tagger()(text)`, `WordSplitter()(text)` and
`nlp(text)` with the `"frenchner"` component, one text at a time, as a loop over a DataFrame column or a
web handler calls them.

    python Benchmarks/python/call_latency.py [--calls 3000] [--article ../shared/corpora/news-fr/articles.jsonl]

Needs the `frenchner` package (and spaCy for the `nlp` line). Each line: the text (a one-sentence news
lead, or the first article of a JSON Lines file when `--article` is given), then p50, p90 and p99 of the
wall time of one call, in microseconds, after 100 warm-up calls on the same long-lived frner.
"""

from __future__ import annotations

import argparse
import json
import time
from typing import Callable, List

import frenchner

SENTENCE = "M. Antony Blinken est arrivé à Kiev, où il a rencontré des responsables de l'OTAN."


def percentiles(call: Callable[[str], object], text: str, calls: int) -> List[float]:
    for _ in range(100):
        call(text)
    times = []
    for _ in range(calls):
        started = time.perf_counter()
        call(text)
        times.append(time.perf_counter() - started)
    times.sort()
    return [times[int(len(times) * q)] * 1e6 for q in (0.5, 0.9, 0.99)]


def report(name: str, call: Callable[[str], object], text: str, calls: int) -> None:
    p50, p90, p99 = percentiles(call, text, calls)
    print(f"  {name:<38} {len(text.encode()):>7} B   p50 {p50:7.0f}   p90 {p90:7.0f}   p99 {p99:7.0f} us")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=3000)
    parser.add_argument("--article", help="a JSON Lines file whose first record's text is the long text")
    args = parser.parse_args()
    texts = [("sentence", SENTENCE)]
    if args.article:
        with open(args.article, encoding="utf-8") as lines:
            texts.append(("article", json.loads(next(lines))["text"]))
    print(f"frner {frenchner.find_frner().path}; {args.calls} calls each, one at a time")
    with frenchner.Tagger() as tagger, frenchner.WordSplitter() as splitter:
        for kind, text in texts:
            report(f"Tagger()(text), {kind}", tagger, text, args.calls)
            report(f"WordSplitter()(text), {kind}", splitter, text, args.calls)
    try:
        import spacy
        from frenchner import spacy_component  # noqa: F401  (registers the component when not installed)
    except ImportError:
        print("  (spaCy not installed: no nlp(text) line)")
        return
    nlp = spacy.blank("fr")
    component = nlp.add_pipe("frenchner")
    for kind, text in texts:
        report(f"nlp(text), spaCy tokenizer, {kind}", nlp, text, args.calls)
    component.close()


if __name__ == "__main__":
    main()
