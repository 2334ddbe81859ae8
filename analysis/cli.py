"""Command line: ``python -m analysis <command>``; thin wrappers around the library."""

from __future__ import annotations

import argparse
import errno
import logging
import os
import signal
import sys
import time
import traceback
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from types import FrameType
from typing import Any, NoReturn

from analysis import __version__
from analysis.errors import AnalysisError, ConfigError

__all__ = ["main"]

Handler = Callable[[argparse.Namespace], int]

#: Signals that stop a run cleanly: exit status 128 + the signal's number (130, 143).
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)
# A fix for the OSErrors a user can act on, by errno.
_OS_FIXES = {
    errno.ENOSPC: "free disk space or choose another --out",
    errno.EDQUOT: "free disk space or choose another --out",
    errno.EACCES: "check its permissions or choose another path",
    errno.EPERM: "check its permissions or choose another path",
    errno.EROFS: "choose a writable --out",
    errno.ELOOP: "a symbolic link there points back into itself; remove the loop",
    errno.ENAMETOOLONG: "choose a shorter path",
    errno.ENOENT: "check the path",
}


def _cmd_inspect(args: argparse.Namespace) -> int:
    from analysis.corpus.describe import describe_corpus
    from analysis.corpus.loader import load_corpus

    corpus = load_corpus(args.corpus, min_articles=1)
    sys.stdout.write(describe_corpus(corpus, n_sentences=args.sentences) + "\n")
    return 0


def _report_config(args: argparse.Namespace) -> Any:
    from analysis.report.config import ReportConfig

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
    from analysis.corpus.collection import is_ecbplus_folder, list_events

    return path.is_dir() and not is_ecbplus_folder(path) and list_events(path) == [path.name]


def _report_event(corpus: Any, event: str, config: Any, target: Path, *, show: bool) -> None:
    """Build and write one event's report, with a progress bar over its steps (when *show*)."""
    from tqdm import tqdm

    from analysis.report.pipeline import STEPS, build_report
    from analysis.report.write import write_report

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

    from analysis.corpus.collection import iter_events, list_events
    from analysis.corpus.loader import load_corpus
    from analysis.report.write import check_output_folder, check_output_path
    from analysis.text.names import FolderNames

    config = _report_config(args)
    source = Path(args.corpus)
    is_event = _is_event_folder(source)
    single = not args.per_event and is_event
    # Refused before any work: an output folder that must not be replaced, or inside the input.
    out = (check_output_folder if single else check_output_path)(args.out, source=source)
    names = FolderNames(what="event")
    total = 1 if args.event else len(list_events(source))
    show = args.progress or sys.stderr.isatty()
    seen: list[str] = []
    # One event folder is loaded whole, so that a bad event raises its precise error (e.g. one
    # article only) instead of being skipped with a warning as in a collection.
    events: Iterable[tuple[str, Any]] = (
        [(source.name, load_corpus(source))] if is_event else iter_events(source)
    )
    with tqdm(total=total, desc="events", unit="event", file=sys.stderr, disable=not show) as bar:
        for name, corpus in events:
            # The corpus's own event name (a manifest may rename the folder's event).
            event = corpus.events()[0] if len(corpus.events()) == 1 else name
            seen.append(event)
            if args.event and args.event not in (event, name):
                continue
            started = time.perf_counter()
            target = out if single else check_output_folder(out / names.claim(event))
            _report_event(corpus, event, config, target, show=show)
            bar.update(1)
            sys.stdout.write(f"wrote {target} ({time.perf_counter() - started:.1f} s)\n")
    if not seen:
        load_corpus(source)  # raises the precise error (e.g. an event with one article)
        raise ConfigError(f"{source} holds no event with at least two articles; add articles")
    if args.event and args.event not in seen:
        raise ConfigError(f"event {args.event!r} is not in {source}; choose one of {seen}")
    return 0


def _cmd_batch(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from analysis.batch.compare import BatchConfig
    from analysis.batch.runner import run_batch
    from analysis.batch.summary import build_batch_report, write_batch_report
    from analysis.corpus.collection import list_events

    config = BatchConfig(
        method=args.method,
        n_resamples=args.n_resamples,
        seed=args.seed,
        min_articles=args.min_articles,
    )
    show = args.progress or sys.stderr.isatty()
    total = len(list_events(args.corpus)) if show else None
    started = time.perf_counter()
    with tqdm(total=total, desc="events", unit="event", file=sys.stderr, disable=not show) as bar:
        run = run_batch(
            args.corpus,
            args.out,
            config=config,
            jobs=args.jobs,
            backend=args.backend,
            scheduler=args.scheduler,
            use_cache=not args.no_cache,
            on_event=lambda _event: bar.update(1),
        )
    files = build_batch_report(
        run, config=config, source=str(args.corpus), jobs=args.jobs, backend=args.backend
    )
    target = write_batch_report(files, args.out)
    sys.stdout.write(
        f"{len(run.events)} events ({run.n_computed} computed, {run.n_cached} cached) in "
        f"{time.perf_counter() - started:.1f} s; summary in {target}, per-event tables in "
        f"{Path(args.out) / 'events'}\n"
    )
    return 0


def _cmd_evaluate(args: argparse.Namespace) -> int:
    from analysis.align.evaluation import evaluate_alignment
    from analysis.corpus.loader import load_corpus

    corpus = load_corpus(args.corpus)
    scores = evaluate_alignment(corpus, args.gold, method=args.method)
    sys.stdout.write(scores.to_string(index=False) + "\n")
    return 0


def _cmd_validate_sample(args: argparse.Namespace) -> int:
    from analysis.validate import (
        DEFAULT_SEED,
        read_source,
        sample_files,
        sample_measures,
        write_sample,
    )

    seed = DEFAULT_SEED if args.seed is None else args.seed
    source = read_source(args.source)
    samples = sample_measures(source, args.measure, n=args.n, seed=seed)
    coders = [f"coder{i + 1}" for i in range(args.coders)]
    files = sample_files(samples, source, coders=coders, seed=seed, n=args.n)
    target = write_sample(files, args.out)
    counts = ", ".join(f"{m} {len(s)}" for m, s in samples.items())
    sys.stdout.write(
        f"wrote {target}: units {counts}; {len(coders)} sheet(s) per measure in "
        f"{target / 'sheets'}, seed {seed}\n"
    )
    return 0


def _cmd_validate_score(args: argparse.Namespace) -> int:
    from analysis.validate import (
        DEFAULT_SEED,
        read_coding,
        score_coding,
        score_files,
        write_scores,
    )

    seed = DEFAULT_SEED if args.seed is None else args.seed
    coding = read_coding(args.folder)
    scores, units = score_coding(coding.codes, coding.keys, n_resamples=args.n_resamples, seed=seed)
    files = score_files(
        coding, scores, units, n_resamples=args.n_resamples, confidence_level=0.95, seed=seed
    )
    target = write_scores(files, args.out or Path(args.folder) / "results")
    sys.stdout.write(scores.to_string(index=False, float_format=lambda v: f"{v:.3f}") + "\n")
    sys.stdout.write(f"wrote {target}\n")
    return 0


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line (``error: ...; see PROG --help``)."""

    def error(self, message: str) -> NoReturn:
        """Raise the usage error as :class:`ConfigError`, for :func:`main` to write as one line.

        Parameters
        ----------
        message : str
            argparse's message.
        """
        raise ConfigError(f"{message}; see {self.prog} --help")


def _folder(text: str) -> str:
    if not text:
        raise argparse.ArgumentTypeError("'' is empty; name an output folder, e.g. --out out/x")
    return text


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} must be at least 1")
    return value


def _build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
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
    report.add_argument("--out", required=True, type=_folder, help="output folder")
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

    batch = sub.add_parser(
        "batch", help="analyse every event of a collection and aggregate by outlet"
    )
    batch.add_argument(
        "corpus", help="a folder of event folders, a .jsonl/.csv/.parquet file or the ECB+ folder"
    )
    batch.add_argument(
        "--out", required=True, type=_folder, help="output folder (events/ and summary/)"
    )
    batch.add_argument(
        "--jobs", type=int, default=1, help="parallel processes (default 1; -1 = all cores)"
    )
    batch.add_argument(
        "--backend",
        default="loky",
        help="joblib backend: loky (processes, default), threading or dask",
    )
    batch.add_argument("--scheduler", help="Dask scheduler address (tcp://host:port)")
    batch.add_argument("--method", default="lexical", help="sentence similarity scorer")
    batch.add_argument("--seed", type=int, default=20250201, help="bootstrap seed")
    batch.add_argument(
        "--n-resamples", type=_positive_int, default=2000, help="bootstrap resamples"
    )
    batch.add_argument(
        "--min-articles", type=_positive_int, default=2, help="skip smaller events (default 2)"
    )
    batch.add_argument("--no-cache", action="store_true", help="recompute every event")
    batch.add_argument(
        "--progress", action="store_true", help="show a progress bar even when not on a terminal"
    )
    batch.set_defaults(handler=_cmd_batch)

    evaluate = sub.add_parser(
        "evaluate-alignment", help="score the aligner against a gold alignment (sure/possible)"
    )
    evaluate.add_argument("corpus", help="the event folder the gold alignment belongs to")
    evaluate.add_argument(
        "--gold", required=True, help="TSV: a_article b_article a_sentence b_sentence label"
    )
    evaluate.add_argument("--method", default="lexical", help="sentence similarity scorer")
    evaluate.set_defaults(handler=_cmd_evaluate)

    validate = sub.add_parser(
        "validate", help="sample the toolkit's judgements for human coding and score the codes"
    )
    steps = validate.add_subparsers(dest="step", required=True, metavar="STEP")
    sample = steps.add_parser("sample", help="draw a stratified sample and write coding sheets")
    sample.add_argument("source", help="a report folder or a batch folder")
    sample.add_argument(
        "--measure",
        nargs="+",
        required=True,
        help="measure(s): alignment, gaps, word_choice, quotes, actors, frames, modality, tone, "
        "actor_tone",
    )
    sample.add_argument("--n", type=_positive_int, default=40, help="units per measure (40)")
    sample.add_argument("--coders", type=_positive_int, default=2, help="coders (default 2)")
    sample.add_argument(
        "--out", required=True, type=_folder, help="new folder for the sample and its sheets"
    )
    sample.add_argument("--seed", type=int, help="sampling seed (default 20250201)")
    sample.set_defaults(handler=_cmd_validate_sample)
    score = steps.add_parser("score", help="read the filled sheets and report agreement")
    score.add_argument("folder", help="the folder written by `validate sample`")
    score.add_argument("--out", type=_folder, help="results folder (default FOLDER/results)")
    score.add_argument(
        "--n-resamples", type=_positive_int, default=2000, help="bootstrap resamples (2000)"
    )
    score.add_argument("--seed", type=int, help="bootstrap seed (default 20250201)")
    score.set_defaults(handler=_cmd_validate_score)
    return parser


class _Stopped(KeyboardInterrupt):
    """SIGINT or SIGTERM arrived: unwinds like Ctrl-C, so every clean-up on the way runs."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


@contextmanager
def _stop_on_signals() -> Iterator[None]:
    """Turn SIGINT and SIGTERM into :class:`_Stopped` in this process for the duration.

    Processes forked meanwhile (figure workers) inherit the handler and end at once, silently;
    after the first signal both are ignored so that the clean-up (temporary folders, worker
    processes) finishes.
    """
    pid = os.getpid()

    def stop(signum: int, _frame: FrameType | None) -> None:
        if os.getpid() != pid:
            os._exit(128 + signum)
        for number in STOP_SIGNALS:
            signal.signal(number, signal.SIG_IGN)
        raise _Stopped(signum)

    try:
        previous = {number: signal.signal(number, stop) for number in STOP_SIGNALS}
    except ValueError:  # not the main thread: signals stay as they are
        yield
        return
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def _one_line(text: str) -> str:
    """*text* on one line, control characters escaped (input may hold terminal escapes)."""
    line = " ".join(part.strip() for part in text.splitlines() if part.strip())
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in line)


def _os_error(exc: OSError, out: str | None) -> str:
    """Describe an OSError: what failed, the path (or the output folder) and a fix."""
    paths = [os.fsdecode(p) for p in (exc.filename, exc.filename2) if p is not None]
    where = f" while writing {out}" if out else ""
    if paths:
        where = ": " + " -> ".join(paths)
    fix = _OS_FIXES.get(exc.errno or 0)
    return f"{exc.strerror or exc}{where}" + (f"; {fix}" if fix else "")


def _failure(exc: BaseException, args: argparse.Namespace | None) -> tuple[str, int]:
    """Describe *exc* in one line, with its exit status (2 input, 1 unexpected, 128 + signal)."""
    if isinstance(exc, KeyboardInterrupt):
        signum = getattr(exc, "signum", signal.SIGINT)
        name = "Ctrl-C (SIGINT)" if signum == signal.SIGINT else signal.Signals(signum).name
        return (
            f"stopped by {name}; folders written before are complete, and nothing "
            "half-written is left",
            128 + signum,
        )
    if isinstance(exc, AnalysisError):
        return str(exc), 2
    if isinstance(exc, OSError):
        return _os_error(exc, getattr(args, "out", None)), 2
    if isinstance(exc, MemoryError):
        return "out of memory; lower the settings (e.g. --n-resamples) or split the input", 1
    verbose = args is not None and args.verbose
    hint = "" if verbose else "; run with --verbose for the traceback"
    return f"unexpected {type(exc).__name__}: {exc}{hint}, and please report it", 1


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line (``python -m analysis``, ``storydiff``).

    Every failure ends with one line on stderr (``error: ...``), never a traceback (unless
    ``--verbose``): the package's own errors, usage errors and OS errors with exit status 2,
    anything unexpected with 1. SIGINT (Ctrl-C) and SIGTERM stop the run with one line and
    exit status 130 and 143; output folders are replaced atomically, so each holds its previous
    or its new contents and no temporary folder is left.

    Parameters
    ----------
    argv : sequence of str, optional
        Arguments without the program name; None reads ``sys.argv``.

    Returns
    -------
    int
        Exit status: 0 on success, 2 for bad input or options, 1 for an unexpected failure,
        130 after SIGINT, 143 after SIGTERM, 141 (quietly) when the reader of stdout went away.
    """
    args: argparse.Namespace | None = None
    with _stop_on_signals():
        try:
            args = _build_parser().parse_args(argv)
            logging.basicConfig(
                level=logging.INFO if args.verbose else logging.WARNING,
                format="%(levelname)s: %(message)s",
            )
            handler: Handler = args.handler
            status = handler(args)
            sys.stdout.flush()  # a closed pipe fails here, inside the try
            return status
        except BrokenPipeError:
            # The reader of stdout went away (``| head``): stop quietly, as other tools do.
            with suppress(OSError, ValueError):  # stdout without a file descriptor
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return 128 + signal.SIGPIPE
        except Exception as exc:
            if args is not None and args.verbose:
                traceback.print_exception(exc, file=sys.stderr)
            message, status = _failure(exc, args)
        except KeyboardInterrupt as exc:
            message, status = _failure(exc, args)
    sys.stderr.write(f"error: {_one_line(message)}\n")
    return status
