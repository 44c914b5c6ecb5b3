"""The structure docs/architecture.md describes, checked: modules import on their own, layers point one
way, and no module keeps state of its own between calls."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

PACKAGE = REPO / "generator"


def module_name(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = sorted(module_name(path) for path in PACKAGE.rglob("*.py"))


def test_every_module_is_found() -> None:
    assert {"generator.validate", "generator.load", "generator.cache", "generator.session"} <= set(MODULES)


def test_every_module_imports_on_its_own() -> None:
    """Each module is imported first thing in a fresh interpreter: an import cycle fails here."""
    script = (
        "import importlib, sys, traceback\n"
        "failed = []\n"
        "for name in sys.argv[1:]:\n"
        "    for loaded in [m for m in sys.modules if m == 'generator' or m.startswith('generator.')]:\n"
        "        del sys.modules[loaded]\n"
        "    try:\n"
        "        importlib.import_module(name)\n"
        "    except Exception as exc:\n"
        "        failed.append(f'{name}: {type(exc).__name__}: {exc}')\n"
        "print('\\n'.join(failed))\n"
        "sys.exit(1 if failed else 0)\n"
    )
    done = subprocess.run([sys.executable, "-c", script, *MODULES], cwd=REPO, capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_import_check_sees_a_cycle(tmp_path: Path) -> None:
    """The same check, given two modules that import each other, reports the cycle."""
    package = tmp_path / "cyclic"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("from cyclic.b import B\nA = 1\n")
    (package / "b.py").write_text("from cyclic.a import A\nB = 2\n")
    done = subprocess.run([sys.executable, "-c", "import cyclic.a"], cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode != 0 and "ImportError" in done.stderr


# ---------------------------------------------------------------- layers
def runtime_imports(text: str) -> set[str]:
    """The generator modules a source imports when it runs (not those imported for type checking only)."""
    tree = ast.parse(text)
    checking_only: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            checking_only |= {id(inner) for inner in ast.walk(node)}
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in checking_only:
            continue
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.startswith("generator")}
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("generator"):
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return found


IMPORTS = {module_name(path): runtime_imports(path.read_text(encoding="utf-8")) for path in PACKAGE.rglob("*.py")}
UPPER_LAYERS = ("site", "search", "documents", "brief", "build", "cli", "check")


def imports_of(prefixes: tuple[str, ...]) -> dict[str, set[str]]:
    return {
        name: imports for name, imports in IMPORTS.items()
        if any(name == f"generator.{p}" or name.startswith(f"generator.{p}.") for p in prefixes)
    }


def reaches(imports: set[str], layer: str) -> bool:
    return any(i == f"generator.{layer}" or i.startswith(f"generator.{layer}.") for i in imports)


@pytest.mark.parametrize("lower", ["load", "model", "validate", "errors", "cache", "session", "atomic"])
def test_lower_layers_never_import_the_stages_above(lower: str) -> None:
    offenders = [
        f"{name} imports {sorted(i for i in imports if reaches({i}, upper))}"
        for name, imports in imports_of((lower,)).items()
        for upper in UPPER_LAYERS
        if reaches(imports, upper)
    ]
    assert offenders == []


@pytest.mark.parametrize("stage", ["search", "documents", "lessons"])
def test_the_stages_the_site_uses_never_import_the_site(stage: str) -> None:
    assert [name for name, imports in imports_of((stage,)).items() if reaches(imports, "site")] == []


def test_the_model_imports_nothing_but_the_model() -> None:
    offenders = {name: sorted(i for i in imports if not i.startswith("generator.model"))
                 for name, imports in imports_of(("model",)).items()}
    assert {name: found for name, found in offenders.items() if found} == {}


def test_nothing_below_the_command_line_imports_it() -> None:
    above = {"generator.cli", "generator.cli_docs"}  # cli_docs writes docs/commands.md from the CLI's parser
    assert [name for name, imports in IMPORTS.items() if name not in above and reaches(imports, "cli")] == []


def test_only_commands_and_the_preview_import_the_pipeline() -> None:
    allowed = {"generator.site.command", "generator.site.serve"}
    importers = {name for name, imports in IMPORTS.items() if reaches(imports, "build") and name != "generator.build"}
    assert importers <= allowed
    assert all(not name.startswith("generator.build") for name in imports_of(("load", "model")))


def test_the_layer_checks_see_an_upward_import() -> None:
    assert reaches(runtime_imports("from generator.site.edition import x\n"), "site")
    assert not reaches(runtime_imports(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from generator.site import x\n"), "site")


# ---------------------------------------------------------------- no state at module level
MUTATORS = {"append", "add", "clear", "pop", "popitem", "update", "setdefault", "extend", "insert", "remove",
            "discard", "submit"}
CONTAINER_CALLS = {"dict", "list", "set", "defaultdict", "OrderedDict", "Counter", "deque"}
STATEFUL_CALLS = {"ThreadPoolExecutor", "ProcessPoolExecutor", "Lock", "RLock", "Condition", "Queue"}

# State that lives at module level instead of in generator.session.Session: none. A new entry here
# needs a reason in docs/architecture.md.
ALLOWED_STATE: set[tuple[str, str]] = set()


def module_state(text: str) -> set[str]:
    """Names bound at module level to state: a container the module mutates, an executor or lock, an
    instance of a (non-frozen) class of the module itself, or any name a function declares global."""
    tree = ast.parse(text)
    own_classes = {
        node.name for node in tree.body if isinstance(node, ast.ClassDef)
        and not any("frozen=True" in ast.unparse(d) for d in node.decorator_list)
    }
    bound: dict[str, ast.expr] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    bound[target.id] = node.value
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None:
            bound[node.target.id] = node.value
    mutated: set[str] = set()  # by a function: filling a table while the module loads is not state
    in_functions = [n for f in ast.walk(tree) if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef)) for n in ast.walk(f)]
    for node in in_functions:
        if isinstance(node, ast.Global):
            mutated |= set(node.names)
        elif isinstance(node, ast.Subscript) and isinstance(node.ctx, (ast.Store, ast.Del)):
            mutated |= {node.value.id} if isinstance(node.value, ast.Name) else set()
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in MUTATORS:
            mutated |= {node.func.value.id} if isinstance(node.func.value, ast.Name) else set()
    state = set()
    for name, value in bound.items():
        called = ""
        if isinstance(value, ast.Call):
            func = value.func
            called = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
        container = isinstance(value, (ast.Dict, ast.List, ast.Set, ast.DictComp, ast.ListComp, ast.SetComp)) or (
            called in CONTAINER_CALLS
        )
        if (container and name in mutated) or called in STATEFUL_CALLS or called in own_classes:
            state.add(name)
    return state | {name for name in mutated if name in bound and not isinstance(bound[name], ast.Lambda)}


def test_no_module_keeps_state_of_its_own() -> None:
    found = {
        (module_name(path), name)
        for path in PACKAGE.rglob("*.py")
        for name in module_state(path.read_text(encoding="utf-8"))
    }
    new = sorted(found - ALLOWED_STATE)
    assert new == [], f"module-level state: pass it in a generator.session.Session instead: {new}"
    gone = sorted(ALLOWED_STATE - found)
    assert gone == [], f"no longer module-level state: remove from ALLOWED_STATE: {gone}"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("_SEEN: dict[str, int] = {}\ndef f(k):\n    _SEEN[k] = 1\n", {"_SEEN"}),
        ("_SEEN = set()\ndef f(k):\n    _SEEN.add(k)\n", {"_SEEN"}),
        ("import concurrent.futures\n_POOL = concurrent.futures.ThreadPoolExecutor(1)\n", {"_POOL"}),
        ("class _Memo:\n    pass\nMEMO = _Memo()\n", {"MEMO"}),
        ("COUNT = 0\ndef f():\n    global COUNT\n    COUNT += 1\n", {"COUNT"}),
        ("NAMES = {'a': 1}\ndef f(k):\n    return NAMES[k]\n", set()),  # a constant table
        ("TABLE = {1: 2}\nTABLE[3] = 4\n", set()),  # filled while the module loads
        ("import re\nPATTERN = re.compile('x')\n", set()),
        ("from dataclasses import dataclass\n@dataclass(frozen=True)\nclass S:\n    n: str\nPARSE = S('p')\n", set()),
    ],
)
def test_the_state_check_tells_state_from_constants(text: str, expected: set[str]) -> None:
    assert module_state(text) == expected
