"""The project's own Python modules, for the tests that read the code itself (layers, scoping,
atomic services): one list of the apps, so a new app is read by all of them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# In their layers, lowest first (docs/architecture.md).
APPS = (
    "core",
    "accounts",
    "jobs",
    "notices",
    "calendars",
    "registry",
    "mentoring",
    "documents",
    "monitoring",
    "privacy",
    "demo",
)


def modules(apps: tuple[str, ...] = APPS) -> Iterator[tuple[Path, str]]:
    """(path, source) of every module of `apps`, migrations left out."""
    for app in apps:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path, path.read_text(encoding="utf-8")
