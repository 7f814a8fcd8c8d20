from decimal import Decimal

from django.db import migrations

from score.monitoring.catalogue import EXCHANGE_RATES, INDICATORS, PRACTICES


def _dec(value):
    return None if value is None else Decimal(str(value))


def seed(apps, schema_editor):
    Indicator = apps.get_model("monitoring", "Indicator")
    PracticeItem = apps.get_model("monitoring", "PracticeItem")
    ExchangeRate = apps.get_model("monitoring", "ExchangeRate")
    Module = apps.get_model("training", "Module")
    for order, entry in enumerate(INDICATORS, start=1):
        Indicator.objects.get_or_create(
            code=entry["code"],
            defaults={
                "name": entry["name"],
                "name_translations": {"zh-hans": entry["zh-hans"]},
                "unit": entry["unit"],
                "direction": entry["direction"],
                "kind": entry["kind"],
                "formula": entry["formula"],
                "is_money": entry["is_money"],
                "min_value": _dec(entry["min_value"]),
                "max_value": _dec(entry["max_value"]),
                "jump_factor": _dec(entry["jump_factor"]),
                "order": order * 10,
            },
        )
    modules = {m.code: m for m in Module.objects.filter(code__in=PRACTICES)}
    for module_code, items in PRACTICES.items():
        module = modules.get(module_code)
        if module is None:
            continue
        for order, (code, text, zh) in enumerate(items, start=1):
            PracticeItem.objects.get_or_create(
                code=code,
                defaults={
                    "module": module,
                    "text": text,
                    "text_translations": {"zh-hans": zh},
                    "order": order,
                },
            )
    for currency, valid_from, rate in EXCHANGE_RATES:
        ExchangeRate.objects.get_or_create(
            currency=currency,
            valid_from=valid_from,
            defaults={"units_per_usd": Decimal(rate), "source": "seed (annual average)"},
        )


def unseed(apps, schema_editor):
    apps.get_model("monitoring", "PracticeItem").objects.filter(answers=None).delete()
    apps.get_model("monitoring", "Indicator").objects.filter(measurements=None).delete()
    apps.get_model("monitoring", "ExchangeRate").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("monitoring", "0001_initial"), ("training", "0002_seed_core_modules")]
    operations = [migrations.RunPython(seed, unseed)]
