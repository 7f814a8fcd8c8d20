from django.contrib import admin

from score.monitoring.models import (
    ExchangeRate,
    Indicator,
    Measurement,
    PracticeAnswer,
    PracticeItem,
)


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "unit", "direction", "kind", "formula", "programme"]
    list_filter = ["kind", "direction", "is_money"]
    search_fields = ["code", "name"]


@admin.register(ExchangeRate)
class ExchangeRateAdmin(admin.ModelAdmin):
    list_display = ["currency", "valid_from", "units_per_usd", "source"]
    list_filter = ["currency"]


@admin.register(Measurement)
class MeasurementAdmin(admin.ModelAdmin):
    list_display = ["enterprise", "indicator", "period_start", "period_end", "wave", "value"]
    list_filter = ["wave", "provenance", "indicator"]
    list_select_related = ["enterprise", "indicator"]
    raw_id_fields = ["enterprise", "entered_by"]

    def has_add_permission(self, request):  # writes go through actions
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(PracticeItem)
class PracticeItemAdmin(admin.ModelAdmin):
    list_display = ["code", "text", "module", "order"]
    list_filter = ["module"]


@admin.register(PracticeAnswer)
class PracticeAnswerAdmin(admin.ModelAdmin):
    list_display = ["enterprise", "item", "wave", "answer", "answered_on"]
    list_select_related = ["enterprise", "item"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
