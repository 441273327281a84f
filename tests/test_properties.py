"""Property-based tests (hypothesis) of the stages an odd input goes through first.

read.decode → parse → split_chinese / split_english → align → segment (→ annotate_all).
For any Unicode text (CJK with characters outside the BMP such as 𠮷, ASCII, the end marks
。！？!?；…”」, newlines, control characters, lone surrogates) each stage either answers or, where
the user can act on it, raises InputError; every character of the input lands in exactly one
sentence, in order; alignments are monotone and cover both sides; the same input gives the same
output.
"""

from __future__ import annotations

import codecs
import os
import re
from collections import Counter

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from flashcards.errors import InputError
from flashcards.parse import parse_article, parse_parallel, split_blocks
from flashcards.read import decode
from flashcards.sentences import LONGEST_SENTENCE, split_chinese, split_english
from flashcards.text import CJK_CHAR

# FLASHCARDS_PROPERTY_EXAMPLES=5000 searches harder (the default keeps the file to seconds).
EXAMPLES = int(os.environ.get("FLASHCARDS_PROPERTY_EXAMPLES", "150"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FEW = settings(max_examples=max(1, EXAMPLES * 2 // 5), deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module")
def dictionary():
    from flashcards import dictionary as cedict

    return cedict.load()


# --- strategies ----------------------------------------------------------------------------------

ASTRAL = "𠮷𠀀𠀁𪚥𫝀𬺰𰀀"
COMMON_HANZI = "我们在市场买茶叶朋友都很喜欢喝今天气好啊老街上的小店银行长还行了不一个人是有这他中大来"
END_MARKS = ["。", "！", "？", "!", "?", "；", "…", "……", "...", "”", "」", "』", "）", "》"]
SOFT_MARKS = ["，", ",", "、", "：", ":", "“", "「", "（", "《", "——", "-", "'", '"']
SPACES = [" ", "\n", "\n\n", "\t", "\u3000", "\r", "\u2028", "\u00a0", "\ufeff", "\u200b"]
CJK = st.one_of(
    st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),
    st.characters(min_codepoint=0x3400, max_codepoint=0x4DBF),
    st.characters(min_codepoint=0x20000, max_codepoint=0x2A6DF),
    st.characters(min_codepoint=0xF900, max_codepoint=0xFAFF),
    st.sampled_from(ASTRAL),
    st.sampled_from(COMMON_HANZI),
)
ASCII = st.characters(min_codepoint=0x20, max_codepoint=0x7E)
ENGLISH_WORDS = st.sampled_from(["tea", "market", "The", "Dr.", "U.S.", "$3.50", "p.m.", "e.g.", "Mr.", "bank",
                                 "<script>alert(1)</script>", "{{Front}}", "&amp;", "(", ")", "'", "2024"])
CONTROL = st.characters(categories=["Cc"])
SURROGATE = st.characters(categories=["Cs"])

PIECE = st.one_of(
    CJK, CJK, CJK, ASCII, ENGLISH_WORDS,
    st.sampled_from(END_MARKS), st.sampled_from(SOFT_MARKS), st.sampled_from(SPACES),
    CONTROL, SURROGATE, st.characters(),  # anything at all, except surrogates (they are above)
)
# Any Unicode text, weighted towards what an article holds.
TEXT = st.one_of(st.lists(PIECE, max_size=60).map("".join), st.text(max_size=40))
# Text without line breaks or spaces at the ends, as a paragraph's sentence reaches align/segment.
CHINESE_SENTENCE = st.lists(st.one_of(CJK, CJK, st.sampled_from(END_MARKS + SOFT_MARKS), ASCII),
                            min_size=1, max_size=30).map("".join)


def _nonspace(text: str) -> str:
    return "".join(char for char in text if not char.isspace())


def _cjk(text: str) -> Counter:
    return Counter(CJK_CHAR.findall(text))


# --- read.decode ---------------------------------------------------------------------------------

BOMS = [codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, b""]


def _check_decoded(data: bytes):
    try:
        text = decode("input.txt", data)
    except InputError as error:
        assert error.path == "input.txt" and "\n" not in str(error)
        return None
    assert isinstance(text, str)
    text.encode("utf-8")  # no lone surrogate gets through to the deck's database
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]", text)
    return text


@SETTINGS
@given(st.binary(max_size=300))
@example(b"\xed\xa0\x80")  # a UTF-8-encoded lone surrogate
@example(b"\x81\x20" * 10)
@example(codecs.BOM_UTF16_LE + b"\x00\xd8a\x00")  # UTF-16 with a lone high surrogate
@example(codecs.BOM_UTF32_LE + b"\x00\xd8\x00\x00")
@example(b"\xff\xfe\x00\x00")
@example(bytes(range(256)))
def test_decode_returns_clean_text_or_refuses_arbitrary_bytes(data):
    _check_decoded(data)


@SETTINGS
@given(st.sampled_from(BOMS), st.binary(max_size=200))
def test_decode_after_a_byte_order_mark_returns_clean_text_or_refuses(bom, data):
    _check_decoded(bom + data)


@SETTINGS
@given(TEXT, st.sampled_from(["utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "gb18030"]))
def test_decode_of_any_encoded_text_returns_clean_text_or_refuses(text, encoding):
    _check_decoded(text.encode(encoding, errors="surrogatepass" if encoding.startswith("utf") else "replace"))


# Text the reader must return exactly: no control, private-use or BOM characters, no surrogates.
READABLE = st.lists(st.one_of(CJK, ASCII, ENGLISH_WORDS, st.sampled_from(END_MARKS + SOFT_MARKS),
                              st.sampled_from(["\n", "\n\n", " ", "\t", "\u3000"])), max_size=60).map("".join)


@SETTINGS
@given(READABLE, st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-be-bom", "utf-32"]))
def test_decode_reads_utf8_and_unicode_with_a_bom_exactly(text, encoding):
    if encoding == "utf-16-be-bom":
        data = codecs.BOM_UTF16_BE + text.encode("utf-16-be")
    else:
        data = text.encode(encoding)
    assert decode("input.txt", data) == text


@pytest.mark.parametrize("text", [
    "The tea market opens before dawn.\n\n茶叶市场天亮之前就开门了。",
    "我们在老街上的小店里喝茶，朋友们都很喜欢。\n\n今天天气好啊！",
    "银行行长说：“还有三个人没来。”",
])
def test_decode_reads_gb18030_exactly(text):
    assert decode("input.txt", text.encode("gb18030")) == text
    assert decode("input.txt", text.encode("gbk")) == text


def test_decode_reads_short_utf8_with_a_few_control_characters():
    # Word writes \x0b for a manual line break; three of them in a short article.
    text = "我们在市场买茶叶。\x0b朋友们都很喜欢喝茶。\x0bWe buy tea at the market.\x0b"
    assert decode("input.txt", text.encode("utf-8")) == text.replace("\x0b", "")


def test_decode_never_reads_valid_utf8_as_gb18030_mojibake():
    data = ("我们" * 100 + "\x0b\x0b\x0b").encode("utf-8")
    try:
        text = decode("input.txt", data)
    except InputError:
        return  # refusing it is acceptable; reading it as something else is not
    assert text == "我们" * 100, text[:12]


@SETTINGS
@given(READABLE, st.integers(min_value=0), st.characters(categories=["Cs"]))
@example("我", 1, "\ud800")
def test_decode_of_utf8_with_a_lone_surrogate_drops_it_or_refuses(text, where, surrogate):
    at = where % (len(text) + 1)
    data = (text[:at] + surrogate + text[at:]).encode("utf-8", errors="surrogatepass")
    try:
        read = decode("input.txt", data)
    except InputError:
        return
    assert read == text


# --- parse ---------------------------------------------------------------------------------------

@SETTINGS
@given(TEXT, st.sampled_from(["article.txt", "article.md", "Night Bus.zh.markdown"]))
@example("𠮷野家\n\n<script>alert(1)</script>{{Front}}\n\n𠮷野家卖牛肉饭。", "a.txt")
@example("\ud800\n\n茶\udfff。", "a.md")
@example("# 茶\n\n![x](y)\n\n[链接](http://x)\n\n**粗体**茶。", "a.md")
def test_parser_answers_or_refuses_and_invents_no_chinese(text, path):
    try:
        article = parse_article(path, text)
    except InputError as error:
        assert error.path == path
        return
    body = "".join(p for pair in article.paragraphs for side in (pair.en, pair.zh) for p in side)
    assert _cjk(body) <= _cjk(text)
    assert any(pair.zh for pair in article.paragraphs)
    assert parse_article(path, text) == article  # deterministic


@SETTINGS
@given(TEXT, TEXT)
def test_parallel_parser_answers_or_refuses_and_invents_no_chinese(en_text, zh_text):
    try:
        article = parse_parallel("a.en.txt", en_text, "a.zh.txt", zh_text)
    except InputError as error:
        assert error.path in ("a.en.txt", "a.zh.txt")
        return
    body = "".join(p for pair in article.paragraphs for p in pair.zh)
    assert _cjk(body) <= _cjk(en_text) + _cjk(zh_text)


@SETTINGS
@given(TEXT, st.booleans())
def test_split_blocks_keeps_every_chinese_character_of_plain_text(text, markdown):
    blocks = split_blocks(text, markdown)
    assert all(block for block, _heading in blocks)
    if not markdown:  # Markdown drops images and comments; plain text drops nothing but layout
        assert _cjk("".join(block for block, _ in blocks)) == _cjk(text)


EN_WORD = st.sampled_from(["tea", "market", "city", "bus", "night", "friends", "laughed", "bank", "river",
                           "morning", "opens", "early", "we", "walked", "home", "3", "2024", "Lin", "Dr."])
EN_PARAGRAPH = st.lists(EN_WORD, min_size=2, max_size=12).map(lambda words: " ".join(words) + ".")
ZH_SENTENCE = st.builds(lambda chars, mark: "".join(chars) + mark,
                        st.lists(CJK, min_size=1, max_size=20), st.sampled_from(["。", "！", "？", "；", "……", "。”"]))
ZH_PARAGRAPH = st.lists(ZH_SENTENCE, min_size=1, max_size=4).map("".join)


@SETTINGS
@given(st.lists(st.tuples(st.lists(EN_PARAGRAPH, max_size=2), st.lists(ZH_PARAGRAPH, min_size=1, max_size=2)),
                min_size=1, max_size=6),
       st.booleans())
def test_every_chinese_character_of_a_well_formed_article_lands_in_exactly_one_sentence(pairs, titled):
    blocks = ["茶叶市场", "The Tea Market", "导读"] if titled else []
    for english, chinese in pairs:
        blocks += english + chinese
    blocks.append("来源:https://example.org/tea")
    chinese_paragraphs = [zh for _english, chinese in pairs for zh in chinese]
    expected = "".join(chinese_paragraphs)
    try:
        article = parse_article("tea.txt", "\n\n".join(blocks) + "\n")
    except InputError:
        # The one refusal a well-formed article may get: its first block, short and ending in ！
        # or ”, is the title, and every Chinese paragraph is that title again (title-only file).
        assert not titled and not pairs[0][0] and set(chinese_paragraphs) == {chinese_paragraphs[0]}
        return
    paragraphs = [p for pair in article.paragraphs for p in pair.zh]
    if titled:
        assert (article.title.zh, article.title.en) == ("茶叶市场", "The Tea Market")
    elif article.title.zh:
        # Without a title, a short first Chinese paragraph (ending in ！ or ”) is taken for one,
        # and a paragraph repeating the title is dropped as furniture.
        assert not pairs[0][0] and article.title.zh == chinese_paragraphs[0]
        expected = "".join(p for p in chinese_paragraphs if p != article.title.zh)
    assert "".join(paragraphs) == expected
    sentences = [s for p in paragraphs for s in split_chinese(p)]
    assert "".join(sentences) == expected
    assert article.source == "https://example.org/tea"


@pytest.mark.parametrize("text", ["今天真冷啊！\n", "It is cold today!\n\n今天真冷啊！\n", "他说：“我们明天去买茶叶。”\n"])
def test_a_lone_exclamation_is_not_taken_for_the_title(text):
    article = parse_article("cold.txt", text)
    assert "".join(p for pair in article.paragraphs for p in pair.zh) == text.split("\n\n")[-1].strip()


# --- sentences -----------------------------------------------------------------------------------

@SETTINGS
@given(TEXT)
@example("他说:“好!”然后走了……我们呢?留下；一直等到天黑。最后")
@example("茶" * (LONGEST_SENTENCE * 3 + 7))
@example(("茶叶，" * 200) + "。")
@example("𠮷" * 400)
@example("\ud800。\udfff！")
def test_split_chinese_puts_every_character_in_exactly_one_sentence_in_order(text):
    sentences = split_chinese(text)
    assert _nonspace("".join(sentences)) == _nonspace(text)
    assert all(sentence and sentence == sentence.strip() for sentence in sentences)
    assert all(len(sentence) <= LONGEST_SENTENCE for sentence in sentences)
    assert split_chinese(text) == sentences


@SETTINGS
@given(TEXT)
@example("Dr. Chen moved to the U.S. in May. The fare is $3.50 after 9 p.m. on weekdays.")
@example("word " * 200)
@example("x" * 1000)
@example("<script>alert('x')</script> {{Front}} & done.")
def test_split_english_keeps_every_character_in_order(text):
    sentences = split_english(text)
    assert _nonspace("".join(sentences)) == _nonspace(text)
    assert all(sentence and sentence == sentence.strip() for sentence in sentences)
    assert split_english(text) == sentences


# --- align ---------------------------------------------------------------------------------------

from flashcards.align import KINDS as ALLOWED_BEADS  # noqa: E402  (the kinds the aligner tries)
EN_SENTENCE = st.one_of(EN_PARAGRAPH, TEXT)
ALIGN_ZH_SENTENCE = st.one_of(ZH_SENTENCE, CHINESE_SENTENCE, TEXT)


def _check_beads(beads, n: int, m: int) -> None:
    assert [i for en, _zh in beads for i in en] == list(range(n))
    assert [j for _en, zh in beads for j in zh] == list(range(m))
    assert all((len(en), len(zh)) in ALLOWED_BEADS for en, zh in beads)
    assert all(en or zh for en, zh in beads)  # no empty bead


@SETTINGS
@given(st.lists(EN_SENTENCE, max_size=8), st.lists(ALIGN_ZH_SENTENCE, max_size=8))
@example([], [])
@example(["One."], [])
@example([], ["一。"])
def test_align_is_monotone_and_covers_both_sides_once(dictionary, en, zh):
    from flashcards.align import align

    beads = align(en, zh, dictionary)
    _check_beads(beads, len(en), len(zh))
    assert align(list(en), list(zh), dictionary) == beads


@FEW
@given(st.lists(EN_PARAGRAPH, min_size=0, max_size=40), st.lists(ZH_SENTENCE, min_size=0, max_size=40),
       st.integers(min_value=0, max_value=3))
def test_align_with_lopsided_sides_and_narrow_bands_still_covers_everything(dictionary, en, zh, band):
    from flashcards.align import align

    beads = align(en, zh, dictionary, band=band)
    _check_beads(beads, len(en), len(zh))


# --- segment and annotate ------------------------------------------------------------------------

@SETTINGS
@given(st.one_of(CHINESE_SENTENCE, TEXT))
@example("𠮷野家的牛肉饭")
@example("王先生在银行工作")
@example("三个人")
@example("社交媒体")
@example("\ud800我\udfff")
def test_segment_words_concatenate_back_to_the_sentence(dictionary, sentence):
    from flashcards.segment import segment

    words = segment(sentence, dictionary)
    assert "".join(word for word, _tag in words) == sentence
    assert all(word and isinstance(tag, str) for word, tag in words)
    assert segment(sentence, dictionary) == words


@FEW
@given(st.lists(st.one_of(CHINESE_SENTENCE, ZH_SENTENCE), min_size=1, max_size=5))
def test_annotate_all_gives_a_token_per_word_with_a_reading_for_every_hanzi(dictionary, sentences):
    from flashcards.pinyin import sentence_pinyin
    from flashcards.readings import annotate_all
    from flashcards.segment import segment

    segmented = [segment(sentence, dictionary) for sentence in sentences]
    tokens = annotate_all(segmented, dictionary)
    assert len(tokens) == len(sentences)
    for sentence, words, sentence_tokens in zip(sentences, segmented, tokens):
        assert [token.text for token in sentence_tokens] == [word for word, _ in words]
        for token in sentence_tokens:
            if token.reading is not None and all(CJK_CHAR.fullmatch(c) for c in token.text):
                assert len(token.reading.syllables) == len(token.text), (token.text, token.reading)
        sentence_pinyin(sentence_tokens)
        sentence_pinyin(sentence_tokens, sandhi=True)
