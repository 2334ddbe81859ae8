"""Write a folder of files all at once: into a temporary folder, then moved into place.

An interrupted run leaves the previous folder intact and never a half-written folder under the
final name: the files are written into a hidden temporary folder beside the target, which then
replaces the target in two renames (old folder aside, new folder in, old folder removed).
"""

from __future__ import annotations

import secrets
import shutil
from collections.abc import Mapping
from pathlib import Path

__all__ = ["replace_folder"]


def replace_folder(files: Mapping[str, bytes], out: Path) -> Path:
    """Write ``{relative path: bytes}`` as the folder *out*, replacing it; returns *out*."""
    out.parent.mkdir(parents=True, exist_ok=True)
    token = secrets.token_hex(4)
    staging = out.parent / f".{out.name}.tmp-{token}"
    staging.mkdir()
    try:
        for relative, data in sorted(files.items()):
            path = staging / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        if out.exists():
            old = out.parent / f".{out.name}.old-{token}"
            out.replace(old)
            staging.replace(out)
            shutil.rmtree(old, ignore_errors=True)
        else:
            staging.replace(out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return out
