"""The apps stand in layers and import downwards only (docs/architecture.md): core ← accounts ←
jobs ← notices ← calendars ← registry ← mentoring ← documents ← monitoring ← privacy ← demo
(the seeding builds every app's rows, so it stands on top, outside the running portal). core
imports no app; accounts none of the domain apps (its template tags once read registry's
models: a person's dated filters are registry's own tags now, `{% load people %}`). The few
function-local imports that still reach up are listed here: a new one fails, and one of these
that goes is to be struck off."""

from __future__ import annotations

import ast

from tests.sources import APPS as LAYERS
from tests.sources import ROOT, modules

# (module, what it imports from a higher layer): each inside a function, for a rule that lives
# above — a mentor's load and a pair's dates (registry → mentoring), the pairs on a card, the
# roadmap's PDF (mentoring → documents).
REACHING_UP = {
    ("registry/models.py", "mentoring.models.assignment"),
    ("registry/profile_views.py", "mentoring.models.assignment"),
    ("registry/views.py", "mentoring.selectors"),
    ("mentoring/views/roadmap.py", "documents.printables"),
    ("mentoring/views/roadmap.py", "documents.rendering"),
}


def upward_imports() -> set[tuple[str, str]]:
    rank = {layer: n for n, layer in enumerate(LAYERS)}
    found = set()
    for path, source in modules():
        layer = path.relative_to(ROOT).parts[0]
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top in rank and rank[top] > rank[layer]:
                    found.add((str(path.relative_to(ROOT)), name))
    return found


def test_the_apps_import_downwards_only():
    found = upward_imports()
    assert found - REACHING_UP == set(), "an import reaches up a layer"
    assert REACHING_UP - found == set(), "gone: strike it off REACHING_UP"
    assert not {path for path, _ in found if path.startswith(("core/", "accounts/"))}
