"""Output folders a careless user names: nothing of theirs is replaced, every refusal is one line.

``batch`` replaces ``OUT/summary/`` and ``OUT/events/<event>/`` only when they are empty or were
written by a batch run, as ``report`` replaces only an empty folder or an earlier report;
``--out`` that is empty, under a file, a symbolic link or inside the input is refused before any
work, with a message naming the path and the fix. All runs in this process.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from analysis import cli
from analysis.report.pipeline import GENERATOR as REPORT_GENERATOR
from analysis.validate.sheets import SAMPLE_KIND
from tests.robustness.hostile_inputs import run, write_collection, write_event


def snapshot(folder: Path) -> dict[str, bytes | None]:
    """Every path under *folder* (and the folder itself): its bytes, or None for a folder."""
    paths = [folder, *sorted(folder.rglob("*"))] if folder.exists() else []
    return {p.as_posix(): (p.read_bytes() if p.is_file() else None) for p in paths}


def batch(source: Path, out: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    return run(["batch", str(source), "--out", str(out), "--n-resamples", "50"], capsys)


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_collection(tmp_path_factory.mktemp("input") / "c.jsonl", ["budget", "bridge"])


def _user_summary(out: Path) -> Path:
    (out / "summary").mkdir(parents=True)
    (out / "summary" / "thesis-notes.txt").write_text("three years of work")
    return out / "summary"


def _user_event(out: Path) -> Path:
    (out / "events" / "bridge").mkdir(parents=True)
    (out / "events" / "bridge" / "draft.docx").write_bytes(b"PK\x03\x04")
    return out / "events" / "bridge"


def _report_as_summary(out: Path) -> Path:
    (out / "summary").mkdir(parents=True)
    (out / "summary" / "run.json").write_text(json.dumps({"generator": REPORT_GENERATOR}))
    (out / "summary" / "index.html").write_text("<p>a report</p>")
    return out / "summary"


def _link_as_summary(out: Path) -> Path:
    elsewhere = out.parent / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "keep.txt").write_text("keep")
    out.mkdir()
    (out / "summary").symlink_to(elsewhere, target_is_directory=True)
    return elsewhere


def _file_as_event(out: Path) -> Path:
    (out / "events").mkdir(parents=True)
    (out / "events" / "budget").write_text("not a folder")
    return out / "events" / "budget"


def _file_as_out(out: Path) -> Path:
    out.write_text("a file")
    return out


def _forged_event_kind(out: Path) -> Path:
    # A batch summary's run.json in an event folder: written by the toolkit, but not an event.
    (out / "events" / "budget").mkdir(parents=True)
    meta = {"generator": "storydiff-news batch"}
    (out / "events" / "budget" / "run.json").write_text(json.dumps(meta))
    (out / "events" / "budget" / "notes.txt").write_text("keep")
    return out / "events" / "budget"


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (_user_summary, "summary exists and is not a storydiff batch summary folder"),
        (_user_event, "bridge exists and is not a storydiff batch event ('bridge') folder"),
        (_report_as_summary, "is not a storydiff batch summary folder"),
        (_link_as_summary, "is a symbolic link"),
        (_file_as_event, "(it is a file)"),
        (_file_as_out, "is a file, not a folder"),
        (_forged_event_kind, "is not a storydiff batch event ('budget') folder"),
    ],
)
def test_batch_never_replaces_what_it_did_not_write(
    make, message: str, source: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    guarded = make(out)
    before = snapshot(guarded)
    status, err = batch(source, out, capsys)
    assert status == 2
    assert len(err) == 1, err
    assert message in err[0]
    assert snapshot(guarded) == before


def test_batch_replaces_its_own_output(
    source: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    (out / "events" / "budget").mkdir(parents=True)  # empty folders are fine
    assert batch(source, out, capsys)[0] == 0
    (out / "summary" / "stale.txt").write_text("from an old run")
    status, err = batch(source, out, capsys)
    assert status == 0, err
    assert not (out / "summary" / "stale.txt").exists()
    assert sorted(p.name for p in (out / "events").iterdir()) == ["bridge", "budget"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]  # no temporary folder left


def test_batch_refuses_out_inside_the_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    corpus = tmp_path / "corpus"
    write_event(corpus / "budget")
    write_event(corpus / "bridge")
    status, err = batch(corpus, corpus / "results", capsys)
    assert (status, len(err)) == (2, 1)
    assert "is inside the input" in err[0]
    assert sorted(p.name for p in corpus.iterdir()) == ["bridge", "budget"]


@pytest.mark.parametrize(
    ("make_out", "message"),
    [
        (lambda tmp: "", "argument --out: '' is empty"),
        (lambda tmp: tmp / "file.txt" / "report", "file.txt is a file, not a folder"),
        (lambda tmp: tmp / "file.txt" / "a" / "b", "file.txt is a file, not a folder"),
        (lambda tmp: tmp / "link", "is a symbolic link (to "),
        (lambda tmp: tmp / "dangling", "is a symbolic link (to "),
        (lambda tmp: tmp / "corpus" / "event" / "report", "is inside the input"),
        (lambda tmp: tmp / "corpus" / "event", "is inside the input"),
        (lambda tmp: tmp / "sample", "is not a storydiff report folder"),
        (lambda tmp: tmp / "file.txt", "(it is a file)"),
    ],
)
def test_report_refuses_an_output_folder_before_any_work(
    make_out, message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    event = write_event(tmp_path / "corpus" / "event")
    (tmp_path / "file.txt").write_text("notes")
    (tmp_path / "target").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "target", target_is_directory=True)
    (tmp_path / "dangling").symlink_to(tmp_path / "nowhere")
    sample = tmp_path / "sample"  # coders' work: a validation sample is never replaced
    sample.mkdir()
    (sample / "run.json").write_text(
        json.dumps({"generator": REPORT_GENERATOR, "kind": SAMPLE_KIND})
    )
    before = snapshot(tmp_path)
    status, err = run(["report", str(event), "--out", str(make_out(tmp_path))], capsys)
    assert status == 2
    assert len(err) == 1, err
    assert err[0].startswith("error: ")
    assert message in err[0]
    assert snapshot(tmp_path) == before


def test_a_full_disk_names_the_output_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def full(*_args, **_kwargs):
        raise OSError(28, "No space left on device")  # as a write() reports it: no file name

    monkeypatch.setattr(cli, "_report_event", full)
    event = write_event(tmp_path / "corpus" / "event")
    out = tmp_path / "out"
    status, err = run(["report", str(event), "--out", str(out)], capsys)
    assert (status, err) == (
        2,
        [
            f"error: No space left on device while writing {out}; free disk space or choose "
            "another --out"
        ],
    )
