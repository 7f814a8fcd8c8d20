"""E-mail reminders to trainers: visits due tomorrow and overdue; sent once a day."""

from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from score.counselling import actions, tasks
from score.counselling.actions import reminders
from score.counselling.models import VisitReminder
from tests.counselling.factories import EnrolmentFactory, VisitFactory, days, trainer_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def coach(world):
    return trainer_user(organisation=world.provider)


@pytest.fixture
def enrolment(world, coach):
    return EnrolmentFactory(
        enterprise=world.provided,
        programme=world.programme,
        trainer=coach,
        status="classroom_done",
        baseline_on=days(-40),
        classroom_on=days(-30),
    )


def test_trainer_is_reminded_of_a_visit_due_tomorrow(coach, enrolment, today):
    VisitFactory(enrolment=enrolment, trainer=coach, planned=True, planned_on=days(1))
    actions.send_visit_reminders(today=today)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [coach.email]
    assert "1 due tomorrow, 0 overdue" in mail.outbox[0].subject
    assert "Provided Machinery" in mail.outbox[0].body


def test_trainer_is_reminded_of_an_overdue_visit(coach, enrolment, today):
    VisitFactory(enrolment=enrolment, trainer=coach, planned=True, planned_on=days(-2))
    actions.send_visit_reminders(today=today)
    assert "0 due tomorrow, 1 overdue" in mail.outbox[0].subject


def test_trainer_gets_one_email_for_all_their_reminders(coach, enrolment, today):
    VisitFactory(enrolment=enrolment, trainer=coach, planned=True, planned_on=days(1), sequence=1)
    VisitFactory(enrolment=enrolment, trainer=coach, planned=True, planned_on=days(-2), sequence=2)
    report = actions.send_visit_reminders(today=today)
    assert (report.emails, report.reminders, len(mail.outbox)) == (1, 2, 1)


def test_second_run_on_the_same_day_sends_nothing(coach, enrolment, today):
    VisitFactory(enrolment=enrolment, trainer=coach, planned=True, planned_on=days(1))
    actions.send_visit_reminders(today=today)
    mail.outbox.clear()
    report = actions.send_visit_reminders(today=today)
    assert (report.emails, mail.outbox) == (0, [])
    assert VisitReminder.objects.count() == 1


def test_an_overdue_visit_is_reminded_again_the_next_day(coach, enrolment, today):
    VisitFactory(enrolment=enrolment, trainer=coach, planned=True, planned_on=days(-2))
    actions.send_visit_reminders(today=today)
    actions.send_visit_reminders(today=days(1))
    assert len(mail.outbox) == 2


def test_no_reminder_for_done_or_cancelled_visits(coach, enrolment, today):
    VisitFactory(enrolment=enrolment, trainer=coach, done_on=days(-1))
    VisitFactory(
        enrolment=enrolment, trainer=coach, planned=True, planned_on=days(1), status="cancelled"
    )
    actions.send_visit_reminders(today=today)
    assert mail.outbox == []


def test_lead_trainer_is_reminded_when_follow_ups_are_overdue(coach, enrolment, today):
    enrolment.classroom_on = days(-100)
    enrolment.save()
    VisitFactory(enrolment=enrolment, trainer=coach, sequence=1)
    actions.send_visit_reminders(today=today)
    assert "1 of 3 follow-up visits done" in mail.outbox[0].body


def test_a_visit_without_any_trainer_is_counted_not_mailed(world, today):
    enrolment = EnrolmentFactory(enterprise=world.provided, programme=world.programme)
    VisitFactory(enrolment=enrolment, trainer=None, planned=True, planned_on=days(1))
    report = actions.send_visit_reminders(today=today)
    assert (report.emails, report.without_trainer) == (0, 1)


def test_a_failed_send_keeps_no_row_so_the_next_run_retries(coach, enrolment, today, monkeypatch):
    VisitFactory(enrolment=enrolment, trainer=coach, planned=True, planned_on=days(1))

    def refuse(*args, **kwargs):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr(reminders, "send_mail", refuse)
    report = actions.send_visit_reminders(today=today)
    assert (report.failed, VisitReminder.objects.count()) == ([coach.email], 0)


def test_reminder_is_written_in_the_trainers_language(coach, enrolment, today):
    coach.language = "zh-hans"
    coach.save()
    VisitFactory(enrolment=enrolment, trainer=coach, planned=True, planned_on=days(1))
    actions.send_visit_reminders(today=today)
    assert mail.outbox  # the catalogue may not translate yet; the language switch must not fail


def test_command_sends_reminders_and_says_how_many(coach, enrolment, today):
    VisitFactory(enrolment=enrolment, trainer=coach, planned=True, planned_on=days(1))
    out = StringIO()
    call_command("send_visit_reminders", stdout=out)
    assert "1 e-mail sent with 1 reminders." in out.getvalue()
    assert len(mail.outbox) == 1


def test_command_run_twice_sends_once(coach, enrolment, today):
    VisitFactory(enrolment=enrolment, trainer=coach, planned=True, planned_on=days(1))
    call_command("send_visit_reminders", stdout=StringIO())
    call_command("send_visit_reminders", stdout=StringIO())
    assert len(mail.outbox) == 1


def test_command_takes_the_date_to_send_for(coach, enrolment):
    VisitFactory(enrolment=enrolment, trainer=coach, planned=True, planned_on=days(10))
    call_command("send_visit_reminders", "--date", days(9).isoformat(), stdout=StringIO())
    assert len(mail.outbox) == 1


def test_command_refuses_a_date_it_cannot_read():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("send_visit_reminders", "--date", "tomorrow", stdout=StringIO())


def test_task_wraps_the_action_for_the_worker(coach, enrolment, today):
    VisitFactory(enrolment=enrolment, trainer=coach, planned=True, planned_on=days(1))
    result = tasks.send_visit_reminders.call(today.isoformat())
    assert (result["emails"], result["reminders"]) == (1, 1)


def test_command_can_queue_the_task_for_the_worker(coach, enrolment):
    from django_tasks_db.models import DBTaskResult

    out = StringIO()
    call_command("send_visit_reminders", "--enqueue", stdout=out)
    assert "Queued visit reminders" in out.getvalue()
    assert DBTaskResult.objects.count() == 1
    assert mail.outbox == []


def test_reminder_links_are_absolute_on_the_sites_address(coach, enrolment, today, settings):
    settings.SCORE_BASE_URL = "https://score.example.org/"
    visit = VisitFactory(enrolment=enrolment, trainer=coach, planned=True, planned_on=days(1))
    actions.send_visit_reminders(today=today)
    body = mail.outbox[0].body
    assert "https://score.example.org/counselling/my-week/" in body
    assert f"https://score.example.org/counselling/visits/{visit.pk}/" in body


def test_reminder_links_fall_back_to_the_local_address_without_a_base_url(
    coach, enrolment, today, settings
):
    settings.SCORE_BASE_URL = ""
    VisitFactory(enrolment=enrolment, trainer=coach, planned=True, planned_on=days(-2))
    actions.send_visit_reminders(today=today)
    body = mail.outbox[0].body
    assert "http://127.0.0.1:8000/counselling/my-week/" in body
    assert " /counselling/" not in body


def test_overdue_follow_ups_link_to_the_enrolment(coach, enrolment, today, settings):
    settings.SCORE_BASE_URL = "https://score.example.org"
    actions.send_visit_reminders(today=days(100))
    assert f"https://score.example.org/training/enrolments/{enrolment.pk}/" in mail.outbox[0].body
