"""Nox sessions: tests, lint, report (the main job) and bench."""

from __future__ import annotations

from pathlib import Path

import nox

nox.options.sessions = ["lint", "tests"]
nox.options.reuse_existing_virtualenvs = True

PYTHON = "3.11"
ROOT = Path(__file__).parent


@nox.session(python=PYTHON)
def tests(session: nox.Session) -> None:
    """Run the test suite (pytest, one worker per core); extra arguments go to pytest.

    Each test module runs whole on one worker, so that its module fixtures (reports written
    once for several tests) are not made again on the other; the modules holding slow tests go
    first (see tests/conftest.py).
    """
    session.install("-e", ".[test]")
    session.run(
        "pytest", "-n", "auto", "--dist", "loadfile", "--no-loadscope-reorder", *session.posargs
    )


@nox.session(python=PYTHON)
def lint(session: nox.Session) -> None:
    """ruff format check, ruff lint, mypy and the import layers (lint-imports) on the package."""
    session.install("-e", ".[lint]")
    session.run("ruff", "format", "--check", ".")
    session.run("ruff", "check", ".")
    session.run("mypy", "analysis")
    session.run("lint-imports")


@nox.session(python=PYTHON)
def report(session: nox.Session) -> None:
    """Write reports/<event>/ for every event under corpus/ (or the corpus given after --).

    Further arguments after the corpus go to ``python -m analysis report`` (e.g. ``--config
    report.toml``, ``--method hybrid``).
    """
    session.install("-e", ".")
    target = session.posargs[0] if session.posargs else "corpus"
    session.run(
        "python",
        "-m",
        "analysis",
        "report",
        target,
        "--out",
        "reports",
        "--per-event",
        *session.posargs[1:],
    )


@nox.session(python=PYTHON)
def bench(session: nox.Session) -> None:
    """Run the benchmark scripts in benchmarks/ (they read ../shared/benchmarks).

    Name scripts after ``--`` to run only those (``nox -s bench -- bench_align``).
    """
    session.install("-e", ".")
    scripts = sorted((ROOT / "benchmarks").glob("bench_*.py"))
    chosen = [s for s in scripts if not session.posargs or s.stem in session.posargs]
    for script in chosen:
        session.run("python", str(script))
