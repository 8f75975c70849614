"""The `frner` co-process: one long-lived `frner tag --input-format jsonl --line-buffered` per Tagger."""

from __future__ import annotations

import atexit
import collections
import json
import os
import subprocess
import sys
import threading
import weakref
from dataclasses import dataclass
from typing import (Any, Callable, Deque, Dict, Iterable, Iterator, List, Literal, Optional, Sequence, Tuple, TypeVar,
                    Union, overload)

from ._binary import Frner, find_frner

LABELS = ("PER", "LOC", "ORG")
T = TypeVar("T")


@dataclass(frozen=True)
class Entity:
    """One entity found by FrenchNER.

    `start` and `end` are offsets into the Python `str` that was tagged (code points, end-exclusive):
    `text == document[start:end]`. `source` is the rule or lexicon that decided it (e.g. `person.title`,
    `lexicon:ORG.international:curated`); `canonical` is the lexicon's canonical form when it differs
    from `text` (e.g. `OTAN` → `Organisation du traité de l'Atlantique nord`), else None.
    """

    text: str
    label: str
    start: int
    end: int
    source: str
    canonical: Optional[str] = None


class FrenchNERError(Exception):
    """Base class of this package's errors."""


class RecordError(FrenchNERError, ValueError):
    """`frner` could not tag one document (its error record): e.g. a NUL character, or a document
    larger than `max_document_bytes`. The co-process goes on; only this document failed."""

    def __init__(self, message: str, index: Optional[int] = None):
        super().__init__(message)
        self.message = message
        #: position of the document in `Tagger.pipe`'s input (None for a single call)
        self.index = index


class ProcessError(FrenchNERError, RuntimeError):
    """The `frner` process could not start, died, or answered out of step. Documents in flight at that
    moment get this error; the next call starts a new process."""


class _Pending:
    """One document sent to frner, waiting for its output record."""

    __slots__ = ("event", "value", "number")

    def __init__(self, number: int):
        self.event = threading.Event()
        self.value: Union[List[Entity], Words, FrenchNERError, None] = None
        self.number = number

    def resolve(self, result: Union[List[Entity], Words, FrenchNERError]) -> None:
        self.value = result
        self.event.set()

    def wait(self) -> Any:
        """Waits for the answer: the entities (`WordSplitter`: the words), or the error (not raised)."""
        self.event.wait()
        assert self.value is not None
        return self.value

    def done(self) -> bool:
        """Whether frner has answered (or failed)."""
        return self.event.is_set()

    def result(self) -> Any:
        """Waits for the answer: the entities (`WordSplitter`: the words), or raises `RecordError` /
        `ProcessError`."""
        result = self.wait()
        if isinstance(result, FrenchNERError):
            raise result
        return result


#: A document's words and spaces, as spaCy's `Doc(vocab, words=words, spaces=spaces)` takes them.
Words = Tuple[List[str], List[bool]]


def _parse(line: bytes) -> Tuple[Any, Union[List[Entity], Words, RecordError]]:
    record = json.loads(line)
    if "error" in record:
        return record.get("id"), RecordError(record["error"])
    if "entities" not in record:  # frner tokenize --format words
        return record.get("id"), (record["words"], record["spaces"])
    return record.get("id"), [Entity(e["text"], e["label"], e["start"], e["end"], e["source"], e.get("canonical"))
                              for e in record["entities"]]


def _encode(number: int, text: str) -> bytes:
    if not isinstance(text, str):
        raise TypeError(f"frenchner tags str, not {type(text).__name__}")
    try:
        return json.dumps({"id": number, "text": text}, ensure_ascii=False).encode("utf-8") + b"\n"
    except UnicodeEncodeError:  # a lone surrogate: send it escaped and let frner report it
        return json.dumps({"id": number, "text": text}).encode("ascii") + b"\n"


class _Process:
    """One running frner and the order of its records: frner writes exactly one output record per input
    record, in input order, so answers are matched to `pending` by position.

    Reading frner's output is one role, held by one thread at a time (`_reading`). A single call on an
    idle process reads its own answer (`call`): one wake-up per round trip, no hand-over between
    threads. Documents sent without waiting (`submit`), or while another thread reads, are answered by
    a reader thread started for them, which stops once nothing is awaited; so frner always finds its
    output read while anything is in flight, and a large batch cannot fill both pipes and deadlock.
    A thread drains stderr for the process's whole life.
    """

    def __init__(self, command: List[str], env: Dict[str, str]):
        self.command = command
        self.pid_owner = os.getpid()
        try:
            self.popen = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                          stderr=subprocess.PIPE, env=env)
        except OSError as error:
            raise ProcessError(f"cannot start {command[0]}: {error}") from error
        self.pending: Deque[_Pending] = collections.deque()
        #: held while a record is appended to `pending` and written: both in the same order
        self.lock = threading.Lock()
        #: guards `_reading` and `_reader`; taken after `lock` when both are
        self._state = threading.Lock()
        self._reading = False
        self._reader: Optional[threading.Thread] = None
        self._rest = b""  # the start of a line, read and not yet complete (whoever reads next goes on)
        self.dead: Optional[ProcessError] = None
        self.closing = False
        self.sent = 0
        self.stderr_tail: Deque[str] = collections.deque(maxlen=20)
        self._stderr = threading.Thread(target=self._drain_stderr, name="frner-stderr", daemon=True)
        self._stderr.start()

    # -- sending
    def submit(self, text: str) -> _Pending:
        """Sends one document; a reader thread takes the answer (see the class's docstring)."""
        with self.lock:
            pending, data = self._append(text)
            with self._state:
                if not self._reading:  # started before writing: frner's output is read while we write
                    self._start_reader()
            self._write(data)
            return pending

    def call(self, text: str) -> Any:
        """Sends one document and waits for its answer (entities, words, or the error, not raised).

        On an idle process this thread reads the answer itself; else it waits like `submit`'s callers.
        """
        with self.lock:
            pending, data = self._append(text)
            with self._state:
                direct = not self._reading and len(self.pending) == 1
                if direct:
                    self._reading = True
                elif not self._reading:
                    self._start_reader()
            self._write(data)
        if direct:
            completed = False
            try:
                # Ours is the first record awaited: it is answered before any sent after it.
                while not pending.done() and self._read_some():
                    pass
                completed = True
            finally:
                if not completed:
                    # Interrupted (e.g. KeyboardInterrupt) between reading frner's output and using it:
                    # the records may be out of step now, so this process is ended; the next call starts
                    # another one.
                    self._end(ProcessError("a call waiting for frner was interrupted; that frner was stopped"))
                with self._state:
                    if self.pending and self.dead is None:
                        self._start_reader()  # documents sent meanwhile by other threads: hand them over
                    else:
                        self._reading = False
        return pending.wait()

    def _append(self, text: str) -> Tuple[_Pending, bytes]:
        """The next record, awaited from now on, and its bytes to write (`lock` held)."""
        if self.dead is not None:
            raise self.dead
        data = _encode(self.sent + 1, text)  # raises TypeError before anything is sent
        self.sent += 1
        pending = _Pending(self.sent)
        self.pending.append(pending)
        return pending, data

    def _write(self, data: bytes) -> None:
        try:
            self.popen.stdin.write(data)  # type: ignore[union-attr]
            self.popen.stdin.flush()  # type: ignore[union-attr]
        except (BrokenPipeError, OSError, ValueError):
            pass  # frner died: whoever reads sees the end of its output and fails what is pending

    def close_input(self) -> None:
        with self.lock:
            self.closing = True
            try:
                self.popen.stdin.close()  # type: ignore[union-attr]
            except (BrokenPipeError, OSError):
                pass

    # -- receiving
    def _start_reader(self) -> None:
        """Makes a new reader thread the reader (`_state` held)."""
        self._reading = True
        self._reader = threading.Thread(target=self._read_while_awaited, name="frner-reader", daemon=True)
        self._reader.start()

    def _read_while_awaited(self) -> None:
        while True:
            with self._state:
                if not self.pending or self.dead is not None:
                    self._reading = False
                    return
            if not self._read_some():
                return

    def _read_some(self) -> bool:
        """Reads what frner has written so far (waiting for it) and answers the records it completes, in
        order; False once frner's output ended or was out of step (everything pending then failed).
        Only the reader calls it. One read takes all that is there (up to 1 MiB), so that a busy thread
        holding the GIL costs the reader one hand-over per chunk, not one per record."""
        stdout = self.popen.stdout
        assert stdout is not None
        try:
            chunk = os.read(stdout.fileno(), 1 << 20)
        except (OSError, ValueError) as read_error:
            self._end(ProcessError(f"reading frner's output failed: {read_error}"))
            return False
        if not chunk:
            if self._rest:  # a last record without its newline
                self._rest, line = b"", self._rest
                if not self._answer(line):
                    return False
            self._end(None)
            return False
        lines = (self._rest + chunk).split(b"\n")
        self._rest = lines.pop()
        for line in lines:
            if not self._answer(line):
                return False
        return True

    def _answer(self, line: bytes) -> bool:
        """Resolves the oldest pending record with `line`; False (and the process ended) if out of step."""
        if not self.pending:
            self._end(ProcessError(f"frner wrote an output record with no input record: {line[:200]!r}"))
            return False
        try:
            number, result = _parse(line)
        except (ValueError, KeyError, TypeError) as parse_error:
            self._end(ProcessError(f"unreadable output record from frner: {parse_error}: {line[:200]!r}"))
            return False
        expected = self.pending[0].number
        # A record frner could not read (e.g. larger than --max-document-bytes) is named by its
        # line, `<stdin>:N`; we number records by line, so N must be ours too.
        if number != expected and number != f"<stdin>:{expected}":
            self._end(ProcessError(f"frner answered record {number!r} for record {expected}: out of step"))
            return False
        self.pending.popleft().resolve(result)
        return True

    def _end(self, error: Optional[ProcessError]) -> None:
        """frner's output ended (`error` None) or cannot be trusted: no document may be sent from now on,
        and every one pending gets the error."""
        if error is not None:
            with self._state:  # no new document may be sent to this process from now on
                self.dead = error
            self.popen.kill()
        status = self.popen.wait()
        self._stderr.join(timeout=5)
        with self._state:
            if error is None:
                expected_end = self.closing and status in (0, 1)
                tail = "\n".join(self.stderr_tail)
                error = ProcessError(
                    ("frner finished" if expected_end else f"frner exited with status {status}")
                    + f" ({' '.join(self.command)})"
                    + (f"; its last messages:\n{tail}" if tail and not expected_end else ""))
                self.dead = error
            self._reading = False
        while self.pending:
            self.pending.popleft().resolve(error)

    def _drain_stderr(self) -> None:
        assert self.popen.stderr is not None
        for line in self.popen.stderr:
            self.stderr_tail.append(line.decode("utf-8", "replace").rstrip("\n"))

    def is_alive(self) -> bool:
        return self.dead is None and self.pid_owner == os.getpid() and self.popen.poll() is None

    def terminate(self) -> None:
        if self.pid_owner != os.getpid():
            return  # a copy made by fork(): the process belongs to the parent
        self.close_input()
        try:
            self.popen.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.popen.kill()
            self.popen.wait()
        reader = self._reader
        if reader is not None:
            reader.join(timeout=5)
        self._stderr.join(timeout=5)
        with self._state:
            reading = self._reading  # a call on another thread may still be reading its own answer
        # Closed only when nobody reads them: a file descriptor closed under a reader may be reused.
        if not reading and (reader is None or not reader.is_alive()) and not self._stderr.is_alive():
            for stream in (self.popen.stdout, self.popen.stderr):
                if stream is not None:
                    stream.close()


_LIVE_TAGGERS: "weakref.WeakSet[_CoProcess]" = weakref.WeakSet()


@atexit.register
def _close_all() -> None:
    """Ends every Tagger's frner before the interpreter shuts down (its reader threads are daemons)."""
    for tagger in list(_LIVE_TAGGERS):
        try:
            tagger.close()
        except Exception:
            pass


class _CoProcess:
    """One long-lived `frner` reading JSON Lines on its standard input: started on first use, shared by
    every thread (answers come in submission order), started again if it dies, ended by `close()`, at
    exit, or when the object is collected. Subclasses say which command it runs."""

    def __init__(self, binary: Optional[str], env: Optional[Dict[str, str]], options: List[str]):
        self.frner: Frner = find_frner(binary)
        self._env = self.frner.environment(env)
        self._options = options
        self._lock = threading.Lock()
        self._process: Optional[_Process] = None
        #: how many times a frner process was started (the first start included)
        self.starts = 0
        _LIVE_TAGGERS.add(self)

    def command(self, line_buffered: bool = True, jobs: int = 1) -> List[str]:
        """The frner command line this object runs."""
        raise NotImplementedError

    def _shared(self) -> _Process:
        with self._lock:
            process = self._process
            if process is None or not process.is_alive():
                if process is not None and process.pid_owner == os.getpid():
                    process.terminate()
                process = _Process(self.command(), self._env)
                self._process = process
                self.starts += 1
            return process

    def _on_live_process(self, send: Callable[[_Process], T]) -> T:
        """`send` on the running process; on a new one, once, if that one was found dead before sending."""
        for attempt in (1, 2):
            process = self._shared()
            try:
                return send(process)
            except ProcessError:  # died before we could send: start again, once
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def _submit(self, text: str) -> _Pending:
        return self._on_live_process(lambda process: process.submit(text))

    def _call(self, text: str) -> Any:
        """One document's answer, or its error (returned, not raised): see `_Process.call`."""
        return self._on_live_process(lambda process: process.call(text))

    @property
    def pid(self) -> Optional[int]:
        """The running frner's process id (None before the first call or after `close()`)."""
        process = self._process
        return process.popen.pid if process is not None and process.is_alive() else None

    def close(self) -> None:
        """Ends the frner process (a later call starts a new one)."""
        with self._lock:
            process, self._process = self._process, None
        if process is not None:
            process.terminate()

    def __enter__(self: T) -> T:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __del__(self) -> None:
        if sys.is_finalizing():
            return  # the atexit hook already ended it
        try:
            self.close()
        except Exception:
            pass

    def submit(self, text: str) -> _Pending:
        """Sends one document without waiting; `.result()` on the returned handle waits for its answer.

        Never blocks for long: a reader thread takes frner's answers as they come, so frner always
        reads on. Handles are answered in the order they were submitted (from any thread).
        """
        return self._submit(text)


class Tagger(_CoProcess):
    """FrenchNER through one long-lived `frner` process.

    >>> with Tagger() as tagger:
    ...     tagger("M. Antony Blinken est arrivé à Kiev.")
    [Entity(text='Antony Blinken', label='PER', start=3, end=17, source='lexicon:PER.full:curated', canonical=None),
     Entity(text='Kiev', label='LOC', start=31, end=35, source='lexicon:LOC.city:world-countries', canonical=None)]

    The process (`frner tag --input-format jsonl --line-buffered`) starts on first use, is shared by
    every thread (calls from several threads are answered in order on the one process), and is started
    again if it dies. Documents in flight when it dies raise `ProcessError`; a document frner cannot
    tag raises `RecordError` with frner's message, and the process goes on.

    Parameters:
        jobs: tagging threads for `pipe()` (frner's `--jobs`). With 1 (the default) `pipe()` streams through
            the shared line-buffered process; with more, each `pipe()` call runs its own
            `frner tag --jobs N` (frner tags line-buffered input one record at a time).
        labels: labels to output (default all: PER, LOC, ORG).
        lexicons: user lexicon files (TSV, see the repository's Lexicons/README.md).
        person_spans: frner's `--person-spans` (`names-only` by default).
        max_document_bytes: frner's `--max-document-bytes` (default 64 MiB); larger documents raise `RecordError`.
        binary: the frner program (default: the one inside the package, see `find_frner`).
        env: extra environment variables for frner (e.g. `FRNER_CACHE_DIR`).
    """

    def __init__(self, *, jobs: int = 1, labels: Optional[Sequence[str]] = None, lexicons: Sequence[str] = (),
                 person_spans: Optional[str] = None, max_document_bytes: Optional[int] = None,
                 binary: Optional[str] = None, env: Optional[Dict[str, str]] = None):
        if jobs < 1:
            raise ValueError("jobs must be at least 1")
        if isinstance(labels, str):
            labels = [label for label in labels.split(",") if label.strip()]
        if labels is not None:
            labels = [label.strip().upper() for label in labels]
            unknown = [label for label in labels if label not in LABELS]
            if unknown or not labels:
                raise ValueError(f"unknown labels {unknown or '(none)'}; known: {', '.join(LABELS)}")
        self.jobs = jobs
        self.labels = list(labels) if labels is not None else list(LABELS)
        options = ["--labels", ",".join(self.labels)]
        for lexicon in lexicons:
            options += ["--lexicon", os.path.abspath(lexicon)]
        if person_spans:
            options += ["--person-spans", person_spans]
        if max_document_bytes is not None:
            options += ["--max-document-bytes", str(int(max_document_bytes))]
        super().__init__(binary, env, options)

    def command(self, line_buffered: bool = True, jobs: int = 1) -> List[str]:
        """The frner command line this tagger runs."""
        command = [self.frner.path, "tag", "--input-format", "jsonl", "--jobs", str(jobs)] + self._options
        return command + (["--line-buffered"] if line_buffered else [])

    # -- tagging
    def __call__(self, text: str) -> List[Entity]:
        """The entities of one document, in text order.

        Raises:
            RecordError: frner could not tag this document (its message is the exception's).
            ProcessError: frner died while tagging it (the next call starts a new process).
        """
        result = self._call(text)
        if isinstance(result, FrenchNERError):
            raise result
        return result

    @overload
    def pipe(self, texts: Iterable[str], batch_size: int = ..., *, as_tuples: Literal[False] = ...,
             errors: str = ...) -> Iterator[List[Entity]]: ...

    @overload
    def pipe(self, texts: Iterable[Tuple[str, T]], batch_size: int = ..., *, as_tuples: Literal[True],
             errors: str = ...) -> Iterator[Tuple[List[Entity], T]]: ...

    def pipe(self, texts: Iterable[Any], batch_size: int = 256, *, as_tuples: bool = False,
             errors: str = "raise") -> Iterator[Any]:
        """Tags a stream of documents; yields their entity lists in input order.

        A writer thread feeds frner while this generator reads its answers, so large batches cannot
        deadlock on full pipes; at most `batch_size` documents are in flight (with `jobs=1`).

        Parameters:
            texts: the documents, or with `as_tuples=True` `(text, context)` pairs (yields `(entities, context)`).
            batch_size: documents sent ahead of the one being yielded.
            errors: `"raise"` (default) raises `RecordError` (with `.index`) at a document frner cannot
                tag, after which the generator is finished; `"return"` yields the `RecordError` in place of
                its entity list and goes on.
        """
        if errors not in ("raise", "return"):
            raise ValueError("errors must be 'raise' or 'return'")
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        if self.jobs > 1:
            process = _Process(self.command(line_buffered=False, jobs=self.jobs), self._env)
            self.starts += 1
            window = None  # frner buffers its output: never stop feeding it (see the docstring)
        else:
            process = None
            window = threading.Semaphore(batch_size)
        queue: Deque[Tuple[_Pending, Any]] = collections.deque()
        more = threading.Condition()
        state: Dict[str, Any] = {"done": False, "error": None, "stop": False}

        def feed() -> None:
            try:
                for item in texts:
                    if state["stop"]:
                        break
                    text, context = item if as_tuples else (item, None)
                    if window is not None:
                        while not window.acquire(timeout=0.5):
                            if state["stop"]:
                                return
                    pending = process.submit(text) if process is not None else self._submit(text)
                    with more:
                        queue.append((pending, context))
                        more.notify()
            except BaseException as error:  # the input iterator failed (or frner could not start)
                state["error"] = error
            finally:
                if process is not None:
                    process.close_input()
                with more:
                    state["done"] = True
                    more.notify()

        writer = threading.Thread(target=feed, name="frner-writer", daemon=True)
        writer.start()
        index = 0
        try:
            while True:
                with more:
                    while not queue and not state["done"]:
                        more.wait()
                    if not queue:
                        break
                    pending, context = queue.popleft()
                result = pending.wait()
                if window is not None:
                    window.release()
                if isinstance(result, ProcessError):
                    raise result
                if isinstance(result, RecordError):
                    result = RecordError(result.message, index)
                    if errors == "raise":
                        raise result
                index += 1
                yield (result, context) if as_tuples else result
            if state["error"] is not None:
                raise state["error"]
        finally:
            state["stop"] = True
            if window is not None:
                window.release()
            writer.join(timeout=None if state["done"] else 10)
            if process is not None:
                process.terminate()
            # Documents still in flight on the shared process need nothing: the reader thread hands
            # every answer to its own _Pending, in order, so the next caller's answers stay its own.


class WordSplitter(_CoProcess):
    """frner's tokens as spaCy's words and spaces, through one long-lived `frner tokenize --format words`.

    >>> with WordSplitter() as split:
    ...     split("l'État  à Paris")
    (["l'", 'État', ' ', 'à', 'Paris'], [False, True, False, True, False])

    `words` are frner's tokens (ICU word boundaries, elisions and hyphens split) plus every stretch of
    white space that is not the one space after a token; `spaces[i]` says whether one space follows
    `words[i]`, so `Doc(vocab, words=words, spaces=spaces).text == text`. The process is managed as
    `Tagger`'s is; a document frner cannot read raises `RecordError`.
    """

    def __init__(self, *, max_document_bytes: Optional[int] = None, binary: Optional[str] = None,
                 env: Optional[Dict[str, str]] = None):
        options = [] if max_document_bytes is None else ["--max-document-bytes", str(int(max_document_bytes))]
        super().__init__(binary, env, options)

    def command(self, line_buffered: bool = True, jobs: int = 1) -> List[str]:
        """The frner command line this splitter runs."""
        return [self.frner.path, "tokenize", "--format", "words", "--input-format", "jsonl",
                "--line-buffered"] + self._options

    def __call__(self, text: str) -> Words:
        """The words and spaces of one document.

        Raises:
            RecordError: frner could not read this document (its message is the exception's).
            ProcessError: frner died meanwhile (the next call starts a new process).
        """
        result = self._call(text)
        if isinstance(result, FrenchNERError):
            raise result
        return result
