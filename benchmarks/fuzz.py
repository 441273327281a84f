"""Fuzz the whole build on mutated copies of our sample articles.

    python benchmarks/fuzz.py --seconds 300            # five minutes, seed 0
    python benchmarks/fuzz.py --seconds 60 --seed 7    # another reproducible run

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
    args = parser.parse_args(argv)

    os.environ.setdefault("FLASHCARDS_CACHE", os.path.join(tempfile.gettempdir(), "flashcards-fuzz-cache"))
    from flashcards import dictionary  # warm the dictionary before the clock starts

    dictionary.load()
    rng = random.Random(args.seed)
    found = samples()
    donors = [Path(p).read_text("utf-8") for sample in found for p in sample[1:]]
    where = Path(args.out)
    where.mkdir(parents=True, exist_ok=True)
    print(f"fuzzing flashcards.build + write_deck + write_reverse_deck on {len(found)} samples, "
          f"seed {args.seed}, for {args.seconds:g} s; failures go to {where}", flush=True)

    counts: Counter = Counter()
    reasons: Counter = Counter()
    slowest = (0.0, "")
    started = time.monotonic()
    runs = 0
    try:
        while time.monotonic() - started < args.seconds and (args.runs is None or runs < args.runs):
            runs += 1
            sample = found[rng.randrange(len(found))]
            work = Path(tempfile.mkdtemp(prefix="flashcards-fuzz-run-"))
            begun = time.monotonic()
            try:
                outcome = run_once(rng, sample, donors, work)
            except Exception as error:  # noqa: BLE001  (anything but FlashcardsError is a finding)
                counts["failed"] += 1
                files = sorted(p for p in work.iterdir() if p.is_file())
                details = f"seed {args.seed}, run {runs}, sample {sample}\n\n{traceback.format_exc()}"
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
                    slowest = (took, f"run {runs} ({Path(sample[1]).name})")
                shutil.rmtree(work, ignore_errors=True)
    except KeyboardInterrupt:
        print("interrupted: figures so far", flush=True)
    seconds = time.monotonic() - started

    print()
    print(f"runs:          {runs}")
    print(f"seconds:       {seconds:.1f}")
    print(f"built:         {counts['built']}")
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
