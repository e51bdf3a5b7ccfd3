"""The program's health page for the curator, director and deputy."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from accounts.http import PortalRequest
from accounts.policy import allowed
from monitoring.health.items import grouped, health_items


@allowed("health.view")
def health(request: PortalRequest) -> HttpResponse:
    items = health_items(request.organization, timezone.localdate())
    return render(
        request, "monitoring/health.html", {"groups": grouped(items), "total": len(items)}
    )
