"""The spaCy tokenizer `"frenchner.Tokenizer.v1"`: FrenchNER's tokens as spaCy's, and its entities found in
the same call.

    import spacy
    nlp = spacy.blank("fr", config={"nlp": {"tokenizer": {"@tokenizers": "frenchner.Tokenizer.v1"}}})
    nlp.add_pipe("frenchner")
    doc = nlp("M. Antony Blinken est arrivé à Kiev.")

Why: spaCy's French tokenizer does not always cut where frner does (`-Lyon` is one spaCy token), so
the `"frenchner"` component must expand or shrink about 0.1 % of entities; with this tokenizer every
entity falls on token boundaries. It is also about three times faster than spaCy's French tokenizer:
frner tokenizes and tags each text in one round trip, and the component then only places the entities
the tokenizer left in `doc.user_data` (no second call to frner).

Tokens: frner's (ICU word boundaries, elisions split: `l'` `État`, hyphens split: `Jean` `-` `Pierre`,
abbreviations kept: `M.`, `U.S.A.`), plus whitespace other than the one space after a token as tokens of
its own, as spaCy does. `doc.text` is always the text given.

The entities wait in `doc.user_data["frenchner_entities"]` (plain lists, so `DocBin` can store them) until
the component takes them; the component uses them only when its own settings (lexicons, person spans)
are the tokenizer's, and otherwise tags the text itself. A text frner cannot tag (e.g. larger than
64 MiB) is tokenized by spaCy's default tokenizer for the language instead, and its error is kept in
`doc.user_data["frenchner_entities"]["error"]`.

Options (`{"@tokenizers": "frenchner.Tokenizer.v1", "lexicons": [...], ...}`): `lexicons`, `person_spans`,
`binary`, as for the component (`frenchner.Tagger`).
"""

from __future__ import annotations

import collections
from typing import Any, Callable, Deque, Iterable, Iterator, List, Optional, Sequence, Tuple

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import registry
from spacy.vocab import Vocab

from ._tagger import Analysis, FrenchNERError, ProcessError, Tagger
from .spacy_component import ENTITIES_KEY, _sendable


class FrenchNERTokenizer:
    """A spaCy tokenizer that gives frner's tokens (see the module's docstring)."""

    def __init__(self, vocab: Vocab, *, tagger: Optional[Tagger] = None,
                 fallback: Optional[Callable[[str], Doc]] = None, lexicons: Sequence[str] = (),
                 person_spans: Optional[str] = None, binary: Optional[str] = None):
        self.vocab = vocab
        self.tagger = tagger or Tagger(words=True, lexicons=lexicons, person_spans=person_spans, binary=binary)
        if not self.tagger.words:
            raise ValueError("FrenchNERTokenizer needs a Tagger(words=True)")
        self.fallback = fallback

    def __call__(self, text: str) -> Doc:
        sendable = _sendable(text)
        try:
            try:
                analysis = self.tagger.analyse(sendable)
            except ProcessError:  # frner died with this text in flight: once more on a new process
                analysis = self.tagger.analyse(sendable)
        except FrenchNERError as error:
            return self._fallback(text, error)
        return self._doc(text, sendable, analysis)

    def pipe(self, texts: Iterable[str], batch_size: int = 256) -> Iterator[Doc]:
        """Tokenizes a stream of texts through the one frner, `batch_size` in flight (spaCy's
        `Tokenizer.pipe`; `nlp.pipe` calls the tokenizer one text at a time instead)."""
        window: Deque[Tuple[str, str, Any]] = collections.deque()
        for text in texts:
            sendable = _sendable(text)
            try:
                window.append((text, sendable, self.tagger.submit(sendable)))
            except FrenchNERError as error:  # frner could not be started
                window.append((text, sendable, error))
            if len(window) >= batch_size:
                yield self._finish(*window.popleft())
        while window:
            yield self._finish(*window.popleft())

    def _finish(self, text: str, sendable: str, pending: Any) -> Doc:
        result = pending if isinstance(pending, FrenchNERError) else pending.wait_analysis()
        if isinstance(result, Analysis):
            return self._doc(text, sendable, result)
        if isinstance(result, ProcessError) and not isinstance(pending, FrenchNERError):
            return self(text)  # frner died with this text in flight: once more on a new process
        return self._fallback(text, result)

    def _doc(self, text: str, sendable: str, analysis: Analysis) -> Doc:
        words, spaces = analysis.words, analysis.spaces
        if sendable is not text:  # NUL or a lone surrogate was sent as a space or U+FFFD: put them back
            words, spaces = _restore(text, words, spaces)
        doc = Doc(self.vocab, words=words, spaces=spaces)
        doc.user_data[ENTITIES_KEY] = {
            "settings": list(self.tagger.settings),
            "entities": [[e.text, e.label, e.start, e.end, e.source, e.canonical] for e in analysis.entities],
        }
        return doc

    def _fallback(self, text: str, error: FrenchNERError) -> Doc:
        if self.fallback is not None:
            doc = self.fallback(text)
        else:
            doc = Doc(self.vocab, words=[text] if text else [], spaces=[False] if text else [])
        doc.user_data[ENTITIES_KEY] = {"settings": list(self.tagger.settings), "error": str(error)}
        return doc

    # -- serialization: nothing to save, the settings are in the pipeline's config
    def to_disk(self, path: Any, *, exclude: Iterable[str] = ()) -> None:
        pass

    def from_disk(self, path: Any, *, exclude: Iterable[str] = ()) -> "FrenchNERTokenizer":
        return self

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return b""

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> "FrenchNERTokenizer":
        return self

    def close(self) -> None:
        """Ends the frner process."""
        self.tagger.close()


def _restore(text: str, words: List[str], spaces: List[bool]) -> Tuple[List[str], List[bool]]:
    """frner's words over the original text (same length: each replaced character is one code point);
    a NUL sent as a space that frner read as the space after a word becomes a word of its own."""
    restored: List[str] = []
    restored_spaces: List[bool] = []
    position = 0
    for word, space in zip(words, spaces):
        restored.append(text[position:position + len(word)])
        position += len(word)
        if space and text[position] != " ":
            restored_spaces.append(False)
            restored.append(text[position])
            restored_spaces.append(False)
        else:
            restored_spaces.append(space)
        position += space
    return restored, restored_spaces


@registry.tokenizers("frenchner.Tokenizer.v1")
def create_tokenizer(lexicons: Sequence[str] = (), person_spans: Optional[str] = None,
                     binary: Optional[str] = None) -> Callable[[Language], FrenchNERTokenizer]:
    """The registered tokenizer factory (`{"@tokenizers": "frenchner.Tokenizer.v1"}`); texts frner cannot
    tag fall back to spaCy's default tokenizer for the language."""

    def make(nlp: Language) -> FrenchNERTokenizer:
        fallback = registry.tokenizers.get("spacy.Tokenizer.v1")()(nlp)
        return FrenchNERTokenizer(nlp.vocab, fallback=fallback, lexicons=lexicons, person_spans=person_spans,
                                  binary=binary)

    return make
