"""Counting the queries of a page as a user already at work sees it."""

from __future__ import annotations

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext


def page_queries(client, url: str, params: dict | None = None) -> tuple[int, object]:
    """(queries, response) of GET `url`, after one warm-up GET: the session's activity time is
    written at most once a minute, so the first page after a login costs that write once. The
    school's figures the warm-up kept are dropped: the page is counted building them (as
    after a change in the school), so that a figure counted row by row shows."""
    client.get(url, params or {})
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params or {})
    return len(captured), response
