"""Baselines: disagreements someone has already reviewed, so `check` stays quiet about them.

An entry is a finding's id (built from what is disputed and the values, never from file names or line
numbers) and the hashes of the sentences that took part. A finding is held by the baseline when its id is
there and each of its sentences was: an edit elsewhere in an article, a renamed file or another input order
changes neither, but a new article repeating one side of an old dispute adds a sentence and is reported.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from claimcheck.capped_read import BASELINE_LIMIT, read_capped
from claimcheck.compare.common import sentence_hash
from claimcheck.errors import ClaimcheckError
from claimcheck.records import Finding
from claimcheck.runner_safe import json_text

FORMAT = 1


@dataclass(frozen=True)
class Baseline:
    path: str
    entries: dict  # finding id -> frozenset of sentence hashes

    def holds(self, finding: Finding) -> bool:
        known = self.entries.get(finding.id)
        return known is not None and {sentence_hash(s.sentence) for s in finding.statements} <= known


def baseline_text(findings, tool_version: str) -> str:
    entries = []
    for f in sorted(findings, key=lambda f: f.id):
        entries.append({
            "id": f.id,
            "kind": f.kind,
            "severity": f.severity,
            "subject": f.subject,  # for the person reading a diff of the baseline; not compared
            "values": sorted({s.value for s in f.statements}),
            "sentences": sorted({sentence_hash(s.sentence) for s in f.statements}),
        })
    data = {"claimcheck_baseline": FORMAT, "tool_version": tool_version, "findings": entries}
    return json_text(json.dumps(data, indent=2, ensure_ascii=False)) + "\n"  # safe to print in a CI log


def load_baseline(path: Path) -> Baseline:
    if not os.path.lexists(path):
        raise ClaimcheckError(f"baseline {path}: no such file (write one with `claimcheck baseline PATHS --write {path}`)")
    text = read_capped(Path(path), "baseline", BASELINE_LIMIT)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ClaimcheckError(f"baseline {path}: not valid JSON: {exc}") from None
    except RecursionError:  # arrays or objects nested thousands deep
        raise ClaimcheckError(f"baseline {path}: not valid JSON: nested too deeply to read") from None
    if not isinstance(data, dict) or data.get("claimcheck_baseline") != FORMAT or not isinstance(data.get("findings"), list):
        raise ClaimcheckError(f"baseline {path}: not a claimcheck baseline of format {FORMAT}")
    entries = {}
    for i, entry in enumerate(data["findings"]):
        if not (isinstance(entry, dict) and isinstance(entry.get("id"), str)
                and isinstance(entry.get("sentences"), list) and all(isinstance(s, str) for s in entry["sentences"])):
            raise ClaimcheckError(f"baseline {path}: findings[{i}] needs an 'id' and a list of 'sentences'")
        entries[entry["id"]] = frozenset(entry["sentences"]) | entries.get(entry["id"], frozenset())
    return Baseline(str(path), entries)
