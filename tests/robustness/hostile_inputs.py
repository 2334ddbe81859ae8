"""Small hostile inputs for the robustness tests: event folders, collections, CLI runs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from analysis import cli

A_TEXT = (
    "Budget Approved\n"
    "The city council approved a new budget of 40 million dollars on Monday.\n"
    "Mayor Anna Berg said the money would fund schools and roads.\n"
    "Opposition leader Tom Hale warned that taxes would rise next year.\n"
)
B_TEXT = (
    "Council Passes Plan\n"
    "The council approved a budget of 40 million dollars on Monday.\n"
    "Teachers welcomed the plan, while business groups were cautious.\n"
    "The vote passed by seven to four after a long debate.\n"
)


def write_event(folder: Path, event: str | None = None) -> Path:
    """An event folder of two articles; *event* names it in a manifest."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "a.txt").write_text(A_TEXT, encoding="utf-8")
    (folder / "b.txt").write_text(B_TEXT, encoding="utf-8")
    if event is not None:
        manifest = f"event = {json.dumps(event)}\n" + "".join(
            f'[[articles]]\nid = "{side}-{folder.name}"\nfile = "{side}.txt"\noutlet = "{side}"\n'
            for side in ("a", "b")
        )
        (folder / "manifest.toml").write_text(manifest, encoding="utf-8")
    return folder


def write_collection(path: Path, events: list[object]) -> Path:
    """A JSONL collection: two articles (outlets A and B) per event value."""
    with path.open("w", encoding="utf-8") as handle:
        for i, event in enumerate(events):
            for outlet, text in (("A", A_TEXT), ("B", B_TEXT)):
                record = {"id": f"{outlet}-{i}", "event": event, "outlet": outlet, "text": text}
                handle.write(json.dumps(record) + "\n")
    return path


def files_under(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*")}


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    status = cli.main(argv)
    return status, capsys.readouterr().err.strip().splitlines()


def stub_build(monkeypatch: pytest.MonkeyPatch, n_files: int = 2) -> list[str]:
    """Replace the report's build and rendering by a stub; return the events built.

    ``write_report`` then writes *n_files* small tables and a run.json, through the real
    folder checks and the atomic replacement.
    """
    from analysis.report import write
    from analysis.report.pipeline import GENERATOR

    built: list[str] = []

    def build_report(corpus, event, config, *, progress):
        built.append(event)
        return event

    def report_files(event: str) -> dict[str, bytes]:
        files = {f"tables/t{i}.csv": f"x\n{i}\n".encode() for i in range(n_files)}
        return {**files, "run.json": json.dumps({"generator": GENERATOR, "event": event}).encode()}

    monkeypatch.setattr("analysis.report.pipeline.build_report", build_report)
    monkeypatch.setattr(write, "_report_files", report_files)
    return built
