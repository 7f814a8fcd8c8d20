from django.urls import path

from score.monitoring import views

app_name = "monitoring"
urlpatterns = [
    path("", views.index, name="index"),
    path("indicators/", views.indicator_list, name="indicator_list"),
    path("indicators/new/", views.indicator_create, name="indicator_create"),
    path("indicators/<slug:code>/", views.indicator_detail, name="indicator_detail"),
    path("quality/", views.quality_list, name="quality"),
    path("exchange-rates/", views.exchange_rates, name="exchange_rates"),
    path("enterprises/<int:pk>/", views.enterprise_measurements, name="enterprise_measurements"),
    path(
        "enterprises/<int:pk>/measurements/new/",
        views.measurement_create,
        name="measurement_create",
    ),
    path("enterprises/<int:pk>/record/", views.record, name="record"),
    path("enterprises/<int:pk>/practices/", views.enterprise_practices, name="practices"),
    path("enterprises/<int:pk>/quality/", views.enterprise_quality, name="enterprise_quality"),
    path("measurements/<int:pk>/delete/", views.measurement_delete, name="measurement_delete"),
]
