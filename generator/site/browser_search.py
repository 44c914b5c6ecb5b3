"""Build the browser's search index with Pagefind (the extended binary inside the Python package).

Each record becomes one small HTML file in a staging folder that mirrors the site's URLs: its text
as index tokens (generator/site/search_tokens.py) in ``data-pagefind-body``; as metadata its original title
and date and its passages — the same ones the command line indexes — as written (the browser
normalises them itself to check a hit and show it in the record's own characters); and its kind,
review type, year and tags as filters.

Pagefind holds everything it indexes in memory (~0.4 MB per record), so the records are split into
batches of at most ~640 by a hash of their address, each indexed by a Pagefind process of its own
(the command line, one run per batch): memory stays the same whatever the number of records, and a
changed record indexes only its own batch again. The search page loads the first batch's index and
merges the others into it (Pagefind's ``mergeIndex``), so it searches all records as one.
Only the records of the edition being built are ever staged, so nothing above it reaches the index.
"""

from __future__ import annotations

import collections
import hashlib
import json
import os
import re
import shutil
import subprocess
import threading
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.metadata import version as package_version
from pathlib import Path

from jinja2 import FileSystemLoader, StrictUndefined, Template
from jinja2.sandbox import SandboxedEnvironment

from generator.cache import FOLDS, CacheFile
from generator.model.kinds import kind_of
from generator.search.documents import record_passages
from generator.search.engine import Passage
from generator.search.text import SPACE, browser_rules, folds_that_change, normalise, one_line
from generator.site.markdown import TEMPLATES, chinese_date
from generator.site.model import Entry, SiteModel
from generator.site.page_keys import KeyFile, code_digest, search_key
from generator.site.search_tokens import index_text

PAGEFIND_FOLDER = "pagefind"
# Pagefind leaves a page without a sort key out of every sorted list, so a guideline (no date) would
# never show under a filter alone: such a record sorts as the oldest instead.
UNDATED = "0000-00-00"
STAGING_FOLDER = "pagefind-staging"
BATCHES_FOLDER = "pagefind-batches"
BATCHES_FILE = "handbook-batches.json"  # in the site's pagefind/: the folders of the batches' indexes
# Records per batch at most, on average. Pagefind needs ~0.4 MB of memory per record, so a batch's process
# stays under ~270 MB; larger batches would fetch fewer index chunks per search (one per batch and word).
BATCH_SIZE = 640
# Pagefind also writes its ready-made UIs; our own UI (assets/handbook-search.js) needs none of them.
UNUSED_FILES = (
    "pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
    "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js",
)
_SPACE = re.compile(f"[{SPACE}]")


@dataclass
class SearchRecord:
    """What the browser's search knows about one record."""

    url: str  # relative to the site root, e.g. reviews/2024-typhoon/
    title: str
    kind: str  # Chinese kind name, e.g. 事后总结
    text: str  # index tokens
    meta: dict[str, str] = field(default_factory=dict)
    filters: dict[str, list[str]] = field(default_factory=dict)
    sort_date: str = ""  # YYYY-MM-DD; UNDATED for a record without a date


def passages_json(passages: list[Passage]) -> str:
    """Return the record's text for checking and showing a hit: [[label, group, shown], …].

    ``shown`` is the passage as written (whitespace made single spaces). The browser normalises it
    itself (normalise_aligned, with this edition's folds from character_table) to look for a query
    word and to map a hit back onto the record's own characters: shipping the normalised text too
    would cost Pagefind memory and the reader bytes for nothing.
    Whitespace is written as \\u escapes: Pagefind squeezes runs of spaces in metadata.
    """
    encoded = [[passage.label, passage.group, one_line(passage.text)] for passage in passages]
    text = json.dumps(encoded, ensure_ascii=False, separators=(",", ":"))
    return _SPACE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def search_record(entry: Entry) -> tuple[SearchRecord, set[str]]:
    """Describe one record for the browser's search; also return the characters its normalised text uses."""
    passages = record_passages(entry.item)
    normalised = [normalise(passage.text) for passage in passages]
    # the browser folds each character of the shown text: its fold is made of these (a space at most besides)
    characters = set("".join(normalised)) | {" "}
    kind = kind_of(entry.kind)
    filters: dict[str, list[str]] = {"kind": [kind.chinese]}
    meta = {"kind": kind.chinese}
    if kind.type_field:
        meta["type"] = kind.type_of(entry.model)
    if kind.type_filter:
        filters["type"] = [meta["type"]]
    day = entry.day
    if day is not None and kind.year_filter:
        filters["year"] = [str(day.year)]
    if day is not None:
        meta["date"] = chinese_date(day)
    if entry.tags:
        filters["tag"] = [tag.name for tag in entry.tags]
    meta["passages"] = passages_json(passages)
    record = SearchRecord(
        entry.url, entry.title, kind.chinese, index_text(normalised), meta, filters,
        day.isoformat() if day else UNDATED,
    )
    return record, characters


@dataclass
class Staged:
    """The staging folder after an update: which batches changed, which characters the edition uses."""

    batches: int  # how many batches the edition's records are split into
    changed_batches: set[int]  # the batches whose records changed since their index was written
    characters: set[str]
    keys: KeyFile

    @property
    def changed(self) -> bool:
        """Did any record's search entry change (or appear, or go)?"""
        return bool(self.changed_batches)


def batch_count(records: int) -> int:
    """Return how many batches records are split into: a power of two, so at most ~BATCH_SIZE each.

    A power of two changes only when the number of records doubles or halves, and a change moves
    every record (they are all indexed again then); otherwise a record stays in its batch for good.
    """
    count = 1
    while records > count * BATCH_SIZE:
        count *= 2
    return count


def batch_of(url: str, batches: int) -> int:
    """Return the batch a record belongs to: a hash of its address, the same in every build."""
    return int.from_bytes(hashlib.blake2b(url.encode("utf-8"), digest_size=8).digest(), "big") % batches


def stage(site: SiteModel, work: Path) -> Staged:
    """Bring work/pagefind-staging/<batch>/ up to date: one HTML file per record, rewritten only when it changed."""
    batches = batch_count(len(site.entries))
    keys = KeyFile(work / "search-keys.cache", f"{code_digest(site.content.root)} batches={batches}")
    staging = work / STAGING_FOLDER
    changed: set[int] = set()
    if not keys.old:  # first build, the last one did not finish, or the batches moved: nothing on disk is trusted
        shutil.rmtree(staging, ignore_errors=True)
        changed.update(range(batches))
    template = _record_template()
    characters: set[str] = set()
    wanted: set[str] = set()
    for entry in site.entries:
        key = search_key(entry)
        batch = batch_of(entry.url, batches)
        target = staging / str(batch) / entry.url / "index.html"
        wanted.add(entry.url)
        stored = keys.unchanged(entry.url, key)
        if stored is not None and len(stored) == 1 and target.is_file():
            used = stored[0]
        else:
            record, found = search_record(entry)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(template.render(record=record, batch=batch), encoding="utf-8")
            used = "".join(sorted(found))
            changed.add(batch)
        characters.update(used)
        keys.remember(entry.url, key, used)
    # A record that is gone, or no longer in this edition: the last build staged it (every page on disk
    # is in its keys; without them the folder was emptied above), so its page is found without a walk.
    for url in keys.old.keys() - wanted:
        batch = batch_of(url, batches)
        page = staging / str(batch) / url / "index.html"
        if page.is_file():
            page.unlink()
            changed.add(batch)
    return Staged(batches, changed, characters, keys)


def _record_template() -> Template:
    env = SandboxedEnvironment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True, undefined=StrictUndefined)
    return env.get_template("pagefind-record.html.j2")


@lru_cache(maxsize=1)
def pagefind_program() -> str:
    """Pagefind's binary as its Python package finds it (the extended one inside the wheel). Run directly,
    a batch costs no Python start-up: ``python -m pagefind`` only looks it up and replaces itself with it."""
    from pagefind.service import get_executable

    found = get_executable()
    if found is None:
        raise RuntimeError("找不到 Pagefind 程序：请重新安装本工具（make install）")
    return str(found.absolute())


def _run_pagefind(staging: Path, output: Path) -> None:
    """Index one batch with the Pagefind command line: a process of its own, so its memory goes when it ends."""
    command = [pagefind_program(), "--site", str(staging), "--output-path", str(output),
               "--force-language", "zh", "--silent"]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0 or not _whole(output):
        message = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["没有写出完整的索引"]
        raise RuntimeError(f"Pagefind 生成检索索引失败（{staging}）：{message[0]}；请重新生成")
    for name in UNUSED_FILES:
        (output / name).unlink(missing_ok=True)


def _whole(output: Path) -> bool:
    """Tell whether a batch's index has its script, its entry file and a non-empty meta file per language."""
    try:
        entry = json.loads((output / "pagefind-entry.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    metas = [output / f"pagefind.{language['hash']}.pf_meta" for language in entry.get("languages", {}).values()]
    return bool(metas) and all(path.is_file() and path.stat().st_size for path in metas) \
        and (output / "pagefind.js").is_file()


def write_index(work: Path, staged: Staged, second_core: threading.Event | None = None) -> bool:
    """Index the batches that changed, each into work/pagefind-batches/<batch>/, and put the site's index
    together in work/pagefind/; say whether the site's index changed (False: nothing to do).

    The site's index is the first batch's (pagefind.js, its WASM and its files) with every other batch
    in a folder of its own beside them, listed in handbook-batches.json: the search page loads the first and merges
    the others into it. An edition without records lists no batch.
    second_core: set once the build has no more work for the processor (its pages are made); from then on
    two batches are indexed at a time. Without it, one at a time.
    """
    batches_dir = work / BATCHES_FOLDER
    staging = work / STAGING_FOLDER
    present, todo = [], []
    for batch in range(staged.batches):
        pages = staging / str(batch)
        output = batches_dir / str(batch)
        if not (pages.is_dir() and any(pages.rglob("index.html"))):
            shutil.rmtree(output, ignore_errors=True)
            continue
        present.append(batch)
        if batch in staged.changed_batches or not _whole(output):
            todo.append(batch)
    _index_batches(todo, staging, batches_dir, second_core)
    for stale in batches_dir.iterdir() if batches_dir.is_dir() else []:
        if not stale.name.isdigit() or int(stale.name) not in present:
            shutil.rmtree(stale)
    if (work / PAGEFIND_FOLDER).is_dir() and not todo and not staged.changed:
        return False
    _assemble(work, present)
    return True  # also when a batch only lost its last record: Pagefind did not run, the list changed


def _index_batches(todo: list[int], staging: Path, batches_dir: Path, second_core: threading.Event | None) -> None:
    """Run Pagefind on each batch in todo: one process at a time, and a second beside it once second_core
    is set (a build at 20,000 records has 32 batches, and most of them would otherwise wait for the others)."""
    waiting = collections.deque(todo)
    failures: list[BaseException] = []

    def index(start: threading.Event | None) -> None:
        if start is not None:
            while not start.wait(0.1):  # until the build's pages are made, or every batch is taken
                if not waiting:
                    return
        while not failures:
            try:
                batch = waiting.popleft()
            except IndexError:
                return
            fresh, output = batches_dir / f"{batch}.new", batches_dir / str(batch)
            try:
                shutil.rmtree(fresh, ignore_errors=True)
                _run_pagefind(staging / str(batch), fresh)
                shutil.rmtree(output, ignore_errors=True)
                fresh.rename(output)
            except BaseException as failure:  # reported by the caller's thread, below
                failures.append(failure)

    helper = None
    if second_core is not None and len(todo) > 1:
        helper = threading.Thread(target=index, args=(second_core,), name="pagefind-second")
        helper.start()
    index(None)
    if helper is not None:
        helper.join()
    if failures:
        raise failures[0]


def _assemble(work: Path, present: list[int]) -> None:
    """Make work/pagefind/ anew from the batches' indexes (hard links: nothing is copied) and their list."""
    fresh = work / "pagefind-new"
    shutil.rmtree(fresh, ignore_errors=True)
    fresh.mkdir(parents=True)
    indexes = []
    for position, batch in enumerate(present):
        folder = "" if position == 0 else f"{batch}/"
        shutil.copytree(work / BATCHES_FOLDER / str(batch), fresh / folder, copy_function=os.link, dirs_exist_ok=True)
        indexes.append({"path": folder, "batch": str(batch)})
    (fresh / BATCHES_FILE).write_text(json.dumps({"indexes": indexes}), encoding="utf-8")
    site_index = work / PAGEFIND_FOLDER
    shutil.rmtree(site_index, ignore_errors=True)
    fresh.rename(site_index)


def character_table(characters: set[str], cache: Path | None = None) -> str:
    """Return the JSON rules the browser splits and normalises queries with (folds this edition can use).

    cache: a cache folder (generator/cache.py) keeping every fold that changes a character between builds:
    finding them reads OpenCC's whole table, a noticeable part of a one-record rebuild, and an edit that
    brings a new character into the site would otherwise read it again."""
    changing = None
    if cache is not None:
        kept = CacheFile(FOLDS.cache_file(cache), FOLDS.salt(f"opencc {package_version('opencc')}"))
        changing = json.loads(kept.get_or_make(ALL_FOLDS, lambda: json.dumps(folds_that_change())))  # one ASCII line
        kept.save()
    return json.dumps(browser_rules(characters, changing), ensure_ascii=False, separators=(",", ":"))


ALL_FOLDS = "changing"  # the folds cache's one entry
