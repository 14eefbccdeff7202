"""Any config file, through the real entry point: every key given a value of any TOML type (or of none,
or nested thousands deep), in claimcheck.toml or under [tool] in pyproject.toml. The run either works or
stops with one line naming the problem, exit code 2; never a traceback, never a bug caught at the last.

In this process (see tests/fuzz.py run_main), so examples cost milliseconds, not a model load each."""
from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from claimcheck.config import KEYS
from tests.fuzz import any_values, assert_failed_cleanly, run_main, toml_text

ARTICLES = {
    "harbour-daily.txt": "About 40 people were hurt when the roof of the Ostby market hall fell in on Monday.\n",
    "coast-radio.txt": "About 90 people were hurt when the roof of the Ostby market hall fell in on Monday.\n",
}
# Path keys get relative names only: a drawn "/etc" as cache_dir would have the run write there for real.
_relative = st.text(st.characters(blacklist_characters="/\\", codec="utf-8"), max_size=12).filter(
    lambda s: ".." not in s)
_PLAUSIBLE = {
    "backend": st.sampled_from(["torch", "torch-fp32", "onnx", ""]),  # onnx-int8 works, but exports a model
    "fail_on": st.sampled_from(["error", "warning", "info", "none"]),
    "cluster_threshold": st.floats(),
    "max_article_chars": st.integers(-5, 10**6),
    "include": st.lists(st.sampled_from(["*.txt", "*", "", "*/none/*", "[", "*.md"]), max_size=3),
    "exclude": st.lists(st.sampled_from(["*.txt", "*radio*", "", "["]), max_size=3),
    "model": st.sampled_from(["", "someone/remote-model", "."]),
    "engine": st.sampled_from(["local", "", "Ray"]),  # never "ray": a cluster per example is too dear
    "ray_address": st.sampled_from(["", " ", "auto", "127.0.0.1:1"]),
    "store": st.sampled_from([".claimcheck", "postgresql://newsdesk:pw@127.0.0.1:1/corpus"]),
}


@st.composite
def values_for(draw, key: str):
    if key == "store":
        return draw(st.one_of(_PLAUSIBLE[key], _relative, any_values.filter(lambda v: not isinstance(v, str))))
    if key in ("facts", "cache_dir"):
        return draw(st.one_of(_relative, any_values.filter(lambda v: not isinstance(v, str))))
    return draw(st.one_of(_PLAUSIBLE[key], any_values)) if key in _PLAUSIBLE else draw(any_values)


@st.composite
def config_files(draw) -> tuple[str, str]:
    """(file name, its text)."""
    keys = draw(st.lists(st.sampled_from(sorted(KEYS) + ["colour"]), unique=True, max_size=len(KEYS)))
    body = "".join(f"{key} = {toml_text(draw(values_for(key)))}\n" for key in keys)
    shape = draw(st.sampled_from(["claimcheck.toml", "pyproject table", "pyproject value", "pyproject tool",
                                  "junk"]))
    if shape == "claimcheck.toml":
        return "claimcheck.toml", body
    if shape == "pyproject table":
        return "pyproject.toml", "[project]\nname = \"newsroom\"\n\n[tool.claimcheck]\n" + body
    if shape == "pyproject value":
        return "pyproject.toml", f"[tool]\nclaimcheck = {toml_text(draw(any_values))}\n"
    if shape == "pyproject tool":
        return "pyproject.toml", f"tool = {toml_text(draw(any_values))}\n"
    return draw(st.sampled_from(["claimcheck.toml", "pyproject.toml"])), draw(st.text(max_size=200))


@given(config=config_files())
def test_any_config_file_runs_or_stops_with_one_line(tmp_path_factory, config):
    folder = tmp_path_factory.mktemp("newsroom")
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    name, text = config
    (folder / name).write_text(text, encoding="utf-8", errors="surrogatepass")
    code, _, err = run_main(folder, "report", *ARTICLES, "--out", "out", "--cache-dir", "cache")
    assert_failed_cleanly(code, err)
    if code == 0:
        assert json.loads((folder / "out" / "report.json").read_text(encoding="utf-8"))["articles"]
