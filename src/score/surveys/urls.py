from django.urls import path

from score.surveys import views

app_name = "surveys"
urlpatterns = [
    path("", views.questionnaire_list, name="questionnaire_list"),
    path("<str:code>/", views.questionnaire_detail, name="questionnaire_detail"),
    path("<str:code>/xlsform/", views.questionnaire_xlsform, name="questionnaire_xlsform"),
    path("<str:code>/results/", views.results, name="results"),
    path("<str:code>/responses/new/", views.response_create, name="response_create"),
    path("<str:code>/import/", views.csv_import, name="csv_import"),
]
