from django.contrib.auth import views as auth_views
from django.urls import path

from accounts import views
from accounts.forms import LoginForm
from accounts.freshness import changes_no_data

urlpatterns = [
    path("", views.home, name="home"),
    path(
        "login/",
        changes_no_data(
            auth_views.LoginView.as_view(
                authentication_form=LoginForm, redirect_authenticated_user=True
            )
        ),
        name="login",
    ),
    path("logout/", changes_no_data(auth_views.LogoutView.as_view()), name="logout"),
    path("password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"
    ),
    path("organization/", views.organization_detail, name="organization"),
    path("organization/switch/", views.organization_switch, name="organization-switch"),
    path("low-vision/", views.low_vision_toggle, name="low-vision"),
]
