"""A public service that locks rows (select_for_update) runs in its own transaction: outside
one, PostgreSQL refuses the lock (SQLite ignores it, so only the PostgreSQL run would tell)."""

from __future__ import annotations

import ast

from tests.sources import ROOT, modules


def test_every_public_function_that_locks_rows_is_atomic():
    unguarded = []
    for path, source in modules():
        if "select_for_update" not in source:
            continue
        for node in ast.walk(ast.parse(source)):
            if not isinstance(node, ast.FunctionDef) or node.name.startswith("_"):
                continue
            body = ast.get_source_segment(source, node) or ""
            decorators = [ast.get_source_segment(source, d) or "" for d in node.decorator_list]
            if "select_for_update" in body and not any("atomic" in d for d in decorators):
                unguarded.append(f"{path.relative_to(ROOT)}:{node.name}")
    assert not unguarded, unguarded
