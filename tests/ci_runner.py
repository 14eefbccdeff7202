"""What a CI runner reads as a command in a job's log, by the runners' own rules: GitHub Actions acts on
`##[name]` anywhere in a line (its legacy parser) and on a line that starts with `::` once leading
whitespace is trimmed; Azure Pipelines on `##vso[` anywhere, TeamCity on `##teamcity[` anywhere.

Read widely, so a test passing here passes on any of them: every line break Python knows ends a line (the
runners end one at CR and LF), prefixes match in any case, and characters a culture-aware comparison skips
(format and control characters, such as a zero-width space inside `##[`) are skipped.
"""
from __future__ import annotations

import re
import unicodedata

PREFIXES = ("##[", "##vso[", "##teamcity[")
# The lines `check --format github` prints on purpose: ours up to the `::` that starts the message.
OWN_GITHUB_COMMAND = re.compile(r"::(?:error|warning|notice) file=[^:]*,line=\d+,title=[^:]*::")


def runner_commands(output: str) -> list[str]:
    """The lines of `output` a runner would act on. GitHub's own command lines count only when what they
    carry holds a prefix."""
    found = []
    for line in output.splitlines():
        seen = "".join(c for c in line if unicodedata.category(c) not in ("Cf", "Cc"))
        own = OWN_GITHUB_COMMAND.match(seen)
        rest = seen[own.end():] if own else seen
        if any(p in rest.casefold() for p in PREFIXES) or (not own and seen.lstrip().startswith("::")):
            found.append(line)
    return found
