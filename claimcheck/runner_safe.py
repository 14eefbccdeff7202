"""Output a CI runner cannot mistake for one of its commands.

CI runners read a job's log line by line and act on commands in it: GitHub Actions on `##[name]...`
anywhere in a line (its legacy parser) and on a line that starts with `::name ...::` once its leading
whitespace is trimmed; Azure Pipelines on `##vso[` anywhere, TeamCity on `##teamcity[` anywhere. File names
and article text could hold these, and `##[stop-commands]...` would even silence the real annotations
after it. Every writer (claimcheck/report/) and every line on stderr passes its text through here.

Only the one character that makes a command is changed, in a way native to each format, so that what a
program reads back is the same where the format allows it:
- JSON (json, sarif): `#` becomes `\\u0023` in the serialized text; json.loads gives the same value.
- HTML: `&#35;` and `&#58;`, and a line break in article text becomes `&#10;`, so no line of the page
  begins with article text; the browser shows the same characters.
- Markdown: a backslash escape, `\\#` and `\\:`, which the rendered comment shows as `#` and `:`.
- Plain text (terminal, stderr, `check --format text`, the data of GitHub's own commands) has no escape
  at all, so the character is shown as its fullwidth form, `＃` or `：`: a reader still sees the name as it
  is, and no runner matches it. (A zero-width character between the two would hide the change from the
  reader, and some runners compare text in ways that skip such characters.)

Matching is wider than the runners' own, on purpose: commands are found in any case, across characters a
culture-aware string search ignores (zero-width and format characters, controls), and after every kind of
line break Python knows, not only CR and LF.
"""
from __future__ import annotations

import html
import re
import unicodedata

# Unicode's default-ignorable code points, format characters (category Cf) and control characters (but CR
# and LF, which end a line).
_IGNORABLE = ("\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u034f\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891"
              "\u08e2\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164"
              "\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f"
              "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e0fff")
_I = f"[{_IGNORABLE}]*"
_LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"  # str.splitlines() ends a line at each of these
# What a runner trims from the start of a line: whitespace and ignorables, but never past the line's end
# (which also keeps the search linear on a text of nothing but line breaks).
_LEADING = f"(?:[^\\S{_LINE_BREAKS}]|(?![{_LINE_BREAKS}])[{_IGNORABLE}])*"


def _spaced(word: str) -> str:
    return _I.join(re.escape(c) for c in word)


# The `#` right before `[` (or `vso[`, `teamcity[`) in `##[`: changing it leaves no `##` before a `[`.
_HASH_COMMAND = re.compile(f"#{_I}(#)(?={_I}(?:{'|'.join(_spaced(p) for p in ('[', 'vso[', 'teamcity['))}))",
                           re.IGNORECASE)
# The first `:` of a `::` that begins a line once leading whitespace (and ignorables) are trimmed.
_LINE_COMMAND = re.compile(f"(?:\\A|(?<=[{_LINE_BREAKS}]))({_LEADING}):(?={_I}:)")

FULLWIDTH_HASH, FULLWIDTH_COLON = "\uff03", "\uff1a"


def neutralise(text: str, hash_mark: str, colon_mark: str | None = None) -> str:
    """`text` with the `#` of every runner command prefix replaced by `hash_mark`, and, given `colon_mark`,
    the first colon of every line that starts with `::` replaced by it."""
    text = _HASH_COMMAND.sub(lambda m: m.group(0)[:-1] + hash_mark, text)  # group 1 ends the match
    if colon_mark is not None:
        text = _LINE_COMMAND.sub(lambda m: m.group(1) + colon_mark, text)
    return text


def plain(text) -> str:
    """Plain text (one line or several) in which no runner finds a command."""
    return neutralise(str(text), FULLWIDTH_HASH, FULLWIDTH_COLON)


def plain_data(text) -> str:
    """The data of a GitHub workflow command: the command is ours and its line starts with `::` on purpose,
    so only the prefixes found anywhere in a line are changed."""
    return neutralise(str(text), FULLWIDTH_HASH)


def flatten(text) -> str:
    """One line: control and format characters (escape sequences, bidi overrides, line breaks) become
    spaces, and runs of whitespace one space."""
    cleaned = "".join(" " if unicodedata.category(c).startswith("C") else c for c in str(text))
    return " ".join(cleaned.split())


def one_line(text) -> str:
    """A line the tool prints (a log line, "wrote PATH"): exactly one, whatever a library's message held."""
    return plain(flatten(text))


def log_line(message) -> str:
    """A log line for stderr."""
    return "claimcheck: " + one_line(message)


def json_text(dumped: str) -> str:
    """Serialized JSON: a `#` can only stand inside a string there, where `\\u0023` reads back the same. The
    line breaks json.dumps leaves as they are (NEL, U+2028, U+2029) are escaped too, so that every line of
    the document starts with its own structure, for any reader's idea of a line."""
    dumped = neutralise(dumped, "\\u0023")
    for line_break in ("\x85", "\u2028", "\u2029"):
        dumped = dumped.replace(line_break, f"\\u{ord(line_break):04x}")
    return dumped


def html_text(text) -> str:
    """Text or an attribute value for an HTML page. A CR LF or lone CR becomes `&#10;`, as the HTML parser
    would have read it, so the page's text is the same and its source lines start with the page's own markup.
    """
    escaped = neutralise(html.escape(str(text)), "&#35;", "&#58;")
    for line_break, reference in (("\r\n", "&#10;"), ("\r", "&#10;"), ("\n", "&#10;"), ("\u2028", "&#8232;"),
                                  ("\u2029", "&#8233;")):
        escaped = escaped.replace(line_break, reference)
    return escaped


def markdown_text(escaped: str) -> str:
    """Markdown already escaped for markup, on one line; it may start a line of the document."""
    return neutralise(escaped, "\\#", "\\:")
