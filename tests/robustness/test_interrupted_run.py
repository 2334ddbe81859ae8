"""A report run killed half-way: the previous report stays intact and complete.

The seed event is reported once with ``--seed 1`` (the "old" report). Then new runs with
``--seed 2`` (whose tables and run.json differ from the old ones) are killed with SIGKILL:

- the real command ``python -m analysis report ... --out SAME`` killed during the analysis
  (after a share of the old run's duration) and when its hidden staging folder appears, as a
  user's Ctrl-\\, an out-of-memory kill or a power cut would;
- forked writers killed at exact points of the write (before the first file, in the middle of a
  file, after many files, just before the swap, after the swap while the old folder is removed),
  since on an idle machine the write takes milliseconds and timed kills rarely land in it.

After every kill the output folder holds exactly the old report or exactly the complete new one
(same file names, same bytes), never a mix, and nothing else than hidden ``.<name>.tmp-*`` /
``.<name>.old-*`` leftovers sits beside it (documented in :mod:`analysis.report.output`).
"""

from __future__ import annotations

import hashlib
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from analysis.report import output
from analysis.report.output import replace_folder
from tests.conftest import ROOT, SEED_EVENT

pytestmark = pytest.mark.slow

NAME = "report"
N_RESAMPLES = "999"
TIMEOUT = 900  # seconds; generous for a loaded machine

# Runs in a subprocess: builds the new report once, then forks one writer per phase; each
# writer kills itself with SIGKILL at its phase (see _arm). Prints "<phase> <outcome>" lines.
HARNESS = r"""
import os, pathlib, shutil, signal, sys, traceback
from analysis.report import ReportConfig, build_report, output
from analysis.report import write as rep
from analysis.corpus.loader import load_corpus

corpus_path, seed, n_resamples, *jobs = sys.argv[1:]
config = ReportConfig(seed=int(seed), n_resamples=int(n_resamples))
report = build_report(load_corpus(corpus_path), config=config)
files = rep._report_files(report)
rep._report_files = lambda _report: files  # draw the figures once, not once per writer


def die():
    os.kill(os.getpid(), signal.SIGKILL)


def arm(phase):
    kind, _, arg = phase.partition(":")
    if kind in ("write", "halfwrite"):
        original, calls = pathlib.Path.write_bytes, [0]

        def write_bytes(self, data):
            calls[0] += 1
            if calls[0] == int(arg):
                if kind == "halfwrite":
                    with open(self, "wb") as handle:
                        handle.write(data[: len(data) // 2])
                die()
            return original(self, data)

        pathlib.Path.write_bytes = write_bytes
    elif kind == "swap":
        output._exchange = lambda a, b: die()
    elif kind == "cleanup":
        shutil.rmtree = lambda *args, **kwargs: die()
    elif kind in ("fallback", "between"):
        output._exchange = lambda a, b: False
        original_replace, calls = pathlib.Path.replace, [0]

        def replace(self, target):
            result = original_replace(self, target)
            calls[0] += 1
            if kind == "between" and calls[0] == 1:
                die()
            return result

        pathlib.Path.replace = replace


for job in jobs:
    phase, out = job.split("=", 1)
    pid = os.fork()
    if pid == 0:
        try:
            arm(phase)
            rep.write_report(report, out)
        except BaseException:
            traceback.print_exc()
            os._exit(3)
        os._exit(0)
    _, status = os.waitpid(pid, 0)
    killed = os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
    print(phase, "killed" if killed else f"exit-{os.waitstatus_to_exitcode(status)}", flush=True)
"""


def _snapshot(folder: Path) -> dict[str, str]:
    """``{relative path: sha256}`` of every file under *folder*."""
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def _cli(out: Path, seed: int) -> list[str]:
    return [
        sys.executable,
        "-m",
        "analysis",
        "report",
        str(SEED_EVENT),
        "--out",
        str(out),
        "--seed",
        str(seed),
        "--n-resamples",
        N_RESAMPLES,
    ]


@pytest.fixture(scope="module")
def old_report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, float]:
    """The old report (``--seed 1``), written by the command line; and how long that took."""
    out = tmp_path_factory.mktemp("old") / NAME
    started = time.monotonic()
    subprocess.run(_cli(out, 1), cwd=ROOT, check=True, capture_output=True, timeout=TIMEOUT)
    return out, time.monotonic() - started


def _with_old(parent: Path, old: Path) -> Path:
    parent.mkdir(parents=True)
    shutil.copytree(old, parent / NAME)
    return parent / NAME


PHASES = {
    # phase: which report must be in place after the kill
    "write:1": "old",  # staging folder made, nothing written yet
    "halfwrite:17": "old",  # a file cut in the middle
    "write:90": "old",  # most files written
    "swap": "old",  # every file written, killed just before the exchange
    "cleanup": "new",  # exchanged, killed while the old folder is being removed
    "fallback": "new",  # no atomic exchange (two renames), not killed
    "none": "new",  # not killed
}


@pytest.fixture(scope="module")
def killed_writers(
    old_report: tuple[Path, float], tmp_path_factory: pytest.TempPathFactory
) -> tuple[dict[str, str], dict[str, Path], Path]:
    """Run the harness: one forked writer per phase, each into a copy of the old report."""
    old, _ = old_report
    base = tmp_path_factory.mktemp("phases")
    targets = {}
    for i, phase in enumerate([*PHASES, "between"]):
        targets[phase] = _with_old(base / f"p{i}", old)
    fresh = base / "fresh" / NAME  # the new report written where nothing was before
    jobs = [f"{phase}={target}" for phase, target in targets.items()] + [f"none={fresh}"]
    result = subprocess.run(
        [sys.executable, "-c", HARNESS, str(SEED_EVENT), "2", N_RESAMPLES, *jobs],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=TIMEOUT,
    )
    outcomes = dict(line.split(" ", 1) for line in result.stdout.splitlines())
    return outcomes, targets, fresh


def _check_beside(target: Path) -> list[str]:
    """Names beside *target* other than itself; all must be hidden staging/old folders."""
    others = sorted(p.name for p in target.parent.iterdir() if p.name != NAME)
    for name in others:
        assert name.startswith((f".{NAME}.tmp-", f".{NAME}.old-")), others
    return others


@pytest.mark.parametrize("phase", list(PHASES))
def test_killed_writer_leaves_a_complete_report(
    phase: str,
    old_report: tuple[Path, float],
    killed_writers: tuple[dict[str, str], dict[str, Path], Path],
) -> None:
    outcomes, targets, fresh = killed_writers
    old, new = _snapshot(old_report[0]), _snapshot(fresh)
    assert old.keys() == new.keys()
    assert old != new
    assert outcomes[phase] == ("exit-0" if phase in ("fallback", "none") else "killed")
    expected = old if PHASES[phase] == "old" else new
    assert _snapshot(targets[phase]) == expected
    leftovers = _check_beside(targets[phase])
    if phase in ("fallback", "none"):
        assert leftovers == []  # a finished run cleans up after itself
    for name in leftovers:  # a leftover is never taken for a report: it is hidden
        assert name.startswith(".")


def test_killed_between_two_renames_keeps_old_report_hidden(
    old_report: tuple[Path, float],
    killed_writers: tuple[dict[str, str], dict[str, Path], Path],
) -> None:
    """Without an atomic exchange (not Linux), a kill between the renames of the fallback leaves
    the final name empty and the old report complete under ``.<name>.old-*`` (documented)."""
    outcomes, targets, _ = killed_writers
    target = targets["between"]
    assert outcomes["between"] == "killed"
    assert not target.exists()
    leftovers = _check_beside(target)
    (aside,) = [name for name in leftovers if name.startswith(f".{NAME}.old-")]
    assert _snapshot(target.parent / aside) == _snapshot(old_report[0])


def _wait_and_kill(
    process: subprocess.Popen[bytes], target: Path, *, delay: float | None
) -> tuple[str, bool]:
    """Kill *process* after *delay* seconds, or (``None``) when its staging folder appears.

    Returns whether the staging folder existed at the kill, and whether the process was killed
    (False when it had already finished)."""
    deadline = time.monotonic() + (delay if delay is not None else TIMEOUT)
    staging = False
    while time.monotonic() < deadline and process.poll() is None:
        staging = any(p.name.startswith(f".{NAME}.tmp-") for p in target.parent.iterdir())
        if delay is None and staging:
            break
        time.sleep(0.005 if delay is None else 0.05)
    if process.poll() is not None:
        return ("finished" if process.returncode == 0 else "failed"), False
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=60)
    return ("staging" if staging else "analysis"), True


@pytest.mark.parametrize("when", [0.25, None], ids=["early", "at-staging"])
def test_killed_command_leaves_a_complete_report(
    when: float | None,
    old_report: tuple[Path, float],
    killed_writers: tuple[dict[str, str], dict[str, Path], Path],
    tmp_path: Path,
) -> None:
    old_path, duration = old_report
    target = _with_old(tmp_path / "run", old_path)
    old_inode = target.stat().st_ino
    process = subprocess.Popen(
        _cli(target, 2), cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        phase, killed = _wait_and_kill(
            process, target, delay=None if when is None else max(1.0, when * duration)
        )
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=60)
    assert phase != "failed"
    snapshot = _snapshot(target)
    old, new = _snapshot(old_path), _snapshot(killed_writers[2])
    assert snapshot in (old, new), f"killed during {phase}: neither the old nor the new report"
    # The swap gives the final name a new folder (inode): before it the old report must be
    # there whole, after it the new one. (A kill after the swap but before the process exits is
    # seen as "analysis" when the staging folder lived between two polls.)
    swapped = target.stat().st_ino != old_inode
    assert snapshot == (new if swapped else old), f"killed during {phase}, swapped={swapped}"
    _check_beside(target)
    assert killed or phase == "finished"


# --------------------------------------------------------------------------- regressions

LINUX_ONLY = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="renameat2 exchange is Linux-only"
)


@LINUX_ONLY
def test_exchange_swaps_two_folders(tmp_path: Path) -> None:
    """Regression: the new folder takes the old one's place in one atomic exchange (before,
    two renames left a moment with no folder under the final name)."""
    a, b = tmp_path / "a", tmp_path / "b"
    for folder in (a, b):
        folder.mkdir()
        (folder / "x.txt").write_text(folder.name)
    assert output._exchange(a, b)
    assert (a / "x.txt").read_text() == "b"
    assert (b / "x.txt").read_text() == "a"


@LINUX_ONLY
def test_exchange_of_a_missing_folder_raises(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        output._exchange(tmp_path / "missing", tmp_path)


def test_replace_folder_replaces_and_cleans_up(tmp_path: Path) -> None:
    out = tmp_path / NAME
    replace_folder({"a.txt": b"old", "sub/b.txt": b"old"}, out)
    replace_folder({"a.txt": b"new", "c.txt": b"new"}, out)
    assert _snapshot(out) == {
        "a.txt": hashlib.sha256(b"new").hexdigest(),
        "c.txt": hashlib.sha256(b"new").hexdigest(),
    }
    assert sorted(p.name for p in tmp_path.iterdir()) == [NAME]


def test_replace_folder_restores_old_folder_when_second_rename_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Regression: on the two-rename fallback, a failure of the second rename puts the old
    folder back under the final name (before, it stayed hidden and the final name was empty)."""
    out = tmp_path / NAME
    replace_folder({"a.txt": b"old"}, out)
    monkeypatch.setattr(output, "_exchange", lambda a, b: False)
    original = Path.replace

    def replace(self: Path, target: Path) -> Path:
        if self.name.startswith(f".{NAME}.tmp-"):
            raise KeyboardInterrupt
        return original(self, target)

    monkeypatch.setattr(Path, "replace", replace)
    with pytest.raises(KeyboardInterrupt):
        replace_folder({"a.txt": b"new"}, out)
    assert (out / "a.txt").read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == [NAME]
