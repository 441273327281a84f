"""Fuzz the whole build on mutated copies of our sample articles, teachers' word lists and
word lists to import.

    python benchmarks/fuzz.py --seconds 300            # five minutes, seed 0
    python benchmarks/fuzz.py --seconds 60 --seed 7    # another reproducible run
    python benchmarks/fuzz.py --kinds vocab,known      # only the word lists

Each run takes a sample article from ``articles/`` (or the night-bus pair, as parallel files),
applies a few random mutations (insert, delete, duplicate, swap or merge paragraphs; inject
random Unicode: CJK outside the BMP, control characters, lone surrogates, HTML and template
syntax, runs without punctuation; change line ends, encodings and byte-order marks; cut the file
at a random byte or corrupt bytes), writes it to a file and calls the library as the command
line does: ``flashcards.build`` then ``write_deck`` and ``write_reverse_deck`` into a
temporary folder.

A :class:`flashcards.errors.FlashcardsError` is a refusal, which is fine. Anything else is a
failure: the input is saved under ``--out`` (default ``/tmp/flashcards-fuzz``) with its
traceback, and the path printed. A build that succeeds is also checked: each deck is a
complete zip with no temporary file beside it, and no Chinese character reaches a sentence
that the file does not hold. Where the file's bytes are an intact encoding of a known text,
the text read back must be that text (less control characters and surrogates); a difference
is counted as "misread" (and saved), apart from failures.

A ``vocab`` run exports a sample's word list (``export --format csv``), mutates it (rows
deleted, duplicated, swapped, added; cells with random Unicode, formulas, run-together or wrong
pinyin, long cells; ``include`` values; separators, header names, encodings and bytes) and
applies it with ``flashcards.apply_word_list``: a refusal is fine; else every chosen word must
be a row of the file not marked ``no``, and the chosen list exported and applied again must
choose the same words. A ``known`` run writes a list for ``known import`` (plain, CSV, TSV,
Pleco, Anki's text export with its header lines, or bytes that only look like a package or a
collection), mutates it and reads it with ``importers.read_words``: every word must hold
Chinese, no white space, and be no longer than a word may be.

Everything is drawn from one ``random.Random(seed)``, so a run is reproducible on the same
code; each saved input also stands on its own (``python -m flashcards build FILE``).
"""

from __future__ import annotations

import argparse
import codecs
import os
import random
import re
import shutil
import sys
import tempfile
import time
import traceback
import zipfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "articles"
sys.path.insert(0, str(ROOT))

CJK = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002a6df\U0002a700-\U0002ebef"
                 "\U00030000-\U0003134f]")
REMOVED_BY_READER = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")

ASTRAL = "𠮷𠀀𠀁𪚥𫝀𬺰𰀀😀🍵"
SNIPPETS = [
    "<script>alert('x')</script>", "{{Front}}", "{{#Hanzi}}{{/Hanzi}}", "{{c1::茶}}", "<b>粗体</b>", "&amp;",
    "<img src=x onerror=alert(1)>", "[sound:a.mp3]", "::", "导读", "来源:https://example.org/x", "Article illustration",
    "![图](x.png)", "- ", "1. ", "# ", "> ", "**", "`", "Andrew", "安德鲁", "Dr.", "U.S.", "$3.50", "11 p.m.",
    "……", "。”", "！", "？", "；", "，", "\u3000", "\ufeff", "\u200b", "\u2028", "\r", "\t", "\x0b", "\x07",
    "\ud800", "\udfff", "\ud83d",
]
ENCODINGS = ["utf-8", "utf-8", "utf-8", "utf-8-sig", "utf-16", "utf-16-le-bom", "utf-16-be-bom", "utf-32",
             "gb18030", "gbk"]


# --- inputs --------------------------------------------------------------------------------------

def samples() -> list[tuple[str, ...]]:
    """("single", path) for each interleaved article; ("parallel", en, zh) for each pair."""
    found: list[tuple[str, ...]] = []
    for path in sorted(ARTICLES.iterdir()):
        if path.suffix not in (".txt", ".md"):
            continue
        if ".en." in path.name:
            zh = path.with_name(path.name.replace(".en.", ".zh."))
            if zh.exists():
                found.append(("parallel", str(path), str(zh)))
        elif ".zh." not in path.name:
            found.append(("single", str(path)))
    return found


def random_unicode(rng: random.Random, size: int) -> str:
    pieces = []
    for _ in range(size):
        kind = rng.random()
        if kind < 0.35:
            pieces.append(chr(rng.randrange(0x4E00, 0x9FA6)))
        elif kind < 0.45:
            pieces.append(rng.choice(ASTRAL))
        elif kind < 0.6:
            pieces.append(chr(rng.randrange(0x20, 0x7F)))
        elif kind < 0.75:
            pieces.append(rng.choice(SNIPPETS))
        elif kind < 0.8:
            pieces.append(chr(rng.randrange(0, 0x20)))
        else:
            code = rng.randrange(0, 0x110000)
            pieces.append(chr(code))
    return "".join(pieces)


def paragraphs_of(text: str) -> list[str]:
    return re.split(r"\n\s*\n", text)


def mutate_text(rng: random.Random, text: str, donors: list[str]) -> tuple[str, list[str]]:
    """A few random edits; returns the new text and what was done."""
    done = []
    blocks = paragraphs_of(text)
    if rng.random() < 0.5 and len(blocks) > 2:  # a window of the article keeps most runs quick
        start = rng.randrange(len(blocks))
        blocks = blocks[start:start + rng.randint(1, 12)]
        done.append("window")
    for _ in range(rng.randint(1, 4)):
        kind = rng.choice(["insert", "delete", "duplicate", "swap", "merge", "donor", "inject", "inject",
                           "run-on", "strip-punctuation", "lines", "many-tiny", "markdown", "case"])
        done.append(kind)
        i = rng.randrange(len(blocks)) if blocks else 0
        if kind == "insert" or not blocks:
            blocks.insert(i, random_unicode(rng, rng.randint(1, 80)))
        elif kind == "delete" and len(blocks) > 1:
            del blocks[i]
        elif kind == "duplicate":
            blocks[i:i] = [blocks[i]] * rng.randint(1, 3)
        elif kind == "swap":
            j = rng.randrange(len(blocks))
            blocks[i], blocks[j] = blocks[j], blocks[i]
        elif kind == "merge" and len(blocks) > 1:
            j = min(len(blocks), i + rng.randint(2, 4))
            blocks[i:j] = [rng.choice([" ", "", "\n"]).join(blocks[i:j])]
        elif kind == "donor":
            donor = paragraphs_of(rng.choice(donors))
            blocks.insert(i, rng.choice(donor))
        elif kind == "inject":
            block = blocks[i]
            at = rng.randint(0, len(block))
            blocks[i] = block[:at] + random_unicode(rng, rng.randint(1, 12)) + block[at:]
        elif kind == "run-on":
            chars = [c for c in "".join(blocks) if CJK.match(c)] or list("茶叶市场")
            blocks.insert(i, "".join(rng.choice(chars) for _ in range(rng.choice([300, 1000, 5000]))))
        elif kind == "strip-punctuation":
            blocks[i] = re.sub(r"[。！？!?；;.,，、：:…“”\"']", "", blocks[i])
        elif kind == "lines":
            blocks[i] = blocks[i].replace(rng.choice(["。", ".", " ", "，"]), rng.choice(["\n", "。\n", "\n- "]))
        elif kind == "many-tiny":
            blocks[i:i] = [rng.choice(["Tea.", "茶。", "Yes!", "好！", "1.", "一。"]) for _ in range(rng.randint(50, 400))]
        elif kind == "markdown":
            blocks[i] = rng.choice(["# ", "## ", "> ", "- ", "**", "![x](y) "]) + blocks[i]
        elif kind == "case":
            blocks[i] = blocks[i].upper() if rng.random() < 0.5 else blocks[i].lower()
    separator = rng.choice(["\n\n", "\n\n", "\n \n", "\n\u3000\n", "\n\n\n"])
    text = separator.join(blocks)
    ends = rng.random()
    if ends < 0.1:
        text = text.replace("\n", "\r\n")
        done.append("crlf")
    elif ends < 0.15:
        text = text.replace("\n", "\r")
        done.append("cr")
    return text, done


def encode(rng: random.Random, text: str) -> tuple[bytes, str]:
    encoding = rng.choice(ENCODINGS)
    if encoding.endswith("-bom"):
        base = encoding[:-4]
        bom = codecs.BOM_UTF16_LE if base == "utf-16-le" else codecs.BOM_UTF16_BE
        return bom + text.encode(base, errors="surrogatepass"), encoding
    if encoding.startswith("utf"):
        return text.encode(encoding, errors="surrogatepass"), encoding
    # GB18030 encodes every code point but surrogates; GBK lacks many: those become "?"
    return text.encode(encoding, errors="replace"), encoding


def intended_text(text: str, encoding: str) -> str:
    """The text an intact file of ``encoding`` holds (GBK and GB18030 wrote "?" for what they lack)."""
    if encoding.startswith("utf"):
        return text
    return text.encode(encoding, errors="replace").decode(encoding)


def mutate_bytes(rng: random.Random, data: bytes) -> tuple[bytes, list[str]]:
    done = []
    for _ in range(rng.randint(1, 3)):
        kind = rng.choice(["cut", "flip", "insert", "nul", "bom", "high"])
        done.append(kind)
        at = rng.randint(0, len(data))
        if kind == "cut":
            data = data[:at]
        elif kind == "flip" and data:
            at = min(at, len(data) - 1)
            data = data[:at] + bytes([rng.randrange(256)]) + data[at + 1:]
        elif kind == "insert":
            data = data[:at] + rng.randbytes(rng.randint(1, 8)) + data[at:]
        elif kind == "nul":
            data = data[:at] + b"\x00" + data[at:]
        elif kind == "bom":
            data = rng.choice([codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE]) + data
        elif kind == "high":
            data = data[:at] + bytes(rng.randrange(0x80, 0x100) for _ in range(rng.randint(1, 6))) + data[at:]
    return data, done


# --- one run -------------------------------------------------------------------------------------

class Failure(Exception):
    """An invariant of a successful build does not hold."""


def expected_text(text: str) -> str:
    """What the reader should return for an intact encoding of ``text`` (byte-order marks aside).

    Control characters and lone surrogates go first, then line ends become ``\n``, as in the
    reader: a CR, a stray surrogate and a LF are one line end, not a CR and a LF apart.
    """
    kept = REMOVED_BY_READER.sub("", text)
    return kept.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")


def check_outputs(lesson, source_text: str, folder: Path) -> None:
    for deck in folder.glob("*.apkg"):
        with zipfile.ZipFile(deck) as package:
            if package.testzip() is not None or "collection.anki2" not in package.namelist():
                raise Failure(f"{deck.name} is not a complete package")
    stray = [p.name for p in folder.iterdir() if p.name.startswith(".") or p.suffix == ".tmp"]
    if stray:
        raise Failure(f"temporary files left behind: {stray}")
    if not any(folder.glob("*.apkg")):
        raise Failure("no deck written")
    chinese = Counter(CJK.findall("".join(s.pair.zh_text for s in lesson.sentences)))
    if chinese - Counter(CJK.findall(source_text)):
        raise Failure(f"Chinese characters not in the input: {''.join(sorted(chinese - Counter(CJK.findall(source_text))))}")


def run_once(rng: random.Random, sample: tuple[str, ...], donors: list[str], work: Path) -> dict:
    import flashcards
    from flashcards.errors import FlashcardsError
    from flashcards.read import read_text

    parallel = sample[0] == "parallel"
    sources = sample[1:]
    files, intact, notes = [], [], []
    for index, source in enumerate(sources):
        text, done = mutate_text(rng, Path(source).read_text("utf-8"), donors)
        data, encoding = encode(rng, text)
        notes += done + [encoding]
        if rng.random() < 0.25:
            data, damage = mutate_bytes(rng, data)
            notes += damage
            intended = None
        else:
            intended = intended_text(text, encoding)
        suffix = Path(source).suffix if rng.random() < 0.8 else rng.choice([".txt", ".md", ""])
        name = ("article.en" if parallel and index == 0 else "article.zh" if parallel else "article") + suffix
        path = work / name
        path.write_bytes(data)
        files.append(path)
        intact.append(intended)

    out = work / "decks"
    outcome = {"files": files, "notes": notes, "misread": []}
    try:
        lesson = flashcards.build(en=files[0], zh=files[1]) if parallel else flashcards.build(files[0])
        flashcards.write_deck(lesson, out / f"{lesson.slug}.apkg")
        flashcards.write_reverse_deck(lesson, out / f"{lesson.slug}.reverse.apkg")
    except FlashcardsError as error:
        outcome["result"] = "refused"
        outcome["reason"] = re.sub(r"^.*?: ", "", str(error))
        return outcome
    texts = [read_text(path) for path in files]
    for path, text, intended in zip(files, texts, intact):
        if intended is not None and text.replace("\ufeff", "") != expected_text(intended):
            outcome["misread"].append(path)
    check_outputs(lesson, "".join(texts), out)
    outcome["result"] = "built"
    return outcome


# --- word lists -----------------------------------------------------------------------------------

PINYIN_SNIPPETS = ["xian" * 8, "xian" * 30, "yin2hang2", "yínháng", "Xī'ān", "fangan", "nar", "r", "hm", "ng",
                   "zhong1guo2ren2", "u:", "lv4", "12345", "qqqq", "a" * 300, "er" * 50, "'" * 5]
FORMULAS = ["=SUM(1,1)", "'=1+1", "+1", "-ism", "@cmd", "\t=x", "\r=x", "''-2", "'"]


def _cell(rng: random.Random, cell: str) -> str:
    kind = rng.random()
    if kind < 0.3:
        return cell
    if kind < 0.45:
        return rng.choice(FORMULAS) + cell
    if kind < 0.6:
        at = rng.randint(0, len(cell))
        return cell[:at] + random_unicode(rng, rng.randint(1, 10)) + cell[at:]
    if kind < 0.7:
        return ""
    if kind < 0.75:
        return cell * rng.choice([50, 2000])
    return rng.choice(PINYIN_SNIPPETS + FORMULAS + ["yes", "no", "x", "否", "maybe", "-", "#"])


def mutate_wordlist(rng: random.Random, text: str) -> tuple[str, list[str]]:
    """A teacher's edits, and worse, to an exported word list (CSV text)."""
    import csv
    import io

    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    done: list[str] = []
    for _ in range(rng.randint(1, 5)):
        kind = rng.choice(["cells", "cells", "delete", "duplicate", "swap", "add", "header", "width", "many"])
        done.append(kind)
        body = rows[1:]
        i = rng.randrange(len(body)) if body else 0
        if kind == "cells" and body:
            body[i] = [_cell(rng, cell) for cell in body[i]]
        elif kind == "delete" and body:
            del body[i]
        elif kind == "duplicate" and body:
            body[i:i] = [list(body[i])] * rng.randint(1, 3)
        elif kind == "swap" and body:
            j = rng.randrange(len(body))
            body[i], body[j] = body[j], body[i]
        elif kind == "add":
            word = "".join(chr(rng.randrange(0x4E00, 0x9FA6)) for _ in range(rng.randint(1, 4)))
            body.insert(i, [word] + [_cell(rng, "") for _ in range(6)])
        elif kind == "header" and rows:
            rows[0] = [rng.choice([name, name.upper(), "拼音", "Hanzi", "", "notes", name + " "]) for name in rows[0]]
            rng.shuffle(rows[0]) if rng.random() < 0.2 else None
        elif kind == "width" and body:
            body[i] = body[i][:rng.randint(0, len(body[i]))] + ["extra"] * rng.randint(0, 3)
        elif kind == "many":
            body += [["".join(chr(rng.randrange(0x4E00, 0x9FA6)) for _ in range(2))] for _ in range(rng.choice([100, 3000]))]
        rows[1:] = body
    out = io.StringIO()
    csv.writer(out, delimiter=rng.choice([",", ",", ";", "\t"]), lineterminator=rng.choice(["\r\n", "\n"])).writerows(rows)
    return out.getvalue(), done


def _lesson_for(sample: tuple[str, ...], lessons: dict):
    import flashcards

    if sample not in lessons:
        parallel = sample[0] == "parallel"
        lessons[sample] = flashcards.build(en=sample[1], zh=sample[2]) if parallel else flashcards.build(sample[1])
    return lessons[sample]


def run_vocab(rng: random.Random, sample: tuple[str, ...], work: Path, lessons: dict) -> dict:
    import flashcards
    from flashcards.errors import FlashcardsError
    from flashcards.wordlist import read_wordlist, to_csv

    lesson = _lesson_for(sample, lessons)
    text, notes = mutate_wordlist(rng, to_csv(lesson))
    data, encoding = encode(rng, text)
    notes.append(encoding)
    if rng.random() < 0.2:
        data, damage = mutate_bytes(rng, data)
        notes += damage
    path = work / rng.choice(["words.csv", "words.tsv", "words.txt", "words"])
    path.write_bytes(data)
    outcome = {"files": [path], "notes": notes, "misread": []}
    try:
        chosen, _problems = flashcards.apply_word_list(lesson, path)
        rows, _ = read_wordlist(path)
    except FlashcardsError as error:
        outcome["result"] = "refused"
        outcome["reason"] = re.sub(r"^.*?: ", "", str(error))
        return outcome
    allowed = {row.word for row in rows if row.include}
    stray = [item.word for item in chosen.vocabulary if item.word not in allowed]
    if stray:
        raise Failure(f"words chosen that no row includes: {stray[:5]}")
    again = work / "again.csv"
    again.write_text("\ufeff" + to_csv(chosen), encoding="utf-8")
    rechosen, _ = flashcards.apply_word_list(lesson, again)
    if [item.word for item in rechosen.vocabulary] != [item.word for item in chosen.vocabulary]:
        raise Failure("the chosen list, exported and applied again, chooses other words")
    outcome["result"] = "built"
    return outcome


def known_list(rng: random.Random, words: list[str]) -> tuple[bytes, str, str]:
    """(bytes, file name, format) of a list for ``known import``."""
    kind = rng.choice(["plain", "csv", "tsv", "pleco", "anki-text", "zip", "sqlite", "junk"])
    if kind == "plain":
        text = "\n".join(rng.choice([w, f"{w} yin2 bank", f"# {w}", f"1. {w}", f"<b>{w}</b>", f"{w}[sound:x.mp3]"])
                         for w in words)
        name = "list.txt"
    elif kind in ("csv", "tsv"):
        separator = "," if kind == "csv" else "\t"
        header = separator.join(rng.sample(["Hanzi", "Pinyin", "Meaning", "Simplified", "Traditional", "Word"], 3))
        text = header + "\n" + "\n".join(separator.join([w, "yin2", "bank"]) for w in words)
        name = f"list.{kind}"
    elif kind == "pleco":
        text = "// Lesson\n" + "\n".join(f"{w}[{w}]\tyin2hang2\tbank" for w in words)
        name = "pleco.txt"
    elif kind == "anki-text":
        text = ("#separator:tab\n#html:true\n#guid column:1\n#notetype column:2\n#deck column:3\n"
                + "\n".join(f"g{i}\tChinese (Hanzi) 词\t中文::词汇\t{w}\tyin2\tbank" for i, w in enumerate(words)))
        name = "notes.txt"
    elif kind == "zip":
        return b"PK\x03\x04" + rng.randbytes(rng.randint(0, 200)), rng.choice(["deck.apkg", "deck.colpkg", "x.xlsx"]), kind
    elif kind == "sqlite":
        return b"SQLite format 3\x00" + rng.randbytes(rng.randint(0, 200)), "collection.anki2", kind
    else:
        return rng.randbytes(rng.randint(0, 400)), rng.choice(["deck.apkg", "list.txt", "list.csv"]), kind
    mutated, _ = mutate_text(rng, text, [text]) if rng.random() < 0.5 else (text, [])
    data, _encoding = encode(rng, mutated)
    if rng.random() < 0.2:
        data, _ = mutate_bytes(rng, data)
    return data, name, kind


def run_known(rng: random.Random, sample: tuple[str, ...], work: Path, lessons: dict) -> dict:
    from flashcards.errors import FlashcardsError
    from flashcards.importers import MAX_WORD_LENGTH, read_words

    lesson = _lesson_for(sample, lessons)
    words = [item.word for item in lesson.vocabulary][:rng.choice([5, 50, 500])]
    data, name, kind = known_list(rng, words)
    path = work / name
    path.write_bytes(data)
    outcome = {"files": [path], "notes": [kind], "misread": []}
    try:
        found, _warnings = read_words(path)
    except FlashcardsError as error:
        outcome["result"] = "refused"
        outcome["reason"] = re.sub(r"^.*?: ", "", str(error))
        return outcome
    bad = [word for word in found if not CJK.search(word) or re.search(r"\s", word) or len(word) > MAX_WORD_LENGTH]
    if bad:
        raise Failure(f"words that are not words: {bad[:5]}")
    if len(set(found)) != len(found):
        raise Failure("a word read twice")
    outcome["result"] = "built"
    return outcome


def save(where: Path, label: str, number: int, files: list[Path], details: str) -> Path:
    folder = where / f"{label}-{number:04d}"
    folder.mkdir(parents=True, exist_ok=True)
    for path in files:
        if path.exists():
            shutil.copyfile(path, folder / path.name)
    (folder / "details.txt").write_text(details, encoding="utf-8")
    return folder


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60, help="how long to run (default 60)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument("--runs", type=int, default=None, help="stop after this many runs")
    parser.add_argument("--out", default=os.path.join(tempfile.gettempdir(), "flashcards-fuzz"),
                        help="where failing inputs are saved (default /tmp/flashcards-fuzz)")
    parser.add_argument("-v", "--verbose", action="store_true", help="one line per run")
    parser.add_argument("--kinds", default="article,vocab,known",
                        help="what to fuzz, comma-separated: article, vocab (--vocab word lists), known "
                             "(known import files); default all three")
    args = parser.parse_args(argv)
    kinds = [kind.strip() for kind in args.kinds.split(",") if kind.strip()]
    runners = {"article": lambda rng, sample, work, _lessons: run_once(rng, sample, donors, work),
               "vocab": run_vocab, "known": run_known}
    if not kinds or set(kinds) - set(runners):
        parser.error(f"--kinds: choose among {', '.join(runners)}")
    lessons: dict = {}

    os.environ.setdefault("FLASHCARDS_CACHE", os.path.join(tempfile.gettempdir(), "flashcards-fuzz-cache"))
    from flashcards import dictionary  # warm the dictionary before the clock starts

    dictionary.load()
    rng = random.Random(args.seed)
    found = samples()
    donors = [Path(p).read_text("utf-8") for sample in found for p in sample[1:]]
    where = Path(args.out)
    where.mkdir(parents=True, exist_ok=True)
    print(f"fuzzing {', '.join(kinds)} on {len(found)} samples, "
          f"seed {args.seed}, for {args.seconds:g} s; failures go to {where}", flush=True)

    counts: Counter = Counter()
    by_kind: Counter = Counter()
    reasons: Counter = Counter()
    slowest = (0.0, "")
    started = time.monotonic()
    runs = 0
    try:
        while time.monotonic() - started < args.seconds and (args.runs is None or runs < args.runs):
            runs += 1
            sample = found[rng.randrange(len(found))]
            kind = rng.choice(kinds)
            by_kind[kind] += 1
            work = Path(tempfile.mkdtemp(prefix="flashcards-fuzz-run-"))
            begun = time.monotonic()
            try:
                outcome = runners[kind](rng, sample, work, lessons)
            except Exception as error:  # noqa: BLE001  (anything but FlashcardsError is a finding)
                counts["failed"] += 1
                files = sorted(p for p in work.iterdir() if p.is_file())
                details = f"seed {args.seed}, run {runs} ({kind}), sample {sample}\n\n{traceback.format_exc()}"
                folder = save(where, "failure", counts["failed"], files, details)
                last = traceback.format_exception_only(type(error), error)[-1].strip()
                print(f"FAILURE run {runs}: {last}\n  input saved in {folder}", flush=True)
            else:
                counts[outcome["result"]] += 1
                if outcome["result"] == "refused":
                    reasons[outcome["reason"]] += 1
                if outcome["misread"]:
                    counts["misread"] += 1
                    folder = save(where, "misread", counts["misread"], outcome["files"],
                                  f"seed {args.seed}, run {runs}, sample {sample}\nmutations: {outcome['notes']}\n"
                                  "the text read back differs from the text that was encoded\n")
                    print(f"misread run {runs}: {[p.name for p in outcome['misread']]} saved in {folder}", flush=True)
                if args.verbose:
                    print(f"run {runs}: {outcome['result']} {' '.join(outcome['notes'])}", flush=True)
            finally:
                took = time.monotonic() - begun
                if took > slowest[0]:
                    slowest = (took, f"run {runs} ({kind}, {Path(sample[1]).name})")
                shutil.rmtree(work, ignore_errors=True)
    except KeyboardInterrupt:
        print("interrupted: figures so far", flush=True)
    seconds = time.monotonic() - started

    print()
    print(f"runs:          {runs}  ({', '.join(f'{kind} {by_kind[kind]}' for kind in kinds)})")
    print(f"seconds:       {seconds:.1f}")
    print(f"built:         {counts['built']}  (a deck written, or a word list read)")
    print(f"refused:       {counts['refused']}  (a FlashcardsError: the one line a user sees)")
    for reason, number in reasons.most_common(8):
        print(f"    {number:5d}  {reason}")
    print(f"misread:       {counts['misread']}  (read without error, but not as the text that was encoded)")
    print(f"failures:      {counts['failed']}")
    print(f"inputs/second: {runs / seconds:.2f}")
    print(f"slowest run:   {slowest[0]:.1f} s, {slowest[1]}")
    return 1 if counts["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
