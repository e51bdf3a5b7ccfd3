from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.middleware import SESSION_KEY
from accounts.navigation import panels_for


def home(request: HttpRequest) -> HttpResponse:
    """Each person's start page: what they have to do next, by their roles."""
    return render(request, "accounts/home.html", {"panels": panels_for(request)})


@require_POST
def organization_switch(request: HttpRequest) -> HttpResponse:
    membership = get_object_or_404(
        request.user.memberships.filter(is_active=True).select_related("organization"),
        organization_id=request.POST.get("organization"),
    )
    request.session[SESSION_KEY] = membership.organization_id
    messages.success(
        request, _("Вы работаете в организации «%s».") % membership.organization.short_name
    )
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "home"
    return redirect(target)
