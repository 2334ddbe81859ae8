"""Any failure under the CLI ends with one line on stderr: the one place that writes it.

The package's errors, usage errors and OS errors end with exit status 2, anything unexpected
with 1 and a pointer to ``--verbose``; control characters from input never reach the terminal
raw. Failures are raised from a stand-in for a command, in this process.
"""

from __future__ import annotations

import errno
import json
import subprocess
import sys

import pytest

from analysis import cli
from analysis.errors import CorpusError
from tests.conftest import ROOT


def _raise(exc: BaseException):
    def command(_args) -> int:
        raise exc

    return command


def _unicode_error() -> UnicodeEncodeError:
    try:
        "caf\ud800".encode("utf-8")
    except UnicodeEncodeError as exc:
        return exc
    raise AssertionError("unreachable")


def _json_error() -> json.JSONDecodeError:
    try:
        json.loads('{"a":\n\n  oops}')
    except json.JSONDecodeError as exc:
        return exc
    raise AssertionError("unreachable")


@pytest.mark.parametrize(
    ("exc", "status", "fragments"),
    [
        (ValueError("bad\nvalue\n  spread over lines"), 1, ["unexpected ValueError: bad value"]),
        (RecursionError("maximum recursion depth exceeded"), 1, ["unexpected RecursionError"]),
        (MemoryError(), 1, ["out of memory", "--n-resamples"]),
        (_unicode_error(), 1, ["unexpected UnicodeEncodeError", "surrogates not allowed"]),
        (_json_error(), 1, ["unexpected JSONDecodeError"]),
        (KeyError("article"), 1, ["unexpected KeyError: 'article'"]),
        (ZeroDivisionError("division by zero"), 1, ["unexpected ZeroDivisionError"]),
        (CorpusError("x.txt is empty; an article needs text"), 2, ["x.txt is empty"]),
        (CorpusError("name '\x1b[2J\x1b[31mred'"), 2, ["\\x1b[2J\\x1b[31mred"]),
        (
            OSError(errno.ELOOP, "Too many levels of symbolic links", "corpus/ev/loop"),
            2,
            ["Too many levels of symbolic links: corpus/ev/loop", "remove the loop"],
        ),
        (
            PermissionError(errno.EACCES, "Permission denied", "out/a", None, "out/b"),
            2,
            ["Permission denied: out/a -> out/b", "permissions"],
        ),
        (
            OSError(errno.ENAMETOOLONG, "File name too long", b"x" * 300),
            2,
            ["File name too long: xxx", "shorter path"],
        ),
        (OSError(errno.EIO, "Input/output error"), 2, ["Input/output error while writing out"]),
    ],
)
def test_every_failure_is_one_line(
    exc: BaseException,
    status: int,
    fragments: list[str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(cli, "_cmd_batch", _raise(exc))
    assert cli.main(["batch", "corpus", "--out", "out"]) == status
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("error: ")
    assert "\x1b" not in lines[0]
    assert "Traceback" not in lines[0]
    for fragment in fragments:
        assert fragment in lines[0]
    if status == 1 and not isinstance(exc, MemoryError):
        assert "run with --verbose for the traceback" in lines[0]


def test_verbose_shows_the_traceback_then_the_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(cli, "_cmd_inspect", _raise(ValueError("deep down")))
    assert cli.main(["-v", "inspect", "corpus"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" in err
    assert err.splitlines()[-1] == "error: unexpected ValueError: deep down, and please report it"


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        ([], "the following arguments are required: COMMAND; see python -m analysis --help"),
        (["bogus"], "invalid choice: 'bogus'"),
        (["report", "corpus"], "required: --out; see python -m analysis report --help"),
        (["batch", "c", "--out", "o", "--jobs", "two"], "argument --jobs: invalid int value"),
        (["batch", "c", "--out", "o", "--n-resamples", "0"], "0 must be at least 1"),
        (["report", "c", "--out", "o", "--colour"], "unrecognized arguments: --colour"),
        (["validate"], "required: STEP; see python -m analysis validate --help"),
        (["validate", "sample", "r", "--out", "", "--measure", "tone"], "'' is empty"),
        (["inspect", "c", "--sentences", "1e9"], "invalid int value: '1e9'"),
    ],
)
def test_usage_errors_are_one_line(
    argv: list[str], fragment: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(argv) == 2
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("error: ")
    assert fragment in lines[0]


def test_help_and_version_still_exit_0(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["--help"], ["report", "--help"], ["--version"]):
        with pytest.raises(SystemExit) as done:
            cli.main(argv)
        assert done.value.code == 0
    assert "usage:" in capsys.readouterr().out


def test_a_closed_stdout_pipe_is_one_line_or_silent() -> None:
    # `python -m analysis inspect ... | head -1`: the reader goes away before the output ends.
    with subprocess.Popen(
        [sys.executable, "-m", "analysis", "inspect", str(ROOT / "corpus"), "--sentences", "50"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as process:
        assert process.stdout is not None
        process.stdout.read(10)
        process.stdout.close()
        err = process.stderr.read().decode() if process.stderr else ""
        process.wait(timeout=120)
    assert "Traceback" not in err
    assert len(err.splitlines()) <= 1
