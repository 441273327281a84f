"""The teacher's word list: the vocabulary as a spreadsheet to edit, and the edited file read back.

A teacher exports the words we chose (:func:`to_csv`, :func:`write_wordlist`), opens the file
in Excel, LibreOffice or a text editor, marks words ``no``, adds words of their own, corrects a
reading or a meaning and writes a note. :func:`read_wordlist` reads the file back, forgiving
what spreadsheets do to files (a byte-order mark, UTF-16 or GB18030 from a Chinese Windows,
semicolons as separators, columns moved or added); :func:`apply_wordlist` makes it the lesson's
selection, so that the deck and the handout built from the returned lesson teach the same words.

Rules, applied the same way on every rebuild (the same file always gives the same lesson):

* The file *is* the selection, in its own row order: a row marked ``no`` is left out, and so is
  a word of ours that the file does not list (deleting a row is the same as marking it ``no``).
* An empty cell keeps what we found (pinyin, meaning, English counterpart, sentence); a filled
  one wins over ours. Pinyin may have tone marks (``yínháng``, ``Xī'ān``) or tone numbers
  (``yin2 hang2``); the meaning is split into senses at ``;``; an English cell of ``-`` means
  "no counterpart in the article's English".
* A word we did not choose is looked up in the article: the sentence the teacher names in the
  ``sentence`` column if the article has it, else the first sentence that uses the word as a
  word (a token), else the first that contains it at all. Its reading and meanings come from
  that token, or from CC-CEDICT and pypinyin when the segmenter cut the text differently.
* A word the article does not contain is still included. Its example sentence is the one the
  teacher wrote in the ``sentence`` column, else none: the lesson gets an extra sentence with
  ``paragraph == -1`` (``id`` "x1", "x2", …) that is not part of the article. It carries only
  Chinese, so the deck gets a sentence card without English (as a Chinese-only article gives)
  when the teacher wrote one, and no sentence card and an empty example when they did not.
* The teacher's note is kept on the item: items of a lesson built from a word list are
  :class:`ChosenItem` objects, a :class:`~flashcards.models.VocabularyItem` with a ``note``
  field, so everything that renders vocabulary items keeps working and the handout (and a
  re-export of the word list) can show the note. Use :func:`note_of` to read it from any item.

A malformed row is reported as one line with its file and line number ("words.csv:7: include
must be yes or no") and left out; every other row still applies. Remarks made while applying
(a word CC-CEDICT does not know, pinyin that does not fit the word) are appended to the
lesson's ``notes`` in the same form.
"""

from __future__ import annotations

import csv
import io
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, fields, replace
from functools import lru_cache
from pathlib import Path

from .models import AnnotatedSentence, Lesson, Reading, SentencePair, Token, VocabularyItem
from .read import MAX_BYTES, read_bytes

# A cell may be as long as a file may be (an article's cap), rather than csv's 128 KB, which
# made a long header line an internal error.
csv.field_size_limit(max(csv.field_size_limit(), MAX_BYTES))

WORDLIST_COLUMNS = ("word", "pinyin", "meaning", "english", "sentence", "include", "note")

# Other names a header may use for our columns (the ``export --format csv`` table among them),
# so that a teacher can also feed back that file or one with headers of their own.
_ALIASES = {
    "words": "word", "hanzi": "word", "chinese": "word", "simplified": "word", "词语": "word", "词": "word",
    "拼音": "pinyin",
    "meanings": "meaning", "definition": "meaning", "definitions": "meaning", "释义": "meaning", "意思": "meaning",
    "counterpart": "english", "英文": "english",
    "example": "sentence", "例句": "sentence", "句子": "sentence",
    "keep": "include", "use": "include", "included": "include",
    "notes": "note", "comment": "note", "comments": "note", "备注": "note",
}
MAX_WORD_LENGTH = 32  # CC-CEDICT's longest entries have about 20; a pasted paragraph is not a word
_YES = frozenset({"yes", "y", "true", "1", "x", "是", "要"})
_NO = frozenset({"no", "n", "false", "0", "否", "不", "不要"})
_NO_COUNTERPART = frozenset({"-", "—", "–", "none"})


@dataclass(frozen=True)
class WordListRow:
    """One row of a teacher's word list; empty strings are cells the teacher left empty.

    :param source: the file name as the user gave it, for messages.
    :param line: the line of the file where the row starts (1 is the header).
    """

    source: str
    line: int
    word: str
    pinyin: str = ""
    meaning: str = ""
    english: str = ""
    sentence: str = ""
    include: bool = True
    note: str = ""

    @property
    def where(self) -> str:
        return f"{self.source}:{self.line}"


@dataclass(frozen=True)
class ChosenItem(VocabularyItem):
    """A vocabulary item chosen through a teacher's word list, with the teacher's note.

    A subclass rather than a new field of :class:`VocabularyItem`, so that the models stay
    as they are and every renderer that takes vocabulary items takes these too.
    """

    note: str = ""


def note_of(item: VocabularyItem) -> str:
    """The teacher's note on an item ("" for an item that did not come from a word list)."""
    return getattr(item, "note", "")


# --------------------------------------------------------------------------------------------
# Spreadsheet cells

# A cell that starts with one of these runs as a formula in Excel and LibreOffice (OWASP's list,
# "CSV Injection"); an apostrophe before it makes it text. Cells that already start with
# apostrophes before such a character get one more, so that reading back removes exactly one and
# every cell comes back as it was.
_FORMULA = re.compile(r"'*[=+\-@\t\r]")


def neutralised(cell: str) -> str:
    """``cell`` as a spreadsheet shows it as text: ``=SUM(1,1)`` → ``'=SUM(1,1)``."""
    return "'" + cell if _FORMULA.match(cell) else cell


def restored(cell: str) -> str:
    """The inverse of :func:`neutralised`: ``'=SUM(1,1)`` → ``=SUM(1,1)``; other cells unchanged."""
    return cell[1:] if cell.startswith("'") and _FORMULA.match(cell, 1) else cell


# --------------------------------------------------------------------------------------------
# Writing


def to_csv(lesson: Lesson) -> str:
    """The lesson's vocabulary as CSV text with :data:`WORDLIST_COLUMNS`, one row a word.

    ``meaning`` is the senses joined by "; ", ``sentence`` the Chinese of the word's example
    sentence, ``include`` is "yes" and ``note`` the teacher's note when the lesson already
    came from a word list (so export → edit → rebuild → export keeps the notes).
    """
    chinese = {sentence.pair.id: sentence.pair.zh_text for sentence in lesson.sentences}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(WORDLIST_COLUMNS)
    for item in lesson.vocabulary:
        writer.writerow([neutralised(cell) for cell in (
            item.word, item.pinyin, "; ".join(item.definitions), item.english or "", chinese.get(item.sentence, ""),
            "yes", note_of(item))])
    return out.getvalue()


def write_wordlist(lesson: Lesson, path: str | os.PathLike[str]) -> Path:
    """Write :func:`to_csv` to ``path`` atomically, as UTF-8 with a byte-order mark.

    The mark is what makes Excel read the file as UTF-8 rather than the system's code page,
    which would turn every Chinese word into mojibake; other programs ignore it.
    """
    from .atomic import write_text

    return write_text(path, "\ufeff" + to_csv(lesson))


# --------------------------------------------------------------------------------------------
# Reading


def read_wordlist(path: str | os.PathLike[str]) -> tuple[list[WordListRow], list[str]]:
    """The rows of a word list and one line for each row that could not be read.

    Raises :class:`~flashcards.errors.InputError` only when nothing can be read at all (no
    file, not text, no ``word`` column); a bad row is reported and skipped.
    """
    from .errors import InputError

    name = os.fspath(path)
    data = read_bytes(name, "a word list")
    try:
        text = _decode(data)
    except UnicodeDecodeError:
        raise InputError(name, "the word list is not text (save it as CSV UTF-8)") from None
    return parse_wordlist(unicodedata.normalize("NFC", text), name)


def parse_wordlist(text: str, source: str = "word list") -> tuple[list[WordListRow], list[str]]:
    """:func:`read_wordlist` for text already in memory; ``source`` names it in messages."""
    from .errors import InputError

    text = text.lstrip("\ufeff")
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    if not first_line:
        raise InputError(source, "the word list is empty")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(first_line))
    rows: list[WordListRow] = []
    problems: list[str] = []
    columns: dict[str, int] | None = None
    end = 0
    try:
        for record in reader:
            start, end = end + 1, reader.line_num
            if not any(cell.strip() for cell in record):
                continue
            if columns is None:
                columns = _columns(record)
                if "word" not in columns:
                    raise InputError(source, f"line {start}: no 'word' column; the first line must name "
                                             f"the columns ({', '.join(WORDLIST_COLUMNS)})")
                continue
            row, problem = _row(record, columns, source, start)
            if problem:
                problems.append(f"{source}:{start}: {problem}")
            if row is not None:
                rows.append(row)
    except csv.Error as error:
        problems.append(f"{source}:{reader.line_num}: {error}; the rest of the file was not read")
    return rows, problems


def _decode(data: bytes) -> str:
    """UTF-8 with or without BOM; UTF-16 (Excel's "Unicode text"); else GB18030.

    Excel's plain "CSV" on a Chinese Windows writes the ANSI code page, GBK, which GB18030
    contains; we try it only when the bytes are not UTF-8.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("gb18030")


def _delimiter(header: str) -> str:
    """The separator that splits the header into the most column names we know.

    Excel writes ";" where the decimal separator is a comma and tabs in "Unicode text";
    a sniffer guesses from the data, but the header is ours and tells for sure.
    """
    def known(delimiter: str) -> int:
        cells = next(csv.reader([header], delimiter=delimiter))
        return sum(_column_name(cell) in WORDLIST_COLUMNS for cell in cells)

    return max((",", ";", "\t"), key=known)


def _column_name(cell: str) -> str:
    name = cell.strip().strip("\ufeff").lower().replace(" ", "_")
    return _ALIASES.get(name, name)


def _columns(header: Sequence[str]) -> dict[str, int]:
    """Column name → index; the first of two columns with the same name wins, others are ignored."""
    columns: dict[str, int] = {}
    for index, cell in enumerate(header):
        name = _column_name(cell)
        if name in WORDLIST_COLUMNS and name not in columns:
            columns[name] = index
    return columns


def _row(record: Sequence[str], columns: dict[str, int], source: str,
         line: int) -> tuple[WordListRow | None, str | None]:
    def cell(name: str) -> str:
        index = columns.get(name)
        return restored(record[index]).strip() if index is not None and index < len(record) else ""

    word = re.sub(r"\s+", "", cell("word"))
    if word.startswith("#"):
        return None, None  # a comment line a teacher may keep
    if not word:
        return None, "word is empty; the row was left out"
    if len(word) > MAX_WORD_LENGTH:
        return None, f"a word of more than {MAX_WORD_LENGTH} characters is not a word; the row was left out"
    include_text = cell("include").lower()
    if include_text and include_text not in _YES and include_text not in _NO:
        return None, f"include must be yes or no, not {cell('include')!r}; the row for {word} was left out"
    return WordListRow(source=source, line=line, word=word, pinyin=cell("pinyin"), meaning=cell("meaning"),
                       english=cell("english"), sentence=cell("sentence"),
                       include=include_text not in _NO, note=cell("note")), None


# --------------------------------------------------------------------------------------------
# Applying


def apply_wordlist(lesson: Lesson, rows: Iterable[WordListRow], dictionary=None) -> Lesson:
    """A new lesson whose vocabulary is the teacher's selection (see the module's rules).

    :param dictionary: the CC-CEDICT :class:`~flashcards.dictionary.Dictionary` (loaded when
        None), to look up words the teacher added.
    :returns: the lesson with ``vocabulary`` replaced by :class:`ChosenItem` objects in the
        teacher's order, extra sentences appended for words the article does not contain, and
        remarks appended to ``notes``.
    """
    if dictionary is None:
        from . import dictionary as cedict

        dictionary = cedict.load()
    chooser = _Chooser(lesson, dictionary)
    for row in rows:
        if row.include:
            chooser.add(row)
    return replace(lesson, sentences=lesson.sentences + tuple(chooser.extra_sentences),
                   vocabulary=tuple(chooser.items), notes=lesson.notes + tuple(chooser.remarks))


def apply_wordlist_file(lesson: Lesson, path: str | os.PathLike[str], dictionary=None) -> tuple[Lesson, list[str]]:
    """Read the word list at ``path`` and apply it: the new lesson and every problem, one line each.

    The one call ``build``, ``lesson`` and ``export --vocab FILE`` need: print the problems,
    use the lesson.
    """
    rows, problems = read_wordlist(path)
    chosen = apply_wordlist(lesson, rows, dictionary)
    return chosen, summarised(problems + list(chosen.notes[len(lesson.notes):]))


SAME_REMARKS_SHOWN = 5  # a list of 20,000 new words printed 40,000 lines


def summarised(lines: Sequence[str]) -> list[str]:
    """``file:line: remark`` lines with at most :data:`SAME_REMARKS_SHOWN` of each kind of remark
    (the same words but for the row's own: its Chinese, a quoted cell), then one line for the rest."""
    kinds: dict[str, list[tuple[str, str]]] = {}
    shown: list[str | tuple[str, str]] = []
    for line in lines:
        match = re.match(r"(.*?):(\d+): (.*)", line)
        if match is None:
            shown.append(line)
            continue
        kind = _REMARK_SPECIFICS.sub("…", match.group(3))
        same = kinds.setdefault(kind, [])
        same.append((match.group(1), match.group(2)))
        if len(same) <= SAME_REMARKS_SHOWN:
            shown.append(line)
        elif len(same) == SAME_REMARKS_SHOWN + 1:
            shown.append((kind, match.group(1)))  # where the summary goes
    result = []
    for line in shown:
        if isinstance(line, str):
            result.append(line)
            continue
        kind, source = line
        rest = [number for _source, number in kinds[kind][SAME_REMARKS_SHOWN:]]
        where = ", ".join(rest) if len(rest) <= 6 else f"{', '.join(rest[:3])}, … {rest[-1]}"
        result.append(f"{source}: {len(rest)} more rows like that (lines {where}): {kind}")
    return result


_REMARK_SPECIFICS = re.compile(r"\d+|'[^']*'|\"[^\"]*\"|[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]+")


class _Chooser:
    """Builds the chosen items one row at a time, remembering what it has used."""

    def __init__(self, lesson: Lesson, dictionary) -> None:
        self.lesson = lesson
        self.dictionary = dictionary
        self.items: list[ChosenItem] = []
        self.extra_sentences: list[AnnotatedSentence] = []
        self.remarks: list[str] = []
        self._ours = list(lesson.vocabulary)
        self._ours_by_word: dict[str, list[int]] = {}
        for index, item in enumerate(self._ours):
            self._ours_by_word.setdefault(item.word, []).append(index)
        self._used: set[int] = set()
        self._just_used: int | None = None  # of ours, by the row being added
        self._next_extra = 1  # the lowest "xN" id that may be free
        self._lines: dict[tuple[str, str], int] = {}
        self._article = [s for s in lesson.sentences if s.pair.zh and s.pair.paragraph >= 0]
        self._article_texts = [_normalised(s.pair.zh_text) for s in self._article]  # once, not once a row
        self._extra_ids = {s.pair.id for s in lesson.sentences if s.pair.paragraph < 0}
        self._taken_ids = {s.pair.id for s in lesson.sentences}

    def add(self, row: WordListRow) -> None:
        """Choose the row's word, with the teacher's corrections; a repeated word is reported."""
        extra, remarks, self._just_used = len(self.extra_sentences), len(self.remarks), None
        item = self._ours_for(row) or self._looked_up(row)
        item = self._with_sentence(item, row)
        item = self._with_pinyin(item, row)
        new_meaning = bool(row.meaning) and _normalised(row.meaning) != _normalised("; ".join(item.definitions))
        if new_meaning:
            senses = tuple(sense.strip() for sense in row.meaning.split(";") if sense.strip())
            item = replace(item, definitions=senses)
        item = self._with_english(item, row)
        if item.english is None and not row.english and new_meaning:
            item = self._counterpart(item)  # the teacher's meaning may find what ours did not
        key = (item.word, item.reading.numbered.lower())
        if key in self._lines:  # undo what this row did, say why
            for sentence in self.extra_sentences[extra:]:
                self._extra_ids.discard(sentence.pair.id)
                self._taken_ids.discard(sentence.pair.id)
            del self.extra_sentences[extra:], self.remarks[remarks:]
            self._used.discard(self._just_used)
            self.remarks.append(f"{row.where}: {row.word} is already on line {self._lines[key]}; "
                                "this row was left out")
            return
        if not item.definitions:
            self.remarks.append(f"{row.where}: CC-CEDICT has no meaning for {row.word}; write one in the "
                                "meaning column")
        self._lines[key] = row.line
        values = {field.name: getattr(item, field.name) for field in fields(VocabularyItem)}
        self.items.append(ChosenItem(**values, note=row.note))

    # -- finding the item ----------------------------------------------------------------

    def _ours_for(self, row: WordListRow) -> VocabularyItem | None:
        """Our item for the row's word: the one with the row's pinyin if we chose several."""
        candidates = [i for i in self._ours_by_word.get(row.word, ()) if i not in self._used]
        if not candidates:
            return None
        wanted = _normalised(row.pinyin)
        chosen = next((i for i in candidates if wanted in (_normalised(self._ours[i].pinyin),
                                                            _normalised(self._ours[i].pinyin_numbered))),
                      candidates[0])
        self._used.add(chosen)
        self._just_used = chosen
        return self._ours[chosen]

    def _looked_up(self, row: WordListRow) -> VocabularyItem:
        """An item for a word we did not choose, from the article where it can be."""
        from .vocab import make_item

        named = self._named_sentence(row)
        for sentence in ([named] if named else []) + self._article:
            if row.word not in sentence.pair.zh_text:
                continue
            token = next((t for t in sentence.tokens if t.text == row.word and t.reading is not None), None)
            if token is not None:
                return make_item(token, sentence)
        for sentence in ([named] if named else []) + self._article:
            if row.word in sentence.pair.zh_text:
                return self._item(self._token(row.word), sentence, row)
        sentence = self._extra_sentence(row)
        where = "your sentence" if sentence.pair.zh else "no example sentence"
        self.remarks.append(f"{row.where}: {row.word} is not in the article; its card has {where}")
        token = next((t for t in sentence.tokens if t.text == row.word and t.reading is not None), None)
        return self._item(token or self._token(row.word), sentence, row)

    def _token(self, word: str) -> Token:
        """The word on its own, with a dictionary or pypinyin reading (None if not all Chinese)."""
        from .readings import annotate
        from .segment import tag_of

        return annotate([(word, tag_of(word))], self.dictionary)[0]

    def _item(self, token: Token, sentence: AnnotatedSentence, row: WordListRow) -> VocabularyItem:
        from .vocab import band_of, make_item, zipf

        if token.reading is not None and token.entries:
            return make_item(token, sentence)
        # Not in CC-CEDICT (茶叶市场), or not all Chinese (卡拉OK): no meanings of ours, and no
        # reading either in the second case; the teacher's row supplies them.
        frequency = zipf(token.text)
        reading = token.reading or Reading(())
        return VocabularyItem(word=token.text, traditional=token.text, reading=reading, definitions=(),
                              classifiers=(), pos=token.pos, english=None, english_span=None,
                              sentence=sentence.pair.id, zipf=frequency, band=band_of(frequency),
                              proper=reading.syllables[:1] != () and reading.syllables[0][:1].isupper())

    def _named_sentence(self, row: WordListRow) -> AnnotatedSentence | None:
        """The article sentence the row's ``sentence`` cell names, if it names one with the word."""
        wanted = _normalised(row.sentence)
        if not wanted:
            return None
        exact = [s for s, text in zip(self._article, self._article_texts) if text == wanted]
        partial = [s for s, text in zip(self._article, self._article_texts) if wanted in text]
        return next((s for s in exact + partial if row.word in s.pair.zh_text), None)

    def _extra_sentence(self, row: WordListRow) -> AnnotatedSentence:
        """A sentence outside the article for a word it lacks: the teacher's, or an empty one."""
        from .readings import annotate
        from .segment import segment

        chinese = row.sentence if row.word in row.sentence else ""
        if row.sentence and not chinese:
            self.remarks.append(f"{row.where}: the sentence does not contain {row.word}; it was not used")
        while f"x{self._next_extra}" in self._taken_ids:
            self._next_extra += 1
        number = self._next_extra
        self._taken_ids.add(f"x{number}")
        pair = SentencePair(id=f"x{number}", en=(), zh=(chinese,) if chinese else (), paragraph=-1)
        tokens = tuple(annotate(segment(chinese, self.dictionary), self.dictionary)) if chinese else ()
        sentence = AnnotatedSentence(pair, tokens)
        self.extra_sentences.append(sentence)
        self._extra_ids.add(pair.id)
        return sentence

    # -- the teacher's corrections -------------------------------------------------------

    def _with_sentence(self, item: VocabularyItem, row: WordListRow) -> VocabularyItem:
        """Move the item to the article sentence the teacher chose, if they chose another."""
        if not row.sentence or item.sentence in self._extra_ids:
            return item
        current = self.lesson.sentence_by_id(item.sentence)
        if _normalised(current.pair.zh_text) == _normalised(row.sentence):
            return item
        named = self._named_sentence(row)
        if named is None:
            self.remarks.append(f"{row.where}: the article has no sentence {row.sentence!r} with {row.word}; "
                                "the card keeps the article's sentence")
            return item
        token = next((t for t in named.tokens if t.text == item.word and t.reading is not None), None)
        return self._item(token or self._token(item.word), named, row)

    def _with_pinyin(self, item: VocabularyItem, row: WordListRow) -> VocabularyItem:
        if not row.pinyin or _normalised(row.pinyin) in (_normalised(item.pinyin),
                                                        _normalised(item.pinyin_numbered)):
            return item
        from .readings import is_all_chinese

        count = len(item.word) if is_all_chinese(item.word) else None
        try:
            syllables = parse_pinyin(row.pinyin, count, item.reading.syllables or None)
        except ValueError as error:
            self.remarks.append(f"{row.where}: {error}; kept {item.pinyin or 'no pinyin'} for {item.word}")
            return item
        return replace(item, reading=Reading(syllables), proper=syllables[0][:1].isupper())

    def _with_english(self, item: VocabularyItem, row: WordListRow) -> VocabularyItem:
        if not row.english or row.english == (item.english or ""):
            return item
        if row.english.lower() in _NO_COUNTERPART:
            return replace(item, english=None, english_span=None)
        english = "" if item.sentence in self._extra_ids else self.lesson.sentence_by_id(item.sentence).pair.en_text
        start = english.lower().find(row.english.lower())
        if start < 0:
            return replace(item, english=row.english, english_span=None)
        end = start + len(row.english)
        return replace(item, english=english[start:end], english_span=(start, end))

    def _counterpart(self, item: VocabularyItem) -> VocabularyItem:
        """The English words the teacher's meaning finds in the sentence ("tea market")."""
        from .meanings import find_counterpart

        if item.sentence in self._extra_ids:
            return item
        english = self.lesson.sentence_by_id(item.sentence).pair.en_text
        found = find_counterpart(item.definitions, english)
        if found is None:
            return item
        return replace(item, english=found.text, english_span=(found.start, found.end))


def _normalised(text: str) -> str:
    """For comparing cells with our values: NFC, no white space, lower case."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFC", text)).lower()


# --------------------------------------------------------------------------------------------
# Pinyin as teachers type it

_INITIALS = ("", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q", "x",
             "zh", "ch", "sh", "r", "z", "c", "s", "y", "w")
_FINALS = ("a", "o", "e", "ai", "ei", "ao", "ou", "an", "en", "ang", "eng", "ong", "er", "i", "ia", "ie",
           "iao", "iu", "ian", "in", "iang", "ing", "iong", "u", "ua", "uo", "uai", "ui", "uan", "un", "uang",
           "ueng", "ue", "ü", "üe", "üan", "ün", "ê")
_TONE_MARKS = {marked: (plain, tone + 1)
               for plain, row in {"a": "āáǎà", "e": "ēéěè", "i": "īíǐì", "o": "ōóǒò", "u": "ūúǔù",
                                  "ü": "ǖǘǚǜ"}.items()
               for tone, marked in enumerate(row)}


@lru_cache(maxsize=1)
def _syllables() -> frozenset[str]:
    """Every spelling a pinyin syllable may have (a superset: ``biong`` passes, ``xyz`` does not).

    Generous on purpose: the inventory only has to find where syllables end.
    """
    return frozenset(i + f for i in _INITIALS for f in _FINALS)


MAX_PINYIN_LETTERS = 200  # a long idiom has 40; the split's work grows with letters times syllables

# Syllables without a vowel: interjections (m, n, ng, hm, hng) stand alone, erhua "r" ends a word.
_ALONE = frozenset({"m", "n", "ng", "hm", "hng"})


def parse_pinyin(text: str, count: int | None = None, guide: Sequence[str] | None = None) -> tuple[str, ...]:
    """A teacher's pinyin as numbered syllables: ``"yínháng"`` / ``"yin2 hang2"`` → ``("yin2", "hang2")``.

    Syllables written together are split with a syllable inventory into ``count`` syllables
    (one a character); where several splits fit, the one that agrees with ``guide`` (our
    reading) wins, then the one that needs no apostrophe (``fāngàn`` is fān + gàn), then the
    longest first syllable. A syllable without a tone is neutral (5). Capitals are kept, as
    CC-CEDICT writes names (``Xī'ān`` → ``("Xi1", "an1")``).

    :raises ValueError: with a one-line reason when the text is not pinyin of ``count`` syllables
        with at most one tone each.
    """
    text = unicodedata.normalize("NFC", text.strip())
    groups: list[tuple[str, list[int]]] = []  # (letters, tone at each letter or 0)
    for chunk in re.split(r"[\s'’‘\-·.,]+|(?<=[1-5])", text):
        if not chunk:
            continue
        letters, tones = "", []
        for char in chunk.replace("u:", "ü").replace("U:", "Ü"):
            lower = char.lower()
            if lower in _TONE_MARKS:
                plain, tone = _TONE_MARKS[lower]
                letters += plain.upper() if char.isupper() else plain
                tones.append(tone)
            elif char in "12345" and letters:
                tones[-1] = tones[-1] or int(char)
            elif lower in "abcdefghijklmnopqrstuvwxyzü":
                letters += ("Ü" if char == "V" else "ü") if lower == "v" else char
                tones.append(0)
            else:
                raise ValueError(f"pinyin {text!r} has {char!r}, which is not a pinyin letter")
        groups.append((letters, tones))
    if not groups:
        raise ValueError("pinyin is empty")
    if sum(len(letters) for letters, _tones in groups) > MAX_PINYIN_LETTERS:
        raise ValueError(f"pinyin of more than {MAX_PINYIN_LETTERS} letters is not a word's")
    split = _split(tuple((letters.lower(), tuple(tones)) for letters, tones in groups), count,
                   tuple(s.lower().rstrip("12345") for s in guide) if guide else None)
    if split is None:
        wanted = f" as {count} syllable{'s' if count != 1 else ''}" if count else ""
        raise ValueError(f"pinyin {text!r} cannot be read{wanted}")
    syllables: list[str] = []
    for (letters, tones), lengths in zip(groups, split, strict=True):
        start = 0
        for length in lengths:
            marks = {tone for tone in tones[start:start + length] if tone}
            syllables.append(f"{letters[start:start + length]}{marks.pop() if marks else 5}")
            start += length
    return tuple(syllables)


def _split(groups: tuple[tuple[str, tuple[int, ...]], ...], count: int | None,
           guide: tuple[str, ...] | None) -> list[tuple[int, ...]] | None:
    """Syllable lengths for each (letters, tones) group, ``count`` in all (any when None), or None.

    A split that puts two tones on one syllable is no split at all. Of the splits, the guide's
    wins; else the one with the fewest syllables that would need an apostrophe (or are erhua),
    then the longest first syllable, then the longest second, and so on. A dynamic programme
    over (group, letter, syllables left) finds it in linear time: listing every split took
    exponential time ('xian' * 20 has millions).
    """
    inventory = _syllables()

    def steps(group: int, start: int) -> Iterator[tuple[int, int]]:
        """(length, cost) of each syllable that may begin at ``start`` in the group."""
        letters, tones = groups[group]
        if letters in _ALONE:
            if start == 0:
                yield len(letters), 0
            return
        for length in range(min(len(letters) - start, 6), 0, -1):
            piece = letters[start:start + length]
            erhua = piece == "r" and start == len(letters) - 1 and start > 0
            if (piece in inventory or erhua) and sum(1 for tone in tones[start:start + length] if tone) <= 1:
                yield length, int(erhua or (start > 0 and piece[0] in "aoe"))

    if guide is not None:
        split = _guided(groups, guide, steps)
        if split is not None and (count is None or len(guide) == count):
            return split
    # best[(group, start, left)]: (cost, first length) of the best way to finish from there
    best: dict[tuple[int, int, int | None], tuple[int, int] | None] = {}
    for group in range(len(groups) - 1, -1, -1):
        size = len(groups[group][0])
        for start in range(size - 1, -1, -1):
            for left in (range(1, (count or 0) + 1) if count is not None else (None,)):
                options = []
                for length, cost in steps(group, start):
                    after = _after(groups, group, start + length, None if left is None else left - 1)
                    rest = 0 if after == "done" else (None if after is None else best.get(after))
                    if rest is not None:
                        options.append((cost + (rest[0] if after != "done" else 0), -length))
                best[(group, start, left)] = (min(options)[0], -min(options)[1]) if options else None
    state: tuple[int, int, int | None] | None = (0, 0, count)
    if count == 0 or best.get(state) is None:
        return None
    lengths: list[list[int]] = [[] for _ in groups]
    while state is not None and state != "done":
        group, start, left = state
        length = best[state][1]
        lengths[group].append(length)
        state = _after(groups, group, start + length, None if left is None else left - 1)
    return [tuple(group) for group in lengths]


def _after(groups, group: int, position: int, left: int | None):
    """The state after a syllable that ends at ``position``: "done", a state, or None (a dead end)."""
    if position == len(groups[group][0]):
        group, position = group + 1, 0
        if group == len(groups):
            return "done" if left in (None, 0) else None
    if left is not None and left <= 0:
        return None
    return group, position, left


def _guided(groups, guide: tuple[str, ...], steps) -> list[tuple[int, ...]] | None:
    """The guide's split of the groups, if the guide spells them syllable by syllable."""
    split: list[tuple[int, ...]] = []
    syllables = iter(guide)
    for group, (letters, _tones) in enumerate(groups):
        start, lengths = 0, []
        while start < len(letters):
            syllable = next(syllables, None)
            if syllable is None or not letters.startswith(syllable, start) or \
                    len(syllable) not in {length for length, _cost in steps(group, start)}:
                return None
            lengths.append(len(syllable))
            start += len(syllable)
        split.append(tuple(lengths))
    return split if next(syllables, None) is None else None
