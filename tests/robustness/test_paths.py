"""Names from input that would leave the output folder or share one, tried through the CLI.

Event names come from a manifest's ``event`` or a collection file's ``event`` column and name
folders under ``--out`` (``report`` on a collection or with ``--per-event``, ``batch``). Every case
ends with every file under ``--out`` (nothing written beside it) or with one error line naming the
names and exit status 2; two events never share a folder. ``report`` runs with the report's build
and rendering replaced by a stub (what is tested is where it writes), ``batch`` runs for real;
all in this process.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from analysis.batch.runner import EVENT_KIND, GENERATOR
from analysis.errors import CorpusError
from analysis.text.names import MAX_NAME_BYTES, FolderNames, safe_name
from tests.robustness.hostile_inputs import (
    files_under,
    run,
    stub_build,
    write_collection,
    write_event,
)


@pytest.fixture
def fake_build(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    return stub_build(monkeypatch, n_files=1)


# -- the safe-name function, table-driven --------------------------------------------------------

MAPPED = [
    ("ukraine-security-force", "ukraine-security-force"),  # ordinary names map to themselves
    ("../../x", "_.._x"),
    ("/etc/cron.d/job", "_etc_cron.d_job"),
    ("C:\\Windows\\system32", "C__Windows_system32"),
    ("a\x00b", "a_b"),
    ("\x1b[31mred\x1b[0m\n", "__31mred__0m_"),
    (".hidden", "hidden"),
    ("trailing. . .", "trailing._._"),
    ("CON", "CON_"),
    ("nul.txt", "nul_.txt"),
    ("Lpt9", "Lpt9_"),
    ("K\u00f6ln 2024", "K\u00f6ln_2024"),
    ("Ko\u0308ln", "K\u00f6ln"),  # NFD becomes NFC
    ("\ud800half", "_half"),  # a lone surrogate
    ("a\u2215b\uff0fc", "a_b_c"),  # division slash and full-width solidus
]


@pytest.mark.parametrize(("name", "folder"), MAPPED)
def test_safe_name_maps_into_one_component(name: str, folder: str) -> None:
    assert safe_name(name) == folder
    assert (Path("/out") / folder).parent == Path("/out")


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "empty name"),
        ("...", "no letter or digit"),
        ("..", "no letter or digit"),
        ("/", "no letter or digit"),
        ("\x00", "no letter or digit"),
        ("   ", "no letter or digit"),
        ("_-_", "no letter or digit"),
        (0, "is a int, not text"),
        (None, "is a NoneType, not text"),
    ],
)
def test_safe_name_refuses_names_without_letters(name: object, message: str) -> None:
    with pytest.raises(CorpusError, match=message):
        safe_name(name)  # type: ignore[arg-type]


def test_long_names_are_cut_with_a_hash_and_stay_distinct() -> None:
    a, b = "x" * 1000 + "a", "x" * 1000 + "b"
    folders = FolderNames()
    first, second = folders.claim(a), folders.claim(b)
    assert first != second
    assert max(len(first.encode()), len(second.encode())) <= MAX_NAME_BYTES
    assert len(safe_name("\u00e9" * 400).encode()) <= MAX_NAME_BYTES  # cut between characters


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("a/b", "a_b"),
        ("a:b", "a?b"),
        ("Event", "event"),  # one folder on case-insensitive file systems
        ("caf\u00e9", "cafe\u0301"),  # NFC and NFD
        ("report", ".report."),
        ("con", "con_"),
    ],
)
def test_two_names_for_one_folder_are_refused_naming_both(first: str, second: str) -> None:
    folders = FolderNames()
    folders.claim(first)
    assert folders.claim(first) == safe_name(first)  # the same name again is fine
    with pytest.raises(CorpusError) as caught:
        folders.claim(second)
    assert repr(first) in str(caught.value)
    assert repr(second) in str(caught.value)


# -- report: folders under --out ------------------------------------------------------------------


def test_report_collection_keeps_manifest_event_names_inside_out(
    tmp_path: Path, fake_build: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    escape = str(tmp_path / "outside")
    corpus = tmp_path / "corpus"
    write_event(corpus / "one", "../../escaped")
    write_event(corpus / "two", escape)  # an absolute path
    write_event(corpus / "three", "nul")
    write_event(corpus / "four", "line\nbreak\x1b[2J")
    out = tmp_path / "out"
    status, err = run(["report", str(corpus), "--out", str(out)], capsys)
    assert status == 0, err
    # the loader blanks control characters in metadata, event names included
    assert sorted(fake_build) == sorted(["../../escaped", escape, "nul", "line\nbreak [2J"])
    assert sorted(p.name for p in out.iterdir()) == sorted(
        ["_.._escaped", safe_name(escape), "nul_", "line_break__2J"]
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus", "out"]


def test_report_per_event_of_one_folder_keeps_its_event_inside_out(
    tmp_path: Path, fake_build: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    name = "/" + "../" * 12 + "etc"
    event = write_event(tmp_path / "corpus" / "event", name)
    out = tmp_path / "out"
    status, err = run(["report", str(event), "--out", str(out), "--per-event"], capsys)
    assert status == 0, err
    folder = safe_name(name)
    assert folder.startswith("_.._.._")
    assert files_under(out) == {folder, *(f"{folder}/{f}" for f in ("run.json", "tables"))} | {
        f"{folder}/tables/t0.csv"
    }
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus", "out"]


def test_report_refuses_two_events_for_one_folder_before_building_the_second(
    tmp_path: Path, fake_build: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "corpus"
    write_event(corpus / "e1", "budget/2024")
    write_event(corpus / "e2", "budget_2024")
    status, err = run(["report", str(corpus), "--out", str(tmp_path / "out")], capsys)
    assert status == 2
    assert len(err) == 1
    assert "'budget/2024' and 'budget_2024'" in err[0]
    assert fake_build == ["budget/2024"]


def test_report_refuses_an_event_without_a_name(
    tmp_path: Path, fake_build: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "corpus"
    write_event(corpus / "dots", "...")
    status, err = run(["report", str(corpus), "--out", str(tmp_path / "out")], capsys)
    assert (status, len(err)) == (2, 1)
    assert "event name '...' has no letter or digit" in err[0]
    assert fake_build == []
    assert not (tmp_path / "out").exists()


def test_report_refuses_a_planted_link_in_out(
    tmp_path: Path, fake_build: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "corpus"
    write_event(corpus / "ev", "planted")
    victim = tmp_path / "victim"
    victim.mkdir()
    (victim / "keep.txt").write_text("mine")
    out = tmp_path / "out"
    out.mkdir()
    (out / "planted").symlink_to(victim, target_is_directory=True)
    status, err = run(["report", str(corpus), "--out", str(out)], capsys)
    assert (status, len(err)) == (2, 1)
    assert "symbolic link" in err[0]
    assert files_under(victim) == {"keep.txt"}
    assert sorted(p.name for p in out.iterdir()) == ["planted"]


# -- batch: events/<event>/ and the summary -------------------------------------------------------


def batch(source: Path, out: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    return run(["batch", str(source), "--out", str(out), "--n-resamples", "50"], capsys)


def test_batch_keeps_absolute_and_parent_names_inside_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    escape = str(tmp_path / "escaped")
    source = write_collection(tmp_path / "c.jsonl", [escape, "../../up", "a\\..\\..\\b"])
    out = tmp_path / "out"
    status, err = batch(source, out, capsys)
    assert status == 0, err
    folders = {e: safe_name(e) for e in (escape, "../../up", "a\\..\\..\\b")}
    assert sorted(p.name for p in (out / "events").iterdir()) == sorted(folders.values())
    for event, folder in folders.items():
        meta = json.loads((out / "events" / folder / "run.json").read_text())
        assert meta == {"generator": GENERATOR, "kind": EVENT_KIND, "event": event}
    summary = json.loads((out / "summary" / "run.json").read_text())
    assert summary["event_folders"] == {e: f"events/{f}" for e, f in sorted(folders.items())}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.jsonl", "out"]


@pytest.mark.parametrize(
    ("events", "message"),
    [
        (["a/b", "a_b"], "events 'a/b' and 'a_b' would share the folder 'a_b'"),
        (["...", "event"], "event name '...' has no letter or digit"),
        (["Gaza", "gaza"], "events 'Gaza' and 'gaza' would share the folder"),
        ([0, "", None], "empty name"),
        (["  ", "x"], "event name '  ' has no letter or digit"),
    ],
)
def test_batch_never_merges_two_events_into_one_folder(
    events: list[object], message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write_collection(tmp_path / "c.jsonl", events)
    out = tmp_path / "out"
    status, err = batch(source, out, capsys)
    assert status == 2
    assert len(err) == 1
    assert message in err[0]
    assert not (out / "summary").exists()
    for folder in (out / "events").glob("*"):  # events done before the refusal hold their own
        meta = json.loads((folder / "run.json").read_text())
        assert safe_name(meta["event"]) == folder.name
