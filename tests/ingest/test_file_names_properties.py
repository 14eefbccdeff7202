"""Any file names (any bytes a file system takes), through the real entry point: the run reads what it can,
names each file it skips on one line of stderr, and shows every name the same way in the report (no
undecodable bytes, controls or bidi marks); a run with nothing readable stops with one line, exit 2. Never
a traceback. In this process (tests/fuzz.py run_main), so an example costs milliseconds."""
from __future__ import annotations

import json
import os
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz import assert_failed_cleanly, run_main
from tests.ingest.test_file_names import COAST, HARBOUR

# Any byte but "/" and NUL, which no name can hold; ending like an article file most of the time.
_stems = st.binary(min_size=1, max_size=60).map(lambda b: b.replace(b"/", b"").replace(b"\x00", b"")).filter(
    lambda b: b not in (b"", b".", b".."))
names = st.tuples(_stems, st.sampled_from([b".txt", b".md", b".html", b".json", b".TXT", b""])).map(b"".join)


@given(picked=st.lists(names, min_size=1, max_size=4, unique=True), by_name=st.booleans())
def test_any_file_names_are_read_or_named_once_and_shown_alike(tmp_path_factory, picked, by_name):
    folder = tmp_path_factory.mktemp("news")
    news = os.fsencode(folder / "news")
    os.mkdir(news)
    for n, name in enumerate(picked):
        with open(news + b"/" + name, "wb") as f:
            f.write((HARBOUR if n % 2 == 0 else COAST).encode("utf-8"))
    # A file named on the command line comes in as the OS gives it: undecodable bytes as surrogates.
    given = [os.fsdecode(news + b"/" + name) for name in picked] if by_name else ["news"]
    code, _, err = run_main(folder, "report", *given, "--out", "out", "--cache-dir", "cache")
    assert_failed_cleanly(code, err)
    if code == 0:
        data = json.loads((folder / "out" / "report.json").read_text(encoding="utf-8"))
        shown = [a["path"] for a in data["articles"]] + [a["id"] for a in data["articles"]] + \
                [s["path"] for s in data["skipped"]]
        assert all(unicodedata.category(c) not in ("Cc", "Cf", "Cs") for name in shown for c in name), shown
        skipped_lines = [line for line in err.splitlines() if line.startswith("claimcheck: skipped ")]
        assert len(skipped_lines) == len(data["skipped"]), err
