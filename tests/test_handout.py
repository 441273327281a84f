"""The class handout: what it holds, that article text stays text, and that a real browser prints it."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markupsafe import escape

import flashcards
from flashcards.errors import UsageError
from flashcards.render.handout import build_exercises, find_chromium, render_handout, write_handout, write_pdf
from flashcards.text import is_cjk_char

from .conftest import ARTICLES, every_word

ANNOTATIONS = ("rt", "rp", "sup")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Page(HTMLParser):
    """The parts of a handout a test looks at, read the way a browser reads them.

    ``elements`` holds every element with its attributes and its text; the text leaves out
    annotations (ruby ``rt`` and ``rp``, the ``sup`` numbers of glosses), so a sentence with
    pinyin reads as the sentence.
    ``rubies`` holds (base, annotation) pairs; ``bare_cjk`` the Chinese characters of the
    article's paragraphs that are not the base of a ruby.
    """

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str], str]] = []
        self.tags: list[str] = []
        self.rubies: list[tuple[str, str]] = []
        self.bare_cjk = ""
        self._chunks: list[str] = []
        self._open: list[tuple[str, dict[str, str], int]] = []
        self._ruby: list[str] | None = None  # [base, annotation]
        self._annotation = 0
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        self.tags.append(tag)
        if tag == "ruby":
            self._ruby = ["", ""]
        if tag in ANNOTATIONS:
            self._annotation += 1
        if tag not in VOID:
            self._open.append((tag, attributes, len(self._chunks)))
        else:
            self.elements.append((tag, attributes, ""))

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        while self._open:
            name, attributes, start = self._open.pop()
            self.elements.append((name, attributes, "".join(self._chunks[start:])))
            if name in ANNOTATIONS:
                self._annotation -= 1
            if name == "ruby" and self._ruby is not None:
                self.rubies.append((self._ruby[0], self._ruby[1]))
                self._ruby = None
            if name == tag:
                break

    def handle_data(self, data):
        if self._ruby is not None:
            if self._annotation and self._open and self._open[-1][0] == "rt":
                self._ruby[1] += data
            elif not self._annotation:
                self._ruby[0] += data
        if self._annotation:
            return
        self._chunks.append(data)
        if self._ruby is None and any("para-zh" in a.get("class", "").split() for _t, a, _s in self._open):
            self.bare_cjk += "".join(char for char in data if is_cjk_char(char))

    def find(self, tag: str | None = None, **wanted: str) -> list[tuple[dict[str, str], str]]:
        """Elements by tag and attributes (``data_word="3"`` for ``data-word``; ``class_`` for class)."""
        wanted = {name.rstrip("_").replace("_", "-"): value for name, value in wanted.items()}
        found = []
        for name, attributes, text in self.elements:
            if tag is not None and name != tag:
                continue
            if all((value is None and key in attributes) or (value is not None and attributes.get(key) == value)
                   or (key == "class" and value in attributes.get("class", "").split())
                   for key, value in wanted.items()):
                found.append((attributes, text))
        return found

    def section(self, name: str) -> str:
        return next(text for attributes, text in self.find("section", id=name))


@pytest.fixture(scope="module")
def lesson():
    return flashcards.build(ARTICLES / "tea-market.txt", options=every_word())


@pytest.fixture(scope="module")
def html(lesson):
    return render_handout(lesson)


@pytest.fixture(scope="module")
def page(html):
    return Page(html)


@pytest.fixture(scope="module")
def full_html(lesson):
    return render_handout(lesson, full=True)


@pytest.fixture(scope="module")
def full_page(full_html):
    return Page(full_html)


def article_sentences(lesson):
    return [s for s in lesson.sentences if s.pair.paragraph >= 0]


def test_the_full_handout_holds_every_chosen_word_in_its_vocabulary_table(lesson, full_page):
    listed = [attributes["data-word"] for attributes, _text in full_page.find("tbody", class_="entry")]
    assert listed == [item.word for item in lesson.vocabulary]
    table = full_page.section("vocabulary")
    for item in lesson.vocabulary:
        assert item.pinyin in table
        assert item.definitions[0] in table


def test_the_handout_holds_every_sentence_of_both_languages(lesson, page, html, full_page):
    chinese = {a["data-sentence"]: text for a, text in page.find("span", class_="s") if a.get("data-sentence")
               and any(is_cjk_char(char) for char in text)}
    english = {a["data-sentence"]: text for a, text in page.find("span", class_="s") if a.get("data-sentence")
               and not any(is_cjk_char(char) for char in text)}
    checked = 0
    for sentence in article_sentences(lesson):
        if sentence.pair.zh:
            assert chinese[sentence.pair.id] == sentence.pair.zh_text
        if sentence.pair.en:
            assert english[sentence.pair.id] == sentence.pair.en_text
            assert str(escape(sentence.pair.en_text)) in html  # escaped once, not twice
        checked += 1
    assert checked == len(article_sentences(lesson)) > 25
    assert page.section("article").count(lesson.title.zh) == 1
    assert lesson.title.en in page.section("article")
    assert "https://example.org/tea-market" in page.section("article")
    assert full_page.section("profile").count(lesson.title.zh) == 1
    assert "https://example.org/tea-market" in full_page.section("profile")


def test_the_chosen_words_carry_their_pinyin_as_ruby(lesson, page, html):
    assert ("银行", "yínháng") in page.rubies
    rubies = set(page.rubies)
    used = {token.text for s in article_sentences(lesson) for token in s.tokens}
    for item in lesson.vocabulary:
        if item.word in used:
            assert (item.word, item.pinyin) in rubies, item.word
    chosen = {item.word for item in lesson.vocabulary}
    assert {base for base, _reading in page.rubies} <= chosen, "only chosen words carry ruby"
    # a gloss under the paragraph of each chosen word's first use, and no number over every word
    assert '<sup class="ref">' not in html
    glossed = [int(attributes["data-word"]) for attributes, _text in page.find("div", class_="entry")]
    assert glossed == [n for n, item in enumerate(lesson.vocabulary, start=1) if item.word in used]
    bank = next(text for _a, text in page.find("div", class_="entry") if text.startswith("银行"))
    assert "yínháng" in bank and "HSK 2" in bank and "bank" in bank


def test_the_full_handout_numbers_each_word_at_its_first_use(lesson, full_page, full_html):
    used = {token.text for s in article_sentences(lesson) for token in s.tokens}
    references = [int(number) for number in re.findall(r'<sup class="ref">&#8288;(\d+)</sup>', full_html)]
    glosses = [text for _a, text in full_page.find("span", class_="gloss")]
    assert sorted(references) == [n for n, item in enumerate(lesson.vocabulary, start=1) if item.word in used]
    assert len(glosses) == len(references)
    assert any("银行 yínháng bank" in gloss for gloss in glosses)


def test_ruby_all_puts_pinyin_over_every_chinese_character(lesson):
    page = Page(render_handout(lesson, ruby="all"))
    assert page.bare_cjk == ""
    assert ("银", "yín") in page.rubies and ("行", "háng") in page.rubies
    characters = sum(1 for s in article_sentences(lesson) for char in s.pair.zh_text if is_cjk_char(char))
    assert sum(len(base) for base, _reading in page.rubies) == characters


def test_ruby_none_has_no_ruby_but_still_marks_the_chosen_words(lesson):
    page = Page(render_handout(lesson, ruby="none"))
    assert "ruby" not in page.tags and "rt" not in page.tags
    assert page.bare_cjk.startswith("这篇文章")
    assert len(page.find("span", class_="w")) >= len(lesson.vocabulary) // 2


def test_exercises_and_the_answer_key_agree(lesson, page):
    exercises = build_exercises(lesson)
    article = {s.pair.zh_text: s for s in article_sentences(lesson)}
    chosen = {item.word: item for item in lesson.vocabulary}

    assert len(exercises.blanks) >= 5
    answers = [blank.answer for blank in exercises.blanks]
    distractors = [word for word in exercises.bank if word not in answers]
    assert sorted(set(exercises.bank) & set(answers)) == sorted(answers) and len(distractors) == 2
    assert all(word in chosen and not any(word in blank.before + blank.after for blank in exercises.blanks)
               for word in distractors)
    for blank in exercises.blanks:
        clause = (blank.before + blank.answer + blank.after).strip("…")
        assert any(clause in sentence for sentence in article) and len(clause) <= 45
        assert blank.answer in chosen and not chosen[blank.answer].meaning_from_article
        [(_a, text)] = page.find("li", data_blank=str(blank.number))
        assert text.startswith(blank.before + str(blank.number) + blank.after)
        [(_a, answer)] = page.find("li", data_answer_blank=str(blank.number))
        assert answer.startswith(blank.answer)
    bank = [text for _a, text in page.find("span", class_="bank-word")]
    assert bank == list(exercises.bank)

    assert len(exercises.matches) >= 5
    meanings = dict(exercises.meanings)
    for match in exercises.matches:
        assert meanings[match.letter] == chosen[match.word].definitions[0]
        [(_a, answer)] = page.find("li", data_answer_match=str(match.number))
        assert answer.endswith(match.letter)
        [(_a, meaning)] = page.find("li", data_letter=match.letter)
        assert meaning == meanings[match.letter]

    assert len(exercises.translations) >= 3
    blank_clauses = {(blank.before + blank.answer + blank.after).strip("…") for blank in exercises.blanks}
    for item in exercises.translations:
        assert article[item.chinese].pair.en_text == item.english
        assert not any(clause in item.chinese for clause in blank_clauses), "the answer beside the prompt"
        [(_a, answer)] = page.find("li", data_answer_translation=str(item.number))
        assert answer == item.chinese


def test_exercises_are_the_same_on_every_build(lesson, html):
    again = flashcards.build(ARTICLES / "tea-market.txt", options=every_word())
    assert build_exercises(again) == build_exercises(lesson)
    assert render_handout(again) == html


def test_each_part_starts_a_new_page_and_the_answer_key_comes_last(page, html, full_page):
    sections = [attributes["id"] for attributes, _text in page.find("section")]
    assert sections == ["article", "exercises", "answers"]
    assert [a["id"] for a, _text in full_page.find("section")] == ["profile", "article", "vocabulary", "exercises",
                                                                   "answers"]
    assert all("sheet" in attributes["class"].split() for attributes, _text in page.find("section"))
    assert re.search(r"\.sheet \+ \.sheet \{[^}]*break-before: page", html)
    assert "@media print" in html
    assert "@page { size: A4" in html


def test_nothing_is_loaded_from_anywhere(page, html):
    assert not {"script", "link", "img", "iframe", "object", "embed", "video", "audio", "base"} & set(page.tags)
    for _name, attributes, _text in page.elements:
        for name in ("src", "href", "action", "srcset", "poster", "data"):
            value = attributes.get(name, "")
            assert not re.match(r"\s*(https?:|//|ftp:)", value), (name, value)
    assert "url(" not in html and "@import" not in html
    assert "default-src 'none'" in html  # and the browser is told so


def test_article_text_is_text_never_markup(tmp_path):
    path = tmp_path / "evil.txt"
    path.write_text('Click <script>alert(1)</script> & "quote" <b>now</b>.\n\n'
                    '请不要点击网页上的<script>alert(1)</script>按钮,也别输入<b>银行</b>和{{ x }}这样的字。\n',
                    encoding="utf-8")
    lesson = flashcards.build(path)
    html = render_handout(lesson, ruby="all")
    page = Page(html)
    assert "script" not in page.tags and "<script" not in html and "<b>now" not in html
    text = page.section("article")
    assert "<script>alert(1)</script>" in text and "<b>" in text and "{{ x }}" in text
    assert 'Click <script>alert(1)</script> & "quote" <b>now</b>.' in text


def test_options_change_the_layout_and_the_paper(lesson):
    assert '<body class="en-below ruby-vocab">' in render_handout(lesson, english_position="below")
    hidden = render_handout(lesson, show_english=False)
    assert '<body class="en-hidden ruby-vocab">' in hidden
    assert 'id="en-hidden" checked' in hidden
    assert "@page { size: letter" in render_handout(lesson, paper="Letter")
    assert "@page { margin" in render_handout(lesson, paper="auto")
    with pytest.raises(UsageError):
        render_handout(lesson, ruby="some")


def test_a_chinese_only_article_makes_a_handout_without_english(tmp_path):
    path = tmp_path / "zh.txt"
    path.write_text("我家附近有一家银行。\n\n每天早上,很多人在银行门口排队。\n", encoding="utf-8")
    lesson = flashcards.build(path, options=every_word())
    page = Page(render_handout(lesson))
    assert not page.find("div", class_="para-en")
    assert not build_exercises(lesson).translations
    assert ("银行", "yínháng") in page.rubies


def test_a_lesson_without_vocabulary_still_renders(lesson):
    from dataclasses import replace

    page = Page(render_handout(replace(lesson, vocabulary=())))
    assert "no words are chosen" in page.section("exercises")


def test_write_handout_writes_one_readable_file_atomically(lesson, tmp_path):
    target = write_handout(lesson, tmp_path / "out" / "tea-market.html")
    assert [p.name for p in target.parent.iterdir()] == ["tea-market.html"]
    assert target.read_text("utf-8").startswith("<!DOCTYPE html>")
    assert target.stat().st_mode & 0o044, "a handout is for sharing, not a private temporary file"


def test_write_pdf_says_in_one_line_when_there_is_no_engine(lesson, tmp_path, monkeypatch):
    html_path = write_handout(lesson, tmp_path / "tea-market.html")
    monkeypatch.delenv("FLASHCARDS_CHROMIUM", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # import fails as if not installed
    reason = write_pdf(html_path, tmp_path / "tea-market.pdf")
    assert reason and "\n" not in reason and "chromium" in reason
    assert not (tmp_path / "tea-market.pdf").exists()
    assert html_path.exists()


def page_count(pdf: Path) -> int:
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
        return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf.read_bytes()))


def test_chromium_prints_the_handout_to_pdf(lesson, tmp_path):
    """A real browser renders the page: .ci/run installs Debian's chromium for this test."""
    if find_chromium() is None:
        message = "chromium is not installed (apt-get install -y chromium): the handout was not printed"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message + "; CI must install it")
        pytest.skip(message)
    html_path = write_handout(lesson, tmp_path / "tea-market.html")
    pdf = tmp_path / "tea-market.pdf"
    reason = write_pdf(html_path, pdf, engine="chromium")
    assert reason is None, reason
    assert pdf.read_bytes().startswith(b"%PDF-")
    pages = page_count(pdf)
    assert pages >= 3, "each of the three parts starts a page"
    if shutil.which("pdftotext"):  # the answer key has a page of its own
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                              check=True).stdout
        answer_pages = [p for p in text.split("\f") if "Answer key" in p]
        assert answer_pages and all("Fill in the blanks" in p and "Name" not in p for p in answer_pages)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def _chromium_or_skip() -> str:
    browser = find_chromium()
    if browser is None:
        message = "chromium is not installed (apt-get install -y chromium)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message + "; CI must install it")
        pytest.skip(message)
    return browser


@pytest.mark.slow
@pytest.mark.parametrize("paper", ["A4", "Letter"])
@pytest.mark.parametrize("article", ["tea-market.txt", "repair-cafe.txt", "dumplings.md"])
def test_the_default_handout_of_a_one_page_article_prints_in_a_few_pages(article, paper, tmp_path):
    """A teacher prints the text with its glosses, the exercises and the key: at most 8 pages
    for each of our one-page articles, every word of the deck taught (the full handout with
    the vocabulary table is longer, and asked for)."""
    _chromium_or_skip()
    lesson = flashcards.build(ARTICLES / article)
    html = write_handout(lesson, tmp_path / "handout.html", paper=paper)
    reason = write_pdf(html, tmp_path / "handout.pdf", engine="chromium")
    assert reason is None, reason
    pages = page_count(tmp_path / "handout.pdf")
    assert 3 <= pages <= 8, pages
    full = write_handout(lesson, tmp_path / "full.html", paper=paper, full=True)
    assert write_pdf(full, tmp_path / "full.pdf", engine="chromium") is None
    assert page_count(tmp_path / "full.pdf") > pages


# Run in the page after it is laid out: for every chosen word, the number of lines its boxes
# cover (a word whose characters or pinyin break across a line covers two).
_LINES_OF_EACH_WORD = """
<script>
addEventListener("load", () => {
  const out = [];
  for (const word of document.querySelectorAll("#article .w")) {
    const tops = new Set([...word.getClientRects()].map(r => Math.round(r.top)));
    out.push(word.textContent + ":" + tops.size);
  }
  const pre = document.createElement("pre");
  pre.id = "lines";
  pre.textContent = out.join("\\n");
  document.body.appendChild(pre);
});
</script>
"""


@pytest.mark.slow
def test_no_word_and_its_pinyin_break_across_a_line(tmp_path):
    """Laid out by Chromium at the width of a printed A4 column, narrow enough that lines
    break often: each chosen word stays on one line with its ruby (零|和博弈 did not)."""
    browser = _chromium_or_skip()
    lesson = flashcards.build(ARTICLES / "tea-market.txt", options=every_word())
    html = render_handout(lesson).replace("default-src 'none'; ", "default-src 'none'; script-src 'unsafe-inline'; ")
    html = html.replace("</body>", _LINES_OF_EACH_WORD + "</body>").replace(
        "<body ", '<body style="max-width: 120mm" ')
    page = tmp_path / "handout.html"
    page.write_text(html, encoding="utf-8")
    with tempfile.TemporaryDirectory() as profile:
        dom = subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                              "--no-first-run", f"--user-data-dir={profile}", "--virtual-time-budget=5000",
                              "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=120).stdout
    found = re.search(r'<pre id="lines">(.*?)</pre>', dom, re.S)
    assert found, "the page reported its layout"
    lines = [entry.rsplit(":", 1) for entry in found.group(1).split("\n") if entry]
    assert len(lines) >= 100
    assert [word for word, count in lines if count != "1"] == []
