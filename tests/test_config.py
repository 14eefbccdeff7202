"""Settings files: found by walking up, typed, and strict about unknown keys."""
import pytest

from claimcheck.config import load_config
from claimcheck.errors import ClaimcheckError


def test_claimcheck_toml_is_found_from_a_subfolder(tmp_path):
    (tmp_path / "claimcheck.toml").write_text('facts = "data/facts.yaml"\ncluster_threshold = 0.4\n')
    (tmp_path / "articles" / "2025").mkdir(parents=True)
    config = load_config(tmp_path / "articles" / "2025")
    assert config.source == tmp_path / "claimcheck.toml"
    assert config.facts == tmp_path / "data" / "facts.yaml"
    assert config.cluster_threshold == 0.4


def test_pyproject_table_counts_only_when_it_has_one(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.claimcheck]\nmodel = "all-MiniLM-L6-v2"\n')
    assert load_config(tmp_path).model == "all-MiniLM-L6-v2"
    (tmp_path / "pyproject.toml").write_text('[tool.other]\nx = 1\n')
    assert load_config(tmp_path).source is None


def test_an_unknown_key_names_the_key_and_the_file(tmp_path):
    (tmp_path / "claimcheck.toml").write_text('modle = "x"\n')
    with pytest.raises(ClaimcheckError, match=r"claimcheck.toml: unknown key 'modle'"):
        load_config(tmp_path)


def test_a_wrong_type_is_an_error(tmp_path):
    (tmp_path / "claimcheck.toml").write_text('cluster_threshold = "loose"\n')
    with pytest.raises(ClaimcheckError, match="cluster_threshold"):
        load_config(tmp_path)


def test_gate_settings_are_read_and_checked(tmp_path):
    (tmp_path / "claimcheck.toml").write_text(
        'store = "corpus/.claimcheck"\nfail_on = "warning"\ninclude = ["*.md"]\nexclude = ["*/drafts/*"]\n')
    config = load_config(tmp_path)
    assert config.store == tmp_path / "corpus" / ".claimcheck"
    assert (config.fail_on, config.include, config.exclude) == ("warning", ("*.md",), ("*/drafts/*",))


@pytest.mark.parametrize("line, key", [
    ('fail_on = "sometimes"', "fail_on"),
    ('include = "*.md"', "include"),
    ('exclude = ["", 3]', "exclude"),
    ("cluster_threshold = 5", "cluster_threshold"),
])
def test_a_bad_gate_value_names_the_key_and_the_file(tmp_path, line, key):
    (tmp_path / "claimcheck.toml").write_text(line + "\n")
    with pytest.raises(ClaimcheckError, match=rf"claimcheck.toml: '{key}'") as err:
        load_config(tmp_path)
    assert str(tmp_path / "claimcheck.toml") in str(err.value)
