from django.urls import path

from score.trainers import views

app_name = "trainers"
urlpatterns = [
    path("", views.trainer_list, name="trainer_list"),
    path("new/", views.trainer_create, name="trainer_create"),
    path("<int:pk>/", views.trainer_detail, name="trainer_detail"),
    path("<int:pk>/edit/", views.trainer_edit, name="trainer_edit"),
    path("<int:pk>/reviews/new/", views.review_create, name="review_create"),
    path("<int:pk>/modules/<int:module_pk>/certify/", views.certify, name="certify"),
    path("<int:pk>/modules/<int:module_pk>/promote/", views.promote, name="promote"),
    path("<int:pk>/modules/<int:module_pk>/renew/", views.renew, name="renew"),
    path("courses/", views.course_list, name="course_list"),
    path("courses/new/<slug:kind>/", views.course_create, name="course_create"),
    path("courses/<int:pk>/", views.course_detail, name="course_detail"),
    path("courses/<int:pk>/participants/", views.participant_add, name="participant_add"),
    path(
        "courses/<int:pk>/participants/<int:participant_pk>/outcome/",
        views.outcome_edit,
        name="outcome_edit",
    ),
    path("pipeline/", views.pipeline, name="pipeline"),
]
