from django.utils import timezone

from accounts.access import is_coordinator
from accounts.navigation import menu_for
from accounts.policy import Can


def shell(request):
    """What base.html needs: the menu for the user's roles and the organization switcher;
    `today`, the day the page's dated facts (a pupil's class, experience) are shown as of."""
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {}
    return {
        "today": timezone.localdate(),
        "menu": menu_for(request),
        "can": Can(request),  # {% if can.documents.sign %}: accounts.policy
        "current_organization": getattr(request, "organization", None),
        "current_membership": getattr(request, "membership", None),
        "memberships": getattr(request, "memberships", []),
        "is_coordinator": is_coordinator(request.user),
    }
