"""Load every record of a content repository, validate it, and report every problem at once."""

from __future__ import annotations

import difflib
import gc
import hashlib
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from generator.errors import ContentError, Problems, UsageError
from generator.load.file_kind import expected_kind, wrong_kind
from generator.load.links import check_links
from generator.load.parsed import ParsedRecords
from generator.load.paste import find_zero_width
from generator.load.reader import Positions, parse_front_matter, parse_yaml, read_text
from generator.model.classified import CLASSIFIED_MESSAGE, classified_in_text, rules_in_force
from generator.model.kinds import BY_NAME, KIND_NAMES, REGISTRY, kind_of
from generator.model.records import AUDIENCE_RANK, Event, Habit, SiteConfig
from generator.session import Session
from generator.validate import check_classified, validate_model

CONFIG_FILE = "site_config.yml"
CONTENT_DIR = "content"
SAFE_ID = re.compile(r"^[0-9A-Za-z\u3400-\u9fff][0-9A-Za-z\u3400-\u9fff_-]{0,79}$")


@dataclass
class Item:
    """One loaded record: its validated model plus where it came from."""

    kind: str
    id: str
    slug: str
    path: Path  # absolute
    display: str  # path as shown in messages, relative to the content root
    model: Any
    positions: Positions
    body: str = ""  # Markdown body (pages only)
    body_line: int = 1  # line number of the body's first line
    digest: str = ""  # hash of the file's bytes: drives incremental rebuilds

    @property
    def audience(self) -> str:
        return str(self.model.audience)

    @property
    def title(self) -> str:
        model = self.model
        return str(getattr(model, "title", None) or getattr(model, "person", None) or self.id)

    def visible_to(self, audience: str) -> bool:
        return AUDIENCE_RANK[self.audience] <= AUDIENCE_RANK[audience]


@dataclass
class Content:
    """Everything in a content repository, validated."""

    root: Path
    config: SiteConfig
    items: list[Item] = field(default_factory=list)
    warnings: Problems = field(default_factory=Problems)

    def of_kind(self, kind: str) -> list[Item]:
        return [item for item in self.items if item.kind == kind]

    def by_id(self) -> dict[str, Item]:
        return {item.id: item for item in self.items}

    def for_audience(self, audience: str) -> Content:
        """Return the content a reader of this audience may see (nothing above it)."""
        return Content(self.root, self.config, [i for i in self.items if i.visible_to(audience)], self.warnings)


def slugify(text: str) -> str:
    """Make a URL slug: pinyin for Chinese characters, lowercase letters and digits, hyphens between."""
    if text.isascii():  # what pypinyin would give back; most file names are ASCII, and it takes a while to import
        parts = [text]
    else:
        from pypinyin import Style, lazy_pinyin

        parts = lazy_pinyin(text, style=Style.NORMAL, errors="default")
    slug = re.sub(r"[^a-z0-9]+", "-", "-".join(parts).lower()).strip("-")
    return slug or "record"


def display_path(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def read_record_file(path: Path, display: str, problems: Problems) -> tuple[dict[str, Any], Positions] | None:
    """Read and parse one YAML file into a mapping; report problems and return None on failure."""
    try:
        text = read_text(path.read_bytes(), display)
        data, positions = parse_yaml(text, display)
    except ContentError as exc:
        problems.extend(exc.problems)
        return None
    except OSError as exc:
        problems.add(display, 1, 1, f"无法读取文件（{exc.strerror}）：请检查文件权限")
        return None
    if not isinstance(data, dict):
        line, col = positions.value(())
        hint = "（是不是用了全角冒号“：”？）" if isinstance(data, str) and "：" in data else ""
        problems.add(display, line, col, f"记录应为“字段: 值”的键值对，而不是一段{_shape(data)}{hint}：请按模板填写")
        return None
    return data, positions


def _shape(data: Any) -> str:
    return "列表" if isinstance(data, list) else "文字"


def load_model(
    path: Path, display: str, model: type[BaseModel], problems: Problems
) -> tuple[Any, Positions] | None:
    """Read one YAML file and validate it against a model (used for site config, event files and specs).

    A file of another kind (a review given to `handbook doc`) is reported in one line naming what it is.
    """
    expected = expected_kind(model)
    if expected is not None and (problem := wrong_kind({}, Positions(), path, display, expected)):
        problems.extend([problem])  # a chapter's Markdown is not even YAML
        return None
    read = read_record_file(path, display, problems)
    if read is None:
        return None
    data, positions = read
    if expected is not None and (problem := wrong_kind(data, positions, path, display, expected)):
        problems.extend([problem])
        return None
    if check_classified(data, positions, display, problems):
        return None
    result = validate_model(model, data, positions, display, problems)
    return (result, positions) if result is not None else None


def load_event(path: Path, display: str | None = None) -> tuple[Event, Positions]:
    """Load an event file for `handbook brief`; raise ContentError listing every problem."""
    problems = Problems()
    if not path.is_file():
        raise ContentError.single(display or str(path), 1, 1, "找不到事件文件：请检查路径")
    loaded = load_model(path, display or str(path), Event, problems)
    problems.raise_if_any()
    assert loaded is not None
    return loaded


def _load_yaml_record(
    path: Path, root: Path, kind: str, problems: Problems, session: Session, cache: ParsedRecords | None = None
) -> Item | None:
    """Read, check and validate one record, or take it from the session or the parse cache.

    A long-running preview loads the content again on every save: a record whose bytes are the same as
    last time is taken from the session as it was checked and validated then (load_content empties the
    session when the marker rules in force differ from those it was checked under), and the checks
    across records (ids, references, habit audiences) run again on every load. A record from the parse
    cache on disk is checked for classified markers like a record read fresh.
    """
    display = display_path(path, root)
    try:
        raw: bytes | None = path.read_bytes()
    except OSError:
        raw = None  # read_record_file reports the unreadable file
    known = session.loaded.get((kind, path))
    if raw is not None and known is not None and known[0] == raw and known[1].display == display:
        return known[1]  # the same bytes passed the same marker rules (session.loaded_under)
    cached = cache.get(raw) if cache is not None and raw is not None else None
    read = cached or read_record_file(path, display, problems)
    if read is None:
        return None
    data, positions = read
    if check_classified(data, positions, display, problems):
        return None
    if cached is None and cache is not None and raw is not None:
        cache.put(raw, data, positions)
    if "kind" in data and data["kind"] != kind and data["kind"] in BY_NAME:
        line, col = positions.value(("kind",))
        problems.add(display, line, col, f"这个文件在 {path.parent.name}/ 中，kind 应为 {kind}（或省略），而不是 {data['kind']}")
        return None
    model = validate_model(kind_of(kind).model, data, positions, display, problems)
    if model is None:
        return None
    raw = raw if raw is not None else path.read_bytes()  # unreadable a moment ago, yet parsed since
    item = _item(kind, path, display, model, positions, raw)
    session.loaded[(kind, path)] = (raw, item)
    return item


def _item(kind: str, path: Path, display: str, model: Any, positions: Positions, raw: bytes) -> Item:
    """raw: the file's bytes as read for this load (their hash drives incremental rebuilds)."""
    record_id = model.id or path.stem
    return Item(kind, record_id, slugify(record_id), path, display, model, positions, digest=_digest(raw))


def _digest(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()[:16]


def _load_page(path: Path, root: Path, kind: str, problems: Problems) -> Item | None:
    """Read a record with a Markdown body below its front matter (a chapter)."""
    display = display_path(path, root)
    try:
        raw = path.read_bytes()
        text = read_text(raw, display)
        data, positions, body, body_line = parse_front_matter(text, display)
    except ContentError as exc:
        problems.extend(exc.problems)
        return None
    if not isinstance(data, dict):
        problems.add(display, 2, 1, "front matter 应为“字段: 值”的键值对，例如“title: 新人入门”")
        return None
    for slip in find_zero_width(body):
        problems.add(display, body_line + slip.line - 1, slip.column, slip.message)
    found = check_classified(data, positions, display, problems)
    for line, col, mark in classified_in_text(body):
        problems.add(display, body_line + line - 1, col, CLASSIFIED_MESSAGE.format(mark=mark))
        found = True
    if found:
        return None
    model = validate_model(kind_of(kind).model, data, positions, display, problems)
    if model is None:
        return None
    item = _item(kind, path, display, model, positions, raw)
    item.body, item.body_line = body, body_line
    return item


def _check_habit_audience(item: Item, problems: Problems) -> None:
    if isinstance(item.model, Habit) and item.model.audience != "restricted":
        line, col = item.positions.value(("audience",))
        problems.add(
            item.display, line, col,
            f"领导习惯备忘是个人信息，audience 只能是 restricted，而不是 {item.model.audience}：请改为 restricted",
        )


def _check_ids(items: list[Item], problems: Problems) -> None:
    seen_ids: dict[str, Item] = {}
    seen_slugs: dict[str, Item] = {}
    for item in sorted(items, key=lambda i: i.display):
        line, col = item.positions.value(("id",)) if item.model.id else (1, 1)
        if not SAFE_ID.match(item.id):
            problems.add(item.display, line, col, f"编号“{item.id}”不安全或不合规：只能用字母、数字、汉字、- 和 _，请改文件名或设置“id”")
            continue
        if item.id in seen_ids:
            other = seen_ids[item.id]
            problems.add(
                item.display, line, col,
                f"编号“{item.id}”重复：{other.display} 已经使用；编号在所有记录中必须唯一，请改文件名或设置不同的“id”",
            )
            continue
        if item.slug in seen_slugs:
            other = seen_slugs[item.slug]
            problems.add(
                item.display, line, col,
                f"编号“{item.id}”与 {other.display} 的编号“{other.id}”生成相同的网址“{item.slug}”：请改用不同的编号",
            )
            continue
        seen_ids[item.id] = item
        seen_slugs[item.slug] = item


def _check_references(items: list[Item], problems: Problems) -> None:
    guidelines = {item.id: item for item in items if item.kind == "guideline"}
    for item in items:
        for index, ref in enumerate(getattr(item.model, "guidelines", None) or []):
            if ref in guidelines:
                continue
            line, col = item.positions.value(("guidelines", index))
            close = difflib.get_close_matches(ref, list(guidelines), n=1, cutoff=0.5)
            hint = f"，是不是“{close[0]}”？" if close else f"。现有的规范：{'、'.join(sorted(guidelines)) or '（无）'}"
            problems.add(item.display, line, col, f"引用的工作规范“{ref}”不存在{hint}")


def load_config(root: Path, problems: Problems) -> SiteConfig | None:
    path = root / CONFIG_FILE
    if not path.is_file():
        problems.add(CONFIG_FILE, 1, 1, f"找不到 {CONFIG_FILE}：这不像手册内容目录，请用 --root 指定，或新建该文件并写上 organisation 和 site_title")
        return None
    loaded = load_model(path, CONFIG_FILE, SiteConfig, problems)
    return loaded[0] if loaded else None


def content_files(root: Path) -> list[tuple[str, Path]]:
    """List (kind, path) of every record file, in a stable order."""
    base = root / CONTENT_DIR
    found: list[tuple[str, Path]] = []
    for kind in sorted(REGISTRY, key=lambda kind: kind.has_body):  # chapters last, as they always came
        found += [(kind.name, p) for p in sorted((base / kind.content_folder).glob("*")) if p.suffix in kind.suffixes]
    return found


# While records are read: Python's cyclic collector looks at young objects only every YOUNG allocations.
YOUNG = 20_000


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Run Python's cyclic garbage collector less often for a while (then as before).

    Reading records makes many objects that stay (the records) and much short-lived garbage (the
    parser's nodes). With the default pace the collector walks the records again and again: at 5,000
    records a quarter of the reading time. Collecting young objects every YOUNG allocations instead of
    every 700 still frees the parser's garbage, so memory stays the same, in about three quarters of the time."""
    before = gc.get_threshold()
    gc.set_threshold(YOUNG, 50, 100)
    try:
        yield
    finally:
        gc.set_threshold(*before)


def load_content(root: Path, *, cache_dir: Path | None = None, session: Session | None = None) -> Content:
    """Load and validate everything under root; raise ContentError listing every problem.

    With cache_dir, parsed YAML is kept between runs by content hash, so a rebuild after one edit
    parses one file; every record is still checked, validated and cross-checked each time.
    session: what this process keeps between loads (generator/session.py); the default session if None.
    """
    if not root.is_dir():
        raise UsageError(f"--root 指定的目录“{root}”不存在")
    root = root.resolve()
    session = session or Session()
    if session.loaded_under != rules_in_force():  # records kept in memory passed other marker rules
        session.forget_loaded()
        session.loaded_under = rules_in_force()
    # A session that loaded this root before (a preview) has every unchanged record in memory already:
    # the few edited files are parsed directly, which is faster than reading the whole cache again.
    cache = ParsedRecords(cache_dir) if cache_dir and root not in session.loaded_roots else None
    session.loaded_roots.add(root)
    problems = Problems()
    config = load_config(root, problems)
    if not (root / CONTENT_DIR).is_dir() and config is not None:
        problems.add(CONTENT_DIR, 1, 1, "找不到 content/ 目录：请按 README 的目录结构放置记录")
    items: list[Item] = []
    with fewer_collections():
        for kind, path in content_files(root):
            if kind_of(kind).has_body:
                item = _load_page(path, root, kind, problems)
            else:
                item = _load_yaml_record(path, root, kind, problems, session, cache)
            if item is not None:
                items.append(item)
                _check_habit_audience(item, problems)
    _check_ids(items, problems)
    _check_references(items, problems)
    for item in items:
        if kind_of(item.kind).has_body:
            problems.extend(check_links(item))
    problems.raise_if_any()
    assert config is not None
    if cache is not None:
        cache.save()
    return Content(root, config, items, Problems())


__all__ = ["Content", "Item", "KIND_NAMES", "load_content", "load_event", "slugify", "load_model"]
