"""Parts of speech of an English sentence's words, from a tagger whose model ships in its package.

The tagger is Pattern's Brill tagger as TextBlob ships it (code MIT, lexicon and rules from
Pattern, BSD, CLiPS, University of Antwerp): a lexicon of the likeliest tag of 100,000 words,
morphological rules for unknown words and contextual rules learnt from the Penn Treebank.
Its module is loaded from its file, not imported through ``textblob``, whose ``__init__``
imports NLTK (two and a half seconds). A few corrections on the tagger's own tags follow,
where its lexicon's likeliest tag loses to the word before: a word after a subject pronoun
or "to" is a verb when it can be one ("she records", "to present"), an -ing word after a
verb of going on or stopping, or before an object, is a verb ("keep building", "after reading
it"), and so is a plural after a singular noun and before an object ("the article records the talk");
a present tense after a past one, a determiner, an adjective or a preposition is a noun ("shipped leaves").

No tagger installed (or a broken one) gives no tags: the caller's rules decide alone.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

TAGGER_CREDIT = ("Parts of speech: Pattern's Brill tagger (CLiPS, BSD licence) as shipped by TextBlob "
                 "(MIT licence, https://github.com/sloria/TextBlob).")

# Penn Treebank tags → the parts of speech our cards name; the rest are grammar words.
_UPOS = {"NN": "NOUN", "NNS": "NOUN", "VB": "VERB", "VBD": "VERB", "VBG": "VERB", "VBN": "VERB", "VBP": "VERB",
         "VBZ": "VERB", "JJ": "ADJ", "JJR": "ADJ", "JJS": "ADJ", "RB": "ADV", "RBR": "ADV", "RBS": "ADV",
         "NNP": "PROPN", "NNPS": "PROPN", "RP": "PART", "FW": "X"}
# Tags of words that are never vocabulary cards: prepositions (via, per), determiners, pronouns…
GRAMMAR_TAGS = frozenset("IN DT PDT PRP PRP$ WDT WP WP$ WRB CC MD EX TO UH".split())
_SUBJECTS = frozenset("i you he she we they who".split())
_ASPECT_VERBS = frozenset("keep keeps kept keeping stop stops stopped start starts started begin begins began "
                          "continue continues continued finish finishes finished avoid avoids avoided enjoy "
                          "enjoys enjoyed quit quits".split())
# The tags that start a verb's object: "records the", "reading it", "records Andrew".
_OBJECT_TAGS = frozenset("DT PRP PRP$ NNP".split())
_TOKEN = re.compile(r"\S")


@lru_cache(maxsize=1)
def _parser():
    """TextBlob's English Brill tagger, or None when TextBlob is not installed."""
    import importlib.util
    from pathlib import Path

    spec = importlib.util.find_spec("textblob")
    if spec is None or spec.origin is None:
        return None
    base = Path(spec.origin).parent
    loader = importlib.util.spec_from_file_location("flashcards._pattern_text", base / "_text.py")
    if loader is None or loader.loader is None:
        return None
    module = importlib.util.module_from_spec(loader)
    loader.loader.exec_module(module)
    en = base / "en"
    lexicon = module.Lexicon(path=str(en / "en-lexicon.txt"), morphology=str(en / "en-morphology.txt"),
                             context=str(en / "en-context.txt"), entities=str(en / "en-entities.txt"),
                             language="en")
    return module.Parser(lexicon=lexicon, default=("NN", "NNP", "CD"), language="en")


def penn_tags(text: str, spans: Sequence[tuple[int, int]]) -> tuple[str, ...]:
    """The Penn tag of each word (its start and end in ``text``), the punctuation between
    the words given to the tagger as tokens of their own; () without a tagger."""
    return _penn_tags(text, tuple(spans))


@lru_cache(maxsize=4096)
def _penn_tags(text: str, spans: tuple[tuple[int, int], ...]) -> tuple[str, ...]:
    parser = _parser()
    if parser is None or not spans:
        return ()
    tokens: list[str] = []
    positions: list[int] = []
    previous = 0
    for start, end in spans:
        tokens.extend(match.group(0) for match in _TOKEN.finditer(text, previous, start))
        positions.append(len(tokens))
        tokens.append(text[start:end].replace("’", "'"))
        previous = end
    tokens.extend(match.group(0) for match in _TOKEN.finditer(text, previous))
    tagged = [tag for _token, tag in parser.find_tags(tokens, map=lambda token, tag: (token, tag))]
    tags = [tagged[p] for p in positions]
    words = [tokens[p].lower() for p in positions]
    for k in range(1, len(tags)):
        before, after = words[k - 1], tags[k + 1] if k + 1 < len(tags) else ""
        if tags[k] in ("NN", "NNS", "JJ") and (before in _SUBJECTS or tags[k - 1] in ("TO", "MD")):
            tags[k] = "VBZ" if tags[k] == "NNS" else "VB"  # checked against the word's possible tags later
        elif tags[k] == "NN" and words[k].endswith("ing") and (before in _ASPECT_VERBS or after in _OBJECT_TAGS):
            tags[k] = "VBG"  # "keep building", "after reading it"
        elif tags[k] == "NNS" and tags[k - 1] in ("NN", "NNP") and after in _OBJECT_TAGS:
            tags[k] = "VBZ"  # "the article records the talk"
        elif tags[k] in ("VBZ", "VBP") and tags[k - 1] in ("VBD", "VBN", "DT", "PRP$", "JJ", "IN") \
                and before not in ("that", "which"):
            tags[k] = "NNS" if words[k].endswith("s") else "NN"  # "shipped leaves", "the turns"
    return tuple(tags)


def upos(tag: str) -> str | None:
    """NOUN, VERB, ADJ, ADV, PROPN… for a Penn tag; None for a grammar word's or punctuation's."""
    return _UPOS.get(tag)
