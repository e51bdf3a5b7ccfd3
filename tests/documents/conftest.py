"""Fixtures of the documents' tests."""

from __future__ import annotations

import pytest


@pytest.fixture
def signer(school, director):
    """The school's director, who signs its documents."""
    school.director = director
    school.save()
    return director
