"""Shared fixtures for the site tests: each fixture site is built once per test session.

With pytest-xdist every worker runs session fixtures itself; a file lock in the shared temporary
folder makes the first worker build and the others reuse its result.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import shutil
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from filelock import FileLock

from generator.build import build_handbook

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
FIXTURE_ROOT = HERE / "fixtures" / "root"
AUDIENCES = ("public", "internal", "restricted")
RECALL_RECORDS = 300  # synthetic reviews in the recall site (plus the fixture records)

sys.path.insert(0, str(REPO))  # bench/ is not a package on the path by default


@pytest.fixture(scope="session")
def shared_tmp(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Path:
    base = tmp_path_factory.getbasetemp()
    return base if worker_id == "master" else base.parent


def once(shared: Path, name: str, make: Callable[[Path], None]) -> Path:
    """Run make(folder) once across all workers; later callers get the finished folder."""
    target = shared / name
    with FileLock(str(target) + ".lock"):
        if not (target / ".done").is_file():
            shutil.rmtree(target, ignore_errors=True)
            target.mkdir(parents=True)
            make(target)
            (target / ".done").touch()
    return target


@pytest.fixture(scope="session")
def fixture_sites(shared_tmp: Path) -> dict[str, Path]:
    """The fixture content root built in all three editions: {"root": …, "public": site, …}."""

    def make(folder: Path) -> None:
        root = folder / "root"
        shutil.copytree(FIXTURE_ROOT, root)
        for audience in AUDIENCES:
            build_handbook(root, audience, folder / f"site-{audience}")

    folder = once(shared_tmp, "fixture-sites", make)
    return {"root": folder / "root", **{a: folder / f"site-{a}" for a in AUDIENCES}}


@pytest.fixture(scope="session")
def recall_site(shared_tmp: Path) -> dict[str, Path]:
    """A bigger internal site: synthetic reviews (bench/synthetic.py) plus the fixture records."""

    def make(folder: Path) -> None:
        from bench.synthetic import generate

        root = folder / "root"
        generate(root, RECALL_RECORDS, seed=11)
        for path in (FIXTURE_ROOT / "content").rglob("*.*"):
            target = root / path.relative_to(FIXTURE_ROOT)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, target)
        build_handbook(root, "internal", folder / "site")

    folder = once(shared_tmp, "recall-site", make)
    return {"root": folder / "root", "site": folder / "site"}


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the stdlib's name
        pass


@contextlib.contextmanager
def served(folder: Path) -> Iterator[str]:
    """Serve a folder on 127.0.0.1 (random port) in a thread; yield its base URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's chromium driven by Playwright (playwright install cannot download browsers here)."""
    executable = shutil.which("chromium")
    if executable is None:
        pytest.fail("chromium is not installed: run scripts/ensure-system-packages (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=executable,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--no-first-run"],
        )
        yield launched
        launched.close()


def every_file(site: Path) -> Iterator[tuple[Path, bytes]]:
    """Yield every output file's bytes, decompressed when gzip (sitemap.xml.gz, Pagefind's chunks)."""
    import gzip

    for path in sorted(site.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            if data[:2] == b"\x1f\x8b":
                data = gzip.decompress(data)
            yield path, data
