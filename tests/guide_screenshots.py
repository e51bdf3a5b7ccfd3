"""The screenshots of docs/user-guide.md: which role's page each one shows, under which
section. tests/e2e/test_guide_screenshots.py takes them over the demo (and writes them to
docs/img/ with GUIDE_SCREENSHOTS=1); tests/test_deploy_files.py holds the guide to them."""

from __future__ import annotations

from pathlib import Path

IMAGES = Path(__file__).resolve().parents[1] / "docs" / "img"

# (role, path, file, what the guide calls it, a heading the page must show)
SHOTS = [
    ("curator", "/", "curator-home.jpg", "Главная страница куратора", "Здравствуйте"),
    ("curator", "/mentoring/assignments/", "curator-pairs.jpg", "Пары и группы",
     "Наставнические пары и группы"),
    ("director", "/documents/inbox/", "director-inbox.jpg", "Документы на подпись",
     "Документы на подпись"),
    ("deputy", "/monitoring/reports/", "deputy-reports.jpg", "Справки по итогам полугодия",
     "Справки по итогам полугодия"),
    ("teacher", "/", "teacher-home.jpg", "Главная страница педагога", "Здравствуйте"),
]  # fmt: skip
