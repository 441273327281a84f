"""The data behind a deck as JSON or a TSV table, for tools (the teacher's CSV is in wordlist.py)."""

from __future__ import annotations

import csv
import io
import json

from ..dictionary import CREDIT
from ..models import Lesson, Token
from ..wordlist import neutralised

CSV_COLUMNS = ("word", "traditional", "pinyin", "pinyin_numbered", "definitions", "classifiers",
               "english", "sentence", "sentence_en", "frequency_band", "zipf", "hsk")


def lesson_dict(lesson: Lesson, english_vocabulary: list[dict] | None = None) -> dict:
    return {
        "title": {"en": lesson.title.en, "zh": lesson.title.zh},
        "source": lesson.article.source,
        "slug": lesson.slug,
        "credits": [CREDIT],
        "sentences": [
            {"id": s.pair.id, "en": s.pair.en_text, "zh": s.pair.zh_text, "pinyin": s.pinyin,
             "paragraph": s.pair.paragraph}
            for s in lesson.sentences
        ],
        "vocabulary": [
            {"word": item.word, "traditional": item.traditional, "pinyin": item.pinyin,
             "pinyin_numbered": item.pinyin_numbered, "definitions": list(item.definitions),
             "classifiers": list(item.classifiers), "pos": item.pos, "english": item.english,
             "sentence": item.sentence, "frequency_band": item.band, "zipf": item.zipf,
             "hsk": item.hsk, "meaning_from_article": item.meaning_from_article}
            for item in lesson.vocabulary
        ],
        "english_vocabulary": english_vocabulary or [],
    }


def to_json(lesson: Lesson, english_vocabulary: list[dict] | None = None) -> str:
    return json.dumps(lesson_dict(lesson, english_vocabulary), ensure_ascii=False, indent=2) + "\n"


def to_table(lesson: Lesson, delimiter: str) -> str:
    english = {s.pair.id: s.pair.en_text for s in lesson.sentences}
    chinese = {s.pair.id: s.pair.zh_text for s in lesson.sentences}
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for item in lesson.vocabulary:
        writer.writerow([neutralised(cell) for cell in (
            item.word, item.traditional, item.pinyin, item.pinyin_numbered, "; ".join(item.definitions),
            ", ".join(item.classifiers), item.english or "", chinese[item.sentence], english[item.sentence],
            item.band, f"{item.zipf:.2f}", item.hsk)])
    return out.getvalue()


def token_dict(token: Token) -> dict:
    from ..meanings import gloss_for

    if token.reading is None:
        return {"text": token.text, "pinyin": None, "pinyin_numbered": None, "definitions": []}
    gloss = gloss_for(token.reading, token.entries)
    return {"text": token.text, "pinyin": token.reading.marked, "pinyin_numbered": token.reading.numbered,
            "definitions": list(gloss.senses)}
