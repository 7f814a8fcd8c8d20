from django.urls import path

from score.counselling.views import projects, teams, visits

app_name = "counselling"
urlpatterns = [
    path("my-week/", visits.my_week, name="my_week"),
    path("visits/", visits.visit_list, name="visit_list"),
    path("visits/plan/", visits.visit_plan, name="visit_plan"),
    path("visits/record/", visits.visit_record_new, name="visit_record_new"),
    path("visits/<int:pk>/", visits.visit_detail, name="visit_detail"),
    path("visits/<int:pk>/record/", visits.visit_record, name="visit_record"),
    path("visits/<int:pk>/edit/", visits.visit_edit, name="visit_edit"),
    path("visits/<int:pk>/cancel/", visits.visit_cancel, name="visit_cancel"),
    path("visits/<int:pk>/photos/new/", visits.visit_photo_add, name="visit_photo_add"),
    path("photos/visits/<int:pk>/", visits.visit_photo, name="visit_photo"),
    path("enterprises/<int:pk>/team/", teams.team_page, name="team_page"),
    path("enterprises/<int:pk>/team/new/", teams.team_create, name="team_create"),
    path("teams/<int:pk>/members/new/", teams.member_add, name="member_add"),
    path("teams/<int:pk>/members/<int:member_pk>/edit/", teams.member_edit, name="member_edit"),
    path("teams/<int:pk>/meetings/new/", teams.meeting_add, name="meeting_add"),
    path("enterprises/<int:pk>/projects/", projects.project_list, name="project_list"),
    path("enterprises/<int:pk>/projects/new/", projects.project_create, name="project_create"),
    path("projects/<int:pk>/", projects.project_detail, name="project_detail"),
    path("projects/<int:pk>/edit/", projects.project_edit, name="project_edit"),
    path("projects/<int:pk>/start/", projects.project_start, name="project_start"),
    path("projects/<int:pk>/complete/", projects.project_complete, name="project_complete"),
    path("projects/<int:pk>/drop/", projects.project_drop, name="project_drop"),
    path("projects/<int:pk>/actions/new/", projects.project_action_add, name="project_action_add"),
    path(
        "projects/<int:pk>/actions/<int:item_pk>/done/",
        projects.project_action_done,
        name="project_action_done",
    ),
    path("projects/<int:pk>/photos/new/", projects.project_photo_add, name="project_photo_add"),
    path("photos/projects/<int:pk>/", projects.project_photo, name="project_photo"),
]
