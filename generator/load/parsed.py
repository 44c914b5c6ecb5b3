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
            data, positions = entry["data"], KeptPositions(entry["at"])
        except (ValueError, KeyError, TypeError):
            return None  # a damaged line: the file is parsed again
        return (data, positions) if isinstance(data, dict) and isinstance(positions.encoded, str) else None

    def put(self, raw: bytes, data: dict[str, Any], positions: Positions) -> None:
        tables = [[[list(loc), line, col] for loc, (line, col) in table.items()]
                  for table in (positions.values, positions.keys)]
        self.file.put(self.key(raw), json.dumps(
            {"data": data, "at": json.dumps(tables, separators=(",", ":"))}, ensure_ascii=False, separators=(",", ":")))

    def save(self) -> None:
        """Write the entries used in this run (dropping those of deleted or edited files)."""
        self.file.save()


class KeptPositions(Positions):
    """Positions from the cache, their tables decoded on first use: a record that loads without a problem
    (most of them, on most builds) never needs them, and they are the larger part of a cache entry."""

    def __init__(self, encoded: str) -> None:  # not Positions.__init__: values and keys come when asked
        self.encoded = encoded
        self.line_offset = 0

    def __getattr__(self, name: str) -> Any:
        if name not in ("values", "keys"):
            raise AttributeError(name)
        try:
            values, keys = json.loads(self.encoded)
            self.values = {tuple(loc): (line, col) for loc, line, col in values}
            self.keys = {tuple(loc): (line, col) for loc, line, col in keys}
        except (ValueError, TypeError):  # a damaged entry: messages then point at the file's first line
            self.values, self.keys = {}, {}
        return getattr(self, name)
