"""E-mail reminders to trainers: visits due tomorrow, overdue visits, and enrolments whose
follow-up visits are overdue. Idempotent through one VisitReminder row per item and day."""

import datetime
import logging
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from score.counselling import queries
from score.counselling.actions.common import local_today
from score.counselling.models import ReminderKind, Visit, VisitReminder
from score.training.models import Enrolment

logger = logging.getLogger(__name__)


@dataclass
class ReminderReport:
    today: datetime.date
    emails: int = 0
    reminders: int = 0
    without_trainer: int = 0
    failed: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "today": self.today.isoformat(),
            "emails": self.emails,
            "reminders": self.reminders,
            "without_trainer": self.without_trainer,
            "failed": self.failed,
        }

    def summary(self) -> str:
        text = ngettext(
            "%(emails)d e-mail sent with %(reminders)d reminders.",
            "%(emails)d e-mails sent with %(reminders)d reminders.",
            self.emails,
        ) % {"emails": self.emails, "reminders": self.reminders}
        if self.without_trainer:
            text += " " + _("%(n)d overdue or due items have no trainer to remind; assign one.") % {
                "n": self.without_trainer
            }
        if self.failed:
            text += " " + _("Sending failed for: %(who)s.") % {"who": ", ".join(self.failed)}
        return text


@dataclass
class _Item:
    kind: str
    enrolment: Enrolment
    visit: Visit | None = None
    url: str = ""  # the visit's (else the enrolment's) page, absolute


def _collect(today: datetime.date) -> tuple[dict, int]:
    """Reminders due today, grouped by recipient, leaving out those already sent."""
    sent = set(
        VisitReminder.objects.filter(sent_on=today).values_list("kind", "visit_id", "enrolment_id")
    )
    by_trainer: dict[int, list[_Item]] = defaultdict(list)
    users = {}
    without = 0
    for kind, visit in [
        (ReminderKind.DUE_TOMORROW, v) for v in queries.visits_due_on(today + datetime.timedelta(1))
    ] + [(ReminderKind.OVERDUE, v) for v in queries.visits_overdue_on(today)]:
        trainer = visit.trainer or visit.enrolment.trainer
        if trainer is None or not trainer.is_active:
            without += 1
        elif (kind, visit.pk, visit.enrolment_id) not in sent:
            by_trainer[trainer.pk].append(_Item(kind, visit.enrolment, visit))
            users[trainer.pk] = trainer
    for enrolment in queries.behind_schedule(Enrolment.objects.all(), today=today):
        trainer = enrolment.trainer
        if trainer is None or not trainer.is_active:
            without += 1
        elif (ReminderKind.FOLLOW_UPS_OVERDUE, None, enrolment.pk) not in sent:
            by_trainer[trainer.pk].append(_Item(ReminderKind.FOLLOW_UPS_OVERDUE, enrolment))
            users[trainer.pk] = trainer
    return {users[pk]: items for pk, items in by_trainer.items()}, without


# Used while SCORE_BASE_URL is empty: the address ``score serve`` answers on.
DEFAULT_BASE_URL = "http://127.0.0.1:8000"


def absolute_url(path: str) -> str:
    """``path`` on the site's public address (``SCORE_BASE_URL``), for links in e-mails,
    which have no request to take the host from."""
    base = (getattr(settings, "SCORE_BASE_URL", "") or DEFAULT_BASE_URL).rstrip("/")
    return base + path


def _email(trainer, items: list[_Item], today: datetime.date) -> tuple[str, str]:
    with translation.override(trainer.language or settings.LANGUAGE_CODE):
        for item in items:
            item.url = absolute_url((item.visit or item.enrolment).get_absolute_url())
        groups = {kind: [i for i in items if i.kind == kind] for kind in ReminderKind.values}
        subject = _("SCORE visits: %(due)d due tomorrow, %(overdue)d overdue") % {
            "due": len(groups[ReminderKind.DUE_TOMORROW]),
            "overdue": len(groups[ReminderKind.OVERDUE])
            + len(groups[ReminderKind.FOLLOW_UPS_OVERDUE]),
        }
        body = render_to_string(
            "counselling/email/visit_reminder.txt",
            {
                "trainer": trainer,
                "today": today,
                "due_tomorrow": groups[ReminderKind.DUE_TOMORROW],
                "overdue": groups[ReminderKind.OVERDUE],
                "behind": groups[ReminderKind.FOLLOW_UPS_OVERDUE],
                "due_days": queries.due_days(),
                "my_week_url": absolute_url(reverse("counselling:my_week")),
            },
        )
    return subject, body


def send_visit_reminders(*, today: datetime.date | None = None) -> ReminderReport:
    """E-mail each trainer their visits due tomorrow, their overdue visits and their
    enrolments whose follow-up visits are overdue. Idempotent: a reminder row per visit (or
    enrolment), kind and day means a second run on the same day sends nothing."""
    today = today or local_today()
    report = ReminderReport(today=today)
    grouped, report.without_trainer = _collect(today)
    for trainer, items in grouped.items():
        subject, body = _email(trainer, items, today)
        try:
            with transaction.atomic():
                VisitReminder.objects.bulk_create(
                    [
                        VisitReminder(
                            kind=item.kind,
                            enrolment=item.enrolment,
                            visit=item.visit,
                            recipient=trainer,
                            sent_on=today,
                        )
                        for item in items
                    ]
                )
                send_mail(subject, body, None, [trainer.email])
        except IntegrityError:
            # Another run sent these reminders in the meantime.
            continue
        except Exception:  # the mail server refused: keep no rows, so the next run retries
            logger.exception("Could not send visit reminders to %s", trainer.email)
            report.failed.append(trainer.email)
            continue
        report.emails += 1
        report.reminders += len(items)
    return report
