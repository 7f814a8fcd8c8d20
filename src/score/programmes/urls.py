from django.urls import path

from score.programmes import views

app_name = "programmes"
urlpatterns = [
    path("", views.programme_list, name="programme_list"),
    path("new/", views.programme_create, name="programme_create"),
    path("<int:pk>/", views.programme_detail, name="programme_detail"),
    path("<int:pk>/edit/", views.programme_edit, name="programme_edit"),
    path("<int:pk>/logframe/targets/", views.logframe_targets, name="logframe_targets"),
    path(
        "logframe-targets/<int:pk>/delete/",
        views.logframe_target_delete,
        name="logframe_target_delete",
    ),
    path("organisations/", views.organisation_list, name="organisation_list"),
    path("organisations/new/", views.organisation_create, name="organisation_create"),
    path("organisations/<int:pk>/", views.organisation_detail, name="organisation_detail"),
    path("organisations/<int:pk>/edit/", views.organisation_edit, name="organisation_edit"),
    path("partnerships/", views.partnership_list, name="partnership_list"),
    path("partnerships/new/", views.partnership_create, name="partnership_create"),
    path("partnerships/<int:pk>/", views.partnership_detail, name="partnership_detail"),
    path("partnerships/<int:pk>/edit/", views.partnership_edit, name="partnership_edit"),
    path("countries/", views.country_list, name="country_list"),
    path("countries/new/", views.country_create, name="country_create"),
    path("countries/<int:pk>/edit/", views.country_edit, name="country_edit"),
]
