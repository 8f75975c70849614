"""The spaCy component: registration, alignment policy, options, nlp.pipe, the DocBin export."""

from __future__ import annotations

import json
import subprocess
import sys
import time

import pytest

spacy = pytest.importorskip("spacy")
from spacy.tokens import Doc, DocBin, Span  # noqa: E402

import frenchner.spacy_component  # noqa: E402,F401  (the entry point registers it too; see test_entry_point)
from frenchner import Entity, RecordError  # noqa: E402

from conftest import frner_cli, news_texts, synthetic_texts  # noqa: E402


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("fr")
    nlp.add_pipe("frenchner")
    yield nlp
    nlp.get_pipe("frenchner").close()


def test_entry_point_registers_the_factory():
    # In a fresh interpreter, without importing frenchner: spaCy finds the factory by entry point.
    code = ("import spacy; nlp = spacy.blank('fr'); nlp.add_pipe('frenchner'); "
            "print([(e.text, e.label_) for e in nlp('M. Antony Blinken est arrivé à Kiev.').ents])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    if "frenchner" not in {ep.name for ep in _entry_points()}:
        pytest.skip("SKIPPED: frenchner is not installed (run from the installed wheel to test the entry point)")
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[('Antony Blinken', 'PER'), ('Kiev', 'LOC')]"


def _entry_points():
    from importlib.metadata import entry_points
    eps = entry_points()
    return eps.select(group="spacy_factories") if hasattr(eps, "select") else eps.get("spacy_factories", [])


def test_blinken(nlp):
    doc = nlp("M. Antony Blinken est arrivé à Kiev, où il a rencontré des responsables de l'OTAN.")
    assert [(e.text, e.label_) for e in doc.ents] == [("Antony Blinken", "PER"), ("Kiev", "LOC"), ("OTAN", "ORG")]
    otan = doc.ents[2]
    assert otan._.source.startswith("lexicon:ORG")
    assert otan._.canonical == "Organisation du traité de l'Atlantique nord"
    assert doc.ents[0]._.canonical is None
    assert doc.user_data["frenchner"]["exact"] == 3


def test_entities_off_spacy_token_boundaries_are_expanded_never_raise(nlp):
    # '-Lyon' is a single spaCy token; frner's entity `Lyon` starts inside it.
    doc = nlp("Il a pris la tête -Lyon devant Paris. Outre-mer Annick Girardin a parlé.")
    info = doc.user_data["frenchner"]
    assert info["expanded"] + info["shrunk"] + info["dropped"] >= 1
    texts = [e.text for e in doc.ents]
    assert any("Lyon" in t for t in texts) and any("Girardin" in t for t in texts)


def _policy_doc(nlp, words, spaces=None):
    return Doc(nlp.vocab, words=words, spaces=spaces)


def test_policy_expand_shrink_drop(nlp):
    component = nlp.get_pipe("frenchner")
    doc = _policy_doc(nlp, ["A", "BC", "D", "EF"])  # "A BC D EF": A 0-1, BC 2-4, D 5-6, EF 7-9
    entities = [Entity("B", "LOC", 2, 3, "test"),       # inside BC → expanded to BC
                Entity("C D", "ORG", 3, 6, "test"),     # expands over BC (taken) → shrunk to D
                Entity("F", "PER", 8, 9, "test"),       # → expanded to EF
                Entity("E", "PER", 7, 8, "test")]       # EF taken, nothing inside → dropped
    component.set_entities(doc, entities)
    assert [(e.text, e.label_) for e in doc.ents] == [("BC", "LOC"), ("D", "ORG"), ("EF", "PER")]
    info = doc.user_data["frenchner"]
    assert (info["exact"], info["expanded"], info["shrunk"], info["dropped"]) == (0, 2, 1, 1)
    assert info["dropped_entities"] == [{"start": 7, "end": 8, "label": "PER", "text": "E"}]
    assert doc.ents[1]._.source == "test"


def test_record_error_gives_no_entities_and_is_recorded(nlp):
    component = nlp.get_pipe("frenchner")
    doc = component.set_entities(nlp.make_doc("Paris"), RecordError("boom"))
    assert doc.ents == () and doc.user_data["frenchner"]["error"] == "boom"


def test_nul_characters_do_not_break_the_pipeline(nlp):
    doc = nlp("Emmanuel Macron\x00 à Paris")
    assert [e.text.rstrip("\x00") for e in doc.ents] == ["Emmanuel Macron", "Paris"]  # NUL glued to Macron by spaCy
    assert doc.user_data["frenchner"]["error"] is None


def test_overwrite_false_keeps_existing_entities():
    nlp = spacy.blank("fr")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "MISC", "pattern": "Kiev"}])
    nlp.add_pipe("frenchner")
    doc = nlp("M. Antony Blinken est arrivé à Kiev.")
    assert [(e.text, e.label_) for e in doc.ents] == [("Antony Blinken", "PER"), ("Kiev", "MISC")]
    assert doc.user_data["frenchner"]["dropped"] == 1
    nlp.get_pipe("frenchner").close()


def test_overwrite_true_replaces_them():
    nlp = spacy.blank("fr")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "MISC", "pattern": "arrivé"}])
    nlp.add_pipe("frenchner", config={"overwrite": True})
    doc = nlp("M. Antony Blinken est arrivé à Kiev.")
    assert [(e.text, e.label_) for e in doc.ents] == [("Antony Blinken", "PER"), ("Kiev", "LOC")]
    nlp.get_pipe("frenchner").close()


def test_labels_option():
    nlp = spacy.blank("fr")
    nlp.add_pipe("frenchner", config={"labels": ["LOC"]})
    assert [(e.text, e.label_) for e in nlp("M. Antony Blinken est arrivé à Kiev.").ents] == [("Kiev", "LOC")]
    nlp.get_pipe("frenchner").close()


def test_pipeline_config_round_trip(tmp_path):
    nlp = spacy.blank("fr")
    nlp.add_pipe("frenchner", config={"labels": ["PER"], "batch_size": 64})
    nlp.to_disk(tmp_path / "pipeline")
    nlp.get_pipe("frenchner").close()
    loaded = spacy.load(tmp_path / "pipeline")
    assert [e.label_ for e in loaded("Emmanuel Macron à Paris").ents] == ["PER"]
    loaded.get_pipe("frenchner").close()


def test_nlp_pipe_synthetic_uses_one_process_and_matches_single_calls(nlp):
    component = nlp.get_pipe("frenchner")
    texts = synthetic_texts(3000) + ["", "   ", "\x00", "Paris\x00\x00Lyon"]  # (spaCy itself cannot tokenize lone surrogates)
    starts = component.tagger.starts
    docs = list(nlp.pipe(texts, batch_size=128))
    assert len(docs) == len(texts)
    assert component.tagger.starts == max(starts, 1)
    assert sum(len(d.ents) for d in docs) > 3000 * 4
    for text in texts[:50]:
        assert [(e.start_char, e.end_char, e.label_) for e in nlp(text).ents] == \
            [(e.start_char, e.end_char, e.label_) for e in docs[texts.index(text)].ents]


def test_nlp_pipe_with_two_processes():
    nlp = spacy.blank("fr")
    nlp.add_pipe("frenchner")
    texts = synthetic_texts(200)
    docs = list(nlp.pipe(texts, n_process=2, batch_size=20))
    single = [[(e.start_char, e.end_char, e.label_) for e in nlp(t).ents] for t in texts]
    assert [[(e.start_char, e.end_char, e.label_) for e in d.ents] for d in docs] == single
    nlp.get_pipe("frenchner").close()


def _compare_with_cli(nlp, texts):
    """Counts, and checks every entity placed exactly equals frner tag's, and every frner entity on
    spaCy's token boundaries was placed exactly."""
    component = nlp.get_pipe("frenchner")
    before = dict(component.stats)
    cli = frner_cli([{"id": i, "text": t} for i, t in enumerate(texts)])
    cli_total = 0
    started = time.time()
    for doc, record in zip(nlp.pipe(texts, batch_size=256), cli):
        expected = [(e["start"], e["end"], e["label"]) for e in record.get("entities", [])]
        cli_total += len(expected)
        aligned = {(e.start_char, e.end_char, e.label_) for e in doc.ents}
        on_boundaries = [x for x in expected if doc.char_span(x[0], x[1], alignment_mode="strict") is not None]
        missing = [x for x in on_boundaries if x not in aligned]
        # an exact entity can be dropped only when an earlier entity was expanded over it
        assert len(missing) <= doc.user_data["frenchner"]["dropped"], (missing, doc.text[:200])
        labels = {(s, e): label for s, e, label in expected}
        moved = 0
        for span in doc.ents:
            key = (span.start_char, span.end_char)
            if key in labels:
                assert span.label_ == labels[key]
            else:
                moved += 1
        info = doc.user_data["frenchner"]
        assert moved == info["expanded"] + info["shrunk"]
        assert len(doc.ents) == info["exact"] + info["expanded"] + info["shrunk"]
    seconds = time.time() - started
    stats = {k: component.stats[k] - before.get(k, 0) for k in ("exact", "expanded", "shrunk", "dropped", "errors")}
    aligned_total = stats["exact"] + stats["expanded"] + stats["shrunk"]
    assert aligned_total + stats["dropped"] == cli_total
    return stats, cli_total, aligned_total, seconds


def test_synthetic_texts_equal_frner_tag_where_they_align(nlp):
    stats, cli_total, aligned, _ = _compare_with_cli(nlp, synthetic_texts(500))
    assert aligned >= 0.99 * cli_total
    assert stats["errors"] == 0


@pytest.mark.corpus
def test_news_corpus_through_nlp_pipe(nlp):
    texts = news_texts()
    stats, cli_total, aligned, seconds = _compare_with_cli(nlp, texts)
    print(f"\nnews corpus: {len(texts)} documents through nlp.pipe in {seconds:.1f} s; frner tag found {cli_total} "
          f"entities, {aligned} placed ({aligned / max(cli_total, 1):.2%}): {stats}")
    assert aligned >= 0.99 * cli_total
    assert stats["errors"] == 0


def test_docbin_export_loads_in_spacy(tmp_path):
    source = tmp_path / "in.jsonl"
    records = [{"id": f"d{i}", "text": t} for i, t in enumerate(synthetic_texts(40))] + \
        [{"id": "bad", "text": None}, {"id": "nul", "text": "Lyon\x00Paris"}]
    source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "frenchner", "docbin", str(source), "-o", str(tmp_path / "out.spacy")],
                         capture_output=True, text=True)
    assert out.returncode == 1, out.stderr  # one record skipped (text null)
    assert "1 records skipped" in out.stderr
    nlp = spacy.blank("fr")
    docs = list(DocBin().from_disk(tmp_path / "out.spacy").get_docs(nlp.vocab))
    assert len(docs) == 41
    assert docs[0].user_data["id"] == "d0"
    cli = frner_cli(records[:40])
    for doc, record in zip(docs, cli):
        assert {(e.start_char, e.end_char, e.label_) for e in doc.ents if (e.start_char, e.end_char) in
                {(x["start"], x["end"]) for x in record["entities"]}} <= \
            {(x["start"], x["end"], x["label"]) for x in record["entities"]}
        assert len(doc.ents) > 0
    nul = docs[40]  # spaCy keeps "Lyon\x00Paris" as one token: one entity placed (expanded), one dropped
    assert nul.user_data["id"] == "nul" and len(nul.ents) == 1 and nul.user_data["frenchner"]["error"] is None


def test_nlp_pipe_survives_frner_dying_mid_stream():
    import os
    import signal

    nlp = spacy.blank("fr")
    component = nlp.add_pipe("frenchner", config={"batch_size": 8})
    texts = synthetic_texts(100)

    def stream():
        for i, text in enumerate(texts):
            if i == 37 and component.tagger.pid:
                os.kill(component.tagger.pid, signal.SIGKILL)
            yield text

    docs = list(nlp.pipe(stream(), batch_size=8))  # nlp.pipe passes its batch_size to the component
    assert len(docs) == 100
    assert all(doc.user_data["frenchner"]["error"] is None for doc in docs)
    assert [[(e.start_char, e.label_) for e in d.ents] for d in docs] == \
        [[(e.start_char, e.label_) for e in nlp(t).ents] for t in texts]
    assert component.tagger.starts >= 2
    component.close()
