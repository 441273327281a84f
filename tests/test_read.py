"""Reading files: encodings, line ends, and refusing what is not an article."""

from __future__ import annotations

import pytest

from flashcards.errors import InputError
from flashcards.read import read_text

TEXT = "I like tea.\n\n我喜欢喝茶,你呢?\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "gb18030", "gbk"])
def test_reads_each_supported_encoding(tmp_path, encoding):
    path = tmp_path / "a.txt"
    path.write_bytes(TEXT.encode(encoding))
    assert read_text(path) == TEXT


def test_crlf_line_ends_become_newlines(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(TEXT.replace("\n", "\r\n").encode("utf-8"))
    assert read_text(path) == TEXT


@pytest.mark.parametrize("junk", [b"\xed\xa0\xbd", b"\x07", b"\xff"])  # a lone surrogate, a control, a stray byte
def test_junk_between_cr_and_lf_does_not_split_a_line(tmp_path, junk):
    path = tmp_path / "a.txt"
    rest = "\r\n我喜欢喝茶,你呢?\r\n我们喝了很多茶。我们喝了很多茶。我们喝了很多茶。\r\n"
    path.write_bytes(b"I like tea.\r" + junk + b"\n" + rest.encode("utf-8"))
    assert read_text(path) == "I like tea.\n" + rest.replace("\r\n", "\n")


def test_characters_outside_the_basic_plane_survive(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("𠮷野家\n", encoding="utf-16")
    assert read_text(path) == "𠮷野家\n"


@pytest.mark.parametrize("content, problem", [
    (b"", "is empty"),
    (b"  \n\n\t \n", "is empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
])
def test_refuses_empty_and_binary_files_naming_the_file(tmp_path, content, problem):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(InputError) as error:
        read_text(path)
    assert str(path) in str(error.value)
    assert problem in str(error.value)


def test_refuses_a_missing_file_and_a_directory(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_text(tmp_path / "missing.txt")
    with pytest.raises(InputError, match="directory"):
        read_text(tmp_path)


def test_a_link_to_nowhere_and_a_loop_of_links_are_told_apart_from_a_missing_file(tmp_path):
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "moved.txt")
    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    with pytest.raises(InputError, match=r"dangling\.txt: is a link to .*moved\.txt, which does not exist"):
        read_text(tmp_path / "dangling.txt")
    with pytest.raises(InputError, match=r"a\.txt: cannot be read \(Too many levels of symbolic links\)"):
        read_text(tmp_path / "a.txt")


def test_control_characters_are_dropped(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("我\x07喜欢\x1b茶。\n", encoding="utf-8")
    assert read_text(path) == "我喜欢茶。\n"


# Written for these tests in traditional characters (Taiwan's usage), and in Cantonese with
# Hong Kong's characters (哋, 咗, 啲, 冇 are in Big5-HKSCS, not in Big5).
TRADITIONAL = "We met at the night market.\n\n我們在夜市的街角碰面，攤販賣著蚵仔煎和滷肉飯。\n"
CANTONESE = "We went to the market.\n\n我哋今日去咗街市，買咗啲菜，佢話冇問題。\n"


@pytest.mark.parametrize("text, encoding", [(TRADITIONAL, "big5"), (TRADITIONAL, "cp950"),
                                            (TRADITIONAL, "big5hkscs"), (CANTONESE, "big5hkscs")])
def test_reads_big5_and_big5_hkscs(tmp_path, text, encoding):
    path = tmp_path / "a.txt"
    path.write_bytes(text.encode(encoding))
    assert read_text(path) == text


def test_hong_kong_characters_are_not_in_plain_big5():
    with pytest.raises(UnicodeEncodeError):
        CANTONESE.encode("big5")


@pytest.mark.parametrize("text", ["他说这本书很有意思。\n", "孩子们在院子里玩游戏。\n", "我喜欢喝茶,你呢?\n"])
def test_simplified_gb18030_that_big5_also_decodes_stays_simplified(tmp_path, text):
    assert text.encode("gb18030").decode("big5hkscs")  # Big5 would read it as mojibake (坻佽涴...)
    path = tmp_path / "a.txt"
    path.write_bytes(text.encode("gb18030"))
    assert read_text(path) == text


@pytest.mark.parametrize("text", [TRADITIONAL, CANTONESE, "老師說：「這本書很有意思。」\n", "冇問題。\n"])
def test_short_and_long_big5_is_not_taken_for_gb18030(tmp_path, text):
    data = text.encode("big5hkscs")
    assert data.decode("gb18030")  # GB18030 decodes these bytes too, as mojibake
    path = tmp_path / "a.txt"
    path.write_bytes(data)
    assert read_text(path) == text
