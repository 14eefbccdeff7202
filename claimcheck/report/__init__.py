"""The report stage: the contract's JSON structure, its schema, and the writers that render it."""
from claimcheck.report.atomic import write_atomic, write_reports
from claimcheck.report.build import load_schema, report_to_dict, validate_report
from claimcheck.report.terminal import summary_lines
from claimcheck.report.writers import WRITERS, Writer

__all__ = [
    "WRITERS",
    "Writer",
    "load_schema",
    "report_to_dict",
    "summary_lines",
    "validate_report",
    "write_atomic",
    "write_reports",
]
