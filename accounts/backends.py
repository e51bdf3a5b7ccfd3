"""Signing in with a username and password, as Django does it."""

from __future__ import annotations

from django.contrib.auth import backends


class ModelBackend(backends.ModelBackend):
    """Django's ModelBackend that loads the user's person card with the user, in the same
    query: the menu and most pages ask whether the user has one («Мои анкеты», «Мои пары»),
    and the menu whether the user coordinates a municipality (accounts.access.is_coordinator
    reads what this query found: a query less on every page)."""

    def get_user(self, user_id):
        from django.db.models import Exists, OuterRef

        from accounts.access import coordinator_rows
        from accounts.models import User

        try:
            user = (
                User._default_manager.select_related("person")
                .annotate(_is_coordinator=Exists(coordinator_rows(OuterRef("pk"))))
                .get(pk=user_id)
            )
        except User.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
