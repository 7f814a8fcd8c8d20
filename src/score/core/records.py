"""The shared body of simple create/update actions: validate the model, save, set
many-to-many fields, write the audit trail. Named actions in each app call these so that
their rules stay in one place; anything with a real rule gets its own code."""

from collections.abc import Iterable

from django.db import models

from score.core.audit import apply_changes, record


def create_record(
    model: type[models.Model],
    *,
    by,
    fields: dict,
    many: dict[str, Iterable] | None = None,
    verb: str | None = None,
) -> models.Model:
    obj = model(**fields)
    obj.full_clean()
    obj.save()
    for name, values in (many or {}).items():
        getattr(obj, name).set(values)
    record(by=by, verb=verb or f"create_{model._meta.model_name}", obj=obj, changes=fields)
    return obj


def update_record(
    obj: models.Model,
    *,
    by,
    fields: dict,
    many: dict[str, Iterable] | None = None,
    verb: str | None = None,
) -> models.Model:
    changed = apply_changes(obj, fields)
    obj.full_clean()
    if changed:
        obj.save()
    for name, values in (many or {}).items():
        manager = getattr(obj, name)
        new = {v.pk for v in values}
        old = set(manager.values_list("pk", flat=True))
        if new != old:
            manager.set(values)
            changed[name] = [sorted(old), sorted(new)]
    if changed:
        record(by=by, verb=verb or f"update_{obj._meta.model_name}", obj=obj, changes=changed)
    return obj
