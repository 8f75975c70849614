"""The spaCy tokenizer `"frenchner.Tokenizer.v1"`: FrenchNER's tokens as spaCy's.

    import spacy
    nlp = spacy.blank("fr", config={"nlp": {"tokenizer": {"@tokenizers": "frenchner.Tokenizer.v1"}}})
    nlp.add_pipe("frenchner")
    doc = nlp("M. Antony Blinken est arrivé à Kiev.")

Why: spaCy's French tokenizer does not always cut where frner does (`-Lyon` is one spaCy token), so
the `"frenchner"` component must expand or shrink about 1 % of entities; with this tokenizer every
entity falls on token boundaries. It is also faster: `nlp.pipe` with the component runs 2.9× faster than
with spaCy's French tokenizer on news (python/README.md, "Speed"). Each text goes to one long-lived
`frner tokenize --format words` (`frenchner.WordSplitter`), and `nlp.pipe` tags a batch in the
component's frner while this tokenizer splits the next.

Tokens: frner's (ICU word boundaries, elisions split: `l'` `État`, hyphens split: `Jean` `-` `Pierre`,
abbreviations kept: `M.`, `U.S.A.`), plus white space other than the one space after a token as tokens
of their own, as spaCy does. `doc.text` is always the text given. A text frner cannot read (e.g. larger
than 64 MiB) is tokenized by spaCy's default tokenizer for the language instead, and frner's message is
kept in `doc.user_data["frenchner_tokenizer_error"]`.

Options (`{"@tokenizers": "frenchner.Tokenizer.v1", "binary": ..., "max_document_bytes": ...}`).
"""

from __future__ import annotations

import collections
from typing import Any, Callable, Deque, Iterable, Iterator, List, Optional, Tuple

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import registry
from spacy.vocab import Vocab

from ._tagger import FrenchNERError, ProcessError, WordSplitter, Words
from .spacy_component import _KNOWN_TEXTS, _sendable

ERROR_KEY = "frenchner_tokenizer_error"


class FrenchNERTokenizer:
    """A spaCy tokenizer that gives frner's tokens (see the module's docstring)."""

    def __init__(self, vocab: Vocab, *, splitter: Optional[WordSplitter] = None,
                 fallback: Optional[Callable[[str], Doc]] = None, binary: Optional[str] = None,
                 max_document_bytes: Optional[int] = None):
        self.vocab = vocab
        self.splitter = splitter or WordSplitter(binary=binary, max_document_bytes=max_document_bytes)
        self.fallback = fallback

    def __call__(self, text: str) -> Doc:
        sendable = _sendable(text)
        try:
            try:
                words = self.splitter(sendable)
            except ProcessError:  # frner died with this text in flight: once more on a new process
                words = self.splitter(sendable)
        except FrenchNERError as error:
            return self._fallback(text, error)
        return self._doc(text, sendable, words)

    def pipe(self, texts: Iterable[str], batch_size: int = 256) -> Iterator[Doc]:
        """Tokenizes a stream of texts through the one frner, `batch_size` in flight (spaCy's
        `Tokenizer.pipe`; `nlp.pipe` calls the tokenizer one text at a time instead)."""
        window: Deque[Tuple[str, str, Any]] = collections.deque()
        for text in texts:
            sendable = _sendable(text)
            try:
                window.append((text, sendable, self.splitter.submit(sendable)))
            except FrenchNERError as error:  # frner could not be started
                window.append((text, sendable, error))
            if len(window) >= batch_size:
                yield self._finish(*window.popleft())
        while window:
            yield self._finish(*window.popleft())

    def _finish(self, text: str, sendable: str, pending: Any) -> Doc:
        result = pending if isinstance(pending, FrenchNERError) else pending.wait()
        if isinstance(result, ProcessError) and not isinstance(pending, FrenchNERError):
            return self(text)  # frner died with this text in flight: once more on a new process
        if isinstance(result, FrenchNERError):
            return self._fallback(text, result)
        return self._doc(text, sendable, result)

    def _doc(self, text: str, sendable: str, words: Words) -> Doc:
        if sendable is not text:  # NUL or a lone surrogate was sent as a space or U+FFFD: put them back
            words = _restore(text, *words)
        doc = Doc(self.vocab, words=words[0], spaces=words[1])
        _KNOWN_TEXTS[doc] = text
        return doc

    def _fallback(self, text: str, error: FrenchNERError) -> Doc:
        if self.fallback is not None:
            doc = self.fallback(text)
        else:
            doc = Doc(self.vocab, words=[text] if text else [], spaces=[False] if text else [])
        doc.user_data[ERROR_KEY] = str(error)
        _KNOWN_TEXTS[doc] = text
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
        self.splitter.close()


def _restore(text: str, words: List[str], spaces: List[bool]) -> Words:
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
def create_tokenizer(binary: Optional[str] = None,
                     max_document_bytes: Optional[int] = None) -> Callable[[Language], FrenchNERTokenizer]:
    """The registered tokenizer factory (`{"@tokenizers": "frenchner.Tokenizer.v1"}`); texts frner cannot
    read fall back to spaCy's default tokenizer for the language."""

    def make(nlp: Language) -> FrenchNERTokenizer:
        fallback = registry.tokenizers.get("spacy.Tokenizer.v1")()(nlp)
        return FrenchNERTokenizer(nlp.vocab, fallback=fallback, binary=binary, max_document_bytes=max_document_bytes)

    return make
