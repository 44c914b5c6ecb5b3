"""Put a finished site where readers get it, so that they only ever see a whole old or a whole new site.

The site is made in the edition's work folder, where mkdocs rewrites its own pages in place, so readers
get a tree of their own. Two such trees are kept: the one at ``--out`` and a spare in the work folder
(the site as it was published the time before). A build brings the spare up to date with the work
folder's site, writing only the files that differ, and then swaps it with the published tree in one
step (generator/atomic.exchange). The tree readers had becomes the next build's spare. So a one-record
edit writes a handful of files instead of a whole new tree of thousands of folders, and nothing is
deleted while readers wait.

Files the work folder never rewrites in place (the record pages, Pagefind's index) are hard links to
it; mkdocs' pages are copies, recognised as current by size and mtime (copy2 keeps the mtime). A file
is never written into: a changed one is deleted and made anew, because its bytes may be shared with
the published tree. When the work folder and ``--out`` are on different file systems (a rename cannot
cross them), the site is put together in a temporary folder beside ``--out`` and swapped in instead.

The first build after one that published into an empty ``--out`` has no spare yet. It makes one from
the published tree with ``cp -al`` (every file a hard link; a process of its own, started while the
pages are made: ``start_spare``), which then needs only the changed files; making it file by file in
Python took about a second at 2,000 records. Without ``cp`` the spare is made file by file.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
from pathlib import Path

from generator.atomic import atomic_directory, exchange, output_lock, remove_leftovers
from generator.site import browser_search

SPARE = "spare-site"  # in the work folder: the tree readers had before the last build


def start_spare(out: Path, spare: Path) -> subprocess.Popen[bytes] | None:
    """Start linking the published tree into a new spare when the work folder has none and out is the
    tree it published last; publish() takes it over (its ``linking``). None: nothing was started."""
    out = out.absolute()
    if spare.is_dir() or not out.is_dir() or out.is_symlink() or not _published_here(out, spare):
        return None
    if not _same_file_system(spare.parent, out.parent):
        return None  # a link cannot cross file systems: publish() puts the site together beside out instead
    making = _making(spare)
    _remove(making)  # a killed build's half-made tree
    try:
        return subprocess.Popen(["cp", "-al", "--", str(out), str(making)],
                                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    except OSError:
        return None


def stop(linking: subprocess.Popen[bytes] | None) -> None:
    """Stop a start_spare copy publish() never took over (the build failed); its half-made tree is removed
    by the next build."""
    if linking is not None and linking.poll() is None:
        linking.terminate()
        linking.wait()


def publish(site_dir: Path, out: Path, spare: Path, never_rewritten: set[str], *, changed: bool = False,
            linking: subprocess.Popen[bytes] | None = None) -> bool:
    """Make out hold exactly the files of site_dir; say whether anything had to change.

    never_rewritten: paths in the site (``reviews/x/index.html``) whose file in site_dir is always
    replaced by a new one, never written into, so that out may share it. changed: the build knows it
    changed the site; otherwise out is first compared with site_dir, and left alone when they agree.
    linking: start_spare's copy of out, made beside this build."""
    out = out.absolute()
    linked = linking is not None and linking.wait() == 0
    with output_lock(out):
        if not changed and _published(site_dir, out):
            if linked and not spare.exists():
                os.replace(_making(spare), spare)  # a copy of out, which is site_dir: the next build's spare
            return False
        remove_leftovers(out)
        if not _same_file_system(spare.parent, out.parent):
            with atomic_directory(out, locked=False) as temporary:
                _sync(site_dir, temporary, never_rewritten)
            return True
        if spare.is_dir():
            _sync(site_dir, spare, never_rewritten)
        else:
            _remove(spare)  # a file or link where the spare belongs
            making = _making(spare)
            if not (linked and making.is_dir()):
                _remove(making)  # a killed build's half-made tree, or a copy that failed
                making.mkdir()
            _sync(site_dir, making, never_rewritten)
            os.replace(making, spare)
        os.chmod(spare, 0o755)
        ours = _published_here(out, spare)
        if out.exists() or out.is_symlink():
            exchange(spare, out)  # the spare now holds the old site: the next build brings it up to date
            if not ours:  # another edition's site (or a folder made by hand) is never kept here
                _remove(spare)
        else:
            os.replace(spare, out)
        _mark(spare).write_text(_identity(out))
    return True


def _making(spare: Path) -> Path:
    return spare.with_name(spare.name + ".tmp")


def _mark(spare: Path) -> Path:
    """Where the work folder notes which tree it published last."""
    return spare.with_name(spare.name + ".published")


def _published_here(out: Path, spare: Path) -> bool:
    """Whether out is still the tree this work folder (the spare's) published last."""
    return _identity(out) == _read(_mark(spare))


def _identity(folder: Path) -> str:
    """Which folder this is, whatever it is called now (renames keep it)."""
    try:
        info = os.lstat(folder)
    except OSError:
        return ""
    return f"{info.st_dev}:{info.st_ino}"


def _read(mark: Path) -> str | None:
    try:
        return mark.read_text()
    except OSError:
        return None


def _same_file_system(first: Path, second: Path) -> bool:
    first.mkdir(parents=True, exist_ok=True)
    second.mkdir(parents=True, exist_ok=True)
    return os.stat(first).st_dev == os.stat(second).st_dev


def _published(site_dir: Path, out: Path) -> bool:
    """Tell whether out already holds exactly the files of site_dir (names, sizes and mtimes).

    A build that changed nothing then leaves the published site as it is."""
    if not out.is_dir():
        return False
    for folder, subfolders, names in os.walk(site_dir):
        target = out / Path(folder).relative_to(site_dir)
        try:
            if set(os.listdir(target)) != set(subfolders) | set(names):
                return False
            for name in names:
                new, old = os.stat(os.path.join(folder, name)), os.stat(target / name)
                if (new.st_size, new.st_mtime_ns) != (old.st_size, old.st_mtime_ns):
                    return False
        except OSError:
            return False
    return True


def _linked(prefix: str, name: str, never_rewritten: set[str]) -> bool:
    """Whether a site file may be a hard link to the work folder's (it is never written in place there)."""
    return prefix.startswith(browser_search.PAGEFIND_FOLDER + "/") or prefix + name in never_rewritten


def _sync(site_dir: Path, tree: Path, never_rewritten: set[str]) -> None:
    """Make a tree (the spare, or an empty folder) hold exactly site_dir's files, touching only those that differ."""
    for folder, subfolders, names in os.walk(site_dir):
        relative_folder = os.path.relpath(folder, site_dir)
        prefix = "" if relative_folder == "." else relative_folder.replace(os.sep, "/") + "/"
        target_folder = os.path.join(tree, relative_folder)
        try:
            present = {entry.name: entry for entry in os.scandir(target_folder)}
        except FileNotFoundError:
            os.mkdir(target_folder)
            present = {}
        for name in subfolders:
            entry = present.pop(name, None)
            if entry is not None and not entry.is_dir(follow_symlinks=False):
                os.unlink(entry.path)
        for name in names:
            source, target = os.path.join(folder, name), os.path.join(target_folder, name)
            linked = _linked(prefix, name, never_rewritten)
            entry = present.pop(name, None)
            if entry is not None:
                if _current(entry, os.stat(source), linked):
                    continue
                _remove(Path(entry.path))
            if linked:
                os.link(source, target)
            else:
                shutil.copy2(source, target)
        for leftover in present.values():
            _remove(Path(leftover.path))


def _current(entry: os.DirEntry[str], source: os.stat_result, linked: bool) -> bool:
    """Whether a spare file already is the work folder's: the same file when linked, an equal copy otherwise
    (a copy never shares the work file's bytes, which mkdocs may rewrite in place)."""
    old = entry.stat(follow_symlinks=False)
    if not stat.S_ISREG(old.st_mode):
        return False
    same_file = (old.st_dev, old.st_ino) == (source.st_dev, source.st_ino)
    if linked:
        return same_file
    return not same_file and (old.st_size, old.st_mtime_ns) == (source.st_size, source.st_mtime_ns)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()
