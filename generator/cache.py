"""One cache for every stage: one way to make a key, one file layout, one place that says what is stale.

A cached result is right only while three things are the same as when it was made:

- **its inputs** (a record's bytes, the entries a page shows), which the caller passes to ``Stage.key``;
- **the stage's own code and templates**: ``Stage.fingerprint`` hashes the source files of the stage's
  package and its template folder, once per process;
- **the rule set** (``rules_version``): the validation code, the record models and the classified-marker
  patterns. Widening a rule must never leave a result made under the narrower one in use.

Every key is made by ``Stage.key`` from all three, so no stage keeps a hand-bumped version number.
Whatever a cache holds, the checks that guard what may enter (classified markers, audiences) run on
every record whether it came from a cache or not (generator/load).

On disk a stage's entries are one ``CacheFile``: a header line naming the stage and its salt (its
fingerprint and the rule set's version), then one ``name<TAB>value`` line per entry. A file whose salt
differs is ignored whole. Entries that only describe an output folder (the site's page keys) live beside
that folder and die with it; every other stage keeps its file under ``build/cache/<stage>.cache``.
Caches hold only text (never pickles), are written atomically, and a damaged or unwritable one only
costs time.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from generator import __version__
from generator.atomic import atomic_write_bytes

PACKAGE = Path(__file__).resolve().parent  # generator/
# The templates shipped with the code: beside the package in a checkout or an editable install, inside it
# (generator/templates/, copied there by setup.py) when installed from a wheel.
TEMPLATES = next((p for p in (PACKAGE / "templates", PACKAGE.parent / "templates") if p.is_dir()),
                 PACKAGE.parent / "templates")
CACHE_FOLDER = Path("build") / "cache"  # under a content root
FORMAT = "handbook-cache 3"  # the layout of a cache file (not a version of any stage's output)

# The rule set: what decides whether a record may enter and how it is read. Paths under generator/.
RULE_SOURCES = ("validate.py", "model", "load")  # everything that decides what a record may hold


def digest(parts: Iterable[str | bytes]) -> str:
    """Hash parts into a short hex key; each part is preceded by its length, so ("ab", "c") and
    ("a", "bc") differ whatever bytes they hold."""
    hasher = hashlib.blake2b(digest_size=16)
    for part in parts:
        data = part if isinstance(part, bytes) else part.encode("utf-8")
        hasher.update(len(data).to_bytes(8, "big"))
        hasher.update(data)
    return hasher.hexdigest()


def files_digest(paths: Iterable[Path], base: Path) -> str:
    """Hash the names (relative to base) and bytes of the given files, in a stable order."""
    files = sorted({path for path in paths if path.is_file()})
    return digest(part for path in files for part in (path.relative_to(base).as_posix(), path.read_bytes()))


def _sources(relative: str) -> list[Path]:
    """Every file of a folder (its Python source, data such as fontconfig), or the one file named."""
    path = PACKAGE / relative
    if path.is_dir():
        return [p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"]
    return [path]


@functools.cache
def rules_version() -> str:
    """Fingerprint of the rule set: the validation code, the models and the classified-marker patterns."""
    return files_digest((p for rel in RULE_SOURCES for p in _sources(rel)), PACKAGE)


@functools.cache
def _fingerprint(code: tuple[str, ...], templates: tuple[str, ...]) -> str:
    files = [p for rel in code for p in _sources(rel)]
    files += [p for rel in templates for p in (TEMPLATES / rel).rglob("*")]
    return digest([__version__, files_digest(files, PACKAGE.parent)])


@dataclass(frozen=True)
class Stage:
    """One cached stage: its name and the code and templates that shape what it makes.

    code: paths under generator/ (a package folder or a module); templates: folders under templates/.
    """

    name: str
    code: tuple[str, ...]
    templates: tuple[str, ...] = ()

    def fingerprint(self) -> str:
        """Hash of the stage's own source files and templates (computed once per process)."""
        return _fingerprint(self.code, self.templates)

    def salt(self, *extra: str) -> str:
        """What every entry of this stage depends on besides its own inputs: code, templates, rules.

        extra: more of the same kind, such as a content root's own template overrides."""
        return digest([self.name, self.fingerprint(), rules_version(), *extra])

    def key(self, *inputs: str | bytes) -> str:
        """The key of one entry: its inputs together with the stage's salt."""
        return digest([self.salt(), *inputs])

    def cache_file(self, folder: Path) -> Path:
        """Where this stage keeps its entries inside a cache folder (see cache_folder)."""
        return folder / f"{self.name}.cache"


def cache_folder(root: Path) -> Path:
    """The cache folder of a content root: build/cache/."""
    return root / CACHE_FOLDER


def user_cache_folder() -> Path:
    """This user's cache, for what depends on the code alone and not on any content (jieba's dictionary,
    the blank templates): $XDG_CACHE_HOME/office-handbook, else ~/.cache/office-handbook."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "office-handbook"


# The stages that keep results between runs.
PARSE = Stage("parse", ("load",))
SITE = Stage("site", ("site", "model/kinds.py"), ("site",))
DOCUMENTS = Stage("documents", ("documents",))
SEARCH = Stage("search", ("search",))
# tag names as URL slugs (pypinyin): a rebuild need not import pypinyin for tags it has seen
SLUGS = Stage("slugs", ("load",))
# the key terms jieba finds in a review's problems and actions (text folding: search/text.py)
LESSONS = Stage("lessons", ("lessons", "search/text.py"))
# the browser's query folds for the characters an edition uses (all of OpenCC's table is read to make them)
FOLDS = Stage("folds", ("search/text.py",))


class CacheFile:
    """A stage's entries on disk, by name; the file keeps only what the last run used or stored.

    Values stay text in memory until they are used: a first build of 5,000 records would otherwise
    hold every parsed record twice while Pagefind, which needs ~1 GB of its own, indexes them.
    fresh=True removes the file on opening, so after a run that fails or is killed before save()
    nothing of it is trusted (for entries that describe an output folder being rewritten).
    """

    def __init__(self, path: Path, salt: str, *, fresh: bool = False) -> None:
        self.path, self.salt = path, salt
        self.stored: dict[str, str] = {}
        self.kept: dict[str, str] = {}
        self.changed = False
        try:
            text = path.read_bytes().decode("utf-8")  # as written: no newline translation
        except (OSError, ValueError):
            text = ""
        header, _, body = text.partition("\n")
        if header == f"{FORMAT} {salt}":
            for line in body.split("\n"):  # only "\n" ends an entry: a value may hold U+2028 and the like
                name, tab, value = line.partition("\t")
                if tab:
                    self.stored[name] = value
        if fresh:
            path.unlink(missing_ok=True)

    def previous(self, name: str) -> str | None:
        """The value the last run stored under name (without keeping it for the next run)."""
        return self.stored.get(name)

    def get(self, name: str) -> str | None:
        """The value stored under name by the last run, and keep it for the next."""
        value = self.stored.get(name)
        if value is not None:
            self.kept[name] = value
        return value

    def get_or_make(self, name: str, make: Callable[[], str]) -> str:
        """The value stored under name by the last run, else the one make() gives, stored: kept either way."""
        value = self.get(name)
        if value is None:
            value = make()
            self.put(name, value)
        return value

    def put(self, name: str, value: str) -> None:
        if "\n" in name or "\t" in name or "\n" in value:
            raise ValueError("cache names and values are one line each")
        if self.stored.get(name) != value:
            self.changed = True
        self.kept[name] = value

    def save(self) -> None:
        """Write the entries used or stored in this run (dropping those of deleted or edited inputs)."""
        if not self.changed and self.kept.keys() == self.stored.keys() and self.path.is_file():
            return
        payload = f"{FORMAT} {self.salt}\n" + "".join(f"{name}\t{value}\n" for name, value in self.kept.items())
        with contextlib.suppress(OSError):  # a cache that cannot be written only costs time
            atomic_write_bytes(self.path, payload.encode("utf-8"))
