"""The JSON report: the contract structure as built, one document per run."""
from __future__ import annotations

import json

from claimcheck.runner_safe import json_text


def render(report_dict: dict) -> str:
    # sort_keys stays off: report_to_dict already orders keys and lists, contract fields first.
    # allow_nan=False because NaN/Infinity are not JSON and would break the strict parsers CI jobs use.
    # json_text: no CI runner reads a command in it when a job prints it (see runner_safe).
    return json_text(json.dumps(report_dict, indent=2, ensure_ascii=False, allow_nan=False)) + "\n"
