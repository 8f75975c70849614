#!/usr/bin/env python3
"""Compares the Spark job's entity rows with `frner tag --input-format jsonl` output (used by
check_equivalence.sh): same entities per document, same error records.

    compare_outputs.py --reference cli.jsonl --reference-input articles.jsonl --spark OUT --format jsonl|parquet

Entities are compared per document as sets of (start, end, label, text, source, canonical). Error
records are compared by id and message; records whose id frner could not read (the CLI names them
`file:line`, the Spark job gives a null id) are compared by message.
"""

import argparse
import glob
import json
import os
import re
import sys
from collections import Counter, defaultdict

SPARK_LOCATION = re.compile(r" \(partition \d+, record \d+, which begins .*\)$", re.S)


def spark_id(value):
    return value if value is None or isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def read_reference(path, input_path):
    documents, errors, unreadable = {}, {}, Counter()
    location = re.compile(re.escape(input_path) + r":\d+$")
    for line in open(path, encoding="utf-8"):
        record = json.loads(line)
        doc_id = record["id"]
        if "error" in record:
            if isinstance(doc_id, str) and location.match(doc_id):
                unreadable[record["error"]] += 1
            else:
                errors[spark_id(doc_id)] = record["error"]
            continue
        # A record without id: the CLI names it file:line, the Spark job gives a null id.
        key = None if isinstance(doc_id, str) and location.match(doc_id) else spark_id(doc_id)
        if key is not None and key in documents:
            sys.exit(f"compare_outputs: duplicate id {key!r} in the reference: ids must be unique to compare")
        entities = [(e["start"], e["end"], e["label"], e["text"], e["source"], e.get("canonical"))
                    for e in record["entities"]]
        if entities:
            documents[key] = documents.get(key, []) + entities
    return {k: sorted(v) for k, v in documents.items()}, errors, unreadable


def read_spark_rows(folder, fmt):
    if fmt == "jsonl":
        files = sorted(glob.glob(os.path.join(folder, "part-*")))
        if not files:
            sys.exit(f"compare_outputs: no part files in {folder}")
        for name in files:
            for line in open(name, encoding="utf-8"):
                yield json.loads(line)
    else:
        from pyspark.sql import SparkSession
        spark = SparkSession.builder.master("local[1]").appName("compare").getOrCreate()
        spark.sparkContext.setLogLevel("ERROR")
        for row in spark.read.parquet(folder).toLocalIterator():
            yield row.asDict()
        spark.stop()


def read_spark(folder, fmt):
    documents, errors, unreadable = defaultdict(list), {}, Counter()
    for row in read_spark_rows(folder, fmt):
        doc_id = spark_id(row.get("id"))
        if row.get("error") is not None:
            if doc_id is None:
                unreadable[SPARK_LOCATION.sub("", row["error"])] += 1
            else:
                errors[doc_id] = row["error"]
            continue
        documents[doc_id].append((row["start"], row["end"], row["label"], row["text"], row["source"],
                                  row.get("canonical")))
    return {k: sorted(v) for k, v in documents.items()}, errors, unreadable


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--reference", required=True, help="frner tag --input-format jsonl output")
    p.add_argument("--reference-input", required=True, help="the input path as given to frner (for file:line ids)")
    p.add_argument("--spark", required=True, help="the Spark job's output folder")
    p.add_argument("--format", choices=("jsonl", "parquet"), default="jsonl")
    p.add_argument("--expect-errors", type=int, default=None, help="the number of error records expected")
    args = p.parse_args()

    ref_docs, ref_errors, ref_unreadable = read_reference(args.reference, args.reference_input)
    spark_docs, spark_errors, spark_unreadable = read_spark(args.spark, args.format)
    problems = []
    for doc_id in sorted(set(ref_docs) | set(spark_docs), key=str):
        a, b = ref_docs.get(doc_id), spark_docs.get(doc_id)
        if a != b:
            problems.append(f"document {doc_id!r}: CLI {len(a or [])} entities, Spark {len(b or [])}; "
                            f"only CLI: {sorted(set(a or []) - set(b or []))[:3]}, "
                            f"only Spark: {sorted(set(b or []) - set(a or []))[:3]}")
    if ref_errors != spark_errors:
        problems.append(f"error records differ: CLI {ref_errors}, Spark {spark_errors}")
    if ref_unreadable != spark_unreadable:
        problems.append(f"errors without id differ: CLI {dict(ref_unreadable)}, Spark {dict(spark_unreadable)}")
    error_count = len(ref_errors) + sum(ref_unreadable.values())
    if args.expect_errors is not None and error_count != args.expect_errors:
        problems.append(f"expected {args.expect_errors} error records, the CLI gave {error_count}")
    entities = sum(len(v) for v in ref_docs.values())
    spark_entities = sum(len(v) for v in spark_docs.values())
    spark_error_count = len(spark_errors) + sum(spark_unreadable.values())
    print(f"  CLI:   {len(ref_docs)} documents with entities, {entities} entities, {error_count} error records")
    print(f"  Spark: {len(spark_docs)} documents with entities, {spark_entities} entities, "
          f"{spark_error_count} error rows")
    for message in sorted(spark_errors.items()):
        print(f"  Spark error row: id={message[0]!r}: {message[1]}")
    for message, count in sorted(spark_unreadable.items()):
        print(f"  Spark error row: id=None (x{count}): {message}")
    if problems:
        print(f"  DIFFERENT ({len(problems)} problems):")
        for problem in problems[:10]:
            print("   ", problem)
        sys.exit(1)
    print("  IDENTICAL: same entities for every document, same error records")


if __name__ == "__main__":
    main()
