from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from documents import views as documents_views

admin.site.site_header = _("Наставничество — администрирование")
admin.site.site_title = _("Наставничество")
admin.site.index_title = _("Управление порталом")

handler500 = "accounts.views.server_error"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("registry/", include("registry.urls")),
    path("mentoring/", include("mentoring.urls")),
    path("documents/", include("documents.urls")),
    path("monitoring/", include("monitoring.urls")),
    path("privacy/", include("privacy.urls")),
    path("verify/", documents_views.verify, name="verify"),
    path("", include("jobs.urls")),
    path("", include("notices.urls")),
    path("", include("calendars.urls")),
    path("", include("accounts.urls")),
]
