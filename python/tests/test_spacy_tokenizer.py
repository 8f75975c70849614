"""The spaCy tokenizer `frenchner.Tokenizer.v1`: frner's tokens, the text kept exactly, every entity exact,
fallbacks; and `frenchner.WordSplitter` under it."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys

import pytest

spacy = pytest.importorskip("spacy")
from spacy.tokens import DocBin  # noqa: E402

import frenchner.spacy_component  # noqa: E402,F401
import frenchner.spacy_tokenizer  # noqa: E402,F401  (the entry point registers it too; see test_entry_point)
from frenchner import RecordError, WordSplitter  # noqa: E402
from frenchner.spacy_tokenizer import ERROR_KEY, FrenchNERTokenizer  # noqa: E402

from conftest import frner_cli, news_texts, synthetic_texts  # noqa: E402

CONFIG = {"nlp": {"tokenizer": {"@tokenizers": "frenchner.Tokenizer.v1"}}}


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("fr", config=CONFIG)
    nlp.add_pipe("frenchner")
    yield nlp
    nlp.get_pipe("frenchner").close()
    nlp.tokenizer.close()


def test_blinken_tokens_and_entities(nlp):
    doc = nlp("M. Antony Blinken est arrivé à Kiev, où il a rencontré des responsables de l'OTAN.")
    assert [t.text for t in doc][:8] == ["M.", "Antony", "Blinken", "est", "arrivé", "à", "Kiev", ","]
    assert [t.text for t in doc][-3:] == ["l'", "OTAN", "."]
    assert [(e.text, e.label_) for e in doc.ents] == [("Antony Blinken", "PER"), ("Kiev", "LOC"), ("OTAN", "ORG")]
    assert doc.ents[2]._.canonical == "Organisation du traité de l'Atlantique nord"
    assert doc.user_data["frenchner"]["exact"] == 3


def test_word_splitter():
    with WordSplitter() as split:
        assert split("l'État  à Paris") == (["l'", "État", " ", "à", "Paris"], [False, True, False, True, False])
        assert split("") == ([], [])
        with pytest.raises(RecordError):
            split("a\x00b")  # frner rejects NUL (the tokenizer sends it as a space)
        assert split("Jean-Pierre") == (["Jean", "-", "Pierre"], [False, False, False])  # the process goes on
        assert split.starts == 1


@pytest.mark.parametrize("text", [
    "", " ", "a", "  Paris  ", "Lyon\n\nMarseille\t!", "l’homme d’État à Paris-Nord", "90\u202f000 euros\u00a0%",
    "Emmanuel Macron\x00 à Paris", "\x00\x00", "Paris\x00 \x00Lyon", "📰 Kiev 😀 « Oui »…",
])
def test_the_text_is_kept_exactly(nlp, text):
    doc = nlp(text)
    assert doc.text == text
    assert all(t.text for t in doc)
    for entity in doc.ents:
        assert entity.text == text[entity.start_char:entity.end_char]


def test_the_component_with_options_and_this_tokenizer():
    nlp = spacy.blank("fr", config=CONFIG)
    nlp.add_pipe("frenchner", config={"labels": ["LOC"]})
    assert [(e.text, e.label_) for e in nlp("M. Antony Blinken est arrivé à Kiev.").ents] == [("Kiev", "LOC")]
    nlp.get_pipe("frenchner").close()
    nlp.tokenizer.close()


def test_a_text_frner_cannot_tag_falls_back_to_spacys_tokenizer():
    nlp = spacy.blank("fr")
    fallback = nlp.tokenizer
    tokenizer = FrenchNERTokenizer(nlp.vocab, splitter=WordSplitter(max_document_bytes=20), fallback=fallback)
    doc = tokenizer("Le président est arrivé à Paris -Lyon.")
    assert [t.text for t in doc] == [t.text for t in fallback("Le président est arrivé à Paris -Lyon.")]
    assert "larger than" in doc.user_data[ERROR_KEY]
    assert [t.text for t in tokenizer("à Paris")] == ["à", "Paris"]  # the process goes on
    tokenizer.close()


def test_nlp_pipe_equals_frner_tag_exactly(nlp):
    texts = synthetic_texts(400) + ["", "\x00", "Paris\x00\x00Lyon"]
    component = nlp.get_pipe("frenchner")
    before = dict(component.stats)
    docs = list(nlp.pipe(texts, batch_size=64))
    cli = frner_cli([{"id": i, "text": t.replace("\x00", " ")} for i, t in enumerate(texts)])
    for doc, record, text in zip(docs, cli, texts):
        assert doc.text == text
        assert [(e.start_char, e.end_char, e.label_) for e in doc.ents] == \
            [(e["start"], e["end"], e["label"]) for e in record["entities"]]
    placed = component.stats["exact"] - before.get("exact", 0)
    assert placed == sum(len(r["entities"]) for r in cli) > 400 * 4
    assert component.stats["expanded"] == before.get("expanded", 0)
    assert component.stats["dropped"] == before.get("dropped", 0)


def test_nlp_pipe_with_two_processes():
    nlp = spacy.blank("fr", config=CONFIG)
    nlp.add_pipe("frenchner")
    texts = synthetic_texts(200)
    one = [[(e.start_char, e.end_char, e.label_) for e in d.ents] for d in nlp.pipe(texts)]
    two = [[(e.start_char, e.end_char, e.label_) for e in d.ents] for d in nlp.pipe(texts, n_process=2, batch_size=20)]
    assert one == two and sum(map(len, one)) >= 200 * 4
    nlp.get_pipe("frenchner").close()
    nlp.tokenizer.close()


def test_tokenizer_pipe_streams_and_survives_frner_dying():
    nlp = spacy.blank("fr", config=CONFIG)
    tokenizer = nlp.tokenizer
    texts = synthetic_texts(120)

    def stream():
        for i, text in enumerate(texts):
            if i == 50 and tokenizer.splitter.pid:
                os.kill(tokenizer.splitter.pid, signal.SIGKILL)
            yield text

    docs = list(tokenizer.pipe(stream(), batch_size=16))
    assert [d.text for d in docs] == texts
    assert all(ERROR_KEY not in d.user_data for d in docs)
    assert [[t.text for t in d] for d in docs] == [[t.text for t in tokenizer(t)] for t in texts]
    assert tokenizer.splitter.starts >= 2
    tokenizer.close()


def test_pipeline_config_round_trip(tmp_path):
    nlp = spacy.blank("fr", config=CONFIG)
    nlp.add_pipe("frenchner")
    nlp.to_disk(tmp_path / "pipeline")
    nlp.get_pipe("frenchner").close()
    nlp.tokenizer.close()
    loaded = spacy.load(tmp_path / "pipeline")
    assert isinstance(loaded.tokenizer, FrenchNERTokenizer)
    assert [(e.text, e.label_) for e in loaded("Emmanuel Macron à Paris").ents] == [("Emmanuel Macron", "PER"), ("Paris", "LOC")]
    loaded.get_pipe("frenchner").close()
    loaded.tokenizer.close()


def test_entry_point_registers_the_tokenizer():
    code = ("import spacy; nlp = spacy.blank('fr', config={'nlp': {'tokenizer': {'@tokenizers': 'frenchner.Tokenizer.v1'}}}); "
            "nlp.add_pipe('frenchner'); print([t.text for t in nlp(\"l'OTAN\")], [e.label_ for e in nlp(\"l'OTAN\").ents])")
    from importlib.metadata import entry_points
    eps = entry_points()
    group = eps.select(group="spacy_tokenizers") if hasattr(eps, "select") else eps.get("spacy_tokenizers", [])
    if "frenchner.Tokenizer.v1" not in {ep.name for ep in group}:
        pytest.skip("SKIPPED: frenchner is not installed (run from the installed wheel to test the entry point)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[\"l'\", 'OTAN'] ['ORG']"


def test_docbin_export_with_frenchner_tokens(tmp_path):
    source = tmp_path / "in.jsonl"
    texts = ["M. Antony Blinken à l'OTAN, tête -Lyon.", "Emmanuel Macron\x00 à Paris"]
    source.write_text("".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in enumerate(texts)), encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "frenchner", "docbin", str(source), "-o", str(tmp_path / "o.spacy"),
                          "--tokens", "frenchner"], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert "0 expanded and 0 shrunk" in out.stderr
    docs = list(DocBin().from_disk(tmp_path / "o.spacy").get_docs(spacy.blank("fr").vocab))
    assert [d.text for d in docs] == texts
    assert [t.text for t in docs[0]][-4:] == ["tête", "-", "Lyon", "."]  # spaCy's tokenizer keeps "-Lyon" whole
    assert [(e.text, e.label_) for e in docs[0].ents] == [("Antony Blinken", "PER"), ("OTAN", "ORG"), ("Lyon", "LOC")]


@pytest.mark.corpus
def test_news_corpus_every_entity_exact(nlp):
    texts = news_texts()
    component = nlp.get_pipe("frenchner")
    before = dict(component.stats)
    total = sum(len(doc.ents) for doc in nlp.pipe(texts, batch_size=256))
    cli = frner_cli([{"id": i, "text": t} for i, t in enumerate(texts)])
    expected = sum(len(r.get("entities", [])) for r in cli)
    stats = {k: component.stats[k] - before.get(k, 0) for k in ("exact", "expanded", "shrunk", "dropped", "errors")}
    print(f"\nnews corpus through the frenchner tokenizer: {len(texts)} documents, {total} entities placed of "
          f"{expected} from frner tag: {stats}")
    assert total == expected == stats["exact"]
