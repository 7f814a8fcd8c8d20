from django.urls import path

from score.results import evaluation_views, views

app_name = "results"
urlpatterns = [
    path("", views.report_page, name="report_page"),
    path("download/<str:fmt>/", views.report_download, name="report_download"),
    # Logframe, IATI, scorecard and comparison group (evaluation_views).
    path(
        "programmes/<int:pk>/logframe/",
        evaluation_views.programme_logframe,
        name="logframe",
    ),
    path(
        "programmes/<int:pk>/logframe/iati.xml",
        evaluation_views.programme_iati,
        name="iati",
    ),
    path(
        "programmes/<int:pk>/comparison/",
        evaluation_views.programme_comparison,
        name="comparison",
    ),
    path(
        "enterprises/<int:pk>/scorecard/",
        evaluation_views.enterprise_scorecard,
        name="scorecard",
    ),
]
