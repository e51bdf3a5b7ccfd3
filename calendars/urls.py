from django.urls import path

from calendars import views

urlpatterns = [
    path("profile/", views.profile, name="profile"),
    path("profile/calendar/", views.calendar_issue, name="calendar-issue"),
    path("profile/calendar/off/", views.calendar_revoke, name="calendar-revoke"),
    path("calendar/<slug:token>.ics", views.calendar_feed, name="calendar-feed"),
]
