"""Keep parsed YAML between runs, keyed by the hash of each file's bytes.

Parsing is most of the loading time; validation is cheap. A rebuild after one edit therefore
parses one file and takes every other record's plain data and positions from this cache. The cache
holds only JSON (never pickles), is written atomically, and is ignored when damaged.

The file has one line per record, ``key<TAB>json``, and each entry stays a JSON string in memory until
it is used: a first build of 5,000 records would otherwise hold every parsed record twice (~110 MB more
while Pagefind, which needs ~1 GB of its own, indexes them).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from pathlib import Path
from typing import Any

from generator.atomic import atomic_write_bytes
from generator.load.reader import Positions

CACHE_VERSION = 2
HEADER = f"handbook-parse-cache {CACHE_VERSION}\n"


class ParseCache:
    """Parsed records by the hash of their bytes."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.entries: dict[str, str] = {}  # key → the entry as JSON text
        self.used: set[str] = set()
        self.dirty = False
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, ValueError):
            return
        if text.startswith(HEADER):
            for line in text[len(HEADER):].splitlines():
                key, _, entry = line.partition("\t")
                if entry:
                    self.entries[key] = entry

    @staticmethod
    def key(raw: bytes) -> str:
        return hashlib.blake2b(raw, digest_size=16).hexdigest()

    def get(self, raw: bytes) -> tuple[dict[str, Any], Positions] | None:
        key = self.key(raw)
        stored = self.entries.get(key)
        if stored is None:
            return None
        try:
            entry = json.loads(stored)
            positions = Positions(
                values={tuple(loc): (line, col) for loc, line, col in entry["values"]},
                keys={tuple(loc): (line, col) for loc, line, col in entry["keys"]},
            )
        except (ValueError, KeyError, TypeError):
            return None  # a damaged line: the file is parsed again
        self.used.add(key)
        return entry["data"], positions

    def put(self, raw: bytes, data: dict[str, Any], positions: Positions) -> None:
        key = self.key(raw)
        self.entries[key] = json.dumps({
            "data": data,
            "values": [[list(loc), line, col] for loc, (line, col) in positions.values.items()],
            "keys": [[list(loc), line, col] for loc, (line, col) in positions.keys.items()],
        }, ensure_ascii=False, separators=(",", ":"))
        self.used.add(key)
        self.dirty = True

    def save(self) -> None:
        """Write the entries used in this run (dropping those of deleted or edited files)."""
        if not self.dirty and len(self.used) == len(self.entries):
            return
        kept = {key: self.entries[key] for key in self.used}
        payload = HEADER + "".join(f"{key}\t{entry}\n" for key, entry in kept.items())
        with contextlib.suppress(OSError):  # a cache that cannot be written only costs time
            atomic_write_bytes(self.path, payload.encode("utf-8"))


