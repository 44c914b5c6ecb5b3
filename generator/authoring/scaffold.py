"""Start a handbook folder (`handbook init`) and a record inside one (`handbook new`).

A new folder is assembled in a temporary sibling and renamed into place, so a failure leaves nothing
half-made; a new record never replaces an existing file.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import typing
from datetime import date
from pathlib import Path

from generator.atomic import atomic_write_bytes, replace_directory
from generator.authoring.skeleton import KIND_FOLDERS, Filled, new_id, skeleton, suffix
from generator.errors import ContentError, Problems, UsageError
from generator.model.records import DOCUMENT_TYPE_NAMES, GuidelineCategory, ReviewType
from generator.model.schema import SCHEMA_MODELS, render

STARTER = Path(__file__).resolve().parent / "starter"
GITIGNORE = "gitignore.txt"  # stored under another name so that it does not apply to this source tree

# What --type means for each kind, and the values it may take.
TYPE_CHOICES: dict[str, tuple[str, ...]] = {
    "review": typing.get_args(ReviewType),
    "event": typing.get_args(ReviewType),
    "guideline": typing.get_args(GuidelineCategory),
    "document": tuple(DOCUMENT_TYPE_NAMES),
}


def editor_settings() -> str:
    """VS Code settings: the YAML extension checks each folder's records against its schema as you type."""
    schemas = {f"./schemas/{kind}.schema.json": [f"{folder}/*.yml", f"{folder}/*.yaml"]
               for kind, folder in KIND_FOLDERS.items() if kind != "page"}
    schemas["./schemas/site_config.schema.json"] = ["site_config.yml"]
    settings = {
        "yaml.schemas": schemas,
        "files.encoding": "utf8",
        "[yaml]": {"editor.insertSpaces": True, "editor.tabSize": 2, "editor.renderWhitespace": "all"},
        "[markdown]": {"editor.renderWhitespace": "all"},
    }
    return json.dumps(settings, ensure_ascii=False, indent=2) + "\n"


def init_handbook(target: Path) -> list[Path]:
    """Create a handbook folder with settings, schemas, editor settings and one example of each kind."""
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise ContentError.single(target, 1, 1, f"“{target}”已存在且不是空文件夹：不会覆盖。请换一个新的文件夹名")
    target.absolute().parent.mkdir(parents=True, exist_ok=True)
    temporary = Path(tempfile.mkdtemp(prefix=f".{target.name}.tmp-", dir=target.absolute().parent))
    try:
        shutil.copytree(STARTER, temporary, dirs_exist_ok=True)
        (temporary / GITIGNORE).rename(temporary / ".gitignore")
        (temporary / "schemas").mkdir()
        for name in SCHEMA_MODELS:
            (temporary / "schemas" / f"{name}.schema.json").write_text(render(name), encoding="utf-8")
        (temporary / ".vscode").mkdir()
        (temporary / ".vscode" / "settings.json").write_text(editor_settings(), encoding="utf-8")
        temporary.chmod(0o755)
        replace_directory(temporary, target.absolute())
    finally:
        shutil.rmtree(temporary, ignore_errors=True)
    return sorted(path.relative_to(target.absolute()) for path in target.absolute().rglob("*") if path.is_file())


def checked_type(kind: str, value: str | None) -> str | None:
    """The --type value in the form the record stores (a document type may be given in Chinese)."""
    if value is None:
        return None
    choices = TYPE_CHOICES.get(kind)
    if choices is None:
        raise UsageError(f"{kind} 没有类型，不需要 --type")
    by_name = {name: key for key, name in DOCUMENT_TYPE_NAMES.items()} if kind == "document" else {}
    value = by_name.get(value, value)
    if value not in choices:
        raise UsageError(f"--type “{value}”不适用于 {kind}：可选 {'、'.join(choices)}")
    return value


def organisation(root: Path) -> str:
    """The issuing office for new documents: the organisation named in site_config.yml."""
    from generator.load import load_config

    problems = Problems()
    config = load_config(root, problems)
    problems.raise_if_any()
    assert config is not None
    return config.organisation


def record_path(root: Path, kind: str, record_id: str) -> Path:
    return root / KIND_FOLDERS[kind] / f"{record_id}{suffix(kind)}"


def taken_ids(root: Path, kind: str) -> dict[str, Path]:
    """Ids already used by files: across every content folder (ids are unique), or among the events."""
    folders = ["examples"] if kind == "event" else [f for k, f in KIND_FOLDERS.items() if k != "event"]
    return {path.stem: path for folder in folders for path in sorted((root / folder).glob("*.*"))}


def new_record(root: Path, kind: str, title: str | None, type_: str | None, today: date | None = None) -> Path:
    """Write a new record of kind from its skeleton; return its path. Never replaces a file."""
    record_type = checked_type(kind, type_)
    issuer = organisation(root)  # also refuses a folder that is not a handbook
    today = today or date.today()
    record_id = new_id(kind, title, today)
    path = record_path(root, kind, record_id)
    existing = taken_ids(root, kind).get(record_id)
    if existing is not None:
        raise ContentError.single(
            existing, 1, 1, f"编号“{record_id}”已被这个文件使用：不会覆盖。请换一个标题（--title），或直接编辑这个文件")
    text = skeleton(kind, Filled(title=title, type=record_type, today=today, issuer=issuer))
    atomic_write_bytes(path, text.encode("utf-8"))
    return path
