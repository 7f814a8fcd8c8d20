"""Record what actions change. Called from inside actions, in their transaction."""

from django.db import models

from score.core.models import AuditEvent


def _plain(value):
    if isinstance(value, models.Model):
        return value.pk
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, int | float | bool | str) or value is None:
        return value
    return str(value)


def record(*, by, verb: str, obj: models.Model, changes: dict | None = None) -> AuditEvent:
    return AuditEvent.objects.create(
        user=by if getattr(by, "pk", None) else None,
        verb=verb,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=str(obj)[:200],
        changes={key: _plain(value) for key, value in (changes or {}).items()},
    )


def apply_changes(obj: models.Model, fields: dict) -> dict:
    """Set ``fields`` on ``obj`` and return only those whose value changed (old, new)."""
    changed = {}
    for name, value in fields.items():
        old = getattr(obj, name)
        if old != value:
            changed[name] = [_plain(old), _plain(value)]
            setattr(obj, name, value)
    return changed
