"""The command line: parses options, calls the pipeline, hands the report to the writers, maps the
outcome to an exit code. Heavy modules are imported inside the commands so `--help` stays instant."""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from claimcheck import __version__
from claimcheck.config import BACKENDS, is_store_url
from claimcheck.errors import ClaimcheckError, reason

REPORT_FORMATS = ("json", "markdown", "html")  # report.writers.WRITERS

EXIT_OK, EXIT_FINDINGS, EXIT_FAILED = 0, 1, 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as a shell reports a command stopped by Ctrl-C


def _log(message: str) -> None:
    from claimcheck.runner_safe import (
        log_line,  # here, not at the top: `--help` never needs its patterns
    )

    click.echo(log_line(message), err=True)  # one line, and no CI runner command in it (claimcheck/runner_safe.py)


def _echo(line: str, err: bool = False) -> None:
    """A line of our own that names a user's path: one line, and no CI runner command in it."""
    from claimcheck.runner_safe import one_line

    click.echo(one_line(line), err=err)


def _stdout(text: str) -> None:
    """A command's output on standard output; a pipe or file that cannot take it is one line, exit 2."""
    try:
        click.echo(text, nl=False)
        sys.stdout.flush()
    except BrokenPipeError:  # `claimcheck check ... | head`: the reader has what it wanted
        _quiet_stdout()
    except OSError as exc:
        _quiet_stdout()
        raise ClaimcheckError(f"cannot write to standard output: {reason(exc)}") from None


def _quiet_stdout() -> None:
    # Python flushes stdout again at exit and would print its own error there; point it at nothing instead.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="claimcheck")
def cli() -> None:
    """Find where several reports of one event disagree."""


_model_option = click.option("--model", default=None,
                             help="Embedding model: the bundled all-MiniLM-L6-v2 or a local model folder.")
_backend_option = click.option("--backend", type=click.Choice(BACKENDS), default=None,
                               help="Encoder backend: onnx (default; the model at full precision on ONNX Runtime, "
                                    "no torch; models other than BERT run on torch), torch (bfloat16 on processors "
                                    "with bfloat16 matrix instructions), torch-fp32 (full precision, the same vectors "
                                    "as onnx), or onnx-int8 (int8 weights, exported once into the cache dir).")
_cache_option = click.option("--cache-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
                             help="Where embeddings are cached (default: the user cache folder).")
_no_cache_option = click.option("--no-cache", is_flag=True, help="Do not read or write the embedding cache.")


class StoreParam(click.ParamType):
    """--store: a folder as before (click checks it is not a file), or a PostgreSQL URL, kept as given."""

    name = "store"
    _folder = click.Path(file_okay=False, path_type=Path)

    def convert(self, value, param, ctx):
        if isinstance(value, str) and is_store_url(value):
            return value  # a password in it is refused with the settings (pipeline.settings.store_location)
        return self._folder.convert(value, param, ctx)


_store_option = click.option(
    "--store", type=StoreParam(), default=None,
    help="The corpus store: a folder (default: the nearest .claimcheck/ from here up), or a PostgreSQL URL such as "
         "postgresql://user@host:5432/db (the password from PGPASSWORD or ~/.pgpass, never in the URL).")
_engine_option = click.option(
    "--engine", default=None, metavar="local|ray",
    help="Where the analysis runs: local (default; one process per core) or ray (needs claimcheck[scale]); or "
         "engine in the config.")
_ray_address_option = click.option(
    "--ray-address", default=None, metavar="ADDR",
    help="The Ray cluster --engine ray joins (default: ray_address in the config, else a Ray started here).")
_quiet_option = click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors.")
_links_option = click.option(
    "--follow-links-outside/--no-follow-links-outside", "follow_links", default=None,
    help="Read files and folders reached through symbolic links that lead outside PATHS (default: no, such links "
         "are listed as skipped; or follow_links_outside in the config).")
_facts_option = click.option("--facts", type=click.Path(dir_okay=False, path_type=Path), default=None,
                             help="Facts file of office holders (YAML or JSON): says which side matches the record.")


def _analysis_options(command):
    """--facts, --model, --backend, --cache-dir, --no-cache, --quiet and --follow-links-outside, in that order:
    what check and baseline share."""
    for option in reversed((_facts_option, _model_option, _backend_option, _cache_option, _no_cache_option,
                            _quiet_option, _links_option)):
        command = option(command)
    return command


@cli.command()
@click.argument("paths", nargs=-1)
@click.option("--store", type=StoreParam(), default=None,
              help="Report on every article this corpus store holds (a folder or a PostgreSQL URL) instead of PATHS: "
                   "nothing is read or embedded again, and pairs come from the store's vector index.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("reports"),
              show_default=True, help="Folder the reports are written to.")
@click.option("--name", default="report", show_default=True, help="File name of the reports, without extension.")
@click.option("--format", "formats", type=click.Choice(REPORT_FORMATS), multiple=True,
              help="Write this form too (repeatable): markdown, html (a self-contained page). NAME.json is always "
                   "written; without --format, NAME.json and NAME.md.")
@_model_option
@_backend_option
@_cache_option
@_no_cache_option
@_facts_option
@_quiet_option
@_links_option
@_engine_option
@_ray_address_option
def report(paths, store, out_dir, name, formats, model, backend, cache_dir, no_cache, facts, quiet, follow_links,
           engine, ray_address):
    """Compare the articles in PATHS (files or folders), or all those a --store holds, and write NAME.json and
    NAME.md (or the --format forms) to --out.

    Settings may also come from claimcheck.toml or [tool.claimcheck] in pyproject.toml (the nearest one
    from the current folder up); flags override them.
    """
    from claimcheck.pipeline.engine import open_engine
    from claimcheck.pipeline.report import run
    from claimcheck.report import report_to_dict, summary_lines, write_reports
    from claimcheck.report.atomic import check_writable, report_path
    from claimcheck.report.writers import DEFAULT_FORMATS

    if "/" in name or "\\" in name or name in ("", ".", ".."):
        raise ClaimcheckError(f"--name {name!r} must be a plain file name")
    if bool(paths) == bool(store):
        raise ClaimcheckError("give the articles to compare: PATHS, or --store for every article a store holds"
                              if not paths else "give PATHS or --store, not both")
    # The JSON is the record CI jobs and scripts read, so it is written whatever else is asked for.
    formats = tuple(dict.fromkeys(("json", *formats))) if formats else DEFAULT_FORMATS
    for fmt in formats:  # a folder that cannot be written is found now, not after minutes of analysis
        check_writable(report_path(out_dir, name, fmt))
    settings = _settings(model=model, backend=backend, cache_dir=cache_dir, no_cache=no_cache, facts=facts,
                         quiet=quiet, follow_links=follow_links, engine=engine, ray_address=ray_address, store=store)
    log = _log if not quiet else (lambda _: None)
    runner = open_engine(settings)
    try:
        if store:
            from claimcheck.pipeline.store_report import run_store

            db = settings.store.open()
            try:
                result = run_store(db, settings, log=log, engine=runner)
            finally:
                db.close()
        else:
            result = run(list(paths), settings, log=log, engine=runner)
    finally:
        runner.close()
    written = write_reports(result, out_dir, name, formats)
    if not quiet:
        for line in summary_lines(report_to_dict(result)):
            click.echo(line)
        for path in written:
            _echo(f"wrote {path}")
    return EXIT_OK


def _settings(quiet: bool = False, **given):
    """Every setting of this run, resolved once: the flags given (None where not) over the config file."""
    from claimcheck.config import load_config
    from claimcheck.pipeline.settings import resolve_settings

    return resolve_settings(load_config(), cwd=Path.cwd(), show_progress=sys.stderr.isatty() and not quiet, **given)


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@_store_option
@_model_option
@_backend_option
@_cache_option
@_no_cache_option
@_quiet_option
@_links_option
@_engine_option
@_ray_address_option
def index(paths, store, model, backend, cache_dir, no_cache, quiet, follow_links, engine, ray_address):
    """Add the articles in PATHS to the corpus store: new files are added, changed ones re-indexed, renamed
    ones re-pointed, and files deleted from a folder in PATHS dropped. What it did goes to stderr."""
    from claimcheck.pipeline.engine import open_engine
    from claimcheck.pipeline.index import index_paths

    settings = _settings(model=model, backend=backend, cache_dir=cache_dir, no_cache=no_cache, quiet=quiet,
                         follow_links=follow_links, engine=engine, ray_address=ray_address, store=store)
    runner = open_engine(settings)
    try:
        db = settings.store.open(create=True)
        try:
            result = index_paths(db, list(paths), settings, log=_log if not quiet else (lambda _: None), engine=runner)
        finally:
            db.close()
    finally:
        runner.close()
    if not quiet:
        for s in result.skipped:
            _log(f"skipped {s.path}: {s.reason}")
        held = result.held
        click.echo(f"{result.added} added, {result.replaced} re-indexed, {result.renamed} renamed, "
                   f"{result.dropped} dropped, {result.unchanged} unchanged, {len(result.skipped)} skipped "
                   f"({result.texts_embedded} sentences embedded, {result.texts_from_cache} from cache) "
                   f"in {result.seconds:.1f} s", err=True)
        _echo(f"store {settings.store}: {held['articles']} articles, {held['claims']} claims, "
              f"{held['clusters']} clusters", err=True)
    return EXIT_OK


FORMATS = ("text", "json", "github", "sarif", "markdown", "html")  # check_formats: CHECK_FORMATS + PAGE_FORMATS


def _default_format() -> str:
    # Annotations are what a GitHub Actions log shows on the pull request; people elsewhere read text.
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" and not sys.stdout.isatty() else "text"


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@_store_option
@click.option("--against", type=click.Path(exists=True, path_type=Path), default=None,
              help="Compare with the articles in this folder instead of a store (indexed on the fly).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None,
              help="Output format (default: text; github inside GitHub Actions). html is a page to open in a "
                   "browser: best with --output.")
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the output to this file instead of standard output.")
@click.option("--fail-on", type=click.Choice(("error", "warning", "info")), default=None,
              help="Lowest severity that fails the check (default: error, or fail_on in the config).")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when findings fail the check.")
@click.option("--baseline", "baseline_file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Leave out findings this baseline file holds (see `claimcheck baseline`).")
@_analysis_options
def check(paths, store, against, fmt, output, fail_on, exit_zero, baseline_file, facts, model, backend, cache_dir,
          no_cache, quiet, follow_links):
    """Check the new articles in PATHS against the corpus and each other; exit 1 when a finding at or above
    --fail-on involves a new article, 0 when none does (or when no file in PATHS holds an article to read: a
    commit without one), 2 when the check itself could not run."""
    from claimcheck.gate.baseline import load_baseline
    from claimcheck.pipeline.check import nothing_to_check_line
    from claimcheck.report import write_atomic
    from claimcheck.report.atomic import check_writable
    from claimcheck.report.check_formats import render_check

    if output:
        check_writable(output)  # before the analysis, so a bad --output costs nothing
    settings = _settings(model=model, backend=backend, cache_dir=cache_dir, no_cache=no_cache, facts=facts,
                         quiet=quiet, follow_links=follow_links, store=store, fail_on=fail_on)
    fail_on = settings.fail_on
    baseline = load_baseline(baseline_file) if baseline_file else None
    result = _run_check(paths, store, against, settings, baseline, quiet)
    data = _check_dict(result, fail_on, baseline_file)
    fmt = fmt or _default_format()
    nothing = nothing_to_check_line(result)
    if nothing:  # every path skipped (a commit with no article in it): one line, exit 0
        if not quiet:
            _log(nothing)
        if fmt == "text" and not output:  # the line says it all; machine formats still get their (empty) document
            return EXIT_OK
    text = render_check(fmt, data, result.report)
    if output:
        write_atomic(output, text)
        if not quiet:
            _log(f"wrote {output}")
    else:
        _stdout(text)
    failing = result.failing(fail_on)
    if not quiet and failing:
        _log(f"{failing} finding(s) at or above {fail_on}")
    return EXIT_FINDINGS if failing and not exit_zero else EXIT_OK


def _run_check(paths, store, against, settings, baseline, quiet):
    """`check` (and `baseline --store`): always on the local engine, whatever `engine =` says: one pull
    request's articles are too little work to start a cluster for."""
    import tempfile

    from claimcheck.facts import load_facts
    from claimcheck.pipeline.check import check_paths
    from claimcheck.pipeline.index import index_paths
    from claimcheck.pipeline.local import LocalEngine
    from claimcheck.pipeline.settings import StoreSpec

    facts = load_facts(settings.facts) if settings.facts else ()  # a bad facts file fails before any work
    log = _log if not quiet else (lambda _: None)
    if against is not None and store:
        raise ClaimcheckError("give --store or --against, not both")
    engine = LocalEngine.from_settings(settings)
    try:
        if against is not None:
            with tempfile.TemporaryDirectory(prefix="claimcheck-against-") as tmp:
                db = StoreSpec(Path(tmp) / "store").open(create=True)
                try:
                    index_paths(db, [str(against)], settings, log=lambda _: None, engine=engine)
                    return check_paths(db, list(paths), settings, facts, baseline, log, engine=engine)
                finally:
                    db.close()
        db = settings.store.open()
        try:
            return check_paths(db, list(paths), settings, facts, baseline, log, engine=engine)
        finally:
            db.close()
    finally:
        engine.close()


def _check_dict(result, fail_on: str, baseline_file) -> dict:
    from claimcheck.report import report_to_dict, validate_report

    data = report_to_dict(result.report)
    data["check"] = {"new_articles": list(result.new_articles), "fail_on": fail_on,
                     "baseline": str(baseline_file) if baseline_file else None, "suppressed": result.suppressed,
                     "corpus_articles": result.report.stats["corpus_articles"],
                     "compared_articles": result.report.stats["compared_articles"]}
    validate_report(data)
    return data


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--write", "write_to", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="Baseline file to write (replaced atomically).")
@_store_option
@_analysis_options
def baseline(paths, write_to, store, facts, model, backend, cache_dir, no_cache, quiet, follow_links):
    """Record today's findings among PATHS, so `check --baseline FILE` stays quiet about them.

    With --store, PATHS are checked against the store as `check` would, and its findings recorded.
    """
    from claimcheck.gate.baseline import baseline_text
    from claimcheck.pipeline.local import LocalEngine
    from claimcheck.pipeline.report import run
    from claimcheck.report import write_atomic
    from claimcheck.report.atomic import check_writable

    check_writable(write_to)
    settings = _settings(model=model, backend=backend, cache_dir=cache_dir, no_cache=no_cache, facts=facts,
                         quiet=quiet, follow_links=follow_links, store=store)
    log = _log if not quiet else (lambda _: None)
    if store:
        findings = _run_check(paths, store, None, settings, None, quiet).report.findings
    else:
        findings = run(list(paths), settings, log=log, engine=LocalEngine.from_settings(settings)).findings
    write_atomic(write_to, baseline_text(findings, __version__))
    if not quiet:
        _echo(f"{len(findings)} finding(s) recorded in {write_to}")
    return EXIT_OK


@cli.command()
def schema():
    """Print the JSON Schema of the report."""
    from claimcheck.report import load_schema

    click.echo(json.dumps(load_schema(), indent=2))
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    """Entry point: every user-facing failure becomes one line on stderr and exit code 2; an interrupt is
    130, as shells report Ctrl-C."""
    try:
        result = cli.main(args=argv, prog_name="claimcheck", standalone_mode=False)
        sys.stdout.flush()  # here, not at exit, where Python would print its own error for a full disk
    except ClaimcheckError as exc:
        _log(f"error: {exc}")  # _log makes it one line, even when a library's message had several
        return exc.exit_code
    except (click.exceptions.Abort, KeyboardInterrupt):  # click turns Ctrl-C into Abort
        _log("interrupted")
        return EXIT_INTERRUPTED
    except click.ClickException as exc:
        hint = ""
        if isinstance(exc, click.UsageError) and exc.ctx is not None:
            hint = f" (see `{exc.ctx.command_path} --help`)"
        _log(f"error: {exc.format_message()}{hint}")
        return EXIT_FAILED
    except BrokenPipeError:  # output piped to a reader that stopped reading (`| head`): not a failure
        _quiet_stdout()
        return EXIT_OK
    except OSError as exc:
        _quiet_stdout()
        _log(f"error: {reason(exc)}" + (f": {exc.filename}" if exc.filename else ""))
        return EXIT_FAILED
    except Exception as exc:  # a bug in claimcheck: still one line, and the way to see more
        if os.environ.get("CLAIMCHECK_DEBUG"):
            raise
        _log(f"error: internal error ({type(exc).__name__}: {exc}); run again with CLAIMCHECK_DEBUG=1 to see "
             f"where, and please report it")
        return EXIT_FAILED
    return result if isinstance(result, int) else EXIT_OK
