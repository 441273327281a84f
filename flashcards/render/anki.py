"""Write a lesson as an Anki package (.apkg) with genanki.

Model and deck IDs are fixed (decks: derived from the article's slug), note GUIDs come from
what identifies a note (the word and its reading; the Chinese sentence), each note type in a
namespace of its own, so rebuilding the same article updates notes in place.
"""

from __future__ import annotations

import hashlib
import os
import time
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..dictionary import CREDIT
from ..models import Lesson, VocabularyItem
from .fields import coloured_hanzi, coloured_pinyin, deck_part, escape, highlighted, highlighted_word

VOCABULARY_MODEL_ID = 1_731_905_001
SENTENCE_MODEL_ID = 1_731_905_002
VOCABULARY_FIELDS = ("Hanzi", "Traditional", "Color", "Pinyin", "PinyinNumbered", "Meaning", "Classifier",
                     "Counterpart", "Sentence", "SentencePinyin", "SentenceEnglish", "Source", "MoreMeanings",
                     "Level")  # a new field goes last: the positions of the others stay
SENTENCE_FIELDS = ("Hanzi", "Pinyin", "English", "Source")
MAIN_SENSES = 3  # the sense the article uses first, then the next two
MORE_SENSES = 6  # a second, smaller line: a card never lists twenty senses


def _template(name: str) -> str:
    return resources.files("flashcards").joinpath(f"templates/{name}").read_text("utf-8")


def note_type(model_id: int, name: str, fields: tuple[str, ...], cards: list[tuple[str, str]], css: str):
    """A genanki model: ``cards`` are (card name, template stem), the stem naming the
    ``<stem>_front.html`` and ``<stem>_back.html`` files in ``templates/``."""
    import genanki

    return genanki.Model(
        model_id, name, fields=[{"name": field} for field in fields],
        templates=[{"name": card, "qfmt": _template(f"{stem}_front.html"), "afmt": _template(f"{stem}_back.html")}
                   for card, stem in cards],
        css=css,
    )


@lru_cache(maxsize=1)
def _models():
    css = _template("cards.css")
    vocabulary = note_type(VOCABULARY_MODEL_ID, "flashcards: Chinese vocabulary", VOCABULARY_FIELDS,
                           [("Recognition", "vocabulary")], css)
    sentence = note_type(SENTENCE_MODEL_ID, "flashcards: Chinese sentence", SENTENCE_FIELDS,
                         [("Reading", "sentence")], css)
    return vocabulary, sentence


def deck_id(slug: str, part: str) -> int:
    """A stable deck ID in the range Anki's own IDs use."""
    digest = int.from_bytes(hashlib.sha256(f"flashcards:deck:{slug}:{part}".encode()).digest()[:8], "big")
    return (1 << 30) + digest % (1 << 30)


def vocabulary_guid(item: VocabularyItem) -> str:
    import genanki

    return genanki.guid_for("flashcards:vocabulary", item.word, item.reading.numbered.lower())


def vocabulary_tags(item: VocabularyItem, article_tag: str) -> list[str]:
    """``article::<slug>``, ``frequency::<band>``, ``hsk::4`` (``hsk::7-9``, ``hsk::beyond``), and
    ``name`` for a name (Hailuo, Hollywood)."""
    return [article_tag, f"frequency::{item.band}", f"hsk::{item.hsk}"] + (["name"] if item.proper else [])


def sentence_guid(chinese: str) -> str:
    import genanki

    return genanki.guid_for("flashcards:sentence", chinese)


def deck_name(lesson: Lesson) -> str:
    title = lesson.title.zh or lesson.title.en or lesson.slug
    return deck_part(title)


def _tag(text: str) -> str:
    return "".join(char if char.isalnum() or char in "-_" else "_" for char in text)


def _source_html(lesson: Lesson) -> str:
    title = lesson.title.en or lesson.title.zh or lesson.slug
    if lesson.article.source:
        return f"{escape(title)} · {escape(lesson.article.source)}"
    return escape(title)


def description(lesson: Lesson) -> str:
    parts = [f"<p>{escape(lesson.title.zh)}</p>" if lesson.title.zh else "",
             f"<p>{escape(lesson.title.en)}</p>" if lesson.title.en else "",
             f"<p>Source: {escape(lesson.article.source)}</p>" if lesson.article.source else "",
             "<p>Made with flashcards: every sentence card carries the article's own English original.</p>",
             f"<p>{escape(CREDIT)}</p>"]
    return "".join(parts)


def deck_tree(lesson: Lesson, name: str, text: str, within: str, id_prefix: str, subdecks: tuple[str, str]) -> list:
    """An article's deck and its vocabulary and sentence subdecks, empty, with stable IDs.

    ``within``: a deck to put them under (``--combine``), which also gives them IDs of their own.
    ``id_prefix`` keeps one kind of deck's IDs apart from another's ("reverse:").
    """
    import genanki

    name = f"{deck_part(within)}::{name}" if within else name
    key = f"{within}/{lesson.slug}" if within else lesson.slug
    parts = ("article", "vocabulary", "sentences")
    names = (name, f"{name}::{subdecks[0]}", f"{name}::{subdecks[1]}")
    return [genanki.Deck(deck_id(key, id_prefix + part), deck, description=text) for part, deck in zip(parts, names)]


def article_decks(lesson: Lesson, within: str = "") -> list:
    """The article's deck and its Vocabulary and Sentences subdecks, with their notes.

    :param within: the name of a deck to put them under (``--combine``); their IDs then
        differ from the article's own decks, so importing both kinds never mixes them up.
    """
    import genanki

    vocabulary_model, sentence_model = _models()
    parent, vocabulary_deck, sentence_deck = deck_tree(lesson, deck_name(lesson), description(lesson), within,
                                                       "", ("Vocabulary", "Sentences"))
    article_tag = f"article::{_tag(lesson.slug)}"
    source = _source_html(lesson)
    by_id = {sentence.pair.id: sentence for sentence in lesson.sentences}

    for item in lesson.vocabulary:
        sentence = by_id[item.sentence]
        fields = {
            "Hanzi": escape(item.word),
            "Traditional": escape(item.traditional) if item.traditional != item.word else "",
            "Color": coloured_hanzi(item.word, item.reading),
            "Pinyin": coloured_pinyin(item.reading),
            "PinyinNumbered": escape(item.pinyin_numbered),
            "Meaning": "; ".join(escape(sense) for sense in item.definitions[:MAIN_SENSES]),
            "MoreMeanings": "; ".join(escape(sense) for sense in item.definitions[MAIN_SENSES:MAIN_SENSES + MORE_SENSES]),
            "Classifier": escape(", ".join(item.classifiers)),
            "Counterpart": escape(item.english or ""),
            "Sentence": highlighted_word(sentence.pair.zh_text, item.word),
            "SentencePinyin": escape(sentence.pinyin),
            "SentenceEnglish": highlighted(sentence.pair.en_text, item.english_span),
            "Source": source,
            "Level": f"HSK {item.hsk}" if item.level is not None else "beyond HSK",
        }
        vocabulary_deck.add_note(genanki.Note(
            model=vocabulary_model, fields=[fields[name] for name in VOCABULARY_FIELDS],
            guid=vocabulary_guid(item), tags=vocabulary_tags(item, article_tag)))

    seen: set[str] = set()
    for sentence in lesson.sentences:
        chinese = sentence.pair.zh_text
        if not chinese or chinese in seen:
            continue
        seen.add(chinese)
        fields = {
            "Hanzi": escape(chinese),
            "Pinyin": escape(sentence.pinyin),
            "English": escape(sentence.pair.en_text),
            "Source": source,
        }
        sentence_deck.add_note(genanki.Note(
            model=sentence_model, fields=[fields[name] for name in SENTENCE_FIELDS],
            guid=sentence_guid(chinese), tags=[article_tag]))

    return [parent, vocabulary_deck, sentence_deck]


def build_package(lesson: Lesson):
    """A genanki Package with the article's deck and its Vocabulary and Sentences subdecks."""
    import genanki

    return genanki.Package(article_decks(lesson))


def combined(name: str, decks_per_article: list[list], text: str):
    """One package holding every article's decks under a deck called ``name``.

    A note met in several articles (the same word, the same GUID) is kept once, in the first
    article that uses it, as separate imports would leave it.
    """
    import genanki

    top = genanki.Deck(deck_id(name, "combined"), deck_part(name), description=text)
    seen: set[str] = set()
    for decks in decks_per_article:
        for deck in decks:
            unique = [note for note in deck.notes if note.guid not in seen]
            seen.update(note.guid for note in unique)
            deck.notes = unique
    return genanki.Package([top] + [deck for decks in decks_per_article for deck in decks])


def build_combined_package(name: str, lessons: list[Lesson]):
    """``--combine NAME``: the Chinese-learner decks of many articles in one package."""
    text = f"<p>{escape(name)}: {len(lessons)} articles.</p><p>{escape(CREDIT)}</p>"
    return combined(name, [article_decks(lesson, within=name) for lesson in lessons], text)





def package_timestamp() -> float:
    """Build time, or ``SOURCE_DATE_EPOCH`` for byte-reproducible packages."""
    fixed = os.environ.get("SOURCE_DATE_EPOCH")
    return float(fixed) if fixed and fixed.isdigit() else time.time()


def write_package(package, path: str | os.PathLike[str]) -> Path:
    """Write a genanki package to a temporary file beside ``path`` and rename it into place."""
    import tempfile

    from ..atomic import replacing

    with replacing(path) as temporary, tempfile.TemporaryDirectory(prefix="flashcards-") as scratch:
        # genanki builds the collection in a temporary SQLite file it never deletes; pointing
        # the temporary folder at one of ours for the call lets that file go with the folder.
        saved, tempfile.tempdir = tempfile.tempdir, scratch
        try:
            package.write_to_file(temporary, timestamp=package_timestamp())
        finally:
            tempfile.tempdir = saved
    return Path(path)


def write_apkg(lesson: Lesson, path: str | os.PathLike[str]) -> Path:
    """Write the Chinese-learner deck of ``lesson`` to ``path`` atomically."""
    return write_package(build_package(lesson), path)
