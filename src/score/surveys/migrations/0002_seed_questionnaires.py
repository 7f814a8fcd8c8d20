from django.db import migrations

from score.surveys.catalogue import QUESTIONNAIRES


def seed(apps, schema_editor):
    Questionnaire = apps.get_model("surveys", "Questionnaire")
    Question = apps.get_model("surveys", "Question")
    for entry in QUESTIONNAIRES:
        questionnaire, created = Questionnaire.objects.get_or_create(
            code=entry["code"],
            defaults={
                "kind": entry["kind"],
                "title": entry["title"],
                "title_translations": {"zh-hans": entry["zh-hans"]},
                "waves": entry["waves"],
                "version": 1,
            },
        )
        if not created:
            continue
        Question.objects.bulk_create(
            Question(
                questionnaire=questionnaire,
                code=code,
                type=kind,
                text=text,
                text_translations={"zh-hans": chinese},
                order=(index + 1) * 10,
            )
            for index, (code, kind, text, chinese) in enumerate(entry["questions"])
        )


def unseed(apps, schema_editor):
    Questionnaire = apps.get_model("surveys", "Questionnaire")
    Questionnaire.objects.filter(
        code__in=[q["code"] for q in QUESTIONNAIRES], responses=None
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("surveys", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
