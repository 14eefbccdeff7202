"""The command line: parses options, calls the pipeline, hands the report to the writers, maps the
outcome to an exit code. Heavy modules are imported inside the commands so `--help` stays instant."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from claimcheck import __version__
from claimcheck.errors import ClaimcheckError

EXIT_OK, EXIT_FINDINGS, EXIT_FAILED = 0, 1, 2


def _log(message: str) -> None:
    click.echo(f"claimcheck: {message}", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="claimcheck")
def cli() -> None:
    """Find where several reports of one event disagree."""


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("reports"),
              show_default=True, help="Folder the reports are written to.")
@click.option("--name", default="report", show_default=True, help="File name of the reports, without extension.")
@click.option("--model", default=None, help="Embedding model: the bundled all-MiniLM-L6-v2 or a local model folder.")
@click.option("--cache-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Where embeddings are cached (default: the user cache folder).")
@click.option("--no-cache", is_flag=True, help="Do not read or write the embedding cache.")
@click.option("--facts", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Facts file of office holders (YAML or JSON): says which side matches the record.")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors.")
def report(paths, out_dir, name, model, cache_dir, no_cache, facts, quiet):
    """Compare the articles in PATHS (files or folders) and write NAME.json and NAME.md to --out.

    Settings may also come from claimcheck.toml or [tool.claimcheck] in pyproject.toml (the nearest one
    from the current folder up); flags override them.
    """
    from claimcheck.config import load_config
    from claimcheck.embed.cache import default_cache_dir
    from claimcheck.pipeline import Options, run
    from claimcheck.report import report_to_dict, summary_lines, write_reports

    if "/" in name or "\\" in name or name in ("", ".", ".."):
        raise ClaimcheckError(f"--name {name!r} must be a plain file name")
    config = load_config()
    options = Options(
        model=model or config.model,
        cache_dir=None if no_cache else (cache_dir or config.cache_dir or default_cache_dir()),
        cluster_threshold=config.cluster_threshold,
        facts=facts or config.facts,
        show_progress=sys.stderr.isatty() and not quiet,
    )
    result = run(list(paths), options, log=_log if not quiet else (lambda _: None))
    written = write_reports(result, out_dir, name)
    if not quiet:
        for line in summary_lines(report_to_dict(result)):
            click.echo(line)
        for path in written:
            click.echo(f"wrote {path}")
    return EXIT_OK


@cli.command()
def schema():
    """Print the JSON Schema of the report."""
    from claimcheck.report import load_schema

    click.echo(json.dumps(load_schema(), indent=2))
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    """Entry point: every user-facing failure becomes one line on stderr and exit code 2."""
    try:
        result = cli.main(args=argv, prog_name="claimcheck", standalone_mode=False)
    except ClaimcheckError as exc:
        _log(f"error: {exc}")
        return exc.exit_code
    except click.exceptions.Abort:
        _log("aborted")
        return EXIT_FAILED
    except click.ClickException as exc:
        exc.show()
        return EXIT_FAILED
    except KeyboardInterrupt:
        _log("interrupted")
        return 130
    return result if isinstance(result, int) else EXIT_OK
