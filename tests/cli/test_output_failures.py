"""Writing the output fails: a folder that cannot be made (under /proc), a read-only disk, a name too long
for the file system, a full disk. One line saying so, exit code 2 (for `check`, 1 would mean "findings"),
and the files a user had are left as they were. What can be known before the analysis (the folder, the
name) is found before it. The embedding cache on a full disk is only a warning: the run goes on.
Real subprocesses; the disks are real (a tmpfs, a read-only bind mount: root only, skipped elsewhere)."""
from __future__ import annotations


import pytest

from tests.conftest import error_line, run_cli
from tests.disks import fill, privileged

A = "About 40 people were hurt when the roof of the Ostby market hall fell in on Monday.\n"
B = "About 90 people were hurt when the roof of the Ostby market hall fell in on Monday.\n"


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "harbour-daily.txt").write_text(A)
    (tmp_path / "in" / "coast-radio.txt").write_text(B)
    return tmp_path


def failed_with_one_line(done, *words) -> str:
    return error_line(done, *words, starts="claimcheck: error: cannot write ")


def analysed(done) -> bool:
    """Whether the run got as far as reading the articles: a kept report or an analysis logs nothing, but
    either way prints the summary; an early failure prints nothing on stdout."""
    return bool(done.stdout.strip())


@pytest.mark.parametrize("command", ["report", "check", "baseline"])
def test_a_folder_under_proc_is_refused_before_the_analysis(folder, command, embedding_cache):
    if command == "report":
        args = ["report", "in", "--out", "/proc/claimcheck/reports"]
    elif command == "check":
        args = ["check", "in/coast-radio.txt", "--against", "in", "--output", "/proc/claimcheck/check.txt"]
    else:
        args = ["baseline", "in", "--write", "/proc/claimcheck/baseline.json"]
    done = run_cli(*args, "--cache-dir", embedding_cache, cwd=folder)
    failed_with_one_line(done, "/proc/claimcheck", "no such file or directory")
    assert not analysed(done)


def test_a_name_too_long_for_the_file_system_is_refused_before_the_analysis(folder, embedding_cache):
    done = run_cli("report", "in", "--out", "out", "--name", "n" * 300, "--cache-dir", embedding_cache, cwd=folder)
    failed_with_one_line(done, "the name is too long for the file system")
    assert not analysed(done)


def test_a_read_only_output_folder_is_refused_and_its_reports_left_alone(folder, embedding_cache):
    out = folder / "out"
    out.mkdir()
    (out / "report.json").write_text("{}\n")
    with privileged("a read-only bind mount", [["mount", "--bind", out, out], ["mount", "-o", "remount,ro,bind", out]],
                    [["umount", out], ["true"]]):
        report = run_cli("report", "in", "--out", out, "--cache-dir", embedding_cache, cwd=folder)
        failed_with_one_line(report, "read-only file system")
        check = run_cli("check", "in/coast-radio.txt", "--against", "in", "--output", out / "check.sarif",
                        "--format", "sarif", "--cache-dir", embedding_cache, cwd=folder)
        failed_with_one_line(check, "read-only file system")
    assert (out / "report.json").read_text() == "{}\n" and sorted(p.name for p in out.iterdir()) == ["report.json"]


def test_a_full_disk_while_writing_the_reports_leaves_the_earlier_ones(folder, embedding_cache):
    out = folder / "out"
    out.mkdir()
    with privileged("a tmpfs mount", [["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", out]], [["umount", out]]):
        first = run_cli("report", "in", "--out", out, "--cache-dir", embedding_cache, cwd=folder)
        assert first.returncode == 0, first.stderr
        before = {p.name: p.read_bytes() for p in out.iterdir()}
        (folder / "in" / "coast-radio.txt").write_text(B.replace("90", "95"))  # a new report, not the kept one
        fill(out, leave=0)
        full = run_cli("report", "in", "--out", out, "--cache-dir", embedding_cache, cwd=folder)
        failed_with_one_line(full, "no space left on the device")
        assert {p.name: p.read_bytes() for p in out.iterdir() if p.name != "filler"} == before


def test_the_embedding_cache_on_a_full_disk_is_a_warning_and_the_run_goes_on(folder):
    cache = folder / "cache"
    cache.mkdir()
    with privileged("a tmpfs mount", [["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", cache]], [["umount", cache]]):
        fill(cache, leave=0)
        done = run_cli("report", "in", "--out", "out", "--cache-dir", cache, cwd=folder)
        assert done.returncode == 0, done.stderr
        lines = done.stderr.splitlines()
        assert lines and all(line.startswith("claimcheck: warning: ") for line in lines), done.stderr
        assert any(f"the embedding cache {cache}" in line for line in lines)
        assert (folder / "out" / "report.json").exists()
