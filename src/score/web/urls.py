from django.urls import path

from score.web import views

app_name = "web"
urlpatterns = [
    path("enterprises/<int:pk>/timeline/", views.enterprise_timeline, name="enterprise_timeline"),
    path("calendar/", views.calendar_month, name="calendar"),
    path("calendar/feed/", views.calendar_feed, name="calendar_feed"),
    path("calendar/<str:token>.ics", views.calendar_ics, name="calendar_ics"),
]
