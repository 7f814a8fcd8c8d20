from django.contrib import admin

from score.surveys.models import Question, Questionnaire


class QuestionInline(admin.TabularInline):
    model = Question
    extra = 0


@admin.register(Questionnaire)
class QuestionnaireAdmin(admin.ModelAdmin):
    list_display = ["code", "title", "kind", "module", "version", "is_active"]
    list_filter = ["kind", "is_active"]
    inlines = [QuestionInline]


# Responses are not listed in the admin: they are read only as aggregates (anonymity).
