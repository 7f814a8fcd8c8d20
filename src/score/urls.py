from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from score.web import views as web_views

urlpatterns = [
    path("", web_views.home, name="home"),
    path(
        "login/",
        auth_views.LoginView.as_view(
            template_name="registration/login.html", redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("programmes/", include("score.programmes.urls")),
    path("enterprises/", include("score.enterprises.urls")),
    path("training/", include("score.training.urls")),
    path("counselling/", include("score.counselling.urls")),
    path("monitoring/", include("score.monitoring.urls")),
    path("surveys/", include("score.surveys.urls")),
    path("imports/", include("score.imports.urls")),
    path("trainers/", include("score.trainers.urls")),
    path("finance/", include("score.finance.urls")),
    path("results/", include("score.results.urls")),
    path("", include("score.web.urls")),
    path("admin/", admin.site.urls),
]
# Uploaded files (visit and project photos) are never served from MEDIA_ROOT directly:
# each app serves its files through a view that checks the user's scope.
