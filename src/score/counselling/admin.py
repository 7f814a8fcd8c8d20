from django.contrib import admin

from score.counselling.models import (
    ImprovementProject,
    ImprovementTeam,
    ProjectAction,
    ProjectPhoto,
    TeamMeeting,
    TeamMember,
    Visit,
    VisitPhoto,
    VisitReminder,
)


class VisitPhotoInline(admin.TabularInline):
    model = VisitPhoto
    extra = 0


@admin.register(Visit)
class VisitAdmin(admin.ModelAdmin):
    list_display = ["__str__", "status", "planned_on", "done_on", "hours", "trainer"]
    list_filter = ["status", "kind", "enrolment__programme"]
    search_fields = ["enrolment__enterprise__name", "enrolment__enterprise__code"]
    raw_id_fields = ["enrolment", "trainer"]
    date_hierarchy = "planned_on"
    inlines = [VisitPhotoInline]


@admin.register(VisitReminder)
class VisitReminderAdmin(admin.ModelAdmin):
    list_display = ["kind", "visit", "enrolment", "recipient", "sent_on"]
    list_filter = ["kind", "sent_on"]
    raw_id_fields = ["visit", "enrolment", "recipient"]


class TeamMemberInline(admin.TabularInline):
    model = TeamMember
    extra = 0
    raw_id_fields = ["person"]


@admin.register(ImprovementTeam)
class ImprovementTeamAdmin(admin.ModelAdmin):
    list_display = ["enterprise", "programme", "formed_on"]
    list_filter = ["programme"]
    search_fields = ["enterprise__name", "enterprise__code"]
    raw_id_fields = ["enterprise"]
    inlines = [TeamMemberInline]


@admin.register(TeamMeeting)
class TeamMeetingAdmin(admin.ModelAdmin):
    list_display = ["team", "held_on"]
    raw_id_fields = ["team"]
    filter_horizontal = ["attendees"]


class ProjectActionInline(admin.TabularInline):
    model = ProjectAction
    extra = 0
    raw_id_fields = ["owner"]


class ProjectPhotoInline(admin.TabularInline):
    model = ProjectPhoto
    extra = 0


@admin.register(ImprovementProject)
class ImprovementProjectAdmin(admin.ModelAdmin):
    list_display = ["title", "enterprise", "status", "kpi", "currency", "actual_savings"]
    list_filter = ["status", "module"]
    search_fields = ["title", "enterprise__name", "enterprise__code"]
    raw_id_fields = ["enterprise", "team"]
    inlines = [ProjectActionInline, ProjectPhotoInline]
