"""frenchner.spark.tag on a local Spark (opt-in: FRENCHNER_TEST_SPARK=1; needs pyspark and Java 17)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap

import pytest

from conftest import synthetic_texts

if os.environ.get("FRENCHNER_TEST_SPARK") != "1":
    pytest.skip("SKIPPED: Spark tests are opt-in (FRENCHNER_TEST_SPARK=1)", allow_module_level=True)
pyspark = pytest.importorskip("pyspark")
if shutil.which("java") is None:
    pytest.fail("FRENCHNER_TEST_SPARK=1 but java is not on PATH")

from pyspark.sql import SparkSession  # noqa: E402
from pyspark.sql import functions as F  # noqa: E402

import frenchner  # noqa: E402
from frenchner.spark import tag  # noqa: E402

pytestmark = pytest.mark.spark


@pytest.fixture(scope="module")
def spark():
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    session = (SparkSession.builder.master("local[2]").appName("frenchner-tests")
               .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2").getOrCreate())
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def test_keeps_every_column_and_row(spark):
    rows = [("a", "M. Antony Blinken est arrivé à Kiev.", 1, ["x"]),
            ("b", "il pleut", 2, []),
            ("c", None, 3, None),
            ("d", "Paris\x00Lyon", 4, ["y", "z"]),
            ("e", "", 5, [])]
    df = spark.createDataFrame(rows, "id string, text string, n int, tags array<string>").repartition(3)
    out = tag(df, id_col="id")
    assert out.columns == ["id", "text", "n", "tags", "entities", "entities_error"]
    assert out.schema["entities"].dataType.simpleString() == \
        "array<struct<text:string,label:string,start:int,end:int,source:string,canonical:string>>"
    got = {r["id"]: r for r in out.collect()}
    assert len(got) == 5 and got["a"]["n"] == 1 and got["d"]["tags"] == ["y", "z"]
    assert [(e["text"], e["label"], e["start"], e["end"]) for e in got["a"]["entities"]] == \
        [("Antony Blinken", "PER", 3, 17), ("Kiev", "LOC", 31, 35)]
    assert got["b"]["entities"] == [] and got["b"]["entities_error"] is None
    assert got["e"]["entities"] == []
    assert got["c"]["entities"] is None and got["c"]["entities_error"] is None
    assert got["d"]["entities"] is None and "NUL character" in got["d"]["entities_error"] \
        and "'d'" in got["d"]["entities_error"]


def test_same_entities_as_the_tagger(spark):
    texts = synthetic_texts(400)
    df = spark.createDataFrame([(i, t) for i, t in enumerate(texts)], "doc long, body string").repartition(4)
    out = tag(df, text_col="body", output_col="ents").orderBy("doc").collect()
    with frenchner.Tagger() as tagger:
        expected = list(tagger.pipe(texts))
    assert [[(e["text"], e["label"], e["start"], e["end"], e["source"], e["canonical"]) for e in r["ents"]]
            for r in out] == [[(e.text, e.label, e.start, e.end, e.source, e.canonical) for e in x] for x in expected]


def test_parquet_round_trip_and_explode(spark, tmp_path):
    path = str(tmp_path / "articles.parquet")
    spark.createDataFrame([(f"d{i}", t) for i, t in enumerate(synthetic_texts(50))], "id string, text string") \
        .write.parquet(path)
    out = tag(spark.read.parquet(path))
    flat = out.select("id", F.explode("entities").alias("e")).select("id", "e.*")
    assert flat.count() > 100 and set(flat.columns) >= {"id", "text", "label", "start", "end"}


def test_bad_arguments(spark):
    df = spark.createDataFrame([(1, "x")], "id int, text string")
    with pytest.raises(ValueError):
        tag(df, text_col="body")
    with pytest.raises(TypeError):
        tag(df, text_col="id")


def test_a_70_mb_record_becomes_an_error_value_and_the_job_finishes(tmp_path):
    """At Spark's default memory (1 GiB driver in local mode), in its own interpreter with a time limit,
    so that a hang fails the test instead of blocking the run."""
    data = tmp_path / "big.txt"
    with open(data, "w", encoding="utf-8") as f:
        f.write("Emmanuel Macron est à Lyon.\n")
        f.write("Paris est une belle ville. " * 2_600_000 + "\n")  # 70.2 MB on one line
        f.write("L'OTAN se réunit à Bruxelles.\n")
    script = textwrap.dedent(f"""
        import json, os, sys
        os.environ["PYSPARK_PYTHON"] = sys.executable
        from pyspark.sql import SparkSession, functions as F
        from frenchner.spark import tag
        spark = SparkSession.builder.master("local[2]").config("spark.ui.enabled", "false").getOrCreate()
        spark.sparkContext.setLogLevel("ERROR")
        df = spark.read.text({str(data)!r}).withColumnRenamed("value", "text")
        rows = tag(df).select(F.length("text").alias("n"), "entities", "entities_error").collect()
        print(json.dumps([[r["n"], None if r["entities"] is None else [e["text"] for e in r["entities"]],
                           r["entities_error"]] for r in rows]))
        spark.stop()
    """)
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr[-3000:]
    rows = json.loads(out.stdout.strip().splitlines()[-1])
    assert rows[0] == [27, ["Emmanuel Macron", "Lyon"], None]
    assert rows[1][0] == 70_200_000 and rows[1][1] is None and "longer than max_chars" in rows[1][2]
    assert rows[2] == [29, ["OTAN", "Bruxelles"], None]
