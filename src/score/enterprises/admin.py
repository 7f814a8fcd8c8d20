from django.contrib import admin

from score.enterprises.models import Enterprise, Participation, Person, SupplyLink


class SupplyLinkInline(admin.TabularInline):
    model = SupplyLink
    extra = 0
    autocomplete_fields = ["buyer"]


class ParticipationInline(admin.TabularInline):
    model = Participation
    extra = 0
    autocomplete_fields = ["programme", "provider", "partnership"]
    filter_horizontal = ["trainers"]


@admin.register(Enterprise)
class EnterpriseAdmin(admin.ModelAdmin):
    list_display = [
        "code",
        "name",
        "country",
        "region",
        "sector",
        "employees_total",
        "size_class",
        "status",
    ]
    list_filter = ["country", "sector", "size_class", "status"]
    search_fields = ["code", "name", "region", "products"]
    inlines = [SupplyLinkInline, ParticipationInline]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["__str__", "enterprise", "sex", "role", "job_title"]
    list_filter = ["sex", "role"]
    search_fields = ["name", "code", "enterprise__name"]
    autocomplete_fields = ["enterprise"]


@admin.register(Participation)
class ParticipationAdmin(admin.ModelAdmin):
    list_display = ["enterprise", "programme", "provider", "partnership", "status", "is_comparison"]
    list_filter = ["programme", "status", "is_comparison"]
    search_fields = ["enterprise__name", "enterprise__code"]
    autocomplete_fields = ["enterprise", "programme", "provider", "partnership"]
    filter_horizontal = ["trainers"]
