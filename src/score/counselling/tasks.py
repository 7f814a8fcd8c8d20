"""Background tasks of the counselling app, run by ``score worker`` (django-tasks)."""

import datetime

from django_tasks import task

from score.counselling import actions


@task()
def send_visit_reminders(today: str | None = None) -> dict:
    """E-mail trainers their visits due tomorrow and overdue (see the action)."""
    on = datetime.date.fromisoformat(today) if today else None
    return actions.send_visit_reminders(today=on).as_dict()
