"""Start-up costs only what a command needs: `--help` and a run whose report is kept never import torch
(seconds) or spaCy; the kept report is keyed by every input's bytes, and a damaged one is rebuilt."""
import json
import subprocess
import sys

from tests.conftest import FIXTURES, ROOT, run_cli

PROBE = """
import sys
from claimcheck.cli import main
code = main(sys.argv[1:])
print(json.dumps({"code": code, "torch": "torch" in sys.modules, "spacy": "spacy" in sys.modules}))
"""


def modules_after(*args):
    """Run the CLI in a fresh interpreter and say which heavy packages it imported."""
    done = subprocess.run([sys.executable, "-c", "import json\n" + PROBE, *map(str, args)], capture_output=True,
                          text=True, cwd=ROOT, timeout=600)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def articles():
    return sorted(p for p in (FIXTURES / "flood-figure-conflict").iterdir() if p.name != "gold.json")


def test_help_imports_neither_torch_nor_spacy():
    for args in (["--help"], ["report", "--help"], ["check", "--help"]):
        seen = modules_after(*args)
        assert seen == {"code": 0, "torch": False, "spacy": False}, args


def test_a_fully_cached_run_imports_neither_torch_nor_spacy(tmp_path):
    cache = tmp_path / "cache"
    assert run_cli("report", *articles(), "--out", tmp_path / "a", "--cache-dir", cache).returncode == 0
    seen = modules_after("report", *articles(), "--out", tmp_path / "b", "--cache-dir", cache, "-q")
    assert seen == {"code": 0, "torch": False, "spacy": False}
    assert (tmp_path / "a" / "report.md").read_bytes() == (tmp_path / "b" / "report.md").read_bytes()


def test_a_damaged_kept_report_is_set_aside_and_computed_again(tmp_path):
    cache = tmp_path / "cache"
    assert run_cli("report", *articles(), "--out", tmp_path / "a", "--cache-dir", cache).returncode == 0
    kept = list((cache / "reports-v1").glob("*.json"))
    assert len(kept) == 1
    kept[0].write_text('{"tool_version": "0.1.0", "articles": [{"id": ')  # cut off mid-write by hand
    again = run_cli("report", *articles(), "--out", tmp_path / "b", "--cache-dir", cache)
    assert again.returncode == 0, again.stderr
    assert "set aside an unreadable cached report" in again.stderr
    strip = lambda p: {k: v for k, v in json.loads(p.read_text()).items() if k != "timing"}
    assert strip(tmp_path / "a" / "report.json") == strip(tmp_path / "b" / "report.json")
    assert json.loads(kept[0].read_text())["tool_version"]  # rebuilt in place


def test_no_cache_keeps_no_report(tmp_path):
    assert run_cli("report", *articles(), "--out", tmp_path / "a", "--no-cache").returncode == 0
    assert not list(tmp_path.rglob("reports-v1"))


def test_a_cold_run_with_the_default_backend_never_imports_torch(tmp_path):
    # The default encoder runs the model on ONNX Runtime, so nothing in a first run pays torch's import.
    seen = modules_after("report", *articles(), "--out", tmp_path / "a", "--cache-dir", tmp_path / "cold", "-q")
    assert seen == {"code": 0, "torch": False, "spacy": True}
    store = tmp_path / "store"
    assert run_cli("index", *articles()[1:], "--store", store, "--cache-dir", tmp_path / "index-cache").returncode == 0
    seen = modules_after("check", articles()[0], "--store", store, "--cache-dir", tmp_path / "cold-check", "-q")
    assert seen["torch"] is False and seen["code"] in (0, 1)
