"""FrenchNER over Spark DataFrames: `frenchner.spark.tag(df)` adds an entity column.

    from frenchner.spark import tag
    articles = spark.read.parquet("articles.parquet")              # any columns, one of them the text
    tagged = tag(articles, text_col="text", output_col="entities")
    tagged.select("id", F.explode("entities").alias("e")).select("id", "e.*")

The result is the input DataFrame, every column and row kept (one row per input row, in the same
partitions), plus two columns:

    entities        array<struct<text: string, label: string, start: int, end: int, source: string,
                                 canonical: string>>
                    the entities in text order (start/end: code-point offsets, what Python and Spark's
                    substring count, end-exclusive); an empty array when none is found; null when the text
                    is null or the row has an error
    entities_error  string: null, or why this row could not be tagged (frner's message for a NUL
                    character or invalid text, a text longer than `max_chars`, frner crashing on it)

A bad or oversized record gives an error value in its own row; the job goes on. Texts longer than
`max_chars` are replaced by null in the JVM, before anything is sent to Python, so a 70 MB record costs
the executor no more than reading it (it used to exhaust the memory of the thread feeding Python and
hang the job).

The tagging runs in Spark's Python workers, each with one long-lived `frner` co-process (the binary
inside this package), kept between tasks while Spark reuses the worker. Executors need this package
installed (the wheel from `pip install ./python`, e.g. in the environment shipped with
`spark.archives`), or `binary=` naming a frner on them, such as `frner/frner.sh` from
`spark-submit --archives frner-bundle.tar.gz#frner` (Integrations/spark/package.sh).
"""

from __future__ import annotations

import os
from typing import Any, Dict, List, Optional, Sequence, Tuple

from ._tagger import FrenchNERError, Tagger

#: the element type of the output column
ENTITY_FIELDS = (("text", "string"), ("label", "string"), ("start", "int"), ("end", "int"),
                 ("source", "string"), ("canonical", "string"))
DEFAULT_MAX_CHARS = 10_000_000

_TAGGERS: Dict[Tuple[Any, ...], Tagger] = {}


def entity_type() -> Any:
    """`array<struct<text, label, start, end, source, canonical>>` as a Spark type."""
    from pyspark.sql import types as T
    names = {"string": T.StringType(), "int": T.IntegerType()}
    return T.ArrayType(T.StructType([T.StructField(name, names[kind], True) for name, kind in ENTITY_FIELDS]),
                       containsNull=False)


def _resolve_binary(binary: Optional[str]) -> Optional[str]:
    """On an executor: a relative `binary` is looked up in the working folder, then in SparkFiles."""
    if binary is None or os.path.isabs(binary) or os.sep not in binary:
        return binary
    roots = [os.getcwd()]
    try:
        from pyspark import SparkFiles
        roots.append(SparkFiles.getRootDirectory())
    except Exception:
        pass
    for root in roots:
        candidate = os.path.join(root, binary)
        if os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate
    return binary


def _worker_tagger(key: Tuple[Any, ...]) -> Tagger:
    tagger = _TAGGERS.get(key)
    if tagger is None:
        labels, lexicons, person_spans, binary = key
        env = None
        if not os.environ.get("FRNER_CACHE_DIR") and not os.access(os.path.expanduser("~"), os.W_OK):
            import tempfile
            env = {"FRNER_CACHE_DIR": os.path.join(tempfile.gettempdir(), f"frenchner-cache-{os.getuid()}")}
        tagger = Tagger(labels=list(labels), lexicons=list(lexicons), person_spans=person_spans,
                        binary=_resolve_binary(binary), env=env)
        _TAGGERS[key] = tagger
    return tagger


def tag(df: Any, text_col: str = "text", id_col: Optional[str] = None, output_col: str = "entities", *,
        error_col: Optional[str] = None, labels: Optional[Sequence[str]] = None, lexicons: Sequence[str] = (),
        person_spans: Optional[str] = None, max_chars: int = DEFAULT_MAX_CHARS,
        binary: Optional[str] = None) -> Any:
    """The DataFrame `df` with FrenchNER's entities of `text_col` in `output_col` (see the module's docstring).

    Parameters:
        df: a pyspark.sql.DataFrame.
        text_col: the string column to tag.
        id_col: optional document id column; error values then name the id (`… (id 'a-7')`).
        output_col: the new `array<struct>` column (replaced if it exists).
        error_col: the new error column (default `<output_col>_error`).
        labels, lexicons, person_spans: as for `frenchner.Tagger` (lexicon paths must exist on the executors).
        max_chars: longer texts get an error value instead of being tagged.
        binary: the frner program on the executors (default: the one inside the installed package).

    Raises:
        ValueError / TypeError: a column is missing or `text_col` is not a string column.
    """
    from pyspark.sql import functions as F
    from pyspark.sql import types as T

    error_col = error_col or f"{output_col}_error"
    for column in (text_col,) + ((id_col,) if id_col else ()):
        if column not in df.columns:
            raise ValueError(f"no column {column!r} in the DataFrame (columns: {', '.join(df.columns)})")
    if not isinstance(df.schema[text_col].dataType, T.StringType):
        raise TypeError(f"column {text_col!r} is {df.schema[text_col].dataType.simpleString()}, not string")
    if output_col == error_col or text_col in (output_col, error_col):
        raise ValueError("output_col, error_col and text_col must differ")
    if labels is not None:
        from ._tagger import LABELS
        unknown = [label for label in labels if label.upper() not in LABELS]
        if unknown:
            raise ValueError(f"unknown labels {unknown}; known: {', '.join(LABELS)}")
    key = (tuple(label.upper() for label in (labels or ("PER", "LOC", "ORG"))),
           tuple(os.path.abspath(p) if os.path.exists(p) else p for p in lexicons), person_spans, binary)
    limit = int(max_chars)

    def tag_one(text: Optional[str], length: Optional[int], doc_id: Any) -> Tuple[Optional[List[Tuple]], Optional[str]]:
        if length is None:
            return None, None  # null text: null entities, no error
        where = f" (id {doc_id!r})" if doc_id is not None else ""
        if text is None:
            return None, f"text of {length} characters is longer than max_chars={limit}{where}"
        try:
            entities = _worker_tagger(key)(text)
        except FrenchNERError as error:  # this document only; a dead frner is started again for the next
            return None, f"{error}{where}"
        return [(e.text, e.label, e.start, e.end, e.source, e.canonical) for e in entities], None

    result_type = T.StructType([T.StructField("entities", entity_type(), True),
                                T.StructField("error", T.StringType(), True)])
    # Non-deterministic: Spark must evaluate it once per row, never once per field read below.
    udf = F.udf(tag_one, result_type).asNondeterministic()
    text = F.col(text_col)
    length = F.length(text)
    doc_id = F.col(id_col).cast("string") if id_col else F.lit(None).cast("string")
    hidden = f"__frenchner_{output_col}"
    out = df.withColumn(hidden, udf(F.when(length <= limit, text), length, doc_id))
    out = out.withColumn(output_col, F.col(f"{hidden}.entities")).withColumn(error_col, F.col(f"{hidden}.error"))
    return out.drop(hidden)
