"""FrenchNER from Python: French named entities (PER, ORG, LOC) found by the `frner` tagger.

    import frenchner
    with frenchner.Tagger() as tagger:
        for entity in tagger("M. Antony Blinken est arrivé à Kiev."):
            print(entity.text, entity.label, entity.start, entity.end)

`Tagger` keeps one `frner` process alive (the binary ships inside the wheel); `Tagger.pipe` streams
many documents. The spaCy component is registered as `"frenchner"` (`nlp.add_pipe("frenchner")`,
see `frenchner.spacy_component`), and so is a tokenizer giving FrenchNER's tokens to spaCy,
`"frenchner.Tokenizer.v1"` (`frenchner.spacy_tokenizer`); the Spark function is `frenchner.spark.tag`.
"""

from ._binary import Frner, FrnerNotFound, find_frner
from ._tagger import LABELS, Entity, FrenchNERError, ProcessError, RecordError, Tagger, WordSplitter, Words

__version__ = "0.1.0"
__all__ = ["Entity", "Tagger", "WordSplitter", "Words", "FrenchNERError", "RecordError", "ProcessError", "FrnerNotFound", "Frner",
           "find_frner", "LABELS", "__version__"]
