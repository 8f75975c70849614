"""The co-process: single calls, offsets, bad records, restarts, concurrency, streaming."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time

import pytest

import frenchner
from frenchner import Entity, ProcessError, RecordError, Tagger

from conftest import frner_cli, synthetic_texts

BLINKEN = "M. Antony Blinken est arrivé à Kiev, où il a rencontré des responsables de l'OTAN."


def test_one_call(tagger):
    entities = tagger(BLINKEN)
    assert [(e.text, e.label) for e in entities] == [("Antony Blinken", "PER"), ("Kiev", "LOC"), ("OTAN", "ORG")]
    assert all(isinstance(e, Entity) for e in entities)
    otan = entities[2]
    assert otan.canonical == "Organisation du traité de l'Atlantique nord"
    assert otan.source.startswith("lexicon:ORG")
    assert entities[0].canonical is None


def test_offsets_are_python_str_offsets(tagger):
    text = "🇫🇷😀 Œuvre d’art : « Emmanuel Macron » visite Saint-Étienne\u00a0et Besançon.\r\nFin."
    entities = tagger(text)
    assert {e.text for e in entities} >= {"Emmanuel Macron", "Besançon"}
    for e in entities:
        assert text[e.start:e.end] == e.text


def test_empty_and_entity_free_texts(tagger):
    assert tagger("") == []
    assert tagger("il pleut") == []


def test_not_a_string(tagger):
    with pytest.raises(TypeError):
        tagger(42)  # type: ignore[arg-type]


def test_bad_record_raises_with_frner_message_and_the_process_goes_on(tagger):
    tagger("Lyon")
    pid = tagger.pid
    with pytest.raises(RecordError, match="NUL character"):
        tagger("Paris\x00Lyon")
    assert tagger("Lyon")[0].label == "LOC"
    assert tagger.pid == pid  # same process


def test_oversized_record():
    with Tagger(max_document_bytes=200) as small:
        with pytest.raises(RecordError, match="larger than --max-document-bytes"):
            small("Paris " * 100)
        assert [e.text for e in small("Paris et Lyon")] == ["Paris", "Lyon"]
        # A text that is no str sends nothing: frner, which names an unreadable record by its line,
        # stays in step with our numbering.
        with pytest.raises(TypeError):
            small(b"Paris")  # type: ignore[arg-type]
        with pytest.raises(RecordError, match="larger than --max-document-bytes"):
            small("Lyon " * 100)
        assert small.starts == 1


def test_restarts_a_dead_process():
    with Tagger() as t:
        t("Paris")
        first = t.pid
        os.kill(first, signal.SIGKILL)
        time.sleep(0.2)
        assert [e.text for e in t("Marseille")] == ["Marseille"]
        assert t.pid != first and t.starts == 2


def test_in_flight_documents_get_process_error_when_frner_dies():
    with Tagger() as t:
        t("Paris")
        os.kill(t.pid, signal.SIGSTOP)
        results = []
        worker = threading.Thread(target=lambda: results.append(_catch(t, "Lyon")))
        worker.start()
        time.sleep(0.3)
        os.kill(t.pid, signal.SIGKILL)
        worker.join(10)
        assert not worker.is_alive()
        assert isinstance(results[0], ProcessError)
        assert t("Lyon")[0].text == "Lyon"


def _catch(t, text):
    try:
        return t(text)
    except Exception as error:  # noqa: BLE001
        return error


def test_close_and_context_manager():
    with Tagger() as t:
        t("Paris")
        process = t.pid
    assert t.pid is None
    with pytest.raises(ProcessLookupError):  # ended and reaped
        os.kill(process, 0)
    assert t("Paris")[0].text == "Paris"  # a call after close starts a new one
    t.close()


def test_concurrent_callers_get_their_own_answers(tagger):
    texts = synthetic_texts(120) + ["Paris\x00"] * 5
    expected = {}
    for text in texts:
        expected[text] = _catch(tagger, text)
    failures = []

    def work(offset):
        for i in range(len(texts)):
            text = texts[(i + offset) % len(texts)]
            got = _catch(tagger, text)
            want = expected[text]
            if isinstance(want, Exception) != isinstance(got, Exception) or \
                    (not isinstance(want, Exception) and got != want):
                failures.append((text, got, want))

    threads = [threading.Thread(target=work, args=(k * 17,)) for k in range(8)]
    for thread in threads:
        thread.start()
    # a stream on the same process at the same time
    streamed = list(tagger.pipe(texts, batch_size=16, errors="return"))
    for thread in threads:
        thread.join(60)
    assert not failures
    assert [r if not isinstance(r, Exception) else "error" for r in streamed] == \
        [expected[t] if not isinstance(expected[t], Exception) else "error" for t in texts]


def test_a_single_call_on_an_idle_process_reads_its_own_answer():
    # One call with nothing in flight: no reader thread, the calling thread reads frner's answer.
    with Tagger() as t:
        for _ in range(3):
            assert [e.text for e in t(BLINKEN)] == ["Antony Blinken", "Kiev", "OTAN"]
        assert not any(thread.name == "frner-reader" for thread in threading.enumerate())


def test_submit_without_waiting_never_deadlocks(tagger):
    # 60 documents of ~150 KB sent before any answer is read: a reader thread must take frner's output
    # (else both pipes fill); then single calls go on with the answers in order.
    text = "Le président Emmanuel Macron est à Lyon. " * 3600
    handles = []

    def send():
        handles.extend(tagger.submit(text + f" n°{i}") for i in range(60))

    sender = threading.Thread(target=send, daemon=True)
    sender.start()
    sender.join(240)
    assert not sender.is_alive(), "submit() blocked: nobody read frner's output"
    assert [len(h.result()) for h in handles] == [7200] * 60
    assert tagger("Paris")[0].text == "Paris"


def test_a_call_waiting_behind_a_direct_reader_is_handed_over():
    # Thread A reads its own answer; thread B calls meanwhile and must get its answer from the reader
    # thread A starts for it, not hang.
    with Tagger() as t:
        t("Paris")
        os.kill(t.pid, signal.SIGSTOP)  # A's answer cannot come until frner goes on
        results = {}
        a = threading.Thread(target=lambda: results.__setitem__("a", t("Lyon")))
        a.start()
        time.sleep(0.2)
        b = threading.Thread(target=lambda: results.__setitem__("b", t("Marseille et Nice")))
        b.start()
        time.sleep(0.2)
        os.kill(t.pid, signal.SIGCONT)
        a.join(20)
        b.join(20)
        assert not a.is_alive() and not b.is_alive()
        assert [e.text for e in results["a"]] == ["Lyon"]
        assert [e.text for e in results["b"]] == ["Marseille", "Nice"]
        assert [e.text for e in t("Toulouse")] == ["Toulouse"]


class _Interrupted(BaseException):
    pass


def test_an_interrupted_call_ends_that_process_and_the_next_call_starts_another():
    # A call interrupted while it reads frner's output (Ctrl-C) may leave the records out of step: that
    # frner is stopped, and the next call works on a new one.
    def interrupt(signum, frame):
        raise _Interrupted()

    previous = signal.signal(signal.SIGINT, interrupt)
    try:
        with Tagger() as t:
            t("Paris")
            first = t.pid
            os.kill(first, signal.SIGSTOP)  # no answer until the interruption is pending

            def later():
                time.sleep(0.3)
                os.kill(os.getpid(), signal.SIGINT)
                time.sleep(0.2)
                try:  # (the interruption may already have ended it)
                    os.kill(first, signal.SIGCONT)
                except ProcessLookupError:
                    pass

            helper = threading.Thread(target=later, daemon=True)
            helper.start()
            with pytest.raises(_Interrupted):
                t("Lyon")
            helper.join(5)
            assert [e.text for e in t("Marseille")] == ["Marseille"]
            assert t.pid != first and t.starts == 2
    finally:
        signal.signal(signal.SIGINT, previous)


def test_pipe_streams_big_batches_without_deadlock(tagger):
    # 120 documents of ~150 KB each: far more than any pipe buffer, in flight at once.
    texts = [("Le président Emmanuel Macron est à Lyon. " * 3600) + f" n°{i}" for i in range(120)]
    done = []

    def run():
        done.append(sum(len(entities) for entities in tagger.pipe(texts, batch_size=1000)))

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(240)
    assert done, "pipe() did not finish in 240 s"
    assert done[0] == 120 * 3600 * 2


def test_pipe_errors_raise_with_index(tagger):
    texts = ["Paris", "Lyon", "Nice\x00", "Marseille"]
    got = []
    with pytest.raises(RecordError) as caught:
        for entities in tagger.pipe(texts):
            got.append(entities)
    assert caught.value.index == 2 and "NUL" in caught.value.message
    assert [e[0].text for e in got] == ["Paris", "Lyon"]
    assert tagger("Toulouse")[0].text == "Toulouse"  # the shared process is still in step


def test_pipe_errors_return_and_as_tuples(tagger):
    texts = [("Paris", 1), ("Nice\x00", 2), ("Marseille", 3)]
    out = list(tagger.pipe(texts, as_tuples=True, errors="return"))
    assert [context for _, context in out] == [1, 2, 3]
    assert isinstance(out[1][0], RecordError) and out[1][0].index == 1
    assert out[2][0][0].text == "Marseille"


def test_pipe_stopped_early_and_calls_inside_a_pipe_loop(tagger):
    texts = synthetic_texts(300)
    for i, entities in enumerate(tagger.pipe(texts, batch_size=50)):
        assert tagger("Bruxelles")[0].text == "Bruxelles"  # a call from inside the loop
        if i == 10:
            break
    assert [e.text for e in tagger("Lyon et Paris")] == ["Lyon", "Paris"]


def test_pipe_input_failure_is_raised(tagger):
    def texts():
        yield "Paris"
        raise KeyError("broken input")

    with pytest.raises(KeyError):
        list(tagger.pipe(texts()))
    assert tagger("Lyon")[0].text == "Lyon"


def test_jobs_2_gives_the_same_entities():
    texts = synthetic_texts(400) + ["Nice\x00"]
    with Tagger() as one, Tagger(jobs=2) as two:
        a = list(one.pipe(texts, errors="return"))
        b = list(two.pipe(texts, errors="return"))
        assert "--jobs" in two.command(line_buffered=False, jobs=2)
    assert [x if not isinstance(x, Exception) else str(x) for x in a] == \
        [x if not isinstance(x, Exception) else str(x) for x in b]


def test_labels_option():
    with Tagger(labels=["LOC"]) as t:
        assert {e.label for e in t(BLINKEN)} == {"LOC"}
    with pytest.raises(ValueError):
        Tagger(labels=["MISC"])


def test_user_lexicon(tmp_path):
    lexicon = tmp_path / "mine.tsv"
    lexicon.write_text("Zorglub Industries\tORG\n", encoding="utf-8")
    with Tagger(lexicons=[str(lexicon)]) as t:
        found = [(e.text, e.label) for e in t("Les salariés de Zorglub Industries sont en grève.")]
    assert ("Zorglub Industries", "ORG") in found


def test_same_entities_as_the_cli(tagger):
    texts = synthetic_texts(200) + [BLINKEN, "Paris\x00", ""]
    cli = frner_cli([{"id": i, "text": t} for i, t in enumerate(texts)])
    ours = list(tagger.pipe(texts, errors="return"))
    assert len(cli) == len(ours)
    for record, entities in zip(cli, ours):
        if "error" in record:
            assert isinstance(entities, RecordError) and str(entities) == record["error"]
        else:
            assert [(e.text, e.label, e.start, e.end, e.source, e.canonical) for e in entities] == \
                [(e["text"], e["label"], e["start"], e["end"], e["source"], e.get("canonical"))
                 for e in record["entities"]]


def test_python_m_frenchner_is_frner(tmp_path):
    version = subprocess.run([sys.executable, "-m", "frenchner", "--version"], capture_output=True, text=True,
                             cwd=tmp_path)
    assert version.returncode == 0 and version.stdout.strip()
    out = subprocess.run([sys.executable, "-m", "frenchner", "tag", "--input-format", "jsonl"],
                         input='{"id": "x", "text": "Emmanuel Macron"}\n', capture_output=True, text=True, cwd=tmp_path)
    assert '"label":"PER"' in out.stdout


def test_missing_binary_is_a_clear_error():
    with pytest.raises(frenchner.FrnerNotFound, match="no such executable"):
        Tagger(binary="/nonexistent/frner")
