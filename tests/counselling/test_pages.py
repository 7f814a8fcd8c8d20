"""Every counselling page answers each persona as DESIGN.md's roles say: 200 where the page
is theirs, 404 for an object outside their scope, 403 where they see it but may not do that."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

PERSONAS = [
    "admin_user",
    "coordinator",
    "provider_staff",
    "trainer",
    "enterprise_user",
    "sponsor_user",
    "donor_user",
    "outsider",
]
WORKING = {"admin_user", "coordinator", "provider_staff", "trainer"}


def expect(ok, forbidden=(), otherwise=404):
    return {
        name: 200 if name in ok else 403 if name in forbidden else otherwise for name in PERSONAS
    }


ROLE_PAGE = expect(WORKING, otherwise=403)
PROVIDED = expect(WORKING)
UNRELATED = expect({"admin_user", "coordinator", "enterprise_user"})

PAGES = {
    "visit list": ("visit_list", lambda s: [], ROLE_PAGE),
    "my week": ("my_week", lambda s: [], ROLE_PAGE),
    "plan a visit": ("visit_plan", lambda s: [], ROLE_PAGE),
    "record a new visit": ("visit_record_new", lambda s: [], ROLE_PAGE),
    "own visit": ("visit_detail", lambda s: [s.done_visit.pk], PROVIDED),
    "visit at another providers enterprise": (
        "visit_detail",
        lambda s: [s.unrelated_visit.pk],
        expect({"admin_user", "coordinator"}),
    ),
    "visit in another country": (
        "visit_detail",
        lambda s: [s.foreign_visit.pk],
        expect({"admin_user"}),
    ),
    "edit own visit": ("visit_edit", lambda s: [s.done_visit.pk], PROVIDED),
    "edit another trainers visit": (
        "visit_edit",
        lambda s: [s.others_visit.pk],
        expect({"admin_user", "coordinator", "provider_staff"}, forbidden={"trainer"}),
    ),
    "record a planned visit": ("visit_record", lambda s: [s.planned_visit.pk], PROVIDED),
    "cancel a planned visit": ("visit_cancel", lambda s: [s.planned_visit.pk], PROVIDED),
    "add a visit photo": ("visit_photo_add", lambda s: [s.done_visit.pk], PROVIDED),
    "team page": ("team_page", lambda s: [s.team.enterprise_id], PROVIDED),
    "team page of the enterprise users own enterprise": (
        "team_page",
        lambda s: [s.unrelated_team.enterprise_id],
        UNRELATED,
    ),
    "form a team": ("team_create", lambda s: [s.team.enterprise_id], PROVIDED),
    "add a member": ("member_add", lambda s: [s.team.pk], PROVIDED),
    "add a member to the enterprise users team": (
        "member_add",
        lambda s: [s.unrelated_team.pk],
        UNRELATED,
    ),
    "record a meeting": ("meeting_add", lambda s: [s.team.pk], PROVIDED),
    "project list": ("project_list", lambda s: [s.project.enterprise_id], PROVIDED),
    "new project": ("project_create", lambda s: [s.unrelated_project.enterprise_id], UNRELATED),
    "project": ("project_detail", lambda s: [s.project.pk], PROVIDED),
    "project of the enterprise users enterprise": (
        "project_detail",
        lambda s: [s.unrelated_project.pk],
        UNRELATED,
    ),
    "edit a project": ("project_edit", lambda s: [s.project.pk], PROVIDED),
    "complete a project": ("project_complete", lambda s: [s.project.pk], PROVIDED),
    "drop a project": ("project_drop", lambda s: [s.project.pk], PROVIDED),
    "add a project action": ("project_action_add", lambda s: [s.project.pk], PROVIDED),
    "add a project photo": ("project_photo_add", lambda s: [s.project.pk], PROVIDED),
}


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("persona_name", PERSONAS)
def test_page_answers_each_persona_by_role_and_scope(page, persona_name, request, scene, login):
    url_name, args, expected = PAGES[page]
    user = request.getfixturevalue(persona_name)
    response = login(user).get(reverse(f"counselling:{url_name}", args=args(scene)))
    assert response.status_code == expected[persona_name]


def test_anonymous_visitor_is_sent_to_login(client, scene):
    response = client.get(reverse("counselling:my_week"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_trainer_sees_only_their_own_enterprises_visits_in_the_list(trainer, scene, login):
    response = login(trainer).get(reverse("counselling:visit_list"))
    names = {v.enrolment.enterprise.name for v in response.context["page"].object_list}
    assert names == {"Provided Machinery"}


def test_coordinator_filters_visits_by_trainer(coordinator, scene, login):
    response = login(coordinator).get(
        reverse("counselling:visit_list"), {"trainer": scene.other_trainer.pk}
    )
    assert {v.pk for v in response.context["page"].object_list} == {
        scene.others_visit.pk,
        scene.unrelated_visit.pk,
    }


def test_visit_list_filters_by_type_status_and_dates(coordinator, scene, login, today):
    response = login(coordinator).get(
        reverse("counselling:visit_list"),
        {"kind": "final", "status": "done", "date_from": "2025-03-01", "date_to": "2025-03-31"},
    )
    assert [v.pk for v in response.context["page"].object_list] == [scene.others_visit.pk]


def test_htmx_filtering_returns_only_the_results(coordinator, scene, login):
    response = login(coordinator).get(
        reverse("counselling:visit_list"), {"status": "planned"}, HTTP_HX_REQUEST="true"
    )
    content = response.content.decode()
    assert content.lstrip().startswith('<div id="results"')
    assert "<html" not in content


def test_overdue_filter_keeps_planned_visits_whose_date_has_passed(coordinator, scene, login):
    scene.planned_visit.planned_on = scene.done_visit.done_on
    scene.planned_visit.save()
    response = login(coordinator).get(reverse("counselling:visit_list"), {"overdue": "on"})
    assert [v.pk for v in response.context["page"].object_list] == [scene.planned_visit.pk]


def test_visits_page_warns_of_overdue_visits_and_enrolments(coordinator, scene, login):
    scene.planned_visit.planned_on = scene.done_visit.done_on
    scene.planned_visit.save()
    response = login(coordinator).get(reverse("counselling:visit_list"))
    content = response.content.decode()
    assert "1 planned visit is past its date" in content
    assert "2 enrolments have not had all their follow-up visits within 90 days" in content


def test_visit_detail_offers_recording_to_its_trainer(trainer, scene, login):
    response = login(trainer).get(
        reverse("counselling:visit_detail", args=[scene.planned_visit.pk])
    )
    assert (
        reverse("counselling:visit_record", args=[scene.planned_visit.pk])
        in response.content.decode()
    )


def test_visit_detail_offers_no_change_to_another_trainer(trainer, scene, login):
    response = login(trainer).get(reverse("counselling:visit_detail", args=[scene.others_visit.pk]))
    assert reverse("counselling:visit_edit", args=[scene.others_visit.pk]) not in (
        response.content.decode()
    )


def test_enterprise_user_sees_team_balance_and_meetings(enterprise_user, scene, login):
    response = login(enterprise_user).get(
        reverse("counselling:team_page", args=[scene.unrelated_team.enterprise_id])
    )
    assert "has no members yet" in response.content.decode()


def test_cancelled_visit_shows_why_and_offers_no_changes(coordinator, scene, login):
    scene.planned_visit.status = "cancelled"
    scene.planned_visit.cancelled_reason = "Factory closed for the holiday."
    scene.planned_visit.save()
    response = login(coordinator).get(scene.planned_visit.get_absolute_url())
    content = response.content.decode()
    assert "Factory closed for the holiday." in content
    assert reverse("counselling:visit_record", args=[scene.planned_visit.pk]) not in content


def test_dropped_project_shows_why(coordinator, scene, login):
    scene.project.status = "dropped"
    scene.project.dropped_on = scene.done_visit.done_on
    scene.project.dropped_reason = "No budget this year."
    scene.project.save()
    response = login(coordinator).get(scene.project.get_absolute_url())
    assert "No budget this year." in response.content.decode()


def test_project_list_totals_cost_and_savings_per_currency(coordinator, scene, login):
    scene.project.cost = 1000
    scene.project.actual_savings = 18670
    scene.project.save()
    response = login(coordinator).get(
        reverse("counselling:project_list", args=[scene.project.enterprise_id])
    )
    assert response.context["totals"] == [
        {"currency": "CNY", "projects": 1, "cost": 1000, "expected": None, "actual": 18670}
    ]
