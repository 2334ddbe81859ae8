"""Hostile and broken input, tried as a new user would: through the CLI and through the library.

Every case ends either with a correct result (exit 0 and a complete report) or with one clear
error line on stderr and exit status 2; never a traceback, and nothing is written outside the
output folder. The inputs that give a report are written as the events of a few collections,
each reported by one run of the real command; the refused ones go through the command line's
``main`` in this process.
"""

from __future__ import annotations

import json
import logging
import os
import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from analysis.corpus.loader import load_corpus
from analysis.errors import AnalysisError
from analysis.report import build_report
from tests.conftest import ROOT
from tests.robustness.hostile_inputs import run

B_TEXT = (
    "Ministers gathered in Brussels on Monday to discuss the budget.\n"
    "They agreed on a plan that will cost five million euros.\n"
    "Critics said the plan came too late.\n"
)
PROSE = (
    "The council met on Tuesday to discuss the new bridge. "
    "Engineers warned that the old one could fail within a decade. "
    "The mayor said the city would pay half of the cost.\n"
)


def _write(folder: Path, files: dict[str, str | bytes]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


def _event(files: dict[str, str | bytes]) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        _write(folder, files)
        return folder

    return make


def _symlink_out(folder: Path) -> Path:
    _write(folder, {"b.txt": B_TEXT})
    secret = folder.parent / "secret.txt"
    secret.write_text("Private notes that must never be read. Really private.")
    (folder / "a.txt").symlink_to(secret)
    return folder


def _big_article(folder: Path) -> Path:
    _write(folder, {"b.txt": B_TEXT})
    sentence = b"The committee reviewed the figures again on Monday and found errors. "
    with (folder / "a.txt").open("wb") as handle:
        for _ in range(50 * 1024 * 1024 // len(sentence) + 1):
            handle.write(sentence)
    return folder


def _missing(folder: Path) -> Path:
    return folder.parent / "nowhere"


def _empty_folder(folder: Path) -> Path:
    folder.mkdir(parents=True)
    return folder


@dataclass(frozen=True)
class Case:
    name: str
    make: Callable[[Path], Path]  # writes the event folder it is given; returns the target
    outcome: str  # "ok" or "error"
    message: str = ""  # a fragment of the error line
    extra_args: tuple[str, ...] = ()
    stage: str = "load"  # where an error is raised: "load" (load_corpus) or "report"
    marks: tuple[pytest.MarkDecorator, ...] = ()


CASES = [
    Case("empty file", _event({"a.txt": "", "b.txt": B_TEXT}), "error", "is empty"),
    Case("whitespace only", _event({"a.txt": " \n\t\n  ", "b.txt": B_TEXT}), "error", "is empty"),
    Case(
        "binary file",
        _event({"a.txt": bytes(range(256)) * 40, "b.txt": B_TEXT}),
        "error",
        "binary",
    ),
    Case(
        "truncated UTF-8",
        _event({"a.txt": PROSE.encode() + "caf\u00e9".encode()[:-1], "b.txt": B_TEXT}),
        "ok",
    ),
    Case(
        "Latin-1 text",
        _event(
            {
                "a.txt": ("Le pr\u00e9sident a parl\u00e9. " + PROSE).encode("latin-1"),
                "b.txt": B_TEXT,
            }
        ),
        "ok",
    ),
    Case(
        "Windows-1252 text",
        _event(
            {
                "a.txt": ("\u201cNo,\u201d he said \u2014 twice. " + PROSE).encode("cp1252"),
                "b.txt": B_TEXT,
            }
        ),
        "ok",
    ),
    Case("UTF-16 with BOM", _event({"a.txt": PROSE.encode("utf-16"), "b.txt": B_TEXT}), "ok"),
    Case(
        "mixed line endings",
        _event(
            {"a.txt": PROSE.replace("\n", "\r\n") + "Second part.\rThird part.\n", "b.txt": B_TEXT}
        ),
        "ok",
    ),
    Case("one enormous line", _event({"a.txt": "word " * 200_000, "b.txt": B_TEXT}), "ok"),
    Case("50 MB article", _big_article, "error", "MiB"),
    # Nothing to compare: refused before the analysis, naming the article (framing used to
    # fail with "article='a' has no sentences; use one of ['b']").
    Case(
        "only headings",
        _event({"a.txt": "A Heading\nAnother Heading\nThe Third One", "b.txt": B_TEXT}),
        "error",
        "'a' \\(a.txt\\) has no body text",
        stage="report",
    ),
    Case(
        "HTML without text",
        _event(
            {
                "a.html": "<html><head><script>alert(1)</script></head>"
                "<body><nav>Home | News</nav></body></html>",
                "b.txt": B_TEXT,
            }
        ),
        "error",
        "has no body text",
        stage="report",
    ),
    Case(
        "stop words only",
        _event({"a.txt": "The. Of the.\n", "b.txt": "It is. They are.\n"}),
        "ok",
    ),
    Case(
        "only quotations",
        _event({"a.txt": "\u201cWe will win.\u201d\n\u201cNever again.\u201d\n", "b.txt": B_TEXT}),
        "ok",
    ),
    Case(
        "no sentence punctuation",
        _event(
            {"a.txt": "the council met and talked about money for hours " * 30, "b.txt": B_TEXT}
        ),
        "ok",
    ),
    Case(
        "thousands of sentences",
        _event(
            {
                "a.txt": "".join(f"Item {i} was reviewed by the board. " for i in range(3000)),
                "b.txt": B_TEXT,
            }
        ),
        "ok",
        marks=(pytest.mark.slow,),  # the slowest: reported alone (see OK_BATCHES)
    ),
    Case(
        "deeply nested HTML",
        _event({"a.html": "<div>" * 3000 + f"<p>{PROSE}</p>" + "</div>" * 3000, "b.txt": B_TEXT}),
        "ok",
    ),
    Case(
        "HTML with script and event handlers",
        _event(
            {
                "a.html": "<html><body><script>document.title='pwned'</script>"
                f'<p onclick="alert(1)">{PROSE}</p><img src=x onerror="alert(2)">'
                '<a href="javascript:alert(3)">link</a></body></html>',
                "b.txt": B_TEXT,
            }
        ),
        "ok",
    ),
    Case(
        "Markdown containing HTML",
        _event({"a.md": "# Title Here\n\n<script>alert(1)</script>\n\n" + PROSE, "b.txt": B_TEXT}),
        "ok",
    ),
    Case(
        "JSON with the wrong fields",
        _event({"a.json": json.dumps({"headline": "x", "body": PROSE}), "b.txt": B_TEXT}),
        "error",
        "'text' field",
    ),
    Case(
        "manifest with path traversal",
        _event(
            {
                "manifest.toml": '[[articles]]\nfile = "../../../../etc/passwd"\n'
                '[[articles]]\nfile = "b.txt"\n',
                "b.txt": B_TEXT,
            }
        ),
        "error",
        "outside the corpus folder|does not exist",
    ),
    Case(
        "duplicate ids",
        _event(
            {
                "manifest.toml": '[[articles]]\nid = "x"\nfile = "a.txt"\n'
                '[[articles]]\nid = "x"\nfile = "b.txt"\n',
                "a.txt": PROSE,
                "b.txt": B_TEXT,
            }
        ),
        "error",
        "used twice",
    ),
    Case("symlink out of the corpus", _symlink_out, "error", "outside the corpus folder"),
    Case(
        "non-English text",
        _event(
            {
                "a.txt": "Die Regierung hat am Montag einen Plan beschlossen. Er kostet Geld.\n"
                "\u653f\u5e9c\u306f\u6708\u66dc\u65e5\u306b\u8a08\u753b\u3092\u6c7a\u5b9a\u3057\u305f\u3002\n",
                "b.txt": B_TEXT,
            }
        ),
        "ok",
    ),
    Case("identical articles", _event({"a.txt": PROSE, "b.txt": PROSE}), "ok"),
    Case("articles sharing no words", _event({"a.txt": PROSE, "b.txt": B_TEXT}), "ok"),
    Case("missing path", _missing, "error", "does not exist"),
    Case("empty folder", _empty_folder, "error", "holds no articles"),
    Case("one article only", _event({"a.txt": PROSE}), "error", "at least 2"),
    Case(
        "unknown method option",
        _event({"a.txt": PROSE, "b.txt": B_TEXT}),
        "error",
        "",
        ("--method", "nonsense"),
    ),
]


ERRORS = [c for c in CASES if c.outcome == "error"]
OK = [c for c in CASES if c.outcome == "ok"]
# The reported inputs, in a few collections of similar cost (one run of the command each).
OK_BATCHES = [
    [c for c in OK if c.marks],
    [c for c in OK if not c.marks][::2],
    [c for c in OK if not c.marks][1::2],
]


def _slug(case: Case) -> str:
    return re.sub(r"[^a-z0-9]+", "-", case.name.lower()).strip("-")


def _snapshot(folder: Path, *, exclude: Path) -> dict[str, int]:
    out = {}
    for dirpath, _, files in os.walk(folder):
        if Path(dirpath).is_relative_to(exclude):
            continue
        for name in files:
            path = Path(dirpath) / name
            out[str(path)] = path.lstat().st_size
    return out


@pytest.mark.slow
@pytest.mark.parametrize(
    "batch", [pytest.param(batch, id="+".join(_slug(c) for c in batch)) for batch in OK_BATCHES]
)
def test_cli_reports(batch: list[Case], tmp_path: Path) -> None:
    collection = tmp_path / "corpus"
    for case in batch:
        case.make(collection / _slug(case))
    out = tmp_path / "out"
    before = _snapshot(tmp_path, exclude=out)
    result = subprocess.run(
        [sys.executable, "-m", "analysis", "report", str(collection), "--out", str(out)],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
        timeout=600,
    )
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 0, result.stderr
    assert _snapshot(tmp_path, exclude=out) == before, "something was written outside --out"
    for case in batch:
        report = out / _slug(case)
        for name in ("index.html", "run.json", "tables/alignment.csv"):
            assert (report / name).is_file(), f"{case.name}: no {name}"


@pytest.mark.parametrize("case", [pytest.param(c, id=c.name) for c in ERRORS])
def test_cli_refuses(
    case: Case,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    target = case.make(tmp_path / "corpus" / "event")
    out = tmp_path / "out"
    before = _snapshot(tmp_path, exclude=out)
    status, lines = run(["report", str(target), "--out", str(out), *case.extra_args], capsys)
    assert _snapshot(tmp_path, exclude=out) == before, "something was written outside --out"
    assert status == 2, lines
    assert len(lines) == 1, lines
    assert lines[0].startswith("error: ")
    assert re.search(case.message, lines[0])
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert not out.exists() or not any(out.iterdir()), "an error left partial output"


@pytest.mark.parametrize("case", [pytest.param(c, id=c.name) for c in CASES if not c.extra_args])
def test_library(case: Case, tmp_path: Path) -> None:
    target = case.make(tmp_path / "corpus" / "event")
    if case.outcome == "error" and case.stage == "load":
        with pytest.raises(AnalysisError, match=case.message or None):
            load_corpus(target)
        return
    corpus = load_corpus(target)
    assert len(corpus.articles) == 2
    for row in corpus.sentences.itertuples():
        assert corpus.article(row.article)["text"][row.start : row.end] == row.text
    if case.outcome == "error":
        with pytest.raises(AnalysisError, match=case.message):
            build_report(corpus)


def test_one_article_event_gives_one_error_and_no_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    """Regression: a single event folder with one article is refused by the loader's precise
    error, without the collection's "event ... skipped" warning before it."""
    from analysis.cli import main

    folder = _event({"a.txt": PROSE})(tmp_path / "event")
    assert main(["report", str(folder), "--out", str(tmp_path / "out")]) == 2
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("error: event 'event' has 1 article(s) (a.txt)")
    assert not [r for r in caplog.records if r.levelname == "WARNING"]
    assert not (tmp_path / "out").exists()
