"""Keep parsed YAML between runs (the parse stage of generator/cache.py), keyed by each file's bytes.

Parsing is most of the loading time; validation is cheap. A rebuild after one edit therefore parses
one file and takes every other record's plain data and positions from this cache. What comes out of
it is only plain data: loading still checks it for classified markers and validates it every time.
The key also holds the parse code's fingerprint and the rule set's version, so a changed reader or a
widened rule makes every record be parsed again.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from generator.cache import PARSE, CacheFile
from generator.load.reader import Positions


class ParsedRecords:
    """Parsed records (data and positions) by the key of their bytes, kept in a cache folder."""

    def __init__(self, folder: Path) -> None:
        self.file = CacheFile(PARSE.cache_file(folder), PARSE.salt())

    @staticmethod
    def key(raw: bytes) -> str:
        return PARSE.key(raw)

    def get(self, raw: bytes) -> tuple[dict[str, Any], Positions] | None:
        stored = self.file.get(self.key(raw))
        if stored is None:
            return None
        try:
            entry = json.loads(stored)
            positions = Positions(
                values={tuple(loc): (line, col) for loc, line, col in entry["values"]},
                keys={tuple(loc): (line, col) for loc, line, col in entry["keys"]},
            )
            data = entry["data"]
        except (ValueError, KeyError, TypeError):
            return None  # a damaged line: the file is parsed again
        return (data, positions) if isinstance(data, dict) else None

    def put(self, raw: bytes, data: dict[str, Any], positions: Positions) -> None:
        self.file.put(self.key(raw), json.dumps({
            "data": data,
            "values": [[list(loc), line, col] for loc, (line, col) in positions.values.items()],
            "keys": [[list(loc), line, col] for loc, (line, col) in positions.keys.items()],
        }, ensure_ascii=False, separators=(",", ":")))

    def save(self) -> None:
        """Write the entries used in this run (dropping those of deleted or edited files)."""
        self.file.save()
