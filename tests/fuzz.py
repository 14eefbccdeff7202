"""Hypothesis profiles, text strategies and a hang guard, shared by the property tests
(tests/*/test_*_properties.py).

CLAIMCHECK_FUZZ picks the profile. "ci" (the default) runs 40 examples per test, the same ones every run,
so the suite stays fast and never fails on a new random draw. "deep" runs 2,000 fresh examples per test,
for a fuzzing session:

    CLAIMCHECK_FUZZ=deep .venv/bin/python -m pytest -q -p no:cacheprovider -k properties tests/ingest tests/segment tests/extract

No example database is written (the repository does not ignore .hypothesis/); a failure prints the
@reproduce_failure blob that replays it.
"""
from __future__ import annotations

import os
import signal
from contextlib import contextmanager

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

_SLOW_IS_FINE = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example]
settings.register_profile(
    "ci", max_examples=40, deadline=None, derandomize=True, database=None, print_blob=True,
    suppress_health_check=_SLOW_IS_FINE,
)
settings.register_profile(
    "deep", max_examples=2_000, deadline=None, database=None, print_blob=True, suppress_health_check=_SLOW_IS_FINE,
)
settings.load_profile(os.environ.get("CLAIMCHECK_FUZZ", "ci"))

# --- characters that upset text handling ----------------------------------------------------------

CONTROL = [chr(c) for c in range(0x20)] + ["\x7f", "\x85"]
BIDI = ["\u200e", "\u200f", "\u061c", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067",
        "\u2068", "\u2069"]
INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u034f", "\u180e"]
SPACES = ["\u00a0", "\u2009", "\u202f", "\u3000", "\u2028", "\u2029", "\r\n", "\r", "\t", "\x0b", "\x0c", "\x1c"]
PUNCTUATION = list(".,;:!?\"'()[]{}<>-/\\|*&^%$#@~`+=_") + [
    "\u2026", "\u2022", "\u00b7", "\u2013", "\u2014", "\u201c", "\u201d", "\u2018", "\u2019", "\u00ab", "\u00bb",
    "\u2032", "\u2033", "\u201e", "\u2044", "\u2212", "\u00a9", "\u00b0",
]
SCRIPTS = [
    "قال المتحدث إن الفيضانات", "שלום עולם", "\u202eقال\u202c", "\u05e9\u05dc\u05d5\u05dd 12",  # right to left
    "नई दिल्ली", "北京市政府", "Москва", "Αθήνα", "e\u0301te\u0301", "ﬁnance", "İstanbul", "straße",
    "\U0001f44d\U0001f3fd", "\U0001d7ce\U0001d7cf", "ǅemal",
]
DIGIT_SETS = ["0123456789", "٠١٢٣٤٥٦٧٨٩", "۰۱۲۳۴۵۶۷۸۹", "०१२३४५६७८९", "০১২৩৪৫৬৭৮৯", "０１２３４５６７８９"]

# Ordinary words, and the words the extractors key on (bounds, speech verbs, titles, dates, places).
WORDS = (
    "the a of and in at on near to from by for with said says told according more than about nearly over "
    "under up between around some estimated least most people workers homes soldiers residents dead injured "
    "killed were was is will reopen rose fell Mayor Deputy President Minister Secretary-General Chief former "
    "acting Monday Friday June May Sept. every each last next yesterday tonight days ago week town city "
    "region province north of Varnholt Essel Brightwater Quayside Harbour Board Council police spokesperson "
    "thousands hundreds dozens dozen tens million billion bn per a year aged magnitude minus sub- percent "
    "km miles degrees Celsius dollars euros one two twenty-five hundred thousand half I He She They"
).split()

unicode_text = st.text(st.characters(codec="utf-8"), max_size=300)  # any code point but lone surrogates


@st.composite
def _number(draw) -> str:
    """A number as news copy (or a broken feed) may write it."""
    n = draw(st.integers(0, 10**13))
    grouped = f"{n:,}"
    shape = draw(st.sampled_from([
        str(n), grouped, grouped.replace(",", "."), grouped.replace(",", " "), grouped.replace(",", "\u00a0"),
        grouped.replace(",", "\u202f"), grouped.replace(",", "'"), grouped.replace(",", "\u066c"),
        f"{n % 10000}.{n % 97}", f"{n % 10000},{n % 97}", f"1,234.5", "1.234,5", "1 234", f"{n}e{n % 40}",
        f"{n % 100}E-{n % 9}", f"-{n % 1000}", f"\u2212{n % 1000}", f"+{n % 1000}", f"minus {n % 50}",
        f"{n % 100}%", f"{n % 100} per cent", f"${n % 1000}bn", f"US${n % 1000}m", f"\u20ac{n % 999}k",
        f"\u00a3{n % 99}.5 million", f"Rs.{n % 9999} crore", f"{n % 9999}\u20ac", f"{n % 50} km\u00b2",
        f"{n % 40}\u00b0C", f"{n % 300} mph", f"{n % 9}-{n % 7 + 9}", f"{n % 9}\u2013{n % 7 + 9}",
        f"{n % 9} to {n % 7 + 9}", f"between {n % 9} and {n % 7 + 9}", f"{n % 9}-{n % 8}-{n % 7}",
        "\u00bd", "\u00be", "1/2", "2\u20443", "1 1/2", "two-thirds", f"{n % 30 + 1}st", f"{n % 24}:{n % 60:02d}",
        f"20{n % 30:02d}-0{n % 9 + 1}-1{n % 9}", f"{n % 28 + 1}/{n % 12 + 1}/2024", f"3 x 10^{n % 12}",
        "3\u00d710\u2076", f"+44 20 {n % 9000 + 1000} {n % 9000 + 1000}", "9" * (n % 500 + 300),
        "twenty-five thousand", "a dozen", "half a million", "tens of thousands", "several hundred",
        f"{n % 1000}+", f"{n % 100}-odd", f"{n % 1000} or more", f"\u00b9\u00b2\u00b3",
        f"{n % 1000000} days ago",
    ]))
    digits = draw(st.sampled_from(DIGIT_SETS))
    return shape.translate(str.maketrans("0123456789", digits))


numbers = _number()


long_runs = st.builds(
    lambda unit, times: unit * times,
    st.sampled_from(["a", "ab", "Xy", "!", '"', "(", "[", "-", "=", "1,", "12 ", "A. ", "Deputy ", "one ",
                     "thousands ", "$1 ", "\u202e", "\u200b", "\u0661", "\u00ad", "\u3000"]),
    st.integers(40, 1500),
)

fragment = st.one_of(
    st.sampled_from(WORDS), st.sampled_from(WORDS), st.sampled_from(WORDS), numbers, numbers,
    st.sampled_from(CONTROL + BIDI + INVISIBLE + SPACES + PUNCTUATION), st.sampled_from(SCRIPTS),
    long_runs, unicode_text.map(lambda t: t[:20]),
)
_SEPARATORS = st.sampled_from([" ", " ", " ", " ", ", ", ". ", "", "-", "\n", "\n\n", "  ", "\t", '" ', "\u00a0"])


def _joined(parts) -> str:
    return "".join(f + s for f, s in parts)


# A sentence-sized text and an article-sized one: fragments with separators, line breaks included.
sentences = st.lists(st.tuples(fragment, _SEPARATORS), max_size=30).map(_joined)
articles = st.one_of(
    st.lists(st.tuples(fragment, _SEPARATORS), max_size=80).map(_joined),
    st.lists(sentences, max_size=8).map("\n".join),
    unicode_text,
)


@contextmanager
def hang_guard(seconds: int):
    """Fail the test, rather than hang the suite, if the block runs longer than `seconds`. Not a timing
    assertion: the limit is many times what the work takes, and only catches a hang (a pattern or loop
    that grows with the square of its input, say)."""
    def on_alarm(signum, frame):
        raise TimeoutError(f"still running after {seconds} s: something grows faster than linearly")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


# --- the command line in this process, for property tests over its inputs ---------------------------

def run_main(cwd, *args) -> tuple[int, str, str]:
    """`claimcheck ARGS` through its real entry point, in this process (so the model and spaCy load once for
    all examples), run from `cwd` (where the config is found): exit code, stdout, stderr."""
    import io
    import os
    from contextlib import redirect_stderr, redirect_stdout

    from claimcheck.cli import main

    out, err = io.StringIO(), io.StringIO()
    here = os.getcwd()
    os.chdir(cwd)
    try:
        with redirect_stdout(out), redirect_stderr(err):
            code = main([str(a) for a in args])
    finally:
        os.chdir(here)
    return code, out.getvalue(), err.getvalue()


def assert_failed_cleanly(code: int, err: str) -> None:
    """Exit 0 or 2; every line on stderr is one of claimcheck's own (one per problem: a file skipped, a
    warning); a failure ends with exactly one error line; and no bug was caught by the entry point's last
    resort (that still prints one line, but is a bug)."""
    lines = [line for line in err.splitlines() if line.strip()]
    assert code in (0, 2), (code, err)
    assert "Traceback" not in err and "internal error" not in err, err
    assert all(line.startswith("claimcheck: ") for line in lines), err
    errors = [line for line in lines if line.startswith("claimcheck: error: ")]
    assert errors == (lines[-1:] if code == 2 else []), err


class Deep:
    """A list nested `depth` levels deep, written as brackets (no parser needs to build it first)."""

    def __init__(self, depth: int):
        self.depth = depth

    def __repr__(self) -> str:
        return f"Deep({self.depth})"


# Values of every shape a JSON, YAML or TOML file can hold, nested a little, or (Deep) very deeply.
_scalars = st.one_of(st.none(), st.booleans(), st.integers(-2**63, 2**63 - 1), st.floats(), st.text(max_size=30),
                     st.dates(), st.sampled_from(["", "2024-05-01", "Mayor of Saltmere", "torch", "error"]))
any_values = st.one_of(
    st.recursive(_scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                   st.dictionaries(st.text(max_size=12), inner, max_size=4)),
                 max_leaves=12),
    st.integers(2, 200_000).map(Deep),
)


def json_text(value) -> str:
    import json
    from datetime import date

    if isinstance(value, Deep):
        return "[" * value.depth + "]" * value.depth
    if isinstance(value, list):
        return "[" + ", ".join(json_text(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(k)}: {json_text(v)}" for k, v in value.items()) + "}"
    if isinstance(value, date):
        return json.dumps(value.isoformat())
    return json.dumps(value)  # NaN and Infinity come out as JavaScript writes them: not JSON, a fine input


def yaml_text(value) -> str:
    import yaml

    if isinstance(value, Deep):
        return "- " * value.depth + "x\n"  # block sequences, each inside the last
    return yaml.safe_dump(_without_deep(value), allow_unicode=True)


def toml_text(value) -> str:
    """A TOML value; an unsupported one (None) comes out as text no parser takes, which is an input too."""
    import json
    import math
    from datetime import date

    if isinstance(value, Deep):
        return "[" * value.depth + "]" * value.depth
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and not math.isfinite(value):
        return "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf")
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(toml_text(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(k, ensure_ascii=False)} = {toml_text(v)}" for k, v in value.items()) + "}"
    if value is None:
        return "null"
    return json.dumps(value, ensure_ascii=False)  # TOML's basic strings take JSON's escapes


def _without_deep(value):
    if isinstance(value, Deep):
        return "deep"
    if isinstance(value, list):
        return [_without_deep(v) for v in value]
    if isinstance(value, dict):
        return {k: _without_deep(v) for k, v in value.items()}
    return value
