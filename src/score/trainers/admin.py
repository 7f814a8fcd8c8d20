from django.contrib import admin

from score.trainers.models import (
    Course,
    CourseParticipant,
    QualityReview,
    Trainer,
    TrainerModuleStatus,
)


class TrainerModuleStatusInline(admin.TabularInline):
    model = TrainerModuleStatus
    extra = 0
    autocomplete_fields = ["certifying_organisation"]


@admin.register(Trainer)
class TrainerAdmin(admin.ModelAdmin):
    list_display = ["full_name", "sex", "country", "organisation", "user"]
    list_filter = ["country", "sex", "organisation"]
    search_fields = ["full_name", "email", "languages"]
    raw_id_fields = ["user"]
    inlines = [TrainerModuleStatusInline]


@admin.register(TrainerModuleStatus)
class TrainerModuleStatusAdmin(admin.ModelAdmin):
    list_display = ["trainer", "module", "level", "trained_on", "certified_on", "expires_on"]
    list_filter = ["level", "module"]
    search_fields = ["trainer__full_name"]


class CourseParticipantInline(admin.TabularInline):
    model = CourseParticipant
    extra = 0
    raw_id_fields = ["trainer"]


@admin.register(Course)
class CourseAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "module", "country", "start_date", "end_date", "supervisor"]
    list_filter = ["kind", "module", "country"]
    search_fields = ["title", "venue"]
    raw_id_fields = ["supervisor", "enrolments", "sessions"]
    inlines = [CourseParticipantInline]


@admin.register(QualityReview)
class QualityReviewAdmin(admin.ModelAdmin):
    list_display = ["trainer", "reviewed_on", "reviewer", "session", "visit"]
    list_filter = ["reviewed_on"]
    search_fields = ["trainer__full_name"]
    raw_id_fields = ["trainer", "session", "visit", "reviewer"]
