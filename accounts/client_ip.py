"""The address a request came from, for the login lockout (django-axes).

Behind the documented reverse proxy every request comes from the proxy's address: locking by
it locks an account for everyone. With `PROXY_COUNT` trusted proxies in front of the portal
(`DJANGO_PROXY_COUNT`, 1 in production), the client is the address the outermost proxy saw,
which it appended to X-Forwarded-For: the PROXY_COUNT-th entry from the right. Entries to the
left of it are whatever the client sent and are never trusted."""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str | None:
    remote = request.META.get("REMOTE_ADDR")
    count = settings.PROXY_COUNT
    if count <= 0:
        return remote
    chain = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    chain = [part for part in chain if part]
    if len(chain) < count:
        return remote  # not through the proxies: their header is missing
    candidate = chain[-count]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
