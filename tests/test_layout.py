"""The project's layout rules about ``tests``, read from the source (no module is imported).

- No module outside ``tests/`` imports ``tests``: the product, ``bench/``, ``demo_lms/`` and
  ``lti_platform/`` stand on their own.
- Tests import helpers from ordinary modules (``tests/factories.py``, ``tests/support/``), never
  from a ``conftest.py`` file or from another test module: conftest files hold fixtures only.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SKIPPED = {".venv", "var", "node_modules", "static_collected", "__pycache__"}


def python_files(folder: Path) -> Iterator[Path]:
    for path in sorted(folder.rglob("*.py")):
        parts = path.relative_to(ROOT).parts
        if not any(part in SKIPPED or part.startswith(".") for part in parts):
            yield path


def imported_modules(source: str) -> Iterator[tuple[int, str]]:
    """``(line, module)`` for every absolute import in ``source``, and for every module named
    by a literal to ``importlib.import_module`` or ``__import__``. ``from a import b`` yields
    both ``a`` and ``a.b`` (``b`` may be a module)."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.lineno, node.module
            for alias in node.names:
                yield node.lineno, f"{node.module}.{alias.name}"
        elif isinstance(node, ast.Call) and node.args:
            function = node.func
            name = function.attr if isinstance(function, ast.Attribute) else ""
            name = name or getattr(function, "id", "")
            first = node.args[0]
            literal = isinstance(first, ast.Constant) and isinstance(first.value, str)
            if name in ("import_module", "__import__") and literal:
                yield node.lineno, first.value


def imports_tests(source: str) -> list[int]:
    """The lines of ``source`` that import the ``tests`` package or a module inside it."""
    return sorted(
        {line for line, name in imported_modules(source) if name.split(".")[0] == "tests"}
    )


def imports_conftest_or_test_module(source: str) -> list[int]:
    """The lines of ``source`` that import a conftest file or a test module (``test_*``)."""
    return sorted(
        {
            line
            for line, name in imported_modules(source)
            if name.split(".")[0] == "tests"
            and any(part == "conftest" or part.startswith("test_") for part in name.split("."))
        }
    )


def test_no_module_outside_tests_imports_tests():
    found = []
    for path in python_files(ROOT):
        if path.relative_to(ROOT).parts[0] == "tests":
            continue
        for line in imports_tests(path.read_text()):
            found.append(f"{path.relative_to(ROOT)}:{line}")
    assert found == [], "modules outside tests/ import tests: " + ", ".join(found)


def test_tests_import_no_conftest_and_no_test_module():
    found = []
    for path in python_files(ROOT / "tests"):
        for line in imports_conftest_or_test_module(path.read_text()):
            found.append(f"{path.relative_to(ROOT)}:{line}")
    assert found == [], "helpers imported from conftest files or test modules: " + ", ".join(found)


def test_the_walk_reaches_every_top_level_package():
    """The first check would pass vacuously if the walk found nothing."""
    tops = {path.relative_to(ROOT).parts[0] for path in python_files(ROOT)}
    assert {"hub", "lti_tool", "badges", "bench", "demo_lms", "lti_platform", "tests"} <= tops


@pytest.mark.parametrize(
    "source",
    [
        "import tests",
        "import tests.factories",
        "import tests.lti.conftest as c",
        "from tests import factories",
        "from tests.support.lti import launch",
        "def f():\n    from tests.factories import build_programme",
        "import importlib\nimportlib.import_module('tests.support.lti')",
        "__import__('tests')",
    ],
)
def test_every_way_of_importing_tests_is_found(source):
    assert imports_tests(source) != []


@pytest.mark.parametrize(
    "source",
    [
        "import testsuite",
        "from lti_platform import PlatformServer",
        "from .tests import x",
        "from hub import tests",
        "name = 'tests.factories'",
    ],
)
def test_other_imports_are_not_taken_for_tests(source):
    assert imports_tests(source) == []


@pytest.mark.parametrize(
    ("source", "found"),
    [
        ("from tests.lti.conftest import launch", True),
        ("from tests.lti import conftest", True),
        ("from tests.lti.test_ags_support import make_course", True),
        ("import tests.browser.test_lti_in_iframe", True),
        ("from tests.support.lti import launch", False),
        ("from tests.factories import build_programme", False),
        ("from lti_tool import test_helpers", False),
    ],
)
def test_conftest_and_test_module_imports_are_found(source, found):
    assert (imports_conftest_or_test_module(source) != []) is found
