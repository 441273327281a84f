"""Sentence alignment of MAC-Dev (six novel chapters and their published translations, aligned by
hand) through our pipeline, as ``flashcards export --en NNN.en --zh NNN.zh`` aligns them.

    python benchmarks/align_mac.py [--data ../shared/data/mac-dev] [-v]

Prints, per chapter and as a mean over the chapters: link precision, recall and F1 (every
(English line, Chinese line) pair of a bead is a link), bead-level strict F1 (a bead counts when
it is exactly a gold bead, 1-0 and 0-1 beads included, as Vecalign's scorer counts them), and
the seconds the chapter took (read, split, segment, align). Our sentences are mapped back to the
file's lines by their characters, so the figures hold whether or not the pipeline keeps the lines:
a bead covers every line any of its sentences touches, and beads sharing a line are one.
"""

from __future__ import annotations

import argparse
import ast
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "mac-dev"

Bead = tuple[frozenset[int], frozenset[int]]  # (English lines, Chinese lines)


def gold_beads(path: Path) -> list[Bead]:
    beads = []
    for line in path.read_text("utf-8").splitlines():
        if line.strip():
            zh, en = line.split(":")
            beads.append((frozenset(ast.literal_eval(en)), frozenset(ast.literal_eval(zh))))
    return beads


class _Lines:
    """Where each character (spaces left out) of a file's lines comes from."""

    def __init__(self, text: str):
        self.stream: list[str] = []
        self.line_of: list[int] = []
        for number, line in enumerate(text.splitlines()):
            for char in re.sub(r"\s", "", line):
                self.stream.append(char)
                self.line_of.append(number)
        self.text = "".join(self.stream)
        self.cursor = 0

    def lines(self, sentence: str) -> set[int]:
        """The lines the sentence (found in order, from where the last one ended) covers."""
        wanted = re.sub(r"\s", "", sentence)
        if not wanted:
            return set()
        at = self.text.find(wanted, self.cursor)
        if at < 0:
            return set()
        self.cursor = at + len(wanted)
        return set(self.line_of[at:at + len(wanted)])


def predicted_beads(pairs, en_text: str, zh_text: str) -> list[Bead]:
    en_lines, zh_lines = _Lines(en_text), _Lines(zh_text)
    beads = []
    for pair in pairs:
        en = set().union(*(en_lines.lines(s) for s in pair.en)) if pair.en else set()
        zh = set().union(*(zh_lines.lines(s) for s in pair.zh)) if pair.zh else set()
        if en or zh:
            beads.append((en, zh))
    # beads sharing a line (a line our splitter cut in two, aligned apart) become one
    merged: list[tuple[set[int], set[int]]] = []
    for en, zh in beads:
        if merged and (merged[-1][0] & en or merged[-1][1] & zh):
            merged[-1][0].update(en)
            merged[-1][1].update(zh)
        else:
            merged.append((set(en), set(zh)))
    return [(frozenset(en), frozenset(zh)) for en, zh in merged]


def links(beads: list[Bead]) -> set[tuple[int, int]]:
    return {(en, zh) for en_lines, zh_lines in beads for en in en_lines for zh in zh_lines}


def prf(tp: int, predicted: int, gold: int) -> tuple[float, float, float]:
    precision = tp / predicted if predicted else 0.0
    recall = tp / gold if gold else 0.0
    return precision, recall, (2 * precision * recall / (precision + recall) if precision + recall else 0.0)


def score(predicted: list[Bead], gold: list[Bead]) -> tuple[float, float, float, float]:
    """Link P, R, F1 and bead-level strict F1."""
    predicted_links, gold_links = links(predicted), links(gold)
    p, r, f = prf(len(predicted_links & gold_links), len(predicted_links), len(gold_links))
    strict = prf(len(set(predicted) & set(gold)), len(predicted), len(gold))[2]
    return p, r, f, strict


def align_chapter(en_path: Path, zh_path: Path, dictionary):
    from flashcards.pipeline import read_parallel, sentence_pairs

    return sentence_pairs(read_parallel(str(en_path), str(zh_path)), dictionary)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("-v", "--verbose", action="store_true", help="list the beads that differ from the gold")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    from flashcards import dictionary as cedict

    dictionary = cedict.load()
    from flashcards.segment import segment

    segment("先把分词器装好。", dictionary)  # jieba's loading is not the first chapter's time
    chapters = sorted(path.stem for path in args.data.glob("*.align"))
    if not chapters:
        print(f"{args.data}: no *.align files", file=sys.stderr)
        return 1
    print(f"{'chapter':<8}{'link P':>8}{'link R':>8}{'link F1':>9}{'strict F1':>11}{'seconds':>9}")
    rows = []
    for chapter in chapters:
        en_path, zh_path = args.data / f"{chapter}.en", args.data / f"{chapter}.zh"
        start = time.perf_counter()
        pairs = align_chapter(en_path, zh_path, dictionary)
        seconds = time.perf_counter() - start
        gold = gold_beads(args.data / f"{chapter}.align")
        predicted = predicted_beads(pairs, en_path.read_text("utf-8"), zh_path.read_text("utf-8"))
        row = (*score(predicted, gold), seconds)
        rows.append(row)
        print(f"{chapter:<8}{row[0]:>8.3f}{row[1]:>8.3f}{row[2]:>9.3f}{row[3]:>11.3f}{row[4]:>9.2f}")
        if args.verbose:
            _show_errors(predicted, gold)
    mean = [sum(column) / len(rows) for column in zip(*rows)]
    print(f"{'mean':<8}{mean[0]:>8.3f}{mean[1]:>8.3f}{mean[2]:>9.3f}{mean[3]:>11.3f}{mean[4]:>9.2f}")
    return 0


def _show_errors(predicted: list[Bead], gold: list[Bead]) -> None:
    def show(bead: Bead) -> str:
        return f"{sorted(bead[0])}:{sorted(bead[1])}"

    gold_set, predicted_set = set(gold), set(predicted)
    wrong = [bead for bead in predicted if bead not in gold_set]
    missed = [bead for bead in gold if bead not in predicted_set]
    print("   ours, not gold (en:zh): " + " ".join(show(b) for b in wrong))
    print("   gold, not ours (en:zh): " + " ".join(show(b) for b in missed))


if __name__ == "__main__":
    raise SystemExit(main())
