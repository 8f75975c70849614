#!/usr/bin/env python3
"""FrenchNER as a stage of a Spark job: tag articles with `frner`, write one row per entity.

Every partition is tagged by ONE long-lived `frner tag --input-format jsonl --jobs 1` process: a
writer thread feeds it the partition's records on standard input while the task reads its standard
output (and another thread drains standard error), so neither side can block on a full pipe. The CLI
writes exactly one record per input record, in input order; the job checks this for every partition
(and that the ids come back in order) and fails the task loudly if it does not hold.

Output rows (Parquet or JSON Lines), one per entity:
    id, start, end, label, text, source, canonical, error
`start`/`end` are Unicode code-point offsets into the text (end-exclusive, as in docs/FORMAT.md);
`canonical` is the lexicon's canonical form when it differs from `text`. A record frner could not
tag (malformed JSON, text not a string or null, NUL character, invalid UTF-8, too large) gives ONE
row with `error` set to the CLI's message and the entity columns null; entity rows have `error`
null. A document without entities gives no row.

Usage (see README.md beside this file):
    python3 frner_spark.py --master 'local[2]' --frner /path/to/frner-bundle/frner.sh \\
        --input articles.jsonl --output entities/ --output-format parquet
    spark-submit --master yarn --archives frner-bundle.tar.gz#frner frner_spark.py \\
        --input hdfs:///news/articles.parquet --input-format parquet --output hdfs:///news/entities
"""

import argparse
import collections
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time

LABELS = ("PER", "LOC", "ORG")
# Where `--archives frner-bundle.tar.gz#frner` (or --bundle) unpacks the bundle's wrapper.
BUNDLED_FRNER = os.path.join("frner", "frner.sh")


def parse_args(argv=None):
    p = argparse.ArgumentParser(
        description="Tag articles with FrenchNER on Spark: one row per entity (id, start, end, label, text, "
                    "source, canonical, error).")
    p.add_argument("--input", required=True, nargs="+", help="input file(s) or folder(s); Spark paths and globs")
    p.add_argument("--output", required=True, help="output folder (Spark writes part files into it)")
    p.add_argument("--input-format", choices=("jsonl", "parquet"), default="jsonl")
    p.add_argument("--output-format", choices=("jsonl", "parquet"), default="parquet")
    p.add_argument("--text-column", default="text", help="column (JSON field) holding the text (default: text)")
    p.add_argument("--id-column", default="id", help="column (JSON field) holding the document id (default: id)")
    p.add_argument("--labels", default="PER,LOC,ORG", help="labels to output, comma-separated (default: all)")
    p.add_argument("--lexicon", action="append", default=[], metavar="FILE",
                   help="user lexicon (TSV, see Lexicons/README.md), shipped to the executors; repeatable")
    p.add_argument("--frner", default=None,
                   help="the frner program on the executors: a path (relative paths are looked up in the "
                        "executor's working folder and in SparkFiles) or a name on PATH. Default: "
                        f"{BUNDLED_FRNER} (the bundle shipped with --archives ...#frner or --bundle) when "
                        "present, else frner on PATH")
    p.add_argument("--bundle", default=None, metavar="TARBALL",
                   help="ship this frner-bundle.tar.gz to the executors (sets spark.archives=TARBALL#frner); "
                        "same as spark-submit --archives TARBALL#frner")
    p.add_argument("--master", default=None,
                   help="Spark master (local[2], yarn, spark://host:7077, k8s://…); default: spark-submit's or local[*]")
    p.add_argument("--partitions", type=int, default=None,
                   help="repartition the input into this many partitions (default: Spark's split of the input)")
    p.add_argument("--max-record-bytes", type=int, default=16 << 20, metavar="N",
                   help="records (JSON Lines: the line; Parquet: the text, in characters) larger than this get an "
                        "error row without being sent to Python or frner (default 16 MiB: a 70 MB record at "
                        "Spark's default memory used to exhaust the thread feeding Python and hang the job)")
    p.add_argument("--overwrite", action="store_true", help="replace the output folder if it exists")
    p.add_argument("--summary", default=None, metavar="FILE", help="also write the run summary (JSON) to this file")
    args = p.parse_args(argv)
    labels = [label.strip().upper() for label in args.labels.split(",") if label.strip()]
    unknown = [label for label in labels if label not in LABELS]
    if not labels or unknown:
        p.error(f"--labels: unknown label(s) {', '.join(unknown) or '(none given)'} (known: PER, LOC, ORG)")
    args.labels = ",".join(labels)
    names = [os.path.basename(path) for path in args.lexicon]
    if len(set(names)) != len(names):
        p.error("--lexicon: two lexicon files have the same file name (they are shipped by name)")
    if args.id_column == args.text_column:
        p.error("--id-column and --text-column must differ")
    if args.partitions is not None and args.partitions < 1:
        p.error("--partitions must be at least 1")
    return args


# --------------------------------------------------------------------------------------------------
# Executor side


def _spark_files_root():
    try:
        from pyspark import SparkFiles
        return SparkFiles.getRootDirectory()
    except Exception:  # not inside a Spark task
        return None


def resolve_frner(path):
    """The frner program to run on this executor."""
    roots = [os.getcwd()]
    files_root = _spark_files_root()
    if files_root:
        roots.append(files_root)
    if path is None:
        for root in roots:
            candidate = os.path.join(root, BUNDLED_FRNER)
            if os.access(candidate, os.X_OK):
                return candidate
        found = shutil.which("frner")
        if found:
            return found
        raise FileNotFoundError(
            f"frner not found on this executor: no {BUNDLED_FRNER} in {roots} (ship the bundle with "
            "--archives frner-bundle.tar.gz#frner or --bundle) and no frner on PATH; or pass --frner")
    if os.path.isabs(path):
        candidates = [path]
    else:
        candidates = [os.path.join(root, path) for root in roots]
    for candidate in candidates:
        if os.access(candidate, os.X_OK) and os.path.isfile(candidate):
            return candidate
    if os.sep not in path:
        found = shutil.which(path)
        if found:
            return found
    raise FileNotFoundError(f"--frner {path}: no executable found on this executor (looked at {candidates} and PATH)")


def _json_line(obj):
    """One JSON Lines record as UTF-8 bytes (texts stay unescaped: smaller, and frner reads UTF-8)."""
    try:
        return json.dumps(obj, ensure_ascii=False, default=str).encode("utf-8", "surrogateescape") + b"\n"
    except UnicodeEncodeError:  # a lone surrogate that is not an escaped byte: let frner see the escape
        return json.dumps(obj, default=str).encode("ascii") + b"\n"


def _as_text(value):
    """Text for frner: a str, or bytes kept byte for byte (invalid UTF-8 then gets frner's error)."""
    if isinstance(value, (bytes, bytearray)):
        return bytes(value).decode("utf-8", "surrogateescape")
    return value


class PartitionTagger:
    """Tags one partition through one frner process (picklable; built on the driver, run on executors).

    raw_jsonl: records are the input file's lines, sent unchanged (frner reads --id-field/--text-field);
    else records are (id, text) pairs sent as {"<id column>": …, "<text column>": …}.
    """

    def __init__(self, frner, labels, lexicons, raw_jsonl, id_field, text_field, counters, max_record_bytes=None):
        self.frner = frner
        self.labels = labels
        self.lexicons = lexicons  # file names added with SparkContext.addFile
        self.raw_jsonl = raw_jsonl
        self.id_field = id_field
        self.text_field = text_field
        self.counters = counters  # dict of accumulators
        self.max_record_bytes = max_record_bytes

    def command(self):
        from pyspark import SparkFiles
        command = [resolve_frner(self.frner), "tag", "--input-format", "jsonl", "--jobs", "1",
                   "--labels", self.labels]
        # Raw lines carry the input's field names; (id, text) pairs are sent under the column names, so
        # that frner's messages name the user's columns.
        command += ["--id-field", self.id_field, "--text-field", self.text_field]
        for name in self.lexicons:
            command += ["--lexicon", SparkFiles.get(name)]
        return command

    @staticmethod
    def environment():
        env = dict(os.environ)
        if not env.get("FRNER_CACHE_DIR"):
            # Executors often have no writable home; one folder per user and machine lets the
            # partitions of an executor share the compiled lexicon.
            env["FRNER_CACHE_DIR"] = os.path.join(tempfile.gettempdir(), f"frenchner-cache-{os.getuid()}")
        return env

    def __call__(self, partition, records):
        records = iter(records)
        try:
            first = next(records)
        except StopIteration:
            return  # no process for an empty partition
        command = self.command()
        process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                   env=self.environment(), cwd=tempfile.gettempdir())
        # What was sent, in order: the id to report (non-raw) or the line's beginning (raw), for each record.
        sent = collections.deque()
        oversized = []  # (id, size) of records stopped in the JVM (see --max-record-bytes)
        state = {"count": 0, "bytes": 0, "error": None, "done": False}
        stderr_tail = collections.deque(maxlen=20)

        def write():
            try:
                for record in _chain(first, records):
                    size = record[-1]
                    if size is not None and (record[0] if self.raw_jsonl else record[1]) is None:
                        oversized.append((None if self.raw_jsonl else record[0], size))
                        continue
                    if self.raw_jsonl:
                        line = bytes(record[0]) if record[0] is not None else b""
                        body = line[:-1] if line.endswith(b"\r") else line
                        if not body.strip(b" \t"):
                            continue  # frner skips blank JSON Lines lines: they are not records
                        sent.append(line[:80])
                        data = line + b"\n"
                    else:
                        doc_id, text = record[0], record[1]
                        sent.append(doc_id)
                        data = _json_line({self.id_field: doc_id, self.text_field: _as_text(text)})
                    state["count"] += 1
                    state["bytes"] += len(data)
                    process.stdin.write(data)
            except BrokenPipeError:
                pass  # frner ended early: its exit status and the record count tell why
            except BaseException as error:  # reading the partition failed
                state["error"] = error
            finally:
                state["done"] = True
                try:
                    process.stdin.close()
                except BrokenPipeError:
                    pass

        def drain_stderr():
            for line in process.stderr:
                stderr_tail.append(line.decode("utf-8", "replace").rstrip("\n"))

        writer = threading.Thread(target=write, name=f"frner-writer-{partition}", daemon=True)
        reader = threading.Thread(target=drain_stderr, name=f"frner-stderr-{partition}", daemon=True)
        writer.start()
        reader.start()

        def failure(message):
            tail = "\n".join(stderr_tail)
            return RuntimeError(f"frner, partition {partition}: {message}\ncommand: {' '.join(command)}"
                                + (f"\nfrner's standard error (last lines):\n{tail}" if tail else ""))

        received = documents = entities = errors = 0
        finished = False
        try:
            for line in process.stdout:
                received += 1
                if not sent:
                    raise failure(f"output record {received} has no input record (more output than input)")
                expected = sent.popleft()
                record = json.loads(line)
                doc_id = record.get("id")
                unreadable_id = isinstance(doc_id, str) and doc_id.startswith("<stdin>:")
                if unreadable_id and doc_id != f"<stdin>:{received}":
                    raise failure(f"output record {received} is for input line {doc_id[8:]}: records out of step")
                if self.raw_jsonl:
                    if unreadable_id:  # no id in the record (or the record could not be read)
                        doc_id = None
                    elif doc_id is not None and not isinstance(doc_id, str):
                        doc_id = json.dumps(doc_id, ensure_ascii=False)
                else:
                    if not unreadable_id and json.loads(_json_line(expected)) != doc_id:
                        raise failure(f"output record {received} has id {doc_id!r}, expected {expected!r}: "
                                      "records out of step")
                    doc_id = expected  # with the input column's type
                documents += 1
                if "error" in record:
                    errors += 1
                    message = record["error"]
                    if self.raw_jsonl and unreadable_id:
                        start = expected.decode("utf-8", "replace")
                        message += f" (partition {partition}, record {received}, which begins {start!r})"
                    yield (doc_id, None, None, None, None, None, None, message)
                    continue
                for entity in record["entities"]:
                    entities += 1
                    yield (doc_id, entity["start"], entity["end"], entity["label"], entity["text"],
                           entity["source"], entity.get("canonical"), None)
            writer.join()
            for doc_id, size in oversized:
                documents += 1
                errors += 1
                yield (doc_id, None, None, None, None, None, None,
                       f"record of {size} {'bytes' if self.raw_jsonl else 'characters'} is larger than "
                       f"--max-record-bytes ({self.max_record_bytes}) (partition {partition})")
            status = process.wait()
            reader.join()
            finished = True
            if state["error"] is not None:
                raise failure(f"reading the partition's records failed: {state['error']!r}") from state["error"]
            if status not in (0, 1):  # 1: some records failed, and each has its error row
                raise failure(f"exit status {status} after {received} of {state['count']} records")
            if received != state["count"]:
                raise failure(f"{received} output records for {state['count']} input records")
        finally:
            if not finished:  # an error, or the consumer stopped early: do not leave frner behind
                process.kill()
                process.wait()
                writer.join(timeout=10)
            process.stdout.close()
            process.stderr.close()
        self.counters["documents"].add(documents)
        self.counters["entities"].add(entities)
        self.counters["errors"].add(errors)
        self.counters["bytes"].add(state["bytes"])


def _chain(first, rest):
    yield first
    yield from rest


# --------------------------------------------------------------------------------------------------
# Driver side


def output_schema(id_type):
    from pyspark.sql import types as T
    return T.StructType([
        T.StructField("id", id_type, True),
        T.StructField("start", T.IntegerType(), True),
        T.StructField("end", T.IntegerType(), True),
        T.StructField("label", T.StringType(), True),
        T.StructField("text", T.StringType(), True),
        T.StructField("source", T.StringType(), True),
        T.StructField("canonical", T.StringType(), True),
        T.StructField("error", T.StringType(), True),
    ])


def main(argv=None):
    args = parse_args(argv)
    started = time.time()
    if args.master and args.master.startswith("local") and not os.environ.get("PYSPARK_PYTHON"):
        os.environ["PYSPARK_PYTHON"] = sys.executable  # the workers use this venv's Python too
    from pyspark.sql import SparkSession, functions as F, types as T

    builder = SparkSession.builder.appName("frner")
    if args.master:
        builder = builder.master(args.master)
    if args.bundle:
        builder = builder.config("spark.archives", os.path.abspath(args.bundle) + "#frner")
    spark = builder.getOrCreate()
    sc = spark.sparkContext
    for path in args.lexicon:
        sc.addFile(os.path.abspath(path) if "://" not in path else path)
    session_ready = time.time()

    if args.input_format == "jsonl":
        # The lines themselves, byte for byte (cast to binary keeps invalid UTF-8 for frner to report);
        # lineSep "\n" splits exactly where frner does.
        line = F.col("value").cast("binary")
        # Oversized lines are replaced by null here, in the JVM, and never cross to Python (their size does).
        df = spark.read.option("lineSep", "\n").text(args.input).select(
            F.when(F.length(line) <= args.max_record_bytes, line).alias("value"), F.length(line).alias("size"))
        id_type = T.StringType()
    else:
        df = spark.read.parquet(*args.input)
        for column in (args.id_column, args.text_column):
            if column not in df.columns:
                raise SystemExit(f"frner_spark: no column '{column}' in {args.input} (columns: {', '.join(df.columns)})")
        text = F.col(args.text_column)
        df = df.select(args.id_column, F.when(F.length(text) <= args.max_record_bytes, text).alias(args.text_column),
                       F.length(text).alias("size"))
        id_type = df.schema[args.id_column].dataType
    if args.partitions:
        df = df.repartition(args.partitions)

    counters = {name: sc.accumulator(0) for name in ("documents", "entities", "errors", "bytes")}
    tagger = PartitionTagger(args.frner, args.labels, [os.path.basename(p) for p in args.lexicon],
                             raw_jsonl=args.input_format == "jsonl", id_field=args.id_column,
                             text_field=args.text_column, counters=counters,
                             max_record_bytes=args.max_record_bytes)
    rows = df.rdd.mapPartitionsWithIndex(tagger)
    result = spark.createDataFrame(rows, output_schema(id_type))
    writer = result.write.mode("overwrite" if args.overwrite else "errorifexists")
    if args.output_format == "parquet":
        writer.parquet(args.output)
    else:
        writer.json(args.output)
    finished = time.time()

    seconds = finished - session_ready
    summary = {
        "documents": counters["documents"].value,
        "entities": counters["entities"].value,
        "error_records": counters["errors"].value,
        "input_megabytes": round(counters["bytes"].value / 1e6, 3),
        "partitions": rows.getNumPartitions(),
        "master": sc.master,
        "seconds": round(seconds, 3),
        "seconds_with_startup": round(finished - started, 3),
        "documents_per_second": round(counters["documents"].value / seconds, 1) if seconds > 0 else None,
        "megabytes_per_second": round(counters["bytes"].value / 1e6 / seconds, 3) if seconds > 0 else None,
        "output": args.output,
    }
    print(json.dumps(summary))
    if args.summary:
        with open(args.summary, "w") as f:
            json.dump(summary, f, indent=1)
    spark.stop()


if __name__ == "__main__":
    main()
