"""`python -m frenchner`: the packaged `frner` command, plus a spaCy export.

    python -m frenchner tag --input-format jsonl articles.jsonl > entities.jsonl   # = frner tag …
    python -m frenchner --version                                                   # any frner command
    python -m frenchner docbin articles.jsonl -o articles.spacy [--text-field text] [--labels PER,LOC] [--tokens frenchner]

`docbin` tags JSON Lines records ({"id", "text"}) with `spacy.blank("fr")` (with `--tokens frenchner`,
frner's tokens: `frenchner.Tokenizer.v1`) + the `frenchner` component and writes a spaCy `DocBin` (user data included: `doc.user_data["id"]` is the record's id),
which `DocBin().from_disk(path).get_docs(nlp.vocab)` reads back, and `spacy train`/`spacy evaluate` take.
Every other command is handed to the bundled `frner` unchanged (its exit status is this one's).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import List, Optional, cast

from ._binary import find_frner


def docbin(argv: List[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m frenchner docbin",
                                     description="Tag JSON Lines records and write a spaCy DocBin.")
    parser.add_argument("input", help="JSON Lines file ({'id': …, 'text': …} per line); '-' for standard input")
    parser.add_argument("-o", "--output", required=True, help="the .spacy file to write")
    parser.add_argument("--text-field", default="text")
    parser.add_argument("--id-field", default="id")
    parser.add_argument("--labels", default=None, help="labels to keep, comma-separated (default all)")
    parser.add_argument("--batch-size", type=int, default=256)
    parser.add_argument("--tokens", choices=("spacy", "frenchner"), default="spacy",
                        help="spaCy's French tokenizer (default: what a spaCy French pipeline trains on) or "
                             "frner's (frenchner.Tokenizer.v1: every entity exact, faster)")
    args = parser.parse_args(argv)

    import spacy
    from spacy.tokens import DocBin

    from . import spacy_component, spacy_tokenizer  # noqa: F401  (register them even without the entry points)

    config = {"nlp": {"tokenizer": {"@tokenizers": "frenchner.Tokenizer.v1"}}} if args.tokens == "frenchner" else {}
    nlp = spacy.blank("fr", config=config)
    component = cast(spacy_component.FrenchNERComponent,
                     nlp.add_pipe("frenchner", config={"labels": args.labels.split(",") if args.labels else None,
                                                       "batch_size": args.batch_size}))
    stream = sys.stdin if args.input == "-" else open(args.input, encoding="utf-8")
    skipped = 0

    def records():
        nonlocal skipped
        for number, line in enumerate(stream, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                text = record[args.text_field]
                if not isinstance(text, str):
                    raise TypeError(f"field {args.text_field!r} is not a string")
            except (ValueError, KeyError, TypeError) as error:
                print(f"frenchner docbin: {args.input}:{number}: skipped: {error}", file=sys.stderr)
                skipped += 1
                continue
            yield text, record.get(args.id_field, f"{args.input}:{number}")

    out = DocBin(store_user_data=True)
    count = 0
    for doc, doc_id in nlp.pipe(records(), as_tuples=True, batch_size=args.batch_size):
        doc.user_data["id"] = doc_id
        out.add(doc)
        count += 1
    out.to_disk(args.output)
    stats = component.stats
    print(f"frenchner docbin: {count} documents, {sum(stats[k] for k in ('exact', 'expanded', 'shrunk'))} "
          f"entities ({stats['expanded']} expanded and {stats['shrunk']} shrunk to spaCy's tokens, "
          f"{stats['dropped']} dropped), {stats['errors']} documents frner could not tag, {skipped} records "
          f"skipped → {args.output}", file=sys.stderr)
    return 1 if skipped or stats["errors"] else 0


def main(argv: Optional[List[str]] = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "docbin":
        return docbin(argv[1:])
    frner = find_frner()
    env = frner.environment()
    os.execve(frner.path, [frner.path] + argv, env)
    return 127  # not reached


if __name__ == "__main__":
    sys.exit(main())
