from django.urls import path
from django.views.generic import RedirectView

from score.training import views

app_name = "training"
urlpatterns = [
    path("", RedirectView.as_view(pattern_name="training:session_list"), name="index"),
    path("modules/", views.module_list, name="module_list"),
    path("modules/new/", views.module_create, name="module_create"),
    path("modules/<int:pk>/", views.module_detail, name="module_detail"),
    path(
        "enterprises/<int:pk>/enrolments/",
        views.enterprise_enrolments,
        name="enterprise_enrolments",
    ),
    path("enterprises/<int:pk>/enrolments/new/", views.enrolment_create, name="enrolment_create"),
    path("enrolments/<int:pk>/", views.enrolment_detail, name="enrolment_detail"),
    path("enrolments/<int:pk>/certificate.pdf", views.certificate, name="certificate"),
    path("enrolments/<int:pk>/<slug:step>/", views.enrolment_step, name="enrolment_step"),
    path("sessions/", views.session_list, name="session_list"),
    path("sessions/new/", views.session_create, name="session_create"),
    path("sessions/<int:pk>/", views.session_detail, name="session_detail"),
    path("sessions/<int:pk>/edit/", views.session_edit, name="session_edit"),
    path("sessions/<int:pk>/attendance/", views.attendance, name="attendance"),
    path("sessions/<int:pk>/participants/add/", views.participant_add, name="participant_add"),
    path("sessions/<int:pk>/participants/new/", views.participant_new, name="participant_new"),
    path(
        "sessions/<int:pk>/participants/<int:participant_pk>/remove/",
        views.participant_remove,
        name="participant_remove",
    ),
    path(
        "sessions/<int:pk>/enrolments/<int:enrolment_pk>/classroom-done/",
        views.session_classroom_done,
        name="session_classroom_done",
    ),
]
