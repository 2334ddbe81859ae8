"""Command line: ``python -m analysis <command>``; thin wrappers around the library."""

from __future__ import annotations

import argparse
import logging
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from analysis import __version__
from analysis.errors import AnalysisError, ConfigError

__all__ = ["main"]

Handler = Callable[[argparse.Namespace], int]


def _cmd_inspect(args: argparse.Namespace) -> int:
    from analysis.corpus import load_corpus
    from analysis.inspect import describe_corpus

    corpus = load_corpus(args.corpus, min_articles=1)
    sys.stdout.write(describe_corpus(corpus, n_sentences=args.sentences) + "\n")
    return 0


def _report_config(args: argparse.Namespace) -> Any:
    from analysis.report import ReportConfig

    config = ReportConfig.from_toml(args.config) if args.config else ReportConfig()
    overrides = {
        key: value
        for key, value in (
            ("method", args.method),
            ("seed", args.seed),
            ("n_resamples", args.n_resamples),
        )
        if value is not None
    }
    return config.replace(**overrides) if overrides else config


def _is_event_folder(path: Path) -> bool:
    from analysis.collection import is_ecbplus_folder, list_events

    return path.is_dir() and not is_ecbplus_folder(path) and list_events(path) == [path.name]


def _report_event(corpus: Any, event: str, config: Any, target: Path, *, show: bool) -> None:
    """Build and write one event's report, with a progress bar over its steps (when *show*)."""
    from tqdm import tqdm

    from analysis.report import STEPS, build_report, write_report

    with tqdm(
        total=len(STEPS) + 1,
        desc=event,
        unit="step",
        file=sys.stderr,
        disable=not show,
        leave=False,
    ) as bar:

        def step(name: str) -> None:
            if name != STEPS[0]:
                bar.update(1)
            bar.set_postfix_str(name)

        report = build_report(corpus, event, config, progress=step)
        step("write")
        write_report(report, target)
        bar.update(1)


def _cmd_report(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from analysis.collection import iter_events, list_events

    config = _report_config(args)
    source, out = Path(args.corpus), Path(args.out)
    single = not args.per_event and _is_event_folder(source)
    total = 1 if args.event else len(list_events(source))
    show = args.progress or sys.stderr.isatty()
    seen: list[str] = []
    with tqdm(total=total, desc="events", unit="event", file=sys.stderr, disable=not show) as bar:
        for name, corpus in iter_events(source):
            # The corpus's own event name (a manifest may rename the folder's event).
            event = corpus.events()[0] if len(corpus.events()) == 1 else name
            seen.append(event)
            if args.event and args.event not in (event, name):
                continue
            started = time.perf_counter()
            target = out if single else out / event
            _report_event(corpus, event, config, target, show=show)
            bar.update(1)
            sys.stdout.write(f"wrote {target} ({time.perf_counter() - started:.1f} s)\n")
    if args.event and args.event not in seen:
        raise ConfigError(f"event {args.event!r} is not in {source}; choose one of {seen}")
    return 0


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m analysis",
        description="Compare how news articles cover the same event.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress details")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    inspect = sub.add_parser("inspect", help="show what the loader read from a corpus")
    inspect.add_argument("corpus", help="an event folder, a folder of events or a collection file")
    inspect.add_argument(
        "--sentences", type=int, default=3, help="body sentences shown per article (default 3)"
    )
    inspect.set_defaults(handler=_cmd_inspect)

    report = sub.add_parser(
        "report", help="compare the articles of each event and write tables, figures and HTML"
    )
    report.add_argument(
        "corpus", help="an event folder (written to OUT) or a collection (OUT/<event>/ per event)"
    )
    report.add_argument("--out", required=True, help="output folder")
    report.add_argument("--event", help="only this event of a collection")
    report.add_argument(
        "--per-event",
        action="store_true",
        help="write OUT/<event>/ also when CORPUS is a single event folder",
    )
    report.add_argument("--config", help="TOML file with report parameters (see docs/methods.md)")
    report.add_argument("--method", help="sentence similarity: lexical, embeddings or hybrid")
    report.add_argument("--seed", type=int, help="seed of the bootstrap and permutation tests")
    report.add_argument("--n-resamples", type=int, help="bootstrap/permutation resamples")
    report.add_argument(
        "--progress", action="store_true", help="show progress bars even when not on a terminal"
    )
    report.set_defaults(handler=_cmd_report)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (2 for bad input or options)."""
    parser = _build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING, format="%(levelname)s: %(message)s"
    )
    handler: Handler = args.handler
    try:
        return handler(args)
    except AnalysisError as exc:
        sys.stderr.write(f"error: {exc}\n")
        return 2
    except OSError as exc:
        sys.stderr.write(f"error: {exc.strerror or exc}: {exc.filename or ''}\n")
        return 2
