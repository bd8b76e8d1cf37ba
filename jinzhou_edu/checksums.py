"""The size and hash of every table file, as ``datapackage.json`` records them.

Each resource of the descriptor carries Frictionless ``bytes`` (the file's
size) and ``hash`` (``sha256:`` and the hex digest of its bytes), so that
``jinzhou-edu validate`` can name a table file that was changed or truncated
after the checksums were written. After an intended change to the data, run
``jinzhou-edu checksums`` to record the new ones.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from jinzhou_edu._schema import DESCRIPTOR

__all__ = ["file_checksum", "stale_checksums", "write_checksums"]

ALGORITHM = "sha256"


def file_checksum(path: Path | str) -> tuple[int, str]:
    """Return the size in bytes and the Frictionless hash (``sha256:...``) of a file."""
    digest = hashlib.new(ALGORITHM)
    size = 0
    with Path(path).open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 16), b""):
            digest.update(block)
            size += len(block)
    return size, f"{ALGORITHM}:{digest.hexdigest()}"


def _read(directory: Path) -> dict:
    return json.loads((directory / DESCRIPTOR).read_text(encoding="utf-8"))


def stale_checksums(directory: Path | str, descriptor: dict | None = None) -> list[tuple[str, str]]:
    """Return (resource name, what is wrong) for each file whose size or hash differs.

    A resource without recorded checksums is reported too. Files that cannot be
    read are left to the validator's other checks.
    """
    directory = Path(directory)
    descriptor = _read(directory) if descriptor is None else descriptor
    found = []
    for resource in descriptor.get("resources", []):
        if not isinstance(resource, dict) or not isinstance(resource.get("path"), str):
            continue
        name, path = str(resource.get("name", resource["path"])), resource["path"]
        try:
            size, digest = file_checksum(directory / path)
        except OSError:
            continue
        recorded_size, recorded_hash = resource.get("bytes"), resource.get("hash")
        if recorded_size is None or recorded_hash is None:
            found.append((name, f"{path} has no recorded bytes and hash in {DESCRIPTOR}"))
        elif recorded_size != size:
            how = (
                "truncated"
                if isinstance(recorded_size, int) and size < recorded_size
                else "changed"
            )
            found.append(
                (
                    name,
                    f"{path} is {size} bytes, but {DESCRIPTOR} records {recorded_size}: the file "
                    f"was {how} after its checksum was recorded",
                )
            )
        elif recorded_hash != digest:
            found.append(
                (
                    name,
                    f"{path} does not match the hash {DESCRIPTOR} records: the file was changed "
                    "after its checksum was recorded",
                )
            )
    return found


def write_checksums(directory: Path | str) -> list[str]:
    """Record every table file's ``bytes`` and ``hash`` in ``datapackage.json``.

    The rest of the descriptor is kept as it is (keys in their order, the same
    indentation). Returns the names of the resources whose checksums changed.
    """
    directory = Path(directory)
    descriptor = _read(directory)
    changed = []
    for position, resource in enumerate(descriptor["resources"]):
        size, digest = file_checksum(directory / resource["path"])
        if resource.get("bytes") == size and resource.get("hash") == digest:
            continue
        changed.append(resource["name"])
        updated = {}
        for key, value in resource.items():
            if key in ("bytes", "hash"):
                continue
            updated[key] = value
            if key == "path":
                updated["bytes"], updated["hash"] = size, digest
        descriptor["resources"][position] = updated
    if changed:
        text = json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n"
        (directory / DESCRIPTOR).write_text(text, encoding="utf-8")
    return changed
