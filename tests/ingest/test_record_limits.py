"""A .json or .jsonl collection holds at most MAX_RECORDS records: each becomes an article, so memory and
time follow the record count, not the bytes (a 19 MB file of a million tiny records once grew past 14 GB).
The records past the limit are counted, never built, and named in one `skipped` entry."""
from __future__ import annotations

import json

from claimcheck.ingest import read_articles
from claimcheck.ingest.formats import MAX_RECORDS
from claimcheck.records import Skipped
from tests.conftest import run_cli

from .helpers import write

FERRY = "The ferry from Orlin Quay to Saltreach resumed on Wednesday after the harbour wall was repaired.\n"


def collection(copies: int, extra: int) -> list[dict]:
    """One article, `copies - 1` copies of it (skipped at once as duplicates, so the run stays quick), then
    `extra` tiny distinct records."""
    return [{"text": FERRY}] * copies + [{"text": f"Boat {i} sank near Saltreach."} for i in range(extra)]


def test_a_jsonl_file_of_more_records_than_the_limit_reads_the_first_and_names_the_rest_once(tmp_path, embedding_cache):
    assert MAX_RECORDS == 10_000  # as the README says
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps(r) + "\n" for r in collection(MAX_RECORDS, 250)) + "\n\n")

    done = run_cli("report", feed, "--out", tmp_path / "out", "--cache-dir", embedding_cache)

    assert done.returncode == 0, done.stderr
    data = json.loads((tmp_path / "out" / "report.json").read_text())
    assert [a["id"] for a in data["articles"]] == ["feed#1"]
    reasons = [s["reason"] for s in data["skipped"]]
    assert len(reasons) == MAX_RECORDS  # the copies, and one entry for all the records past the limit
    assert reasons.count("lines 10,001 to 10,250 (250 records) not read: over the limit of 10,000 records in one "
                         "file (split the file to read them)") == 1


def test_a_json_list_past_the_limit_is_read_item_by_item_and_the_rest_counted(tmp_path):
    feed = write(tmp_path / "feed.json", json.dumps(collection(MAX_RECORDS - 1, 3)))
    articles, skipped = read_articles([str(feed)])
    assert [a.id for a in articles] == ["feed#1", f"feed#{MAX_RECORDS}"]
    assert skipped[-1] == Skipped(str(feed), "items 10,001 to 10,002 (2 records) not read: over the limit of 10,000 "
                                             "records in one file (split the file to read them)")


def test_a_collection_at_the_limit_is_read_whole_and_malformed_json_still_says_where(tmp_path):
    at_limit = write(tmp_path / "at.json", json.dumps(collection(MAX_RECORDS - 1, 1)))
    broken = write(tmp_path / "broken.json", json.dumps(collection(3, 0))[:-1] + ",\n]")
    articles, skipped = read_articles([str(at_limit), str(broken)])
    assert [a.id for a in articles] == ["at#1", f"at#{MAX_RECORDS}"]
    assert "over the limit" not in " ".join(s.reason for s in skipped)
    assert Skipped(str(broken), "malformed JSON at line 2, column 1: Expecting value") in skipped
