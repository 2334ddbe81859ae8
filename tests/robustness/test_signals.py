"""Ctrl-C and SIGTERM: one line, exit status 130 / 143, the previous output intact, no leftovers.

The real command is stopped in a subprocess (once its handlers are installed, read from
``/proc/<pid>/status``), as a user's Ctrl-C (to the whole process group, worker processes
included) or a ``kill`` would; and signals are raised in this process at exact points of the
write (mid-way through the files, just before the swap, while the old folder is removed), which
timed signals rarely hit.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from analysis import cli
from analysis.report import output
from analysis.report.pipeline import GENERATOR
from tests.conftest import ROOT
from tests.robustness.hostile_inputs import run, stub_build, write_collection, write_event

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="reads /proc and exchanges folders atomically"
)

TIMEOUT = 300  # seconds, for a loaded machine
PREVIOUS = {
    "run.json": json.dumps({"generator": GENERATOR, "parameters": {"seed": 1}}),
    "tables/summary.csv": "finding,value\nprevious,1\n",
}


def previous_report(out: Path) -> dict[str, bytes]:
    for name, text in PREVIOUS.items():
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        (out / name).write_text(text)
    return snapshot(out)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def leftovers(folder: Path) -> list[str]:
    """Hidden temporary folders (``.<name>.tmp-*``, ``.<name>.old-*``) under *folder*."""
    return sorted(p.name for p in folder.rglob(".*"))


def _wait(condition: Callable[[], bool], process: subprocess.Popen) -> None:
    deadline = time.monotonic() + TIMEOUT
    while not condition():
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def _handles_sigterm(pid: int) -> bool:
    status = Path(f"/proc/{pid}/status").read_text()
    caught = int(
        next(line.split()[1] for line in status.splitlines() if line.startswith("SigCgt")), 16
    )
    return bool(caught >> (signal.SIGTERM - 1) & 1)


def _has_children(pid: int) -> bool:
    return bool(Path(f"/proc/{pid}/task/{pid}/children").read_text().split())


def _start(argv: list[str]) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "analysis", *argv],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, as a terminal gives a command
    )


def _group_gone(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return True
    return False


@pytest.mark.parametrize(
    ("signum", "status", "name"),
    [(signal.SIGINT, 130, "Ctrl-C (SIGINT)"), (signal.SIGTERM, 143, "SIGTERM")],
)
def test_stopped_report_keeps_the_previous_one(
    signum: int, status: int, name: str, tmp_path: Path
) -> None:
    event = write_event(tmp_path / "corpus" / "event")
    out = tmp_path / "reports" / "event"
    before = previous_report(out)
    process = _start(["report", str(event), "--out", str(out), "--n-resamples", "99"])
    _wait(lambda: _handles_sigterm(process.pid), process)
    time.sleep(3)  # into the work: loading and analysing
    process.send_signal(signum)
    _, err = process.communicate(timeout=TIMEOUT)
    assert process.returncode == status, err
    assert err.splitlines() == [
        f"error: stopped by {name}; folders written before are complete, and nothing "
        "half-written is left"
    ]
    assert snapshot(out) == before
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize(("signum", "status"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_stopped_batch_with_workers_leaves_no_process_and_no_temporary_folder(
    signum: int, status: int, tmp_path: Path
) -> None:
    source = write_collection(tmp_path / "c.jsonl", [f"event-{i}" for i in range(12)])
    out = tmp_path / "out"
    argv = ["batch", str(source), "--out", str(out), "--jobs", "2", "--n-resamples", "99"]
    process = _start(argv)
    _wait(lambda: _has_children(process.pid), process)
    os.killpg(process.pid, signum)  # the whole group, as Ctrl-C in a terminal does
    _, err = process.communicate(timeout=TIMEOUT)
    assert process.returncode == status, err
    assert len(err.splitlines()) == 1, err
    assert "stopped by" in err
    deadline = time.monotonic() + 30
    while not _group_gone(process.pid):
        assert time.monotonic() < deadline, "worker processes left running"
        time.sleep(0.1)
    assert leftovers(tmp_path) == []
    assert not (out / "summary").exists()
    for folder in (out / "events").glob("*"):  # every event folder left is complete
        assert {p.name for p in folder.iterdir()} >= {"run.json", "fingerprint", "articles.parquet"}


def _signal_at_write(n: int, signum: int) -> Callable[[pytest.MonkeyPatch], None]:
    def arm(monkeypatch: pytest.MonkeyPatch) -> None:
        original, calls = Path.write_bytes, [0]

        def write_bytes(self: Path, data: bytes) -> int:
            calls[0] += 1
            if calls[0] == n:
                os.kill(os.getpid(), signum)
            return original(self, data)

        monkeypatch.setattr(Path, "write_bytes", write_bytes)

    return arm


def _signal_before_swap(signum: int) -> Callable[[pytest.MonkeyPatch], None]:
    def arm(monkeypatch: pytest.MonkeyPatch) -> None:
        original = output._exchange

        def exchange(a: Path, b: Path) -> bool:
            os.kill(os.getpid(), signum)
            return original(a, b)

        monkeypatch.setattr(output, "_exchange", exchange)

    return arm


def _signal_in_cleanup(signum: int) -> Callable[[pytest.MonkeyPatch], None]:
    def arm(monkeypatch: pytest.MonkeyPatch) -> None:
        original, calls = shutil.rmtree, [0]

        def rmtree(path, *args, **kwargs):
            calls[0] += 1
            if calls[0] == 1:
                os.kill(os.getpid(), signum)
            return original(path, *args, **kwargs)

        monkeypatch.setattr(shutil, "rmtree", rmtree)

    return arm


@pytest.mark.parametrize(
    ("arm", "status", "replaced"),
    [
        (_signal_at_write(1, signal.SIGINT), 130, False),
        (_signal_at_write(3, signal.SIGTERM), 143, False),
        (_signal_at_write(6, signal.SIGINT), 130, False),
        (_signal_before_swap(signal.SIGTERM), 143, False),
        (_signal_in_cleanup(signal.SIGINT), 130, True),
    ],
    ids=["first file", "third file", "last file", "before the swap", "old folder removal"],
)
def test_signal_at_each_point_of_the_write(
    arm,
    status: int,
    replaced: bool,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    stub_build(monkeypatch, n_files=5)
    event = write_event(tmp_path / "corpus" / "event")
    out = tmp_path / "reports" / "event"
    before = previous_report(out)
    handlers = {n: signal.getsignal(n) for n in (signal.SIGINT, signal.SIGTERM)}
    arm(monkeypatch)
    code, err = run(["report", str(event), "--out", str(out)], capsys)
    assert code == status
    assert len(err) == 1, err
    assert err[0].startswith("error: stopped by")
    after = snapshot(out)
    if replaced:
        assert sorted(after) == ["run.json", *(f"tables/t{i}.csv" for i in range(5))]
    else:
        assert after == before
    assert leftovers(tmp_path) == []
    assert handlers == {n: signal.getsignal(n) for n in handlers}  # restored after main


def test_cli_handlers_are_restored_and_children_end_quietly(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # A process forked during the run (a figure worker) inherits the handler: a signal ends it
    # at once with 128 + signal and no output, while the parent goes on.
    def command(_args) -> int:
        pid = os.fork()
        if pid == 0:
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(5)
            os._exit(0)
        _, wait_status = os.waitpid(pid, 0)
        return os.waitstatus_to_exitcode(wait_status)

    monkeypatch.setattr(cli, "_cmd_inspect", command)
    handlers = {n: signal.getsignal(n) for n in (signal.SIGINT, signal.SIGTERM)}
    assert cli.main(["inspect", "x"]) == 143
    assert capsys.readouterr().err == ""
    assert handlers == {n: signal.getsignal(n) for n in handlers}


def test_figure_workers_end_when_a_killed_report_cannot_stop_them(tmp_path: Path) -> None:
    """SIGKILL gives the report no chance to shut its figure pool; the workers end anyway."""
    from analysis.report.output import render_figures

    def draw(name: str) -> object:
        time.sleep(60)  # a worker busy drawing when its parent dies
        raise AssertionError(name)

    ready = tmp_path / "ready"
    child = os.fork()
    if child == 0:  # pragma: no cover - the child is killed below
        ready.write_text(str(os.getpid()))
        try:
            render_figures(draw, ["a", "b"], processes=2)  # type: ignore[arg-type]
        finally:
            os._exit(0)
    deadline = time.monotonic() + 30
    workers: list[str] = []
    while time.monotonic() < deadline and len(workers) < 2:
        found = subprocess.run(["pgrep", "-P", str(child)], capture_output=True, text=True)
        workers = found.stdout.split()
        time.sleep(0.05)
    assert len(workers) == 2
    os.kill(child, signal.SIGKILL)
    os.waitpid(child, 0)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(Path(f"/proc/{w}").exists() for w in workers):
        time.sleep(0.05)
    assert not any(Path(f"/proc/{w}").exists() for w in workers)
