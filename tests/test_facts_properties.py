"""Any facts file, through the real entry point: a JSON or YAML value of any shape and depth (or no valid
text at all), under any extension. The run either works or stops with one line naming the file, exit 2;
never a traceback. In this process (tests/fuzz.py run_main), so an example costs milliseconds."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz import any_values, assert_failed_cleanly, json_text, run_main, yaml_text
from tests.test_config_properties import ARTICLES

_entries = st.fixed_dictionaries(
    {"office": st.one_of(st.just("Mayor of Ostby"), any_values), "holder": st.one_of(st.just("Rhea Kallas"), any_values)},
    optional={"from": any_values, "to": any_values, "note": any_values, "colour": any_values},
)
# Mostly the right shape, with odd values inside it; sometimes any value at all.
facts_values = st.one_of(st.fixed_dictionaries({"offices": st.lists(st.one_of(_entries, any_values), max_size=4)}),
                         st.lists(_entries, max_size=3), any_values)


@given(value=facts_values, form=st.sampled_from(["json", "yaml", "yml", "txt", "junk"]), junk=st.text(max_size=100))
def test_any_facts_file_runs_or_stops_with_one_line(tmp_path_factory, value, form, junk):
    folder = tmp_path_factory.mktemp("newsroom")
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    text = junk if form == "junk" else json_text(value) if form == "json" else yaml_text(value)
    facts = folder / f"facts.{'yaml' if form == 'junk' else form}"
    facts.write_text(text, encoding="utf-8", errors="surrogatepass")
    code, _, err = run_main(folder, "report", *ARTICLES, "--out", "out", "--cache-dir", "cache", "--facts", facts)
    assert_failed_cleanly(code, err)
    if code == 2:
        assert str(facts) in err
