"""score manage send_visit_reminders [--date YYYY-MM-DD] [--enqueue]

E-mails each trainer their visits due tomorrow, their overdue visits and their enrolments
whose follow-up visits are overdue. Safe to run more than once a day: a reminder already
sent today is not sent again. Run it daily from cron, or with --enqueue to let
``score worker`` send them."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from score.counselling import actions, tasks


class Command(BaseCommand):
    help = "E-mail trainers their visits due tomorrow and their overdue visits (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--date",
            help="Send as if today were this date (YYYY-MM-DD); default: today.",
        )
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Queue the work for `score worker` instead of sending now.",
        )

    def handle(self, *args, date=None, enqueue=False, **options):
        today = None
        if date:
            try:
                today = datetime.date.fromisoformat(date)
            except ValueError:
                raise CommandError(f"--date {date!r} is not a date; use YYYY-MM-DD.") from None
        if enqueue:
            result = tasks.send_visit_reminders.enqueue(today.isoformat() if today else None)
            self.stdout.write(f"Queued visit reminders as task {result.id}.")
            return
        report = actions.send_visit_reminders(today=today)
        self.stdout.write(report.summary())
