"""A printable handout for a class: the article with pinyin, its vocabulary, exercises, answers.

One self-contained HTML file (styles inline, system fonts, no script, no remote loads: a
Content-Security-Policy says so to the browser too) that prints on A4 or Letter with each
part on its own pages, so a teacher can print the article, the vocabulary and the exercises
for the class and keep the profile and the answer key.

Python prepares plain data (text runs, ruby pairs, exercise items) and the Jinja2 template
(``templates/handout.html.j2``, autoescaped) turns it into markup: nothing from the article
is ever markup. The handout teaches the lesson's vocabulary, the same items the deck is
built from, so a teacher's word list (:mod:`flashcards.wordlist`) shapes both.

Exercises are the same on every build of the same lesson: items are picked evenly through
the article, and the only shuffles use a ``random.Random`` seeded from the article's slug.
"""

from __future__ import annotations

import hashlib
import math
import os
import random
import shutil
import subprocess
import tempfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..models import AnnotatedSentence, Lesson, Reading, Token, VocabularyItem

RUBY_MODES = ("vocab", "all", "none")
ENGLISH_POSITIONS = ("beside", "below")
PAPER_SIZES = {"a4": "A4", "letter": "letter", "auto": ""}
READING_SPEED = 250
"""Characters a minute we assume for the reading time: an intermediate learner reading for
meaning (native readers manage 300–500)."""
MAX_BLANKS = 10
DISTRACTORS = 2  # words in the bank that fill no blank: the last blank is no gift
MAX_BLANK_SENTENCE = 40  # Chinese characters: a longer sentence gives only the clause around the blank
MAX_HINT = 100  # characters of English under a blank: a longer sentence is no hint
MAX_MATCHING = 10
MAX_TRANSLATIONS = 5
MAX_TABLE_SENSES = 4
MAX_GLOSS_SENSES = 2
MAX_GLOSS_LENGTH = 70  # characters of a gloss's meaning: two short senses, or one
MAX_MEANING = 60  # characters: a longer first meaning makes a poor matching item
MAX_TRANSLATION = 60  # Chinese characters: a longer sentence is too much for one prompt

BAND_RANGES = {"common": "Zipf ≥ 5", "intermediate": "Zipf 4–5", "advanced": "Zipf 3–4", "rare": "Zipf < 3"}


# --------------------------------------------------------------------------------------------
# The data the template shows


@dataclass(frozen=True)
class Run:
    """A stretch of Chinese text: plain, or a chosen word, with its ruby (base, pinyin) pairs.

    :param number: the word's number in the vocabulary table, when it is a chosen word.
    :param gloss: True at the word's first use in the article, where its gloss goes.
    """

    text: str
    ruby: tuple[tuple[str, str], ...] = ()
    number: int | None = None
    gloss: bool = False


@dataclass(frozen=True)
class Gloss:
    """A chosen word explained under the paragraph where it is first used."""

    number: int
    word: str
    pinyin: str
    meaning: str
    level: str = ""  # "HSK 4", "HSK 7-9", "beyond HSK"
    english: str = ""  # its counterpart in the article's English


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of the article: its Chinese as runs, its English, the glosses it introduces."""

    index: int
    chinese: tuple[tuple[str, tuple[Run, ...]], ...]  # (sentence id, runs) in order
    english: tuple[tuple[str, str], ...]  # (sentence id, English sentence)
    glosses: tuple[Gloss, ...]


@dataclass(frozen=True)
class Band:
    """A frequency band: how many distinct words fall in it, and their share (percent)."""

    name: str
    range: str
    distinct: int
    distinct_share: float
    running_share: float


@dataclass(frozen=True)
class Profile:
    """What a teacher wants to know before choosing a text for a class."""

    characters: int
    running_words: int
    distinct_words: int
    bands: tuple[Band, ...]
    minutes: int
    speed: int
    paragraphs: int
    sentences: int
    chosen: int


@dataclass(frozen=True)
class Row:
    """One line of the vocabulary table."""

    number: int
    word: str
    traditional: str
    pinyin: str
    meaning: str
    classifiers: str
    english: str
    sentence: tuple[str, str, str]  # before, the word, after
    note: str
    level: str = ""


@dataclass(frozen=True)
class Blank:
    """A fill-in-the-blank sentence: ``before`` ＿＿ ``after``, with ``answer`` in the blank."""

    number: int
    before: str
    after: str
    answer: str
    pinyin: str
    english: str


@dataclass(frozen=True)
class Match:
    """A word to match with one of the shuffled meanings."""

    number: int
    word: str
    pinyin: str
    letter: str  # the letter of its meaning: the answer


@dataclass(frozen=True)
class Translation:
    """An English sentence of the article to translate back into Chinese."""

    number: int
    english: str
    chinese: str  # the article's own sentence: the model answer
    words: tuple[str, ...]  # chosen words the sentence uses, as a hint


@dataclass(frozen=True)
class Exercises:
    """The three exercises of the handout; the answer key is made from the same object."""

    blanks: tuple[Blank, ...]
    bank: tuple[str, ...]
    matches: tuple[Match, ...]
    meanings: tuple[tuple[str, str], ...]  # (letter, meaning), shuffled
    translations: tuple[Translation, ...]


# --------------------------------------------------------------------------------------------
# Rendering and writing


def render_handout(lesson: Lesson, ruby: str = "vocab", show_english: bool = True, *,
                   english_position: str = "beside", paper: str = "A4", full: bool = False) -> str:
    """The handout as one HTML document.

    By default a few pages a teacher prints for a class: the text with pinyin over the chosen
    words and each word's gloss (pinyin, level, meaning, its English) under the paragraph of
    its first use, the exercises, the answer key. ``full`` adds the profile of the text and the
    vocabulary table with every word's example sentence.

    :param ruby: pinyin over the chosen ``vocab`` words, over ``all`` Chinese words, or ``none``.
    :param show_english: print each paragraph's English (a toggle on screen changes it too).
    :param english_position: the English ``beside`` the Chinese or ``below`` it.
    :param paper: ``A4``, ``Letter``, or ``auto`` for the printer's paper; the layout fits both.
    """
    from .. import __version__
    from ..dictionary import CREDIT
    from ..errors import UsageError

    if ruby not in RUBY_MODES:
        raise UsageError(f"unknown ruby mode {ruby!r}: use {', '.join(RUBY_MODES)}")
    if english_position not in ENGLISH_POSITIONS:
        raise UsageError(f"unknown English position {english_position!r}: use beside or below")
    if paper.lower() not in PAPER_SIZES:
        raise UsageError(f"unknown paper {paper!r}: use A4, Letter or auto")
    has_english = lesson.article.has_english
    template = _environment().get_template("handout.html.j2")
    return template.render(
        title_zh=lesson.title.zh,
        title_en=lesson.title.en,
        heading=lesson.title.zh or lesson.title.en or lesson.slug,
        source=lesson.article.source,
        has_english=has_english,
        english=(english_position if show_english else "hidden") if has_english else "hidden",
        ruby=ruby,
        page_size=PAPER_SIZES[paper.lower()],
        profile=text_profile(lesson),
        paragraphs=article_paragraphs(lesson, ruby),
        rows=vocabulary_rows(lesson),
        exercises=build_exercises(lesson),
        credit=CREDIT,
        version=__version__,
        full=full,
    )


def write_handout(lesson: Lesson, path: str | os.PathLike[str], ruby: str = "vocab", show_english: bool = True, *,
                  english_position: str = "beside", paper: str = "A4", full: bool = False) -> Path:
    """Render the handout (see :func:`render_handout`) and write it to ``path`` atomically.

    A temporary file beside ``path``, then a rename: a reader never sees half a handout.
    """
    from ..atomic import write_text

    html = render_handout(lesson, ruby, show_english, english_position=english_position, paper=paper, full=full)
    return _readable(write_text(path, html))


def _readable(path: Path) -> Path:
    """Give a file the permissions of one opened normally (a temporary file is private, 0600).

    A handout is meant to be shared (a class folder, a web page), not kept private.
    """
    mask = os.umask(0)
    os.umask(mask)
    os.chmod(path, 0o666 & ~mask)
    return path


@lru_cache(maxsize=1)
def _environment():
    import jinja2

    return jinja2.Environment(
        loader=jinja2.PackageLoader("flashcards", "templates"),
        autoescape=True,  # every string from the article is data, never markup
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


# --------------------------------------------------------------------------------------------
# The profile


def text_profile(lesson: Lesson, speed: int = READING_SPEED) -> Profile:
    """Counts of the article's Chinese, its words by frequency band, and a reading time.

    Bands are the vocabulary's (wordfreq Zipf frequency); shares are given both of the distinct
    words and of the running words, since a few common words make up most of any text.
    """
    from ..text import count_cjk
    from ..vocab import BANDS, band_of, zipf

    article = _article_sentences(lesson)
    characters = sum(count_cjk(sentence.pair.zh_text) for sentence in article)
    running = Counter(token.text for sentence in article for token in sentence.tokens if token.reading is not None)
    band_of_word = {word: band_of(zipf(word)) for word in running}
    distinct_by_band = Counter(band_of_word.values())
    running_by_band: Counter[str] = Counter()
    for word, count in running.items():
        running_by_band[band_of_word[word]] += count
    total_running = sum(running.values()) or 1
    total_distinct = len(running) or 1
    bands = tuple(Band(name, BAND_RANGES.get(name, ""), distinct_by_band[name],
                       100 * distinct_by_band[name] / total_distinct, 100 * running_by_band[name] / total_running)
                  for _floor, name in BANDS)
    return Profile(characters=characters, running_words=sum(running.values()), distinct_words=len(running),
                   bands=bands, minutes=max(1, math.ceil(characters / speed)) if characters else 0, speed=speed,
                   paragraphs=len({sentence.pair.paragraph for sentence in article}),
                   sentences=sum(len(sentence.pair.zh) for sentence in article), chosen=len(lesson.vocabulary))


def _article_sentences(lesson: Lesson) -> list[AnnotatedSentence]:
    """The sentences of the article itself (not those a teacher's word list added)."""
    return [sentence for sentence in lesson.sentences if sentence.pair.paragraph >= 0]


# --------------------------------------------------------------------------------------------
# The article


def article_paragraphs(lesson: Lesson, ruby: str = "vocab") -> list[Paragraph]:
    """The article paragraph by paragraph, the Chinese cut into runs with ruby and gloss marks."""
    finder = _VocabularyFinder(lesson.vocabulary, _article_sentences(lesson))
    glossed: set[int] = set()
    by_paragraph: dict[int, list[AnnotatedSentence]] = {}
    for sentence in _article_sentences(lesson):
        by_paragraph.setdefault(sentence.pair.paragraph, []).append(sentence)
    paragraphs = []
    for index in sorted(by_paragraph):
        chinese = []
        glosses = []
        for sentence in by_paragraph[index]:
            if not sentence.pair.zh:
                continue
            runs = []
            for text, tokens, item in finder.runs(sentence):
                number, first = None, False
                if item is not None:
                    number = finder.number(item)
                    first = number not in glossed
                    if first:
                        glossed.add(number)
                        glosses.append(Gloss(number, item.word, item.pinyin, _short_meaning(item),
                                             f"HSK {item.hsk}" if item.level is not None else "beyond HSK",
                                             item.english or ""))
                runs.append(Run(text, _ruby(text, tokens, item, ruby), number, first))
            chinese.append((sentence.pair.id, _merge_plain(runs)))
        english = tuple((s.pair.id, s.pair.en_text) for s in by_paragraph[index] if s.pair.en)
        paragraphs.append(Paragraph(index, tuple(chinese), english, tuple(glosses)))
    return paragraphs


def _short_meaning(item: VocabularyItem) -> str:
    """The first senses of a word, cut to a line of a gloss (a sense is never cut in the middle)."""
    senses: list[str] = []
    for sense in item.definitions[:MAX_GLOSS_SENSES]:
        if senses and len("; ".join(senses + [sense])) > MAX_GLOSS_LENGTH:
            break
        senses.append(sense)
    return "; ".join(senses)


class _VocabularyFinder:
    """Finds the chosen words among a sentence's tokens.

    A chosen word is a token, or a run of neighbouring tokens when a teacher added a word the
    segmenter cut (茶叶 + 市场 for 茶叶市场). Where one word has two chosen readings (行 háng,
    xíng), the token's reading decides.
    """

    LONGEST = 6

    def __init__(self, vocabulary: Sequence[VocabularyItem], sentences: Sequence[AnnotatedSentence]) -> None:
        self._by_word: dict[str, list[VocabularyItem]] = {}
        self._numbers = {id(item): number for number, item in enumerate(vocabulary, start=1)}
        for item in vocabulary:
            self._by_word.setdefault(item.word, []).append(item)
        # Only words the segmenter never produced are looked for across tokens: a word that is
        # a token somewhere is that word there, and 大 + 人 elsewhere need not be 大人.
        tokens = {token.text for sentence in sentences for token in sentence.tokens}
        self._cut = {word for word in self._by_word if word not in tokens}

    def number(self, item: VocabularyItem) -> int:
        return self._numbers[id(item)]

    def item_for(self, text: str, reading: Reading | None) -> VocabularyItem | None:
        items = self._by_word.get(text)
        if not items:
            return None
        if reading is not None:
            for item in items:
                if item.reading.numbered.lower() == reading.numbered.lower():
                    return item
        return items[0]

    def runs(self, sentence: AnnotatedSentence):
        """(text, tokens, chosen item or None) for the sentence, covering it exactly."""
        tokens = sentence.tokens
        i = 0
        while i < len(tokens):
            for j in range(min(len(tokens), i + self.LONGEST), i + 1, -1):
                text = "".join(token.text for token in tokens[i:j])
                if text in self._cut:
                    yield text, tokens[i:j], self.item_for(text, None)
                    i = j
                    break
            else:
                token = tokens[i]
                yield token.text, (token,), self.item_for(token.text, token.reading)
                i += 1


def _ruby(text: str, tokens: Sequence[Token], item: VocabularyItem | None, mode: str) -> tuple[tuple[str, str], ...]:
    """The ruby pairs of a run: the chosen word whole; with ``all``, every character its own."""
    if mode == "none":
        return ()
    if mode == "vocab":
        return ((text, item.pinyin),) if item is not None and item.pinyin else ()
    if item is not None and len(item.reading.syllables) == len(text):
        return tuple(_per_character(text, item.reading.syllables))
    pairs: list[tuple[str, str]] = []
    for token in tokens:
        if token.reading is not None and len(token.reading.syllables) == len(token.text):
            pairs.extend(_per_character(token.text, token.reading.syllables))
        elif token.reading is not None:
            pairs.append((token.text, token.reading.marked))
        else:
            pairs.extend(_unread(token.text))
    return tuple(pairs)


def _per_character(text: str, syllables: Sequence[str]) -> list[tuple[str, str]]:
    from ..pinyin import mark_syllable

    return [(char, mark_syllable(syllable)) for char, syllable in zip(text, syllables, strict=True)]


def _unread(text: str) -> list[tuple[str, str]]:
    """Plain text with pypinyin readings for Chinese characters in a token we have none for."""
    from ..text import is_cjk_char

    if not any(is_cjk_char(char) for char in text):
        return [(text, "")]
    from ..pinyin import mark_syllable
    from ..pypinyin_data import character_reading

    return [(char, mark_syllable(character_reading(char) or "") if is_cjk_char(char) else "") for char in text]


def _merge_plain(runs: list[Run]) -> tuple[Run, ...]:
    """Join neighbouring runs without ruby or number, so the HTML stays small."""
    merged: list[Run] = []
    for run in runs:
        plain = not run.ruby and run.number is None
        if plain and merged and not merged[-1].ruby and merged[-1].number is None:
            merged[-1] = Run(merged[-1].text + run.text)
        else:
            merged.append(run)
    return tuple(merged)


# --------------------------------------------------------------------------------------------
# The vocabulary table


def vocabulary_rows(lesson: Lesson) -> list[Row]:
    """The vocabulary table: every chosen word in the lesson's order, its sentence split at the word."""
    from ..wordlist import note_of

    chinese = {sentence.pair.id: sentence.pair.zh_text for sentence in lesson.sentences}
    rows = []
    for number, item in enumerate(lesson.vocabulary, start=1):
        sentence = chinese.get(item.sentence, "")
        start = sentence.find(item.word)
        parts = (sentence[:start], item.word, sentence[start + len(item.word):]) if start >= 0 else (sentence, "", "")
        rows.append(Row(number=number, word=item.word,
                        traditional=item.traditional if item.traditional != item.word else "",
                        pinyin=item.pinyin,
                        meaning="; ".join(item.definitions[:MAX_TABLE_SENSES]),
                        classifiers=", ".join(item.classifiers), english=item.english or "",
                        sentence=parts, note=note_of(item),
                        level=f"HSK {item.hsk}" if item.level is not None else "beyond"))
    return rows


# --------------------------------------------------------------------------------------------
# Exercises


def build_exercises(lesson: Lesson, max_blanks: int = MAX_BLANKS, max_matching: int = MAX_MATCHING,
                    max_translations: int = MAX_TRANSLATIONS) -> Exercises:
    """Fill-in-the-blank with a word bank, matching words to meanings, translation prompts.

    Deterministic: items are spread evenly through the article, shuffles are seeded by the slug.
    Names are left out of blanks and matching (a name is no exercise in vocabulary).
    """
    rng = random.Random(int.from_bytes(hashlib.sha256(f"flashcards:handout:{lesson.slug}".encode()).digest()[:8],
                                       "big"))
    by_id = {sentence.pair.id: sentence for sentence in _article_sentences(lesson)}
    words = [item for item in lesson.vocabulary if not item.proper]

    # Fill in the blank: one word a sentence, the word once in it, a word of the dictionary (no
    # name, no word made up of its parts), several characters first; the clause around it
    # when the sentence is long.
    candidates: list[VocabularyItem] = []
    used_sentences: set[str] = set()
    for item in sorted(words, key=lambda item: len(item.word) < 2):
        sentence = by_id.get(item.sentence)
        if (sentence is None or item.sentence in used_sentences or sentence.pair.zh_text.count(item.word) != 1
                or item.meaning_from_article
                or any(item.word in other.word or other.word in item.word for other in candidates)):
            continue
        used_sentences.add(item.sentence)
        candidates.append(item)
    order = {id(item): index for index, item in enumerate(lesson.vocabulary)}
    chosen = _spread(sorted(candidates, key=lambda item: order[id(item)]), max_blanks)
    blanks = []
    for number, item in enumerate(chosen, start=1):
        sentence = by_id[item.sentence]
        before, after = _clause(sentence.pair.zh_text, item.word)
        english = sentence.pair.en_text if len(sentence.pair.en_text) <= MAX_HINT else ""
        blanks.append(Blank(number, before, after, item.word, item.pinyin, english))
    answers = {blank.answer for blank in blanks}
    pos_of_answers = Counter(item.pos[:1] for item in chosen)
    distractors = _spread([item.word for item in words if item.word not in answers and not item.meaning_from_article
                           and pos_of_answers.get(item.pos[:1], 0) > 0 and len(item.word) > 1
                           and not any(item.word in blank.before + blank.after for blank in blanks)],
                          DISTRACTORS if blanks else 0)
    bank = _shuffled([blank.answer for blank in blanks] + distractors, rng)
    used_blanks = {item.sentence for item in chosen}

    # Matching: words not in the blanks first, each with a short meaning no other word shows.
    in_blanks = {blank.answer for blank in blanks}
    meanings_seen: set[str] = set()
    pool: list[VocabularyItem] = []
    for item in words:
        meaning = item.definitions[0].lower() if item.definitions else ""
        if meaning and len(meaning) <= MAX_MEANING and meaning not in meanings_seen \
                and item.word not in {other.word for other in pool}:
            meanings_seen.add(meaning)
            pool.append(item)
    fresh = [item for item in pool if item.word not in in_blanks]
    reused = [item for item in pool if item.word in in_blanks]
    matching = _spread(fresh, max_matching) if len(fresh) >= max_matching \
        else sorted(fresh + _spread(reused, max_matching - len(fresh)), key=lambda item: order[id(item)])
    letters = [chr(ord("A") + index) for index in range(len(matching))]
    shuffled = _shuffled(list(range(len(matching))), rng)
    letter_of = {original: letters[position] for position, original in enumerate(shuffled)}
    matches = tuple(Match(number, item.word, item.pinyin, letter_of[index])
                    for index, (number, item) in enumerate(enumerate(matching, start=1)))
    meanings = tuple((letters[position], matching[original].definitions[0])
                     for position, original in enumerate(shuffled))

    # Translation: English sentences of the article that use chosen words, not already shown in
    # Chinese by a blank (that would print the answer on the same page), not too long.
    finder = _VocabularyFinder(lesson.vocabulary, list(by_id.values()))
    prompts = []
    for sentence in by_id.values():
        if not (sentence.pair.en and sentence.pair.zh) or sentence.pair.id in used_blanks \
                or len(sentence.pair.zh_text) > MAX_TRANSLATION:
            continue
        hints = list(dict.fromkeys(item.word for _text, _tokens, item in finder.runs(sentence) if item))
        if hints:
            prompts.append((sentence, tuple(hints[:3])))
    translations = tuple(Translation(number, sentence.pair.en_text, sentence.pair.zh_text, hints)
                         for number, (sentence, hints) in enumerate(_spread(prompts, max_translations), start=1))
    return Exercises(tuple(blanks), tuple(bank), matches, meanings, translations)


_CLAUSE_ENDS = "，,；;：:。！？!?"


def _clause(sentence: str, word: str) -> tuple[str, str]:
    """The text before and after ``word``, cut to the clause around it when the sentence is
    longer than a learner should copy out (:data:`MAX_BLANK_SENTENCE` characters)."""
    before, _, after = sentence.partition(word)
    if len(sentence) <= MAX_BLANK_SENTENCE:
        return before, after
    start = max((before.rfind(mark) for mark in _CLAUSE_ENDS), default=-1) + 1
    ends = [index for index in (after.find(mark) for mark in _CLAUSE_ENDS) if index >= 0]
    end = min(ends) + 1 if ends else len(after)
    return ("…" if start else "") + before[start:], after[:end] + ("…" if end < len(after) else "")


def _spread(items: Sequence, count: int) -> list:
    """``count`` items taken evenly from the whole sequence, in order (all if there are fewer)."""
    if len(items) <= count:
        return list(items)
    return [items[(index * len(items)) // count] for index in range(count)]


def _shuffled(items: list, rng: random.Random) -> list:
    """A seeded shuffle that never leaves two or more items in their first order."""
    shuffled = list(items)
    rng.shuffle(shuffled)
    if len(shuffled) > 1 and shuffled == items:
        shuffled = shuffled[1:] + shuffled[:1]
    return shuffled


# --------------------------------------------------------------------------------------------
# PDF


def find_chromium() -> str | None:
    """A Chromium binary: ``FLASHCARDS_CHROMIUM``, else ``chromium`` or ``chromium-browser`` on PATH."""
    configured = os.environ.get("FLASHCARDS_CHROMIUM")
    if configured:
        return shutil.which(configured) or (configured if os.access(configured, os.X_OK) else None)
    return shutil.which("chromium") or shutil.which("chromium-browser")


def write_pdf(html_path: str | os.PathLike[str], pdf_path: str | os.PathLike[str], *, engine: str = "auto",
              timeout: float = 180.0) -> str | None:
    """Print the handout to PDF; None on success, else one line saying why there is no PDF.

    Headless Chromium is preferred when installed, because it lays out ruby (WeasyPrint shows
    pinyin inline after the characters, Kozea/WeasyPrint#406); WeasyPrint is the fallback.
    The PDF is written to a temporary file beside ``pdf_path`` and renamed into place.

    :param engine: ``auto``, ``chromium`` or ``weasyprint``.
    """
    html_path = Path(html_path).resolve()
    target = Path(pdf_path)
    if engine not in ("auto", "chromium", "weasyprint"):
        return f"unknown PDF engine {engine!r}: use auto, chromium or weasyprint"
    if engine in ("auto", "chromium"):
        browser = find_chromium()
        if browser is not None:
            return _chromium_pdf(browser, html_path, target, timeout)
        if engine == "chromium":
            return "no PDF: chromium is not installed (apt-get install chromium)"
    try:
        import weasyprint
    except (ImportError, OSError):  # OSError: installed, but its Pango libraries are missing
        if engine == "weasyprint":
            return "no PDF: WeasyPrint is not installed (pip install weasyprint)"
        return ("no PDF: neither chromium nor WeasyPrint is available "
                "(apt-get install chromium, or pip install weasyprint)")
    return _atomic_pdf(target, lambda temporary: weasyprint.HTML(filename=str(html_path)).write_pdf(temporary))


def _chromium_pdf(browser: str, html_path: Path, target: Path, timeout: float) -> str | None:
    def render(temporary: str) -> None:
        with tempfile.TemporaryDirectory(prefix="flashcards-chromium-") as profile:
            command = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                       "--disable-component-update", "--disable-sync", "--no-first-run",
                       f"--user-data-dir={profile}", "--no-pdf-header-footer", "--print-to-pdf-no-header",
                       f"--print-to-pdf={temporary}", html_path.as_uri()]
            result = subprocess.run(command, stdin=subprocess.DEVNULL, capture_output=True, text=True,
                                    timeout=timeout, check=False)
        if result.returncode != 0:
            lines = [line for line in result.stderr.splitlines() if line.strip()]
            raise _PrintError(f"chromium could not print the handout (exit {result.returncode})"
                              + (f": {lines[-1].strip()}" if lines else ""))

    try:
        return _atomic_pdf(target, render)
    except subprocess.TimeoutExpired:
        return f"chromium did not finish printing the handout within {timeout:.0f} s"
    except _PrintError as error:
        return str(error)


class _PrintError(Exception):
    pass


def _atomic_pdf(target: Path, render) -> str | None:
    """Run ``render(temporary path)`` and rename the file into place if it is a PDF."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    os.close(handle)
    try:
        render(temporary)
        with open(temporary, "rb") as written:
            if written.read(5) != b"%PDF-":
                return "the PDF engine wrote no PDF"
        os.replace(temporary, target)
        _readable(target)
        return None
    finally:
        Path(temporary).unlink(missing_ok=True)
