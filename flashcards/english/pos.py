"""Lemmas and parts of speech of an English sentence's words, from a tagger whose model ships in its package.

The tagger is Pattern's Brill tagger as TextBlob ships it (code MIT, lexicon and rules from
Pattern, BSD, CLiPS, University of Antwerp): a lexicon of the likeliest tag of 100,000 words,
morphological rules for unknown words and contextual rules learnt from the Penn Treebank.
Its module is loaded from its file, not imported through ``textblob``, whose ``__init__``
imports NLTK (two and a half seconds). A few corrections on the tagger's own tags follow,
where its lexicon's likeliest tag loses to the word before: a word after a subject pronoun
or "to" is a verb when it can be one ("she records", "to present"), an -ing word after a
verb of going on or stopping, or before an object, is a verb ("keep building", "after reading
it"), and so is a plural after a singular noun and before an object ("the article records the talk")
or after "this" ("this drives prices up");
a present tense after a past one, a determiner, an adjective or a preposition is a noun ("shipped leaves").

No tagger installed (or a broken one) gives no tags: the caller's rules decide alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .. import english
from .spelling import american_spelling
from .lexicon import Lexicon

# --------------------------------------------------------------------------------------------
# Lemmas and parts of speech
# --------------------------------------------------------------------------------------------

_DETERMINERS = frozenset("a an the his her its their my your our this that these those every each no some any "
                         "another whose".split())
_OBJECTS = frozenset("a an the his her its their my your our it them him me us".split())
_VERB_BEFORE = frozenset("to will would can could should may might must do does did not never i we you they he "
                         "she it who nobody everybody everyone someone somebody anyone".split())
_BE = frozenset("is are was were be been being am".split())
_CHINESE_TAGS = {"n": "NOUN", "vn": "NOUN", "an": "NOUN", "v": "VERB", "a": "ADJ", "ad": "ADV", "d": "ADV"}
_SUFFIX_POS = (("ly", "ADV"), ("tion", "NOUN"), ("sion", "NOUN"), ("ment", "NOUN"), ("ness", "NOUN"),
               ("ity", "NOUN"), ("ous", "ADJ"), ("ful", "ADJ"), ("ive", "ADJ"), ("able", "ADJ"), ("ible", "ADJ"),
               ("al", "ADJ"), ("ic", "ADJ"), ("ing", "VERB"), ("ed", "VERB"), ("ize", "VERB"), ("ise", "VERB"))
_PREFERENCE = ("NOUN", "VERB", "ADJ", "ADV")
# jieba's tags (their first letters) that a Chinese word matched only through its glosses may
# not have to translate an English word of this part of speech
_UNLIKE_TAGS = {"VERB": ("n", "t", "m", "q", "r", "c", "p"), "ADV": ("v", "c", "p", "n", "t"),
                "ADJ": ("c", "p", "t")}
_LONE_UNLIKE_TAGS = {"NOUN": ("v", "c", "p", "d", "r"), "ADJ": ("v", "c", "p"), "ADV": ("v", "c", "p")}
POS_NAMES = {"NOUN": "noun", "VERB": "verb", "ADJ": "adj", "ADV": "adv"}


@dataclass(frozen=True)
class _Neighbours:
    """The words either side of a word, as far as choosing its part of speech needs them."""

    previous: str
    following: str
    previous_is_verb: bool  # the word before can only be a verb ("shipped leaves")
    previous_is_adjective: bool  # the word before can only be an adjective ("usual seat")
    following_is_noun: bool  # the next word can only be a noun ("small neighbourhood")
    following_may_be_noun: bool  # "small team", "corner turns"
    gradable: bool  # the word has a comparative, as adjectives do (smaller; no "cornerer")
    following_is_verb: bool  # the next word is an inflected verb ("still opens")


def _lemma_table(form: str, lexicon: Lexicon) -> dict[str, tuple[str, ...]]:
    """lemminflect's lemmas by part of speech (the same dict each time: not to be changed).

    A hyphenated form it does not know is a noun, inflected on its last part when that part is
    a noun ("win-wins" → "win-win"), or, uninflected, an adjective; lemminflect knows many
    compounds itself ("grown-ups").
    """
    try:
        return lexicon.known_forms["table", form]
    except KeyError:
        pass
    table = {upos: lemmas for upos, lemmas in lexicon.lemma_table(form).items() if upos != "AUX"}
    if not table and "-" in form:
        head, _, last = form.lower().rpartition("-")
        nouns = lexicon.lemma_table(last).get("NOUN") if last not in english.function_words() else None
        table = {"NOUN": tuple(f"{head}-{lemma}" for lemma in nouns) if nouns else (form.lower(),)}
        if not form.lower().endswith("s"):  # or an adjective (award-winning filmmakers, cross-border trade)
            table["ADJ"] = (form.lower(),)
    lexicon.known_forms["table", form] = table
    return table


def _lemma_keys(form: str, lexicon: Lexicon) -> tuple[str, ...]:
    """Every dictionary form the word may have, the one simplemma gives (as the glosses do) first,
    and their American spellings."""
    try:
        return lexicon.known_forms["keys", form]
    except KeyError:
        pass
    table = _lemma_table(form, lexicon)
    keys = [english.lemma(form)] + [lemma for lemmas in table.values() for lemma in lemmas] + [form.lower()]
    found = lexicon.known_forms["keys", form] = tuple(dict.fromkeys(keys + [american_spelling(key) for key in keys]))
    return found


def _pos_from_context(table: dict[str, tuple[str, ...]], form: str,
                      neighbours: Callable[[], _Neighbours]) -> str | None:
    """The part of speech when the English alone settles it, else None.

    lemminflect lists every tag a form can have; the neighbours choose: "-ly" is an adverb,
    before "than" an adjective, after "to" or a modal a verb, after a form of "be" an
    adjective (or a verb if -ing/-ed), before a noun an adjective, after a determiner, a verb
    or an adjective a noun, before an object a verb, before an inflected verb an adverb.
    Before a word that may be a noun, a word with a comparative is an adjective ("her small
    team", "a quiet man") and one without a noun ("the corner turns", "their house blends").
    """
    options = list(table)
    if len(options) <= 1:
        return options[0] if options else None
    around = neighbours()
    previous = around.previous
    if previous in _DETERMINERS and around.following_may_be_noun and {"ADJ", "NOUN"} <= set(options):
        return "ADJ" if around.gradable or around.following_is_noun else "NOUN"
    rules = (
        (form.endswith("ly"), "ADV"),
        (around.following == "than", "ADJ"),
        (around.following == "than", "ADV"),
        (previous in _VERB_BEFORE, "VERB"),
        (previous in _BE and form.endswith(("ing", "ed")), "VERB"),
        (previous in _BE, "ADJ"),
        (around.following_is_noun, "ADJ"),
        (previous in _DETERMINERS or around.previous_is_verb or around.previous_is_adjective, "NOUN"),
        (previous in _DETERMINERS, "ADJ"),
        (around.following in _OBJECTS, "VERB"),
        (around.following_is_verb, "ADV"),
        (around.following_may_be_noun and around.gradable, "ADJ"),
    )
    return next((upos for applies, upos in rules if applies and upos in options), None)


def _pos_from_chinese(table: dict[str, tuple[str, ...]], form: str, matched: str | None, chinese_tag: str,
                      preferred: str | None = None) -> str:
    """The part of speech when the English left it open: what the Chinese counterpart says.

    The tags under which the matched lemma is listed (茶叶 "tea leaves": leaf, a noun); then
    ``preferred``, the tagger's, when a Chinese word matched; then the Chinese word's own tag (生计
    is a noun, so "living" is one); then the commonest reading, noun before verb before
    adjective; a word lemminflect does not know by its ending.
    """
    options = list(table)
    if not options:
        return _pos_by_suffix(form)
    if matched is not None:
        options = [upos for upos in options if matched in table[upos]] or options
    if matched is not None and preferred in options:
        return preferred
    tagged = _CHINESE_TAGS.get(chinese_tag) or _CHINESE_TAGS.get(chinese_tag[:1])
    if tagged in options:
        return tagged
    return next(upos for upos in _PREFERENCE + tuple(options) if upos in options)


def _is_gradable(word: str, lexicon: Lexicon) -> bool:
    """Whether lemminflect knows a comparative of ``word`` (small → smaller, big → bigger, easy → easier)."""
    known = lexicon.known_forms.get(("gradable", word))
    if known is None:
        stem = word[:-1] + "i" if word.endswith("y") else word
        candidates = (word + "er", word + "r", word + word[-1:] + "er", stem + "er")
        known = lexicon.known_forms["gradable", word] = any(
            word in lexicon.lemma_table(candidate).get("ADJ", ()) for candidate in candidates)
    return known


def _pos_by_suffix(form: str) -> str:
    return next((upos for suffix, upos in _SUFFIX_POS if form.lower().endswith(suffix)), "NOUN")


def _choose_lemma(form: str, upos: str, table: dict[str, tuple[str, ...]], matched: str | None,
                 chinese: str | None, lexicon: Lexicon) -> str:
    """The dictionary form for this reading.

    When there are two (leaves → leave or leaf), the one whose CC-CEDICT translations share a
    character with the article's Chinese word (茶叶 and 叶 "leaf"); else the one the Chinese
    gloss confirmed; else simplemma's.
    """
    lemmas = table.get(upos, ())
    if len(lemmas) > 1 and chinese:
        overlap = {lemma: _shared_characters(chinese, lexicon.gloss_records(lemma)) for lemma in lemmas}
        best = max(lemmas, key=lambda lemma: overlap[lemma])
        if overlap[best] > max(overlap[lemma] for lemma in lemmas if lemma != best):
            return best
    if matched is not None and (matched in lemmas or not lemmas):
        return matched
    simple = english.lemma(form)
    if simple in lemmas or not lemmas:
        return simple
    return lemmas[0]


def _shared_characters(chinese: str, records: Iterable[tuple[str, int, bool]]) -> int:
    return max((len(set(chinese) & set(headword)) for headword, _number, _verb in records), default=0)




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

    from ..errors import FlashcardsError

    spec = importlib.util.find_spec("textblob")
    if spec is None or spec.origin is None:
        return None
    base = Path(spec.origin).parent
    wanted = [base / "_text.py"] + [base / "en" / f"en-{part}.txt" for part in ("lexicon", "morphology", "context",
                                                                                 "entities")]
    missing = [str(path) for path in wanted if not path.is_file()]
    if missing:  # a textblob we were not made for: say so rather than tag nothing
        raise FlashcardsError(f"textblob's tagger files are missing ({', '.join(missing)}): "
                              "install the version pyproject.toml asks for")
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
        elif tags[k] == "NNS" and ((tags[k - 1] in ("NN", "NNP") and after in _OBJECT_TAGS)
                                   or (before in ("this", "that") and words[k].endswith("s"))):
            tags[k] = "VBZ"  # "the article records the talk"; "this drives": no plural after "this"
        elif tags[k] in ("VBZ", "VBP") and tags[k - 1] in ("VBD", "VBN", "DT", "PRP$", "JJ", "IN") \
                and before not in ("that", "which", "this", "these", "those"):  # "this drives"
            tags[k] = "NNS" if words[k].endswith("s") else "NN"  # "shipped leaves", "the turns"
    return tuple(tags)


def universal_pos(tag: str) -> str | None:
    """NOUN, VERB, ADJ, ADV, PROPN… for a Penn tag; None for a grammar word's or punctuation's."""
    return _UPOS.get(tag)
