"""Fixtures for the brief tests (the content they write is in helpers.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.brief.helpers import GUIDELINES, HABITS, RECEPTION_EVENT, REVIEWS, write_event
from tests.conftest import make_root


@pytest.fixture
def brief_root(tmp_path: Path) -> Path:
    return make_root(tmp_path / "handbook", {**REVIEWS, **GUIDELINES, **HABITS})


@pytest.fixture
def reception_event(tmp_path: Path) -> Path:
    return write_event(tmp_path, RECEPTION_EVENT, "reception.yml")
