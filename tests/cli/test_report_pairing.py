"""A report killed between replacing report.json and report.md leaves a new JSON beside the last run's
Markdown; every file carries the report's id, so a reader tells them apart (report.pairing). A real
subprocess, killed with SIGKILL by the kill tests' driver at the second report file's rename."""
from __future__ import annotations

import json

import pytest

from claimcheck.errors import ClaimcheckError
from claimcheck.report import write_reports
from claimcheck.report.pairing import check_pairing, report_id_in
from tests.cli.test_kill_and_concurrency import (  # noqa: F401  (fixtures)
    expected,
    fresh_cache,
    killed_report,
    model_cache,
    report,
)
from tests.report.conftest import make_report


def test_a_kill_between_the_two_renames_leaves_files_a_reader_can_tell_apart(tmp_path, fresh_cache, expected):
    out = tmp_path / "out"
    write_reports(make_report(), out, "report")  # the last run's complete report, of other articles
    files = [out / "report.json", out / "report.md"]
    before = check_pairing(files)
    assert before is not None and report_id_in(out / "report.md") == before

    # Renames: the kept report in the cache (1), report.json (2), report.md (3): killed before the third.
    killed_report(out, fresh_cache, "--kill", "claimcheck.report.atomic:_Staged.commit", 3)
    new_id = json.loads((out / "report.json").read_text())["report_id"]
    assert new_id == json.loads(expected["report.json"])["report_id"]  # the new JSON is in place...
    assert report_id_in(out / "report.md") == before  # ...beside the old Markdown
    with pytest.raises(ClaimcheckError) as caught:
        check_pairing(files)
    assert "come from different runs" in str(caught.value) and str(out / "report.md") in str(caught.value)

    again = report(out, fresh_cache)
    assert again.returncode == 0, again.stderr
    assert check_pairing(files) == new_id


def test_the_id_is_the_same_for_the_same_inputs_and_differs_with_them(tmp_path):
    write_reports(make_report(), tmp_path / "a", "report", ("json", "markdown", "html"))
    write_reports(make_report(reverse=True), tmp_path / "b", "report", ("json", "markdown", "html"))
    ids = {check_pairing(sorted((tmp_path / d).iterdir())) for d in "ab"}
    assert len(ids) == 1 and None not in ids  # deterministic: input order does not change it

    other = make_report()
    other = other.__class__(**{**other.__dict__, "findings": other.findings[:1]})
    write_reports(other, tmp_path / "c", "report")
    assert check_pairing(sorted((tmp_path / "c").iterdir())) not in ids


def test_files_without_an_id_pass_and_one_missing_its_id_does_not(tmp_path):
    (tmp_path / "old.json").write_text('{"schema_version": "1"}')
    (tmp_path / "old.md").write_text("# claimcheck report\n")
    assert check_pairing([tmp_path / "old.json", tmp_path / "old.md"]) is None  # an older claimcheck's pair
    write_reports(make_report(), tmp_path, "new")
    with pytest.raises(ClaimcheckError):
        check_pairing([tmp_path / "new.json", tmp_path / "old.md"])
