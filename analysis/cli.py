"""Command line: ``python -m analysis <command>``; thin wrappers around the library."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence

from analysis import __version__
from analysis.errors import AnalysisError

__all__ = ["main"]

Handler = Callable[[argparse.Namespace], int]


def _cmd_inspect(args: argparse.Namespace) -> int:
    from analysis.corpus import load_corpus
    from analysis.inspect import describe_corpus

    corpus = load_corpus(args.corpus, min_articles=1)
    sys.stdout.write(describe_corpus(corpus, n_sentences=args.sentences) + "\n")
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
