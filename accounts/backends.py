"""Signing in with a username and password, as Django does it."""

from __future__ import annotations

from django.contrib.auth import backends


class ModelBackend(backends.ModelBackend):
    """Django's ModelBackend that loads the user's person card with the user, in the same
    query: the menu and most pages ask whether the user has one («Мои анкеты», «Мои пары»)."""

    def get_user(self, user_id):
        from accounts.models import User

        try:
            user = User._default_manager.select_related("person").get(pk=user_id)
        except User.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
