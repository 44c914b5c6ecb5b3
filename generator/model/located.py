"""Where a value sits in its file: what checking a record needs to know of the reader's positions.

generator/load/reader.py builds ``Positions`` (line and column of every key and value); validation only
asks it where a location is. Naming that here lets validation sit below loading without importing it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

Loc = tuple[str | int, ...]  # a location inside a record: keys and list indexes


class Located(Protocol):
    """Anything that can say at which line and column a key, or a value, of a record is written."""

    # The locations known exactly (validation keeps the parts of a pydantic location that are places in the file).
    @property
    def values(self) -> Mapping[Loc, tuple[int, int]]: ...

    @property
    def keys(self) -> Mapping[Loc, tuple[int, int]]: ...

    def key(self, loc: Loc) -> tuple[int, int]: ...

    def value(self, loc: Loc) -> tuple[int, int]: ...
