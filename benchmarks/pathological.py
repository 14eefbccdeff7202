"""Time ingest, tagging, segmentation and every extractor on pathological inputs at sizes n, 2n, 4n and 8n.

    .venv/bin/python benchmarks/pathological.py [--size 20000] [--only NAME ...] [--megabyte]

Each input is one line (or, where the point is many lines, one file) built by repeating a unit up to the
size: prose without sentence punctuation, one endless word, digits and commas, runs of quotes, brackets
and punctuation, right-to-left text, number words, bound phrases, title words, initials... each aimed at
a pattern of claimcheck/ingest, segment or extract. For every stage it prints the seconds at each size and
the growth per doubling of the input, (t(8n) / t(n)) ** (1/3): about 2 is linear, 4 quadratic. A stage
whose growth is over 2.6 while it takes a tenth of a second or more at 8n is flagged SUPERLINEAR.

The default n is the cleaner's longest block (MAX_BLOCK_CHARS): below it, the stages that read a sentence's
entities grow with the square of the block (spaCy's Span.ents scans the whole block's doc), which the cut
into blocks bounds. The garbage collector is paused while a stage is timed, so its pauses do not land on
whichever stage happens to be running.

Stages: `ingest` is `read_articles` on a real file (decoding, parsing, cleaning, and whatever else it
checks); `tag` is spaCy's pass over the cleaned blocks (as the pipeline runs it); `segment` cuts the docs
into sentences; the extractors then run on every sentence, headings included (the pipeline mines fact
sentences only). Blocks come from `clean_text`, or, when cleaning leaves nothing (no letters at all), from
the raw text cut as the cleaner cuts long paragraphs, so the later stages see every input.

--megabyte also runs the 1 MB inputs named in the robustness issue through the whole analysis
(`claimcheck.pipeline.analyse`: tag, segment, every extractor) and prints the seconds each took.
Timings on a shared machine wander by 10-20%; the ratios, not single figures, are the point.
"""
from __future__ import annotations

import argparse
import gc
import random
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

VOCAB = (
    "the council said workers in the harbour were paid more than last year and officials expect the river "
    "to rise again before a vote on new funding for schools roads bridges and homes across the region while "
    "engineers inspected the old dam near the town"
).split()


def _repeat(unit: str, n: int) -> str:
    return (unit * (n // len(unit) + 1))[:n]


def _prose(n: int, seed: int = 0) -> str:
    rng = random.Random(seed)
    words, size = [], 0
    while size < n:
        word = rng.choice(VOCAB)
        words.append(word)
        size += len(word) + 1
    return " ".join(words)[:n]


def _wrapped(n: int, hyphen: bool = False) -> str:
    """Hard-wrapped lower-case lines (72 characters or so), every one carrying on the last."""
    rng = random.Random(1)
    lines, size = [], 0
    while size < n:
        line = " ".join(rng.choice(VOCAB) for _ in range(11)) + (" recon-" if hyphen else "") + "\n"
        lines.append(line)
        size += len(line)
    return "".join(lines)[:n]


INPUTS = {
    "prose, no punctuation": _prose,
    "one word": lambda n: _repeat("abcdefghij", n),
    "digits and commas": lambda n: _repeat("123,456,789,", n),
    "digits, commas, spaces": lambda n: "Totals " + _repeat("1, 22, 333, 4,444, ", n),
    "number words": lambda n: _repeat("one two three twenty-five hundred and ", n),
    "numbers, every format": lambda n: _repeat(
        "1,234.5 1.234,5 1 234 ½ ٣٤٥ ১২ 1e9 -3 −4 12% $4bn €5m 3-5 3–5 2/3 1⁄2 10^6 0.5x ", n),
    "money": lambda n: _repeat("$1 €2 £3.5bn ¥4m Rs.5 US $6 $US7 8 euros ", n),
    "bounds and figures": lambda n: _repeat("more than 5 people, about 6 cars, up to 7 km, nearly 8%, ", n),
    "bound words, figure last": lambda n: _repeat("more than about nearly just over ", n) + " 5 people",
    "dash chains": lambda n: "Codes " + _repeat("1-2-3-", n),
    "ranges": lambda n: _repeat("3-5 3–5 between 3 and 5 from 4 to 6 ", n),
    "vague amounts": lambda n: _repeat("thousands hundreds tens of thousands several hundred ", n),
    "dates": lambda n: _repeat("Monday 12 June 2024, on 3 May, every Friday, last night, 2024-06-12 ", n),
    "capitalised words": lambda n: _repeat("Aaa Bbb Ccc ", n),
    "initials after a quote": lambda n: '"one two three four" said ' + _repeat("A. B. ", n),
    "title words": lambda n: _repeat("Deputy ", n) + "Mayor Varn Holt",
    "title and name lists": lambda n: _repeat("Aaa Bbb, the mayor, ", n),
    "speaker shapes": lambda n: _repeat('x, said the y, "a b c" he said, according to Z, ', n),
    "places": lambda n: _repeat("in Aaa, Bbb town of Ccc near Ddd ", n),
    "quote marks": lambda n: "Note " + _repeat('"', n),
    "quoted words": lambda n: _repeat('"a b c" ', n),
    "brackets": lambda n: "[Note " + _repeat("([{", n),
    "punctuation": lambda n: "Note " + _repeat("!?.,;:", n),
    "hyphens": lambda n: "Note " + _repeat("-", n),
    "right-to-left": lambda n: _repeat("\u202eقال المتحدث إن ١٬٢٣٤ شخصا \u05e9\u05dc\u05d5\u05dd \u202c", n),
    "zero-width, controls": lambda n: _repeat("a\u200bb\u200d\u00adc\x07d\x1b \u2028", n),
    "navigation-like line": lambda n: "Share this " + _repeat("x", n),
    "hard-wrapped lines": _wrapped,
    "hard-wrapped, hyphens": lambda n: _wrapped(n, hyphen=True),
}

STAGES = ("ingest", "tag", "segment", "entities", "quantities", "offices", "dates", "speakers", "places")


def _article(text: str):
    from claimcheck.ingest.clean import MAX_BLOCK_CHARS, _cuts, clean_text
    from claimcheck.records import Article, Block, OffsetMap

    # Text the cleaner drops whole (no letters) still goes on, cut into blocks as the cleaner cuts them.
    blocks = clean_text(text) or tuple(
        Block(text[a:b], "paragraph", OffsetMap(((0, a, b - a),))) for a, b in _cuts(text, MAX_BLOCK_CHARS)
    )
    return Article("a", "a.txt", "a", text, "h", blocks=blocks)


class _Stopwatch:
    """Seconds of one stage, the garbage collector paused (and run before) so its pauses are not counted."""

    def __enter__(self):
        gc.collect()
        gc.disable()
        self.start = time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.seconds = time.perf_counter() - self.start
        gc.enable()


def _time_stages(text: str, nlp) -> dict[str, float]:
    from claimcheck.extract.dates import extract_dates
    from claimcheck.extract.entities import extract_entities
    from claimcheck.extract.locations import read_places
    from claimcheck.extract.offices import extract_offices
    from claimcheck.extract.predicates import describe_all
    from claimcheck.extract.quantities import extract_quantities
    from claimcheck.extract.speakers import speaker_of
    from claimcheck.ingest import read_articles
    from claimcheck.segment.sentences import segment_article

    times: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "article.txt")
        path.write_text(text, encoding="utf-8")
        with _Stopwatch() as watch:
            read_articles([str(path)])
        times["ingest"] = watch.seconds
    article = _article(text)
    with _Stopwatch() as watch:
        docs = list(nlp.pipe([b.text for b in article.blocks]))
    times["tag"] = watch.seconds
    with _Stopwatch() as watch:
        items = segment_article(article, docs)
    times["segment"] = watch.seconds
    extractors = {
        "entities": extract_entities,
        "quantities": lambda span: describe_all(span, extract_quantities(span)),
        "offices": extract_offices,
        "dates": lambda span: extract_dates(span, date(2025, 6, 30)),
        "speakers": lambda span: speaker_of(span.text),
        "places": lambda span: read_places(span.as_doc()),
    }
    for name, extract in extractors.items():
        with _Stopwatch() as watch:
            for item in items:
                extract(item.span)
        times[name] = watch.seconds
    return times


def _growth(series: list[float]) -> float:
    first, last = max(series[0], 1e-4), max(series[-1], 1e-4)
    return (last / first) ** (1 / (len(series) - 1))


def run_table(names: list[str], size: int, nlp) -> bool:
    print(f"seconds per stage at n, 2n, 4n, 8n characters (n = {size:,}); growth per doubling (2 = linear)")
    flagged = False
    for name in names:
        results = [_time_stages(INPUTS[name](size * k), nlp) for k in (1, 2, 4, 8)]
        print(f"\n{name}")
        for stage in STAGES:
            series = [r[stage] for r in results]
            growth = _growth(series)
            bad = growth > 2.6 and series[-1] >= 0.1
            flagged |= bad
            cells = " ".join(f"{t:8.3f}" for t in series)
            print(f"  {stage:11} {cells}   x{growth:4.2f}{'   SUPERLINEAR' if bad else ''}", flush=True)
    return flagged


MEGABYTE = {
    "prose, no punctuation": _prose,
    "one word": INPUTS["one word"],
    "digits, commas, spaces": INPUTS["digits, commas, spaces"],
    "hard-wrapped lines": _wrapped,
}


def run_megabyte(nlp) -> None:
    from claimcheck.ingest import read_articles
    from claimcheck.pipeline import analyse

    print("\n1 MB inputs, whole analysis (read_articles; then tag + segment + every extractor)")
    for name, make in MEGABYTE.items():
        text = make(1 << 20)
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder, "article.txt")
            path.write_text(text, encoding="utf-8")
            start = time.perf_counter()
            articles, skipped = read_articles([str(path)])
            ingest = time.perf_counter() - start
        note = f"read: {len(articles)} article" + (f", skipped: {skipped[0].reason}" if skipped else "")
        start = time.perf_counter()
        claims, _ = analyse([_article(text)], nlp)
        took = time.perf_counter() - start
        longest = max(len(c.sentence.text) for c in claims)
        print(f"  {name:24} ingest {ingest:6.2f} s   analyse {took:6.1f} s   {len(claims):,} sentences "
              f"(longest {longest:,} characters); {note}", flush=True)


def main() -> int:
    from claimcheck.ingest.clean import MAX_BLOCK_CHARS

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=MAX_BLOCK_CHARS, help="n, in characters (default 20,000)")
    parser.add_argument("--only", nargs="*", default=None, help="input names (default: all)")
    parser.add_argument("--megabyte", action="store_true", help="also run the 1 MB inputs end to end")
    args = parser.parse_args()
    from claimcheck.extract.nlp import load_nlp

    nlp = load_nlp()
    _time_stages(_prose(2000) + " 5 people. " + INPUTS["dates"](500), nlp)  # imports and caches, not timed
    names = args.only or list(INPUTS)
    flagged = run_table(names, args.size, nlp)
    if args.megabyte:
        run_megabyte(nlp)
    print("\n" + ("some stage grows faster than linearly" if flagged else "every stage grows linearly"))
    return 1 if flagged else 0


if __name__ == "__main__":
    sys.exit(main())
