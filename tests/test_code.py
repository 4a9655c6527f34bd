"""What the code itself must keep, beyond what linters check."""

from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parent.parent / "figures"


def _top_level_names(tree: ast.Module) -> list[str]:
    names = []
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
        names += [t.id for t in targets if isinstance(t, ast.Name)]
    return names


@pytest.mark.parametrize("module", sorted(p.name for p in PACKAGE.glob("*.py")))
def test_no_module_binds_a_top_level_name_twice(module: str) -> None:
    """A second `_ANOTHER_EVENT = ...` further down a module silently replaces the first for every function
    that reads it, and no linter says so (it happened twice: a list of spans, a pattern of other events)."""
    names = Counter(_top_level_names(ast.parse((PACKAGE / module).read_text(encoding="utf-8"))))
    assert [name for name, n in names.items() if n > 1] == []
