"""Build the browser's search index with Pagefind (the extended binary inside the Python package).

Each record becomes one small HTML file in a staging folder that mirrors the site's URLs: its text
as index tokens (generator/site/search_tokens.py) in ``data-pagefind-body``; as metadata its original title
and date and its passages — the same ones the command line indexes — as written and normalised, so
the browser can check a hit and show it in the record's own characters; and its kind, review type,
year and tags as filters. One ``add_directory`` call indexes
them all (the Python API answers one message per 0.1 s, so a call per record would take minutes).
Only the records of the edition being built are ever staged, so nothing above it reaches the index.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import json
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import FileSystemLoader, StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

from generator.model.kinds import kind_of
from generator.search.documents import record_passages
from generator.search.engine import Passage
from generator.search.text import SPACE, browser_rules, normalise, normalise_aligned, one_line
from generator.site.markdown import TEMPLATES, chinese_date
from generator.site.model import Entry, SiteModel
from generator.site.page_keys import KeyFile, code_digest, search_key
from generator.site.search_tokens import index_text

PAGEFIND_FOLDER = "pagefind"
STAGING_FOLDER = "pagefind-staging"
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
    sort_date: str = ""


def passages_json(passages: list[Passage]) -> str:
    """Return the record's text for checking and showing a hit: [[label, group, shown, normalised, breaks], …].

    ``shown`` is the passage as written (whitespace made single spaces), ``normalised`` what a query word is
    looked for in, and ``breaks`` the points [i, j, …] where character i of normalised comes from
    character j of shown and the two stop running in step; the browser maps a hit back with them.
    Whitespace is written as \\u escapes: Pagefind squeezes runs of spaces in metadata.
    """
    encoded = []
    for passage in passages:
        shown = one_line(passage.text)
        normalised, origins = normalise_aligned(shown)
        breaks: list[int] = []
        for index, origin in enumerate(origins):
            if index == 0 and origin != 0 or index and origin != origins[index - 1] + 1:
                breaks += [index, origin]
        encoded.append([passage.label, passage.group, shown, normalised, breaks])
    text = json.dumps(encoded, ensure_ascii=False, separators=(",", ":"))
    return _SPACE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def search_record(entry: Entry) -> tuple[SearchRecord, set[str]]:
    """Describe one record for the browser's search; also return the characters its normalised text uses."""
    passages = record_passages(entry.item)
    normalised = [normalise(passage.text) for passage in passages]
    characters = set("".join(normalised))
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
        day.isoformat() if day else "",
    )
    return record, characters


@dataclass
class Staged:
    """The staging folder after an update: did anything change, which characters the edition uses."""

    changed: bool
    characters: set[str]
    keys: KeyFile


def stage(site: SiteModel, work: Path) -> Staged:
    """Bring work/pagefind-staging up to date: one HTML file per record, rewritten only when it changed."""
    keys = KeyFile(work / "search-keys.cache", code_digest(site.content.root))
    staging = work / STAGING_FOLDER
    changed = not keys.old
    if changed:  # first build, or the last one did not finish: nothing on disk is trusted
        shutil.rmtree(staging, ignore_errors=True)
    env = SandboxedEnvironment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True, undefined=StrictUndefined)
    template = env.get_template("pagefind-record.html.j2")
    characters: set[str] = set()
    wanted = set()
    for entry in site.entries:
        key = search_key(entry)
        target = staging / entry.url / "index.html"
        wanted.add(target)
        stored = keys.unchanged(entry.url, key)
        if stored is not None and target.is_file():
            used = stored[0]
        else:
            record, found = search_record(entry)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(template.render(record=record), encoding="utf-8")
            used = "".join(sorted(found))
            changed = True
        characters.update(used)
        keys.remember(entry.url, key, used)
    for page in list(staging.rglob("index.html")) if staging.is_dir() else []:
        if page not in wanted:  # a record that is gone, or no longer in this edition
            page.unlink()
            changed = True
    return Staged(changed, characters, keys)


async def _index(staging: Path, output: Path, empty: bool) -> int:
    from pagefind.index import IndexConfig
    from pagefind.service import PagefindService

    async with PagefindService() as service:
        index = await service.create_index(IndexConfig(force_language="zh"))
        result = await index.add_directory(str(staging))
        await index.write_files(str(output))
        # Pagefind can answer before its last files reach the disk; closing the service then would
        # leave them empty (seen on a busy machine), so wait until the folder is whole and still.
        await _settled(output, empty)
        return int(result.get("page_count", 0))


def _snapshot(output: Path, empty: bool) -> dict[str, int] | None:
    """Return every file's size when the index looks whole (entry file readable, nothing empty).

    An edition without records has an index without languages: Pagefind's script and an entry file
    that lists none, which the search page reads as "nothing to find".
    """
    try:
        entry = json.loads((output / "pagefind-entry.json").read_text(encoding="utf-8"))
        sizes = {p.relative_to(output).as_posix(): p.stat().st_size for p in output.rglob("*") if p.is_file()}
    except (OSError, ValueError):
        return None
    metas = [f"pagefind.{language['hash']}.pf_meta" for language in entry.get("languages", {}).values()]
    if (not metas and not empty) or any(not sizes.get(name) for name in metas) or any(size == 0 for size in sizes.values()):
        return None
    if not sizes.get("pagefind.js"):
        return None
    return sizes


async def _settled(output: Path, empty: bool, timeout: float = 120.0) -> None:
    loop = asyncio.get_running_loop()
    deadline, previous = loop.time() + timeout, None
    while loop.time() < deadline:
        current = _snapshot(output, empty)
        if current is not None and current == previous:
            return
        previous = current
        await asyncio.sleep(0.2)
    raise RuntimeError(f"Pagefind 没有写完检索索引（{output}）：请重新生成")


def write_index(work: Path, changed: bool) -> bool:
    """Run Pagefind over the staging folder into work/pagefind/ unless nothing changed; say if it ran."""
    output = work / PAGEFIND_FOLDER
    if output.is_dir() and not changed:
        return False
    fresh = work / "pagefind-new"
    if fresh.exists():
        shutil.rmtree(fresh)
    staging = work / STAGING_FOLDER
    staging.mkdir(parents=True, exist_ok=True)  # an edition without records stages nothing
    empty = not any(staging.rglob("index.html"))
    # A thread of its own: the caller may already run an event loop (a preview server, Playwright).
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(asyncio.run, _index(staging, fresh, empty)).result()
    if _snapshot(fresh, empty) is None:
        raise RuntimeError(f"Pagefind 写出的检索索引不完整（{fresh}）：请重新生成")
    for name in UNUSED_FILES:
        (fresh / name).unlink(missing_ok=True)
    if output.exists():
        shutil.rmtree(output)
    fresh.rename(output)
    return True


def character_table(characters: set[str]) -> str:
    """Return the JSON rules the browser splits and normalises queries with (folds this edition can use)."""
    return json.dumps(browser_rules(characters), ensure_ascii=False, separators=(",", ":"))
