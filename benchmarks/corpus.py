"""Large corpora for the speed and scale benchmarks, built from the project's own fixture sets.

Copy k of a fixture set is the same story about another place and other people with other figures: every
proper name that is not an ordinary English word gets a made-up replacement of its own in that copy, and
every figure of 100 or more (years excepted) is scaled by the copy's factor. The figures within one copy
keep their ratios, so the fixtures' planted conflicts survive in every copy and their look-alikes stay
look-alikes; across copies the same sentence comes back with other names and figures, which is what makes
clustering and comparing at scale hard (and what a wire service's template stories look like).

    .venv/bin/python benchmarks/corpus.py OUT_DIR --sentences 10000
"""
from __future__ import annotations

import argparse
import random
import re
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"

_NAME = re.compile(r"(?<=[a-z,;] )[A-Z][a-z]{3,}\b")  # capitalised mid-sentence: a name, a title or a month
_FIGURE = re.compile(r"(?<![\w.,:/-])(?:\d{1,3}(?:,\d{3})+|\d{3,})(?![\d,])(?![.:/-]\d)")
_SYLLABLES = ("bar", "cel", "dor", "fen", "gal", "hol", "kir", "lun", "mar", "nor", "pel", "quin", "ros", "sel",
              "tam", "vor", "wen", "yar", "zel", "ash")


def fixture_files() -> list[Path]:
    return sorted(p for p in FIXTURES.glob("*/*") if p.is_file() and p.name != "gold.json")


@lru_cache(maxsize=None)
def _is_word(token: str) -> bool:
    from wordfreq import zipf_frequency

    return zipf_frequency(token.lower(), "en") >= 3.2  # months, weekdays, titles: keep; rare names: replace


def _new_name(name: str, copy: int) -> str:
    rng = random.Random(f"{name}/{copy}")
    return (rng.choice(_SYLLABLES) + rng.choice(_SYLLABLES)).capitalize() + name[len(name) // 2 :].lower()


def _scale(match: re.Match, factor: float) -> str:
    text = match.group(0)
    value = int(text.replace(",", ""))
    if 1900 <= value <= 2100 and "," not in text:  # a year
        return text
    scaled = max(100, round(value * factor))
    return f"{scaled:,}" if "," in text else str(scaled)


def variant(text: str, copy: int) -> str:
    """Copy `copy` of an article's text; copy 0 is the text unchanged."""
    if copy == 0:
        return text
    factor = 1.0 + 0.37 * copy
    text = _FIGURE.sub(lambda m: _scale(m, factor), text)
    # Names are found mid-sentence, then replaced everywhere: at sentence starts and in upper-case datelines too.
    names = {m.group(0) for m in _NAME.finditer(text) if not _is_word(m.group(0))}
    if not names:
        return text
    table = {n: _new_name(n, copy) for n in names}
    table.update({n.upper(): new.upper() for n, new in list(table.items())})
    pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(table, key=len, reverse=True))) + r")\b")
    return pattern.sub(lambda m: table[m.group(0)], text)


def approx_sentences(text: str) -> int:
    return max(1, len(re.findall(r"[.!?](?:\s|$)", text)))


def build(out: Path, sentences: int) -> list[Path]:
    """Write copies of every fixture article into `out` until about `sentences` sentences are there."""
    files = fixture_files()
    texts = {f: f.read_text(encoding="utf-8") for f in files}
    per_copy = sum(approx_sentences(t) for t in texts.values())
    copies = max(1, round(sentences / per_copy))
    written = []
    for copy in range(copies):
        for f in files:
            target = out / f"c{copy:04d}-{f.parent.name}-{f.name}"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(variant(texts[f], copy), encoding="utf-8")
            written.append(target)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--sentences", type=int, default=10000)
    args = parser.parse_args()
    paths = build(args.out, args.sentences)
    print(f"{len(paths)} articles written to {args.out}")


if __name__ == "__main__":
    main()
