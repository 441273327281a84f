"""Write the reverse deck, for Chinese speakers learning English, as an Anki package.

The same article read the other way: English on the front, the translator's Chinese as the
key. The deck has note types, deck IDs and a GUID namespace of its own, so that a learner who
imports it beside the Chinese-learner deck of :mod:`flashcards.render.anki` gets no clash;
labels are Chinese (the learner's language), and Anki's built-in ``{{tts en_US:…}}`` speaks
the English on every platform. Everything taken from the article is HTML-escaped here.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from ..dictionary import CREDIT
from ..english.pos import TAGGER_CREDIT
from ..english_vocab import CMUDICT_CREDIT, HETERONYM_CREDIT, LEMMINFLECT_CREDIT, WORDFREQ_CREDIT, EnglishVocabularyItem
from ..models import AnnotatedSentence, Lesson
from .anki import _source_html, _tag, _template, combined, deck_tree, note_type, write_package
from .fields import deck_part, escape, highlighted

REVERSE_VOCABULARY_MODEL_ID = 1_731_905_101
REVERSE_SENTENCE_MODEL_ID = 1_731_905_102
VOCABULARY_NAMESPACE = "flashcards:reverse-vocabulary"
SENTENCE_NAMESPACE = "flashcards:reverse-sentence"
VOCABULARY_FIELDS = ("Word", "Form", "IPA", "POS", "Chinese", "Dictionary", "Sentence", "Cloze",
                     "SentenceChinese", "SentencePinyin", "Source")
SENTENCE_FIELDS = ("English", "Chinese", "Pinyin", "Source")
BLANK = '<span class="cloze">_____</span>'
# Parts of speech as Chinese dictionaries for learners of English write them.
POS_LABELS = {"noun": "n. 名词", "verb": "v. 动词", "adj": "adj. 形容词", "adv": "adv. 副词",
              "phrase": "短语"}
PHRASE_POS_LABELS = {"noun": "名词短语", "verb": "动词短语", "adj": "形容词短语", "adv": "副词短语",
                     "phrase": "短语"}


@lru_cache(maxsize=1)
def _models():
    """The two note types: English vocabulary (recognition and cloze cards) and English sentence."""
    css = _template("cards.css") + "\n" + _template("reverse.css")
    vocabulary = note_type(REVERSE_VOCABULARY_MODEL_ID, "flashcards: English vocabulary (for Chinese speakers)",
                           VOCABULARY_FIELDS, [("认词 Recognition", "reverse_vocabulary"),
                                               ("填空 Cloze", "reverse_cloze")], css)
    sentence = note_type(REVERSE_SENTENCE_MODEL_ID, "flashcards: English sentence (for Chinese speakers)",
                         SENTENCE_FIELDS, [("读句 Reading", "reverse_sentence")], css)
    return vocabulary, sentence


def vocabulary_guid(item: EnglishVocabularyItem) -> str:
    """One note per English word or phrase, whichever article it came from (like the forward deck)."""
    import genanki

    return genanki.guid_for(VOCABULARY_NAMESPACE, item.word)


def sentence_guid(english: str) -> str:
    import genanki

    return genanki.guid_for(SENTENCE_NAMESPACE, english)


def deck_name(lesson: Lesson) -> str:
    """The English title (it is an English deck) and 英语, so it never shares the forward deck's name."""
    title = lesson.title.en or lesson.title.zh or lesson.slug
    return f"{deck_part(title)} (英语)"


def description(lesson: Lesson) -> str:
    parts = [f"<p>{escape(lesson.title.en)}</p>" if lesson.title.en else "",
             f"<p>{escape(lesson.title.zh)}</p>" if lesson.title.zh else "",
             f"<p>来源 Source: {escape(lesson.article.source)}</p>" if lesson.article.source else "",
             "<p>为学英语的中文读者制作：英文原文在正面，译者的中文在背面。"
             "Made with flashcards for Chinese speakers learning English.</p>",
             f"<p>{escape(CREDIT)}</p>", f"<p>{escape(CMUDICT_CREDIT)}</p>", f"<p>{escape(WORDFREQ_CREDIT)}</p>",
             f"<p>{escape(LEMMINFLECT_CREDIT)}</p>", f"<p>{escape(TAGGER_CREDIT)}</p>",
             f"<p>{escape(HETERONYM_CREDIT)}</p>"]
    return "".join(parts)


def blanked(text: str, span: tuple[int, int], word: str = "") -> str:
    """The sentence, escaped, with ``text[start:end]`` replaced by a blank for the cloze card, and
    so is every other use of that form or of ``word`` in it: a second one would give the answer away."""
    import re

    start, end = span
    forms = sorted({text[start:end], word} - {""}, key=len, reverse=True)
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, forms)) + r")(?!\w)", re.IGNORECASE)
    holes = sorted([span] + [m.span() for m in pattern.finditer(text) if m.end() <= start or m.start() >= end])
    pieces, last = [], 0
    for hole_start, hole_end in holes:
        pieces += [escape(text[last:hole_start]), BLANK]
        last = hole_end
    return "".join(pieces) + escape(text[last:])


def pos_label(item: EnglishVocabularyItem) -> str:
    """"n. 名词"; a phrase says what kind of phrase it is ("动词短语" for "give up")."""
    labels = PHRASE_POS_LABELS if " " in item.word else POS_LABELS
    return labels.get(item.pos, escape(item.pos))


def vocabulary_fields(item: EnglishVocabularyItem, sentence: AnnotatedSentence, source: str) -> dict[str, str]:
    english, chinese = sentence.pair.en_text, sentence.pair.zh_text
    return {
        "Word": escape(item.word),
        "Form": escape(item.form) if item.form.lower() != item.word.lower() else "",
        "IPA": f"/{escape(item.ipa)}/" if item.ipa else "",
        "POS": pos_label(item),
        "Chinese": escape(item.chinese or ""),
        "Dictionary": "、".join(escape(word) for word in item.dictionary_chinese),
        "Sentence": highlighted(english, item.en_span),
        "Cloze": blanked(english, item.en_span, item.word),
        "SentenceChinese": highlighted(chinese, item.chinese_span),
        "SentencePinyin": escape(sentence.pinyin),
        "Source": source,
    }


def sentence_fields(sentence: AnnotatedSentence, source: str) -> dict[str, str]:
    return {
        "English": escape(sentence.pair.en_text),
        "Chinese": escape(sentence.pair.zh_text),
        "Pinyin": escape(sentence.pinyin),
        "Source": source,
    }


def reverse_decks(lesson: Lesson, items: Sequence[EnglishVocabularyItem], within: str = "") -> list:
    """The article's English deck with 词汇 (vocabulary) and 句子 (sentences) subdecks.

    Sentence cards come from every pair with both languages, each English sentence once.
    :param within: a deck to put them under (``--combine``), as for the Chinese decks.
    """
    import genanki

    vocabulary_model, sentence_model = _models()
    parent, vocabulary_deck, sentence_deck = deck_tree(lesson, deck_name(lesson), description(lesson), within,
                                                       "reverse:", ("词汇", "句子"))
    article_tag = f"article::{_tag(lesson.slug)}"
    source = _source_html(lesson)
    by_id = {sentence.pair.id: sentence for sentence in lesson.sentences}

    for item in items:
        fields = vocabulary_fields(item, by_id[item.sentence], source)
        vocabulary_deck.add_note(genanki.Note(
            model=vocabulary_model, fields=[fields[field] for field in VOCABULARY_FIELDS],
            guid=vocabulary_guid(item), tags=[article_tag, f"frequency::{item.band}", f"pos::{_tag(item.pos)}"]))

    seen: set[str] = set()
    for sentence in lesson.sentences:
        english = sentence.pair.en_text
        if not (english and sentence.pair.zh_text) or english in seen:
            continue
        seen.add(english)
        fields = sentence_fields(sentence, source)
        sentence_deck.add_note(genanki.Note(
            model=sentence_model, fields=[fields[field] for field in SENTENCE_FIELDS],
            guid=sentence_guid(english), tags=[article_tag]))

    return [parent, vocabulary_deck, sentence_deck]


def build_reverse_package(lesson: Lesson, items: Sequence[EnglishVocabularyItem]):
    """A genanki Package: the article's English deck with its 词汇 and 句子 subdecks."""
    import genanki

    return genanki.Package(reverse_decks(lesson, items))


def build_combined_reverse_package(name: str, lessons_and_items: list[tuple[Lesson, Sequence[EnglishVocabularyItem]]]):
    """``--combine NAME``: the English decks of many articles in one package."""
    text = f"<p>{escape(name)} (英语): {len(lessons_and_items)} articles.</p><p>{escape(CREDIT)}</p>"
    return combined(f"{name} (英语)", [reverse_decks(lesson, items, within=f"{name} (英语)")
                                     for lesson, items in lessons_and_items], text)





def why_no_reverse_deck(lesson: Lesson) -> str | None:
    """The reason, for the build's summary line, that an article gets no reverse deck, or None."""
    if not lesson.article.has_english:
        return "no reverse deck: the article has no English text"
    if not any(sentence.pair.en and sentence.pair.zh for sentence in lesson.sentences):
        return "no reverse deck: no English sentence has a Chinese translation"
    return None


def write_reverse_apkg(lesson: Lesson, items: Sequence[EnglishVocabularyItem],
                       path: str | os.PathLike[str]) -> Path:
    """Write the reverse package to a temporary file beside ``path`` and rename it into place."""
    return write_package(build_reverse_package(lesson, items), path)
