from django.urls import path

from score.enterprises import views

app_name = "enterprises"
urlpatterns = [
    path("", views.enterprise_list, name="enterprise_list"),
    path("new/", views.enterprise_create, name="enterprise_create"),
    path("<int:pk>/", views.enterprise_detail, name="enterprise_detail"),
    path("<int:pk>/edit/", views.enterprise_edit, name="enterprise_edit"),
    path("<int:pk>/people/new/", views.person_create, name="person_create"),
    path("<int:pk>/people/<int:person_pk>/edit/", views.person_edit, name="person_edit"),
    path("<int:pk>/programmes/new/", views.participation_create, name="participation_create"),
    path(
        "<int:pk>/programmes/<int:participation_pk>/edit/",
        views.participation_edit,
        name="participation_edit",
    ),
]
