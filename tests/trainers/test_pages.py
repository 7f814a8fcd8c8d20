"""The trainer pages through the test client: status, redirect, message, database effect."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.utils import timezone

from score.core.models import AuditEvent
from score.trainers.models import Course, CourseParticipant, QualityReview, Trainer
from tests.trainers.factories import (
    CourseFactory,
    ParticipantFactory,
    StatusFactory,
    TrainerFactory,
)
from tests.training.factories import SessionFactory, core_module

pytestmark = pytest.mark.django_db


def _messages(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_coordinator_adds_a_trainer_of_their_country(coordinator, world, login):
    response = login(coordinator).post(
        "/trainers/new/",
        {
            "full_name": "Wang Min",
            "sex": "female",
            "languages": "Chinese, English",
            "country": world.china.pk,
            "organisation": world.provider.pk,
        },
    )
    trainer = Trainer.objects.get(full_name="Wang Min")
    assert response.status_code == 302
    assert response.url == trainer.get_absolute_url()
    assert "Add them to a ToT workshop" in _messages(response)[0]
    assert AuditEvent.objects.filter(verb="create_trainer", object_id=str(trainer.pk)).exists()


def test_coordinator_cannot_add_a_trainer_in_another_country(coordinator, world, login):
    response = login(coordinator).post(
        "/trainers/new/",
        {"full_name": "Nguyen", "sex": "male", "country": world.vietnam.pk},
    )
    assert response.status_code == 200
    assert "country" in response.context["form"].errors
    assert not Trainer.objects.exists()


def test_provider_staff_add_trainers_to_their_own_organisation_only(provider_staff, world, login):
    client = login(provider_staff)
    response = client.post(
        "/trainers/new/",
        {
            "full_name": "Sun Qiang",
            "sex": "male",
            "country": world.china.pk,
            "organisation": world.other_provider.pk,
        },
    )
    assert "organisation" in response.context["form"].errors
    response = client.post(
        "/trainers/new/",
        {
            "full_name": "Sun Qiang",
            "sex": "male",
            "country": world.china.pk,
            "organisation": world.provider.pk,
        },
    )
    assert response.status_code == 302
    assert Trainer.objects.get().organisation == world.provider


def test_a_user_account_links_to_one_trainer_only(coordinator, world, trainer, login):
    TrainerFactory(country=world.china, user=trainer, full_name="Zhao Lei")
    response = login(coordinator).post(
        "/trainers/new/",
        {
            "full_name": "Zhao Lei again",
            "sex": "male",
            "country": world.china.pk,
            "user": trainer.pk,
        },
    )
    assert response.status_code == 200
    assert "already linked to another trainer" in str(response.context["form"].errors)


def test_trainer_list_filters_by_module_status_and_sex(coordinator, world, login):
    certified = TrainerFactory(country=world.china, full_name="Certified One", sex="male")
    StatusFactory(trainer=certified, level="certified")
    candidate = TrainerFactory(country=world.china, full_name="Candidate Two")
    StatusFactory(trainer=candidate)
    client = login(coordinator)
    wc = core_module("WC")

    def names(query):
        response = client.get(f"/trainers/?{query}")
        assert response.status_code == 200
        return [t.full_name for t in response.context["page"].object_list]

    assert names(f"module={wc.pk}&level=certified") == ["Certified One"]
    assert names("level=candidate") == ["Candidate Two"]
    assert names("sex=male") == ["Certified One"]
    assert names("q=two") == ["Candidate Two"]
    assert names("active=yes") == []
    assert names("module=abc&level=nonsense") == ["Candidate Two", "Certified One"]


def test_htmx_filtering_returns_only_the_results(coordinator, world, login):
    TrainerFactory(country=world.china, full_name="Wang Min")
    response = login(coordinator).get("/trainers/?q=wang", HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert 'id="results"' in body and "<html" not in body and "Wang Min" in body


def _toe_ready(world):
    """A candidate in WC with a completed ToE cycle under an expert."""
    wc = core_module("WC")
    candidate = TrainerFactory(country=world.china, full_name="Candidate")
    StatusFactory(trainer=candidate, module=wc)
    expert = TrainerFactory(country=world.china, full_name="Expert")
    StatusFactory(trainer=expert, module=wc, level="expert")
    course = CourseFactory(kind="toe", module=wc, country=world.china, supervisor=expert)
    ParticipantFactory(
        course=course,
        trainer=candidate,
        outcome="completed",
        outcome_on=datetime.date(2020, 9, 1),
        recommended=True,
    )
    return candidate, wc


def test_coordinator_certifies_a_trainer_after_a_completed_toe(coordinator, world, login):
    candidate, wc = _toe_ready(world)
    response = login(coordinator).post(
        f"/trainers/{candidate.pk}/modules/{wc.pk}/certify/",
        {
            "certified_on": "2020-10-01",
            "certifying_organisation": world.provider.pk,
            "expires_on": "2023-10-01",
        },
    )
    assert response.status_code == 302
    assert "is now certified in Workplace Cooperation" in _messages(response)[0]
    status = candidate.module_statuses.get()
    assert (status.level, status.certified_on, status.certifying_organisation) == (
        "certified",
        datetime.date(2020, 10, 1),
        world.provider,
    )


def test_certifying_without_a_toe_shows_the_rule_on_the_form(coordinator, world, login):
    trainer = TrainerFactory(country=world.china)
    status = StatusFactory(trainer=trainer)
    response = login(coordinator).post(
        f"/trainers/{trainer.pk}/modules/{status.module_id}/certify/",
        {"certified_on": "2020-10-01"},
    )
    assert response.status_code == 200
    assert "no completed ToE cycle" in response.content.decode()
    status.refresh_from_db()
    assert status.level == "candidate"


def test_promote_and_renew_pages_move_the_status_on(coordinator, world, login):
    trainer = TrainerFactory(country=world.china)
    status = StatusFactory(trainer=trainer, level="certified", expires_on=datetime.date(2023, 6, 1))
    client = login(coordinator)
    base = f"/trainers/{trainer.pk}/modules/{status.module_id}"
    assert client.post(f"{base}/promote/", {"expert_on": "2021-01-01"}).status_code == 302
    assert client.post(f"{base}/renew/", {"renewed_on": "2023-05-01"}).status_code == 302
    status.refresh_from_db()
    assert (status.level, status.expires_on) == ("expert", datetime.date(2026, 6, 1))


def test_garbage_dates_on_the_status_forms_are_form_errors(coordinator, world, login):
    trainer = TrainerFactory(country=world.china)
    status = StatusFactory(trainer=trainer, level="certified")
    client = login(coordinator)
    for step in ("certify", "promote", "renew"):
        response = client.post(
            f"/trainers/{trainer.pk}/modules/{status.module_id}/{step}/",
            {
                "certified_on": "31/31/2031",
                "expert_on": "x",
                "renewed_on": "\x00",
                "expires_on": "yesterday",
                "certifying_organisation": "abc",
            },
        )
        assert response.status_code == 200


def test_coordinator_runs_a_tot_workshop_to_candidates(coordinator, world, login):
    trainer = TrainerFactory(country=world.china, full_name="Wang Min")
    client = login(coordinator)
    wc = core_module("WC")
    response = client.post(
        "/trainers/courses/new/tot/",
        {
            "module": wc.pk,
            "title": "WC ToT Shenyang",
            "country": world.china.pk,
            "start_date": "2020-01-06",
            "end_date": "2020-01-10",
            "venue": "Shenyang",
        },
    )
    course = Course.objects.get()
    assert response.status_code == 302 and course.kind == "tot"
    response = client.post(f"/trainers/courses/{course.pk}/participants/", {"trainer": trainer.pk})
    assert response.status_code == 302
    place = CourseParticipant.objects.get()
    response = client.post(
        f"/trainers/courses/{course.pk}/participants/{place.pk}/outcome/",
        {"outcome": "completed", "outcome_on": "2020-01-10"},
    )
    assert response.status_code == 302
    assert trainer.module_statuses.get().level == "candidate"
    page = client.get(course.get_absolute_url())
    assert "Wang Min" in page.content.decode()


def test_a_toe_cycle_under_a_non_expert_is_refused_on_the_form(coordinator, world, login):
    not_expert = TrainerFactory(country=world.china, full_name="Not Expert")
    StatusFactory(trainer=not_expert, level="certified")
    response = login(coordinator).post(
        "/trainers/courses/new/toe/",
        {
            "module": core_module("WC").pk,
            "title": "ToE",
            "country": world.china.pk,
            "start_date": "2021-01-06",
            "end_date": "2021-06-10",
            "supervisor": not_expert.pk,
        },
    )
    assert response.status_code == 200
    assert "is not an expert trainer" in response.content.decode()
    assert not Course.objects.exists()


def test_adding_a_refused_participant_shows_why(coordinator, world, login):
    trainer = TrainerFactory(country=world.china)
    course = CourseFactory(kind="tot", module=core_module("QM"), country=world.china)
    response = login(coordinator).post(
        f"/trainers/courses/{course.pk}/participants/", {"trainer": trainer.pk}
    )
    assert response.status_code == 200
    assert "Workplace Cooperation" in response.content.decode()
    assert not course.participants.exists()


def test_unknown_course_kind_is_not_found(coordinator, login):
    assert login(coordinator).get("/trainers/courses/new/nonsense/").status_code == 404


def test_provider_staff_cannot_create_courses(provider_staff, login):
    assert login(provider_staff).get("/trainers/courses/new/tot/").status_code == 403


def test_coordinator_records_a_quality_review_of_an_observed_class(
    coordinator, world, trainer, login
):
    own = TrainerFactory(country=world.china, user=trainer)
    session = SessionFactory(programme=world.programme, trainers=[trainer])
    response = login(coordinator).post(
        f"/trainers/{own.pk}/reviews/new/",
        {
            "session": session.pk,
            "reviewed_on": "2020-03-01",
            "score_preparation": 4,
            "score_content": 5,
            "score_facilitation": 3,
            "score_engagement": 4,
            "notes": "Good",
        },
    )
    assert response.status_code == 302
    review = QualityReview.objects.get()
    assert (review.session, review.reviewer, review.average) == (session, coordinator, 4.0)


def test_a_quality_review_needs_scores_from_1_to_5_and_an_observation(coordinator, world, login):
    own = TrainerFactory(country=world.china)
    response = login(coordinator).post(
        f"/trainers/{own.pk}/reviews/new/",
        {"reviewed_on": "2020-03-01", "score_preparation": 9, "score_content": 0},
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert {"session", "score_preparation", "score_content", "score_engagement"} <= set(errors)


def test_trainer_page_shows_statuses_activity_and_next_steps(coordinator, world, login):
    candidate, _wc = _toe_ready(world)
    body = login(coordinator).get(candidate.get_absolute_url()).content.decode()
    assert "Certify in WC" in body
    assert "no responses" in body


def test_pipeline_page_answers_with_garbage_filters(coordinator, login):
    response = login(coordinator).get("/trainers/pipeline/?until=31/31/2031&country=abc")
    assert response.status_code == 200


def test_enterprise_users_and_viewers_have_no_pipeline(sponsor_user, enterprise_user, login):
    assert login(sponsor_user).get("/trainers/pipeline/").status_code == 404
    assert login(enterprise_user).get("/trainers/pipeline/").status_code == 404


def test_an_expired_certificate_shows_as_expired_in_the_trainer_list(coordinator, network, login):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    StatusFactory(trainer=network.other, level="certified", expires_on=yesterday)
    body = login(coordinator).get("/trainers/").content.decode()
    assert "WC: Certified, expired" in body


def test_a_certificate_still_valid_shows_as_certified(coordinator, network, login):
    StatusFactory(
        trainer=network.other,
        level="certified",
        expires_on=timezone.localdate() + datetime.timedelta(days=1),
    )
    body = login(coordinator).get("/trainers/").content.decode()
    assert "WC: Certified<" in body
    assert "expired" not in body


def test_an_expired_certificate_shows_as_expired_on_the_trainer_page(coordinator, network, login):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    StatusFactory(trainer=network.other, level="expert", expires_on=yesterday)
    body = login(coordinator).get(network.other.get_absolute_url()).content.decode()
    assert "Expert, expired" in body


@pytest.mark.parametrize(
    ("persona", "linked"),
    [("coordinator", True), ("provider_staff", True), ("trainer", False)],
)
def test_the_trainer_list_links_to_the_pipeline_only_for_who_may_open_it(
    persona, linked, network, login, request
):
    client = login(request.getfixturevalue(persona))
    body = client.get("/trainers/").content.decode()
    assert ('href="/trainers/pipeline/"' in body) is linked
    assert client.get("/trainers/pipeline/").status_code == (200 if linked else 404)


def test_adding_a_second_toe_candidate_says_a_toe_cycle_has_one(coordinator, world, login):
    _candidate, wc = _toe_ready(world)
    course = Course.objects.get(kind="toe")
    second = TrainerFactory(country=world.china, full_name="Second")
    StatusFactory(trainer=second, module=wc)
    response = login(coordinator).post(
        f"/trainers/courses/{course.pk}/participants/", {"trainer": second.pk}
    )
    assert response.status_code == 200
    assert "A ToE cycle has one candidate" in response.content.decode()
    assert course.participants.count() == 1


def test_a_toe_cycle_with_its_candidate_says_how_to_supervise_another(coordinator, world, login):
    _toe_ready(world)
    course = Course.objects.get(kind="toe")
    body = login(coordinator).get(course.get_absolute_url()).content.decode()
    assert "create another ToE cycle" in body
