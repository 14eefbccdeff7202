"""Settings are resolved once, in one place: a flag over the config file over the default, for every key;
a store given as a URL keeps its paths relative to where it was named."""
from __future__ import annotations

from pathlib import Path

import pytest

from claimcheck.cluster.claims import DEFAULT_THRESHOLD
from claimcheck.config import Config, load_config
from claimcheck.errors import ClaimcheckError
from claimcheck.pipeline.settings import Settings, StoreSpec, resolve_settings

URL = "postgresql://newsdesk@db.example:5432/corpus"


def config_in(folder: Path, text: str) -> Config:
    (folder / "claimcheck.toml").write_text(text)
    return load_config(folder)


def test_the_defaults(tmp_path):
    settings = resolve_settings(Config(), cwd=tmp_path, cache_dir=tmp_path / "cache")
    assert settings == Settings(cache_dir=tmp_path / "cache", store=StoreSpec(Path(".claimcheck")))
    assert (settings.cluster_threshold, settings.engine, settings.backend, settings.fail_on) == \
        (DEFAULT_THRESHOLD, "local", "onnx", "error")


def test_the_config_is_used_and_every_flag_given_wins(tmp_path):
    config = config_in(tmp_path, 'model = "config-model"\nbackend = "torch-fp32"\nfacts = "facts.yaml"\n'
                                 'cache_dir = "cache"\ncluster_threshold = 0.3\nfollow_links_outside = true\n'
                                 'engine = "ray"\nray_address = "10.1.2.3:6379"\nstore = "corpus/.claimcheck"\n'
                                 'fail_on = "info"\ninclude = ["*.md"]\nmax_article_chars = 5000\n')
    from_config = resolve_settings(config, cwd=tmp_path)
    assert from_config == Settings(
        model="config-model", backend="torch-fp32", cache_dir=tmp_path / "cache", cluster_threshold=0.3,
        facts=tmp_path / "facts.yaml", include=("*.md",), max_article_chars=5000, follow_links_outside=True,
        engine="ray", ray_address="10.1.2.3:6379", store=StoreSpec(tmp_path / "corpus" / ".claimcheck"),
        fail_on="info")
    flagged = resolve_settings(config, cwd=tmp_path, model="flag-model", backend="torch", cache_dir=Path("c2"),
                               facts=Path("f2.yaml"), follow_links=False, engine="local", store=Path("other"),
                               fail_on="warning", show_progress=True)
    assert flagged == Settings(
        model="flag-model", backend="torch", cache_dir=Path("c2"), cluster_threshold=0.3, facts=Path("f2.yaml"),
        show_progress=True, include=("*.md",), max_article_chars=5000, follow_links_outside=False,
        engine="local", ray_address="10.1.2.3:6379", store=StoreSpec(Path("other")), fail_on="warning")
    assert resolve_settings(config, cwd=tmp_path, no_cache=True, cache_dir=Path("c2")).cache_dir is None


def test_the_nearest_store_folder_is_found_from_the_current_folder_up(tmp_path):
    (tmp_path / ".claimcheck").mkdir()
    (tmp_path / ".claimcheck" / "store.sqlite3").write_bytes(b"")
    (tmp_path / "desk").mkdir()
    assert resolve_settings(Config(), cwd=tmp_path / "desk").store == StoreSpec(tmp_path / ".claimcheck")


def test_a_url_store_keeps_paths_relative_to_where_it_was_named(tmp_path):
    (tmp_path / "desk").mkdir()
    config = config_in(tmp_path, f'store = "{URL}"\n')
    assert resolve_settings(config, cwd=tmp_path / "desk").store == StoreSpec(URL, tmp_path)  # the config's folder
    assert resolve_settings(config, cwd=tmp_path / "desk", store=URL).store == StoreSpec(URL, tmp_path / "desk")
    empty = "postgresql://postgres:@/postgres?host=/run/pg"  # as pgserver gives it: no password to refuse
    assert resolve_settings(Config(), cwd=tmp_path, store=empty).store.location == empty


@pytest.mark.parametrize("url", ["postgresql://newsdesk:s3cret@db.example/corpus",
                                 "postgres://db.example/corpus?user=newsdesk&password=s3cret"])
def test_a_password_in_a_store_url_is_refused_wherever_it_is_given(tmp_path, url):
    with pytest.raises(ClaimcheckError, match=r"^--store is refused: .*PGPASSWORD or in ~/.pgpass") as flag:
        resolve_settings(Config(), cwd=tmp_path, store=url)
    with pytest.raises(ClaimcheckError, match=r"claimcheck.toml: 'store' is refused: .*PGPASSWORD") as config:
        config_in(tmp_path, f'store = "{url}"\n')
    assert "s3cret" not in str(flag.value) + str(config.value)


def test_an_engine_must_be_known_and_a_ray_address_needs_the_ray_engine(tmp_path):
    with pytest.raises(ClaimcheckError, match=r"^unknown engine 'nosuch': give --engine local or ray$"):
        resolve_settings(Config(), cwd=tmp_path, engine="nosuch")
    with pytest.raises(ClaimcheckError, match=r"claimcheck.toml: 'engine' must be one of local, ray, not 'nosuch'"):
        config_in(tmp_path, 'engine = "nosuch"\n')
    with pytest.raises(ClaimcheckError, match=r"^--ray-address is for --engine ray, and the engine is local$"):
        resolve_settings(Config(), cwd=tmp_path, ray_address="10.1.2.3:6379")
    # In the config it waits for the day the engine is ray, and a flag may choose local meanwhile.
    config = config_in(tmp_path, 'engine = "ray"\nray_address = "10.1.2.3:6379"\n')
    assert resolve_settings(config, cwd=tmp_path, engine="local").engine == "local"
    assert resolve_settings(config, cwd=tmp_path, ray_address="auto").ray_address == "auto"
