from django.db import migrations

from score.training.catalogue import CORE_MODULES


def seed(apps, schema_editor):
    Module = apps.get_model("training", "Module")
    by_code = {}
    for entry in CORE_MODULES:
        module, _ = Module.objects.get_or_create(
            code=entry["code"],
            defaults={
                "name": entry["name"],
                "name_translations": {"zh-hans": entry["zh-hans"]},
                "description": entry["description"],
                "order": entry["order"],
                "classroom_days": 2,
                "followup_visits": 3,
            },
        )
        by_code[entry["code"]] = module
    workplace_cooperation = by_code["WC"]
    for code, module in by_code.items():
        if code != "WC":
            module.prerequisites.add(workplace_cooperation)


def unseed(apps, schema_editor):
    Module = apps.get_model("training", "Module")
    Module.objects.filter(code__in=[m["code"] for m in CORE_MODULES], enrolments=None).delete()


class Migration(migrations.Migration):
    dependencies = [("training", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
