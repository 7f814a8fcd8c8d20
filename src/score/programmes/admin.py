from django.contrib import admin

from score.programmes.models import (
    Country,
    LogframeTarget,
    Organisation,
    Partnership,
    Programme,
)


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "currency", "default_language"]
    search_fields = ["code", "name"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "short_name",
        "kind",
        "country",
        "status",
        "mou_date",
        "has_business_plan",
    ]
    list_filter = ["kind", "status", "country", "has_business_plan"]
    search_fields = ["name", "short_name"]


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "country", "phase", "start_date", "end_date", "status"]
    list_filter = ["country", "status"]
    search_fields = ["code", "name"]
    filter_horizontal = ["donors", "implementation_partners"]


@admin.register(Partnership)
class PartnershipAdmin(admin.ModelAdmin):
    list_display = [
        "code",
        "name",
        "sponsor",
        "programme",
        "budget",
        "currency",
        "start_date",
        "end_date",
    ]
    list_filter = ["programme"]
    search_fields = ["code", "name", "sponsor__name"]
    autocomplete_fields = ["sponsor", "programme"]


@admin.register(LogframeTarget)
class LogframeTargetAdmin(admin.ModelAdmin):
    list_display = ["programme", "indicator", "sex", "country", "target_date", "value"]
    list_filter = ["programme", "indicator", "country"]
    autocomplete_fields = ["programme"]
