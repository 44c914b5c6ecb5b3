"""Keep parsed YAML between runs, keyed by the hash of each file's bytes.

Parsing is most of the loading time; validation is cheap. A rebuild after one edit therefore
parses one file and takes every other record's plain data and positions from this cache. The cache
holds only JSON (never pickles), is written atomically, and is ignored when damaged.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from pathlib import Path
from typing import Any

from generator.atomic import atomic_write_bytes
from generator.load.reader import Positions

CACHE_VERSION = 1


class ParseCache:
    """Parsed records by the hash of their bytes."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.entries: dict[str, Any] = {}
        self.used: set[str] = set()
        self.dirty = False
        try:
            stored = json.loads(path.read_bytes())
            if stored.get("version") == CACHE_VERSION:
                self.entries = stored["entries"]
        except (OSError, ValueError, AttributeError, KeyError):
            self.entries = {}

    @staticmethod
    def key(raw: bytes) -> str:
        return hashlib.blake2b(raw, digest_size=16).hexdigest()

    def get(self, raw: bytes) -> tuple[dict[str, Any], Positions] | None:
        key = self.key(raw)
        entry = self.entries.get(key)
        if entry is None:
            return None
        self.used.add(key)
        positions = Positions(
            values={tuple(loc): (line, col) for loc, line, col in entry["values"]},
            keys={tuple(loc): (line, col) for loc, line, col in entry["keys"]},
        )
        return entry["data"], positions

    def keep(self, raw: bytes) -> None:
        """Keep the entry of a record taken from memory in this run (save() drops entries not used)."""
        self.used.add(self.key(raw))

    def put(self, raw: bytes, data: dict[str, Any], positions: Positions) -> None:
        key = self.key(raw)
        self.entries[key] = {
            "data": data,
            "values": [[list(loc), line, col] for loc, (line, col) in positions.values.items()],
            "keys": [[list(loc), line, col] for loc, (line, col) in positions.keys.items()],
        }
        self.used.add(key)
        self.dirty = True

    def save(self) -> None:
        """Write the entries used in this run (dropping those of deleted or edited files)."""
        if not self.dirty and len(self.used) == len(self.entries) and self.path.exists():
            return
        kept = {key: self.entries[key] for key in self.used if key in self.entries}
        payload = json.dumps({"version": CACHE_VERSION, "entries": kept}, ensure_ascii=False, separators=(",", ":"))
        with contextlib.suppress(OSError):  # a cache that cannot be written only costs time
            atomic_write_bytes(self.path, payload.encode("utf-8"))
        self.entries, self.dirty = kept, False


