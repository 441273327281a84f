"""Read an input file into text: encodings, byte-order marks, line ends, binary refusal."""

from __future__ import annotations

import codecs
import os
import re
import stat

from .errors import InputError

MAX_BYTES = 200 * 1024 * 1024

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def read_text(path: str | os.PathLike[str]) -> str:
    """Return the file's text with ``\\n`` line ends, or raise :class:`InputError`.

    Tries a byte-order mark first (UTF-8, UTF-16, UTF-32), then UTF-8, then GB18030 (which
    covers GBK and GB2312) and Big5 (Big5-HKSCS, or Microsoft's CP950). A file with NUL bytes
    and no BOM is refused as binary.
    """
    name = os.fspath(path)
    text = decode(name, read_bytes(name, "an article file"))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(name, "is empty")
    return text


def read_bytes(name: str, kind: str) -> bytes:
    """The file's bytes, at most :data:`MAX_BYTES` (``/dev/zero`` never ends), or
    :class:`InputError` (``kind``: what the file should be, for the message)."""
    check_file(name, kind)
    try:
        with open(name, "rb") as handle:
            data = _read_at_most(handle, MAX_BYTES + 1)
    except OSError as error:
        raise InputError(name, f"cannot be read ({error.strerror or error})") from None
    if len(data) > MAX_BYTES:
        raise InputError(name, f"is larger than {MAX_BYTES // (1024 * 1024)} MB")
    return data


def check_file(name: str, kind: str) -> None:
    """Raise :class:`InputError` unless ``name`` is there to be opened and is not a folder
    (``kind``: what it should be, for the message). A link to nowhere, or a loop of links,
    is told apart from a missing file."""
    try:
        mode = os.stat(name).st_mode
    except FileNotFoundError:
        if os.path.islink(name):
            raise InputError(name, f"is a link to {os.readlink(name)}, which does not exist") from None
        raise InputError(name, "no such file") from None
    except OSError as error:  # a loop of links, a file where a folder should be, no permission
        raise InputError(name, f"cannot be read ({error.strerror or error})") from None
    if stat.S_ISDIR(mode):
        raise InputError(name, f"is a directory, not {kind}")


def _read_at_most(handle, limit: int) -> bytes:
    """Up to ``limit`` bytes, a megabyte at a time: ``read(limit)`` would set aside all of
    ``limit`` (200 MB) before reading a small file."""
    chunks: list[bytes] = []
    size = 0
    while size < limit:
        chunk = handle.read(min(1 << 20, limit - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def decode(name: str, data: bytes) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _clean(data[len(bom):].decode(encoding))
            except UnicodeDecodeError:
                raise InputError(name, f"starts with a {encoding} byte-order mark but is not valid {encoding}") from None
    if b"\x00" in data:
        raise InputError(name, "looks like a binary file, not text")
    utf8 = _as_utf8(data)
    if utf8 is not None:
        if len(_ODD.findall(utf8)) > max(2, len(utf8) // 10):
            raise InputError(name, "looks like a binary file, not text (mostly control characters)")
        return _clean(utf8)
    big5 = _decoded(data, "big5hkscs")
    candidates = [_decoded(data, "gb18030"), big5 if big5 is not None else _decoded(data, "cp950")]
    candidates = [text for text in candidates if text is not None and _looks_like_text(text)]
    if candidates:
        # Big5 and GB18030 both decode most byte soup: the one that reads as Chinese wins, and
        # GB18030 when they tie (max keeps the first of equals).
        return _clean(max(candidates, key=_chinese_share) if len(candidates) > 1 else candidates[0])
    raise InputError(name, "is not text in a known encoding (tried UTF-8, UTF-16, GB18030, Big5)")


# Big5-HKSCS covers Big5 and Hong Kong's characters; CP950 (Windows' Big5) has a few that
# Big5-HKSCS lacks (the euro, ETEN's extensions), for a file Big5-HKSCS refuses.
def _decoded(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


_CJK_PUNCTUATION = frozenset("，。、；：？！「」『』（）《》〈〉【】…—·“”‘’　～﹏﹑")
_SAMPLE = 20_000  # characters: enough to tell two decodings apart, few enough to look up fast


def _chinese_share(text: str) -> float:
    """How much of the text beyond ASCII is common Chinese: CJK punctuation and characters
    with a Zipf frequency of at least 3 in wordfreq's Chinese list (traditional ones looked
    up as simplified). The wrong one of Big5 and GB18030 makes kana, rare characters and symbols."""
    from collections import Counter

    from .frequencies import frequency
    from .script import to_simplified

    counts = Counter(char for char in text[:_SAMPLE] if ord(char) > 0x7F)
    if not counts:
        return 0.0
    common = sum(n for char, n in counts.items()
                 if char in _CJK_PUNCTUATION or (frequency(to_simplified(char), "zh") or 0.0) >= 1e-6)
    return common / sum(counts.values())


def _as_utf8(data: bytes) -> str | None:
    """The bytes as UTF-8, forgiving what editors leave behind, or None if they are not UTF-8.

    Valid UTF-8 is UTF-8 whatever control characters it holds (Word's \\x0b line breaks are
    dropped later). An encoded lone surrogate, or a stray invalid byte or two in a long text,
    does not make a UTF-8 file GB18030: GB18030 accepts almost any bytes and would turn the
    whole article into mojibake.
    """
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("utf-8", errors="surrogatepass")  # lone surrogates go in _clean
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    multibyte = sum(1 for char in text if ord(char) > 0x7F) - bad
    if bad <= max(1, len(data) // 1000) and multibyte >= 10 * bad:
        return text.replace("\ufffd", "")
    return None


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_ODD = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ue000-\uf8ff]")


def _looks_like_text(text: str) -> bool:
    """Decoding succeeded; refuse it anyway if it is mostly control or private-use characters."""
    return len(_ODD.findall(text)) <= max(2, len(text) // 100)


def _clean(text: str) -> str:
    """Drop control characters (but not line ends or tabs) and stray surrogates."""
    return _CONTROL.sub("", text)
