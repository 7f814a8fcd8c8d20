"""The trainer's iCalendar feed: the hand-written RFC 5545 output, the feed page, the secret
address and what the feed holds."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from score.accounts.actions import reset_calendar_token
from score.core.exceptions import ActionError
from score.core.models import AuditEvent
from score.web import ical
from tests.counselling.factories import EnrolmentFactory, VisitFactory, trainer_user
from tests.training.factories import SessionFactory

TODAY = datetime.date(2025, 3, 12)
STAMP = datetime.datetime(2025, 3, 1, 9, 30, tzinfo=datetime.UTC)


def days(n: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=n)


@pytest.fixture
def today(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda value=None, timezone=None: TODAY)
    return TODAY


def unfold(text: str) -> list[str]:
    """Content lines of an iCalendar text, continuation lines joined back (RFC 5545 §3.1)."""
    return text.replace("\r\n ", "").split("\r\n")


# The format


def test_text_values_escape_backslash_semicolon_comma_and_newlines():
    assert ical.escape_text("a,b;c\\d\nnext\r\nlast") == "a\\,b\\;c\\\\d\\nnext\\nlast"


def test_text_values_drop_control_characters():
    assert ical.escape_text("bell\x07 and\x00 nul\ttab") == "bell and nul\ttab"


def test_a_long_line_is_folded_at_75_octets_and_unfolds_to_the_original():
    line = "SUMMARY:" + "Follow-up visit 2: Provided Machinery, Workplace Cooperation " * 3
    folded = ical.fold(line)
    parts = folded.split("\r\n")
    assert len(parts) > 1
    assert all(len(part.encode()) <= 75 for part in parts)
    assert all(part.startswith(" ") for part in parts[1:])
    assert folded.replace("\r\n ", "") == line


def test_folding_never_splits_a_multibyte_character():
    line = "SUMMARY:" + "工作场所合作跟进访问" * 10
    parts = ical.fold(line).split("\r\n")
    for part in parts:
        assert len(part.encode("utf-8")) <= 75
        part.encode("utf-8").decode("utf-8")  # each line is whole UTF-8 on its own
    assert "".join(p[1:] if i else p for i, p in enumerate(parts)) == line


def test_a_short_line_is_left_alone():
    assert ical.fold("VERSION:2.0") == "VERSION:2.0"


def _one_event(**fields):
    values = {
        "uid": "visit-7@score",
        "start": datetime.date(2025, 3, 14),
        "summary": "Follow-up 2 visit: Provided Machinery",
        "stamp": STAMP,
    }
    values.update(fields)
    return ical.calendar([ical.Event(**values)], name="SCORE — Li Wei")


def test_calendar_has_the_required_properties_and_crlf_line_endings():
    text = _one_event()
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:")
    assert text.endswith("END:VCALENDAR\r\n")
    assert "\n" not in text.replace("\r\n", "")
    lines = unfold(text)
    for expected in (
        "BEGIN:VEVENT",
        "UID:visit-7@score",
        "DTSTAMP:20250301T093000Z",
        "DTSTART;VALUE=DATE:20250314",
        "DTEND;VALUE=DATE:20250315",
        "STATUS:CONFIRMED",
        "END:VEVENT",
    ):
        assert expected in lines


def test_an_event_over_several_days_ends_the_day_after_its_last_day():
    lines = unfold(_one_event(end=datetime.date(2025, 3, 15)))
    assert "DTEND;VALUE=DATE:20250316" in lines


def test_summary_location_and_description_are_escaped():
    lines = unfold(
        _one_event(
            summary="Class: WC; day 1, Shenyang",
            location="No. 5, Road; Shenyang",
            description="Findings: 5S\nNext: suggestion box",
        )
    )
    assert "SUMMARY:Class: WC\\; day 1\\, Shenyang" in lines
    assert "LOCATION:No. 5\\, Road\\; Shenyang" in lines
    assert "DESCRIPTION:Findings: 5S\\nNext: suggestion box" in lines


def test_a_long_summary_is_folded_in_the_calendar():
    text = _one_event(summary="Follow-up visit: " + "Dalian Precision Machinery Works " * 4)
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    assert any(line.startswith(" ") for line in text.split("\r\n"))
    summary = next(line for line in unfold(text) if line.startswith("SUMMARY:"))
    assert summary == "SUMMARY:Follow-up visit: " + "Dalian Precision Machinery Works " * 4


# The feed page and the secret key


def messages_of(response) -> str:
    return " ".join(str(m) for m in response.context["messages"])


def test_feed_page_without_a_key_offers_to_create_one(trainer, login):
    response = login(trainer).get(reverse("web:calendar_feed"))
    assert response.status_code == 200
    assert response.context["feed_url"] == ""
    assert "Create my feed address" in response.content.decode()


def test_creating_a_key_shows_the_feed_address(trainer, login):
    client = login(trainer)
    response = client.post(reverse("web:calendar_feed"), follow=True)
    trainer.refresh_from_db()
    assert len(trainer.calendar_token) >= 40
    url = response.context["feed_url"]
    assert url == f"http://testserver/calendar/{trainer.calendar_token}.ics"
    assert url in response.content.decode()
    assert "is ready" in messages_of(response)


def test_resetting_the_key_invalidates_the_old_address(trainer, login, client):
    old = reset_calendar_token(user=trainer, by=trainer)
    assert client.get(reverse("web:calendar_ics", args=[old])).status_code == 200
    response = login(trainer).post(reverse("web:calendar_feed"), follow=True)
    assert "new address" in messages_of(response)
    trainer.refresh_from_db()
    assert trainer.calendar_token != old
    client.logout()
    assert client.get(reverse("web:calendar_ics", args=[old])).status_code == 404
    new = reverse("web:calendar_ics", args=[trainer.calendar_token])
    assert client.get(new).status_code == 200


def test_the_key_is_not_written_to_the_audit_trail(trainer):
    token = reset_calendar_token(user=trainer, by=trainer)
    event = AuditEvent.objects.get(verb="reset_calendar_token")
    assert event.object_id == str(trainer.pk)
    assert token not in str(event.changes)


def test_a_user_cannot_reset_someone_elses_key(trainer, coordinator):
    with pytest.raises(ActionError):
        reset_calendar_token(user=trainer, by=coordinator)


def test_the_programme_admin_may_reset_a_users_key(trainer, admin_user):
    assert reset_calendar_token(user=trainer, by=admin_user)


def test_feed_page_asks_anonymous_visitors_to_log_in(client, db):
    response = client.get(reverse("web:calendar_feed"))
    assert response.status_code == 302


# The feed


def test_unknown_key_gets_404(client, db):
    assert client.get(reverse("web:calendar_ics", args=["not-a-key"])).status_code == 404


def test_empty_key_gets_404(client, trainer):
    assert client.get("/calendar/.ics").status_code == 404


def test_users_without_a_key_are_not_matched_by_an_empty_key(client, trainer):
    """Users who never created a key have calendar_token == ""; no address reaches them."""
    assert trainer.calendar_token == ""
    assert client.get("/calendar/%20.ics").status_code == 404


def test_an_inactive_users_feed_gets_404(client, trainer):
    token = reset_calendar_token(user=trainer, by=trainer)
    trainer.is_active = False
    trainer.save()
    assert client.get(reverse("web:calendar_ics", args=[token])).status_code == 404


@pytest.fixture
def feed(client, trainer, today):
    def get():
        token = trainer.calendar_token or reset_calendar_token(user=trainer, by=trainer)
        return client.get(reverse("web:calendar_ics", args=[token]))

    return get


def test_feed_is_served_as_text_calendar_with_crlf_lines(feed):
    response = feed()
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    body = response.content.decode("utf-8")
    assert body.startswith("BEGIN:VCALENDAR\r\n")
    assert "\n" not in body.replace("\r\n", "")


@pytest.fixture
def trainers_work(world, trainer, today):
    """Visits and classes of the trainer persona and of another trainer."""
    other = trainer_user(organisation=world.other_provider)
    enrolment = EnrolmentFactory(
        enterprise=world.provided,
        programme=world.programme,
        provider=world.provider,
        trainer=trainer,
        classroom_done=True,
    )
    world.provided.address = "No. 5, Industrial Road; Shenyang"
    world.provided.save()
    return {
        "done": VisitFactory(enrolment=enrolment, trainer=trainer, sequence=1, done_on=days(-3)),
        "planned": VisitFactory(
            enrolment=enrolment, trainer=trainer, sequence=2, planned=True, planned_on=days(9)
        ),
        "cancelled": VisitFactory(
            enrolment=enrolment,
            trainer=trainer,
            sequence=3,
            status="cancelled",
            planned_on=days(4),
            done_on=None,
            hours=None,
            cancelled_reason="Factory closed for the holiday",
        ),
        "too_late": VisitFactory(
            enrolment=enrolment,
            trainer=trainer,
            kind="final",
            sequence=1,
            planned=True,
            planned_on=days(181),
        ),
        "too_early": VisitFactory(
            enrolment=enrolment, trainer=trainer, kind="baseline", sequence=1, done_on=days(-31)
        ),
        "others": VisitFactory(
            enrolment=enrolment, trainer=other, kind="follow_up", sequence=4, done_on=days(-1)
        ),
        "class": SessionFactory(
            programme=world.programme,
            provider=world.provider,
            title="Workplace Cooperation, Shenyang class 3",
            start_date=days(20),
            end_date=days(21),
            trainers=[trainer],
        ),
        "others_class": SessionFactory(
            programme=world.programme,
            provider=world.provider,
            start_date=days(20),
            end_date=days(20),
            trainers=[other],
        ),
    }


def uids(response) -> set[str]:
    return {
        line.removeprefix("UID:")
        for line in unfold(response.content.decode())
        if line.startswith("UID:")
    }


def test_feed_holds_only_the_trainers_own_visits_and_classes(feed, trainers_work):
    work = trainers_work
    cls = work["class"]
    assert uids(feed()) == {
        f"visit-{work['done'].pk}@score",
        f"visit-{work['planned'].pk}@score",
        f"visit-{work['cancelled'].pk}@score",
        f"session-{cls.pk}-{days(20):%Y%m%d}@score",
        f"session-{cls.pk}-{days(21):%Y%m%d}@score",
    }


def test_feed_covers_30_days_back_to_180_days_ahead(feed, trainers_work):
    found = uids(feed())
    assert f"visit-{trainers_work['too_late'].pk}@score" not in found
    assert f"visit-{trainers_work['too_early'].pk}@score" not in found


def test_feed_marks_a_cancelled_visit_cancelled(feed, trainers_work):
    body = feed().content.decode()
    lines = unfold(body)
    start = lines.index(f"UID:visit-{trainers_work['cancelled'].pk}@score")
    event = lines[start : lines.index("END:VEVENT", start)]
    assert "STATUS:CANCELLED" in event
    assert f"DTSTART;VALUE=DATE:{days(4):%Y%m%d}" in event


def test_feed_events_carry_summary_location_and_a_link(feed, trainers_work):
    lines = unfold(feed().content.decode())
    visit = trainers_work["planned"]
    start = lines.index(f"UID:visit-{visit.pk}@score")
    event = lines[start : lines.index("END:VEVENT", start)]
    assert f"DTSTART;VALUE=DATE:{days(9):%Y%m%d}" in event
    assert "SUMMARY:Follow-up 2 visit: Provided Machinery" in event
    assert "LOCATION:No. 5\\, Industrial Road\\; Shenyang\\, Liaoning" in event
    assert f"URL:http://testserver/counselling/visits/{visit.pk}/" in event
    assert any(line.startswith("DTSTAMP:") and line.endswith("Z") for line in event)


def test_feed_names_each_class_day(feed, trainers_work):
    lines = unfold(feed().content.decode())
    assert "SUMMARY:Class: Workplace Cooperation\\, Shenyang class 3 (day 1 of 2)" in lines
    assert "SUMMARY:Class: Workplace Cooperation\\, Shenyang class 3 (day 2 of 2)" in lines


def test_feed_uids_are_stable_between_fetches(feed, trainers_work):
    assert uids(feed()) == uids(feed())
