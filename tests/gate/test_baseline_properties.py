"""Any baseline file, through the real entry point: JSON of any shape and depth, or a baseline of the right
format with entries of any shape. `check` either works or stops with one line naming the file, exit 2;
never a traceback. In this process (tests/fuzz.py run_main), so an example costs milliseconds."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz import any_values, assert_failed_cleanly, json_text, run_main
from tests.test_config_properties import ARTICLES

_entries = st.fixed_dictionaries({"id": st.one_of(st.text(max_size=20), any_values),
                                  "sentences": st.one_of(st.lists(st.text(max_size=16), max_size=3), any_values)},
                                 optional={"kind": any_values, "values": any_values})
baselines = st.one_of(
    st.fixed_dictionaries({"claimcheck_baseline": st.one_of(st.just(1), any_values),
                           "findings": st.one_of(st.lists(st.one_of(_entries, any_values), max_size=4), any_values)}),
    any_values,
)


@given(value=baselines, junk=st.one_of(st.none(), st.text(max_size=100)))
def test_any_baseline_file_checks_or_stops_with_one_line(tmp_path_factory, value, junk):
    folder = tmp_path_factory.mktemp("newsroom")
    (folder / "corpus").mkdir()
    (folder / "new").mkdir()
    first, second = sorted(ARTICLES)
    (folder / "corpus" / first).write_text(ARTICLES[first], encoding="utf-8")
    (folder / "new" / second).write_text(ARTICLES[second], encoding="utf-8")
    baseline = folder / "baseline.json"
    baseline.write_text(json_text(value) if junk is None else junk, encoding="utf-8", errors="surrogatepass")
    code, _, err = run_main(folder, "check", f"new/{second}", "--against", "corpus", "--baseline", baseline,
                            "--exit-zero", "--cache-dir", "cache", "--format", "json")
    assert_failed_cleanly(code, err)
    if code == 2:
        assert str(baseline) in err
