"""Admin for the module catalogue, enrolments and classroom sessions.

The admin is for looking things up and repairing data. Enrolment statuses move through
the actions (the pages), so the admin shows them read-only."""

from django.contrib import admin

from score.training.models import (
    Attendance,
    ClassroomSession,
    Enrolment,
    Module,
    Participant,
    SessionDay,
)


@admin.register(Module)
class ModuleAdmin(admin.ModelAdmin):
    list_display = [
        "code",
        "name",
        "programme",
        "order",
        "classroom_days",
        "followup_visits",
        "is_active",
    ]
    list_filter = ["is_active", "programme"]
    search_fields = ["code", "name"]
    filter_horizontal = ["prerequisites"]
    autocomplete_fields = ["programme"]


@admin.register(Enrolment)
class EnrolmentAdmin(admin.ModelAdmin):
    list_display = ["enterprise", "module", "programme", "provider", "trainer", "status"]
    list_filter = ["status", "module", "programme"]
    search_fields = ["enterprise__name", "enterprise__code"]
    autocomplete_fields = ["enterprise", "programme", "provider", "trainer"]
    list_select_related = ["enterprise", "module", "programme", "provider", "trainer"]
    readonly_fields = [
        "status",
        "baseline_on",
        "classroom_on",
        "visits_done_on",
        "completed_on",
        "dropped_on",
        "dropped_reason",
    ]


class SessionDayInline(admin.TabularInline):
    model = SessionDay
    extra = 0


class ParticipantInline(admin.TabularInline):
    model = Participant
    extra = 0
    autocomplete_fields = ["person"]


@admin.register(ClassroomSession)
class ClassroomSessionAdmin(admin.ModelAdmin):
    list_display = ["title", "code", "programme", "module", "start_date", "end_date", "provider"]
    list_filter = ["programme", "module", "is_online"]
    search_fields = ["title", "code", "venue"]
    date_hierarchy = "start_date"
    list_select_related = ["programme", "module", "provider"]
    autocomplete_fields = ["programme", "provider"]
    filter_horizontal = ["trainers"]
    raw_id_fields = ["enrolments"]
    inlines = [SessionDayInline, ParticipantInline]


@admin.register(Participant)
class ParticipantAdmin(admin.ModelAdmin):
    list_display = ["person", "session"]
    search_fields = ["person__name", "person__enterprise__name", "session__title"]
    autocomplete_fields = ["person", "session"]
    list_select_related = ["person__enterprise", "session"]


@admin.register(Attendance)
class AttendanceAdmin(admin.ModelAdmin):
    list_display = ["participant", "day", "present"]
    list_filter = ["present"]
    list_select_related = ["participant__person", "participant__session", "day__session"]
    raw_id_fields = ["participant", "day"]
