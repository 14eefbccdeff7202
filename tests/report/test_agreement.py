"""Which outlets agree with which, counted from a report dict."""
from __future__ import annotations

from claimcheck.report.agreement import Cell, agreement


def _data():
    articles = [{"id": i, "source": s} for i, s in
                (("a1", "Alpha"), ("a2", "Alpha"), ("b1", "Beta"), ("c1", "Gamma"), ("d1", "Delta"))]

    def sent(article, start):
        return {"article": article, "start": start, "end": start + 10, "line": 1}

    shared = [
        {"id": 0, "sentences": [sent("a1", 0), sent("b1", 0), sent("c1", 0)]},  # a figure: Gamma disagrees
        {"id": 1, "sentences": [sent("a2", 0), sent("b1", 50)]},  # a name all agree on
        {"id": 2, "sentences": [sent("a1", 40), sent("c1", 40)]},
    ]
    findings = [
        {"severity": "error", "statements": [
            {"article": "a1", "start": 0, "value": "40 ferries"}, {"article": "b1", "start": 0, "value": "40  Ferries"},
            {"article": "c1", "start": 0, "value": "55 ferries"}]},
        {"severity": "info", "statements": [  # info is worth a look, not a conflict
            {"article": "a1", "start": 40, "value": "Monday"}, {"article": "c1", "start": 40, "value": "May 3"}]},
    ]
    return {"articles": articles, "shared_claims": shared, "findings": findings}


def test_pairs_of_sources_count_shared_claims_agreements_and_conflicts():
    table = agreement(_data())
    # Alpha's two articles count as one outlet; the same value in other case and spacing is agreement.
    assert table.cell("Alpha", "Beta") == Cell(shared=2, agree=2, conflict=0)
    assert table.cell("Alpha", "Gamma") == Cell(shared=2, agree=1, conflict=1)
    assert table.cell("Beta", "Gamma") == Cell(shared=1, agree=0, conflict=1)
    assert table.cell("Gamma", "Beta") == table.cell("Beta", "Gamma")
    assert table.cell("Alpha", "Delta") == Cell(0, 0, 0)


def test_sources_sharing_most_come_first_and_the_rest_are_counted():
    table = agreement(_data(), limit=3)
    assert table.sources == ("Alpha", "Gamma", "Beta") and table.left_out == 1
