"""Every training page, per persona: 200 (or a redirect after a write), 403 where the user
sees the object but may not change it, 404 where the user may not see it."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

ADMIN, COORD, PROVIDER, TRAINER, ENTERPRISE, SPONSOR, DONOR, OUTSIDER = (
    "admin_user",
    "coordinator",
    "provider_staff",
    "trainer",
    "enterprise_user",
    "sponsor_user",
    "donor_user",
    "outsider",
)
EVERYONE = (ADMIN, COORD, PROVIDER, TRAINER, ENTERPRISE, SPONSOR, DONOR, OUTSIDER)


def statuses(default, **overrides):
    table = dict.fromkeys(EVERYONE, default)
    table.update({name: status for name, status in overrides.items()})
    return table


WORKERS_SEE = statuses(404, admin_user=200, coordinator=200, provider_staff=200, trainer=200)

# name: (method, url(classes, world), data, expected status per persona)
PAGES = {
    "module list": ("get", lambda c, w: reverse("training:module_list"), None, statuses(200)),
    "core module": (
        "get",
        lambda c, w: reverse("training:module_detail", args=[c.enrolment.module_id]),
        None,
        statuses(200, outsider=404),
    ),
    "module of another country's programme": (
        "get",
        lambda c, w: reverse("training:module_detail", args=[c.vn_module.pk]),
        None,
        statuses(404, admin_user=200),
    ),
    "add a module": (
        "get",
        lambda c, w: reverse("training:module_create"),
        None,
        statuses(403, admin_user=200, coordinator=200),
    ),
    "enterprise's enrolments": (
        "get",
        lambda c, w: reverse("training:enterprise_enrolments", args=[w.provided.pk]),
        None,
        WORKERS_SEE,
    ),
    "enrol": (
        "post",
        lambda c, w: reverse("training:enrolment_create", args=[w.provided.pk]),
        lambda c, w: {"programme": w.programme.pk, "module": c.enrolment.module_id},
        statuses(404, admin_user=200, coordinator=200, provider_staff=200, trainer=403),
    ),
    "enrolment": (
        "get",
        lambda c, w: reverse("training:enrolment_detail", args=[c.enrolment.pk]),
        None,
        WORKERS_SEE,
    ),
    "a step of an enrolment": (
        "post",
        lambda c, w: reverse("training:enrolment_step", args=[c.enrolment.pk, "classroom"]),
        lambda c, w: {},
        statuses(404, admin_user=302, coordinator=302, provider_staff=302, trainer=403),
    ),
    "certificate": (
        "get",
        lambda c, w: reverse("training:certificate", args=[c.completed.pk]),
        None,
        WORKERS_SEE,
    ),
    "class list": ("get", lambda c, w: reverse("training:session_list"), None, statuses(200)),
    "class": (
        "get",
        lambda c, w: reverse("training:session_detail", args=[c.session.pk]),
        None,
        WORKERS_SEE,
    ),
    "class in another country": (
        "get",
        lambda c, w: reverse("training:session_detail", args=[c.foreign_session.pk]),
        None,
        statuses(404, admin_user=200),
    ),
    "plan a class": (
        "get",
        lambda c, w: reverse("training:session_create"),
        None,
        statuses(403, admin_user=200, coordinator=200, provider_staff=200),
    ),
    "edit a class": (
        "get",
        lambda c, w: reverse("training:session_edit", args=[c.session.pk]),
        None,
        statuses(404, admin_user=200, coordinator=200, provider_staff=200, trainer=403),
    ),
    "attendance": (
        "post",
        lambda c, w: reverse("training:attendance", args=[c.session.pk]),
        lambda c, w: {},
        statuses(404, admin_user=302, coordinator=302, provider_staff=302, trainer=403),
    ),
    "add participants": (
        "get",
        lambda c, w: reverse("training:participant_add", args=[c.session.pk]),
        None,
        statuses(404, admin_user=200, coordinator=200, provider_staff=200, trainer=403),
    ),
    "new participant": (
        "get",
        lambda c, w: reverse("training:participant_new", args=[c.session.pk]),
        None,
        statuses(404, admin_user=200, coordinator=200, provider_staff=200, trainer=403),
    ),
    "remove a participant": (
        "post",
        lambda c, w: reverse("training:participant_remove", args=[c.session.pk, c.participant.pk]),
        lambda c, w: {},
        statuses(404, admin_user=302, coordinator=302, provider_staff=302, trainer=403),
    ),
    "classroom done through the class": (
        "post",
        lambda c, w: reverse(
            "training:session_classroom_done", args=[c.session.pk, c.enrolment.pk]
        ),
        lambda c, w: {},
        statuses(404, admin_user=302, coordinator=302, provider_staff=302, trainer=403),
    ),
}

CASES = [
    pytest.param(page, persona_name, id=f"{page}-{persona_name}")
    for page in PAGES
    for persona_name in EVERYONE
]


@pytest.mark.parametrize(("page", "persona_name"), CASES)
def test_page_answers_each_persona_within_its_scope(page, persona_name, request, login, classes):
    world = request.getfixturevalue("world")
    user = request.getfixturevalue(persona_name)
    method, url, data, expected = PAGES[page]
    client = login(user)
    if method == "get":
        response = client.get(url(classes, world))
    else:
        response = client.post(url(classes, world), data(classes, world))
    assert response.status_code == expected[persona_name]


def test_signed_out_visitor_is_sent_to_the_login_page(client, classes):
    response = client.get(reverse("training:session_list"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_enterprise_user_sees_their_enrolments_but_no_buttons(enterprise_user, login, classes):
    response = login(enterprise_user).get(
        reverse("training:enterprise_enrolments", args=[classes.own.enterprise_id])
    )
    assert response.status_code == 200
    assert "Workplace Cooperation" in response.text
    assert reverse("training:enrolment_step", args=[classes.own.pk, "baseline"]) not in (
        response.text
    )
    assert response.context["can_enrol"] is False


def test_enterprise_user_may_not_move_on_their_own_enrolment(enterprise_user, login, classes):
    response = login(enterprise_user).post(
        reverse("training:enrolment_step", args=[classes.own.pk, "baseline"])
    )
    assert response.status_code == 403
    classes.own.refresh_from_db()
    assert classes.own.status == "registered"


def test_sponsor_reads_a_consenting_suppliers_enrolment_but_may_not_change_it(
    sponsor_user, login, classes
):
    client = login(sponsor_user)
    url = reverse("training:enrolment_detail", args=[classes.consenting.pk])
    assert client.get(url).status_code == 200
    step = reverse("training:enrolment_step", args=[classes.consenting.pk, "baseline"])
    assert client.post(step).status_code == 403


def test_trainer_teaching_the_class_may_take_attendance(trainer, login, classes):
    classes.session.trainers.add(trainer)
    day = classes.session.days.first()
    response = login(trainer).post(
        reverse("training:attendance", args=[classes.session.pk]),
        {"present": [f"{classes.participant.pk}-{day.pk}"]},
    )
    assert response.status_code == 302
    assert classes.participant.attendance.get(day=day).present is True


def test_trainer_teaching_the_class_may_not_edit_it(trainer, login, classes):
    classes.session.trainers.add(trainer)
    url = reverse("training:session_edit", args=[classes.session.pk])
    assert login(trainer).get(url).status_code == 403


def test_enrolment_not_completed_has_no_certificate(admin_user, login, classes):
    url = reverse("training:certificate", args=[classes.enrolment.pk])
    assert login(admin_user).get(url).status_code == 404


def test_unknown_step_is_not_found(admin_user, login, classes):
    url = reverse("training:enrolment_step", args=[classes.enrolment.pk, "graduate"])
    assert login(admin_user).post(url).status_code == 404


def test_class_list_shows_only_the_classes_in_scope(coordinator, login, classes):
    response = login(coordinator).get(reverse("training:session_list"))
    assert [s.pk for s in response.context["page"].object_list] == [classes.session.pk]


def test_training_is_in_the_menu_of_working_roles_only(trainer, donor_user, client, classes):
    url = reverse("training:session_list")
    client.force_login(trainer)
    assert url in client.get(reverse("home")).text
    client.force_login(donor_user)
    assert url not in client.get(reverse("home")).text


@pytest.mark.parametrize("step", ["baseline", "classroom", "visits", "complete", "drop"])
def test_a_trainer_may_not_move_on_or_drop_an_enrolment_they_are_assigned_to(
    step, trainer, login, classes
):
    before = classes.enrolment.status
    response = login(trainer).post(
        reverse("training:enrolment_step", args=[classes.enrolment.pk, step]),
        {"reason": "The factory closed."},
    )
    assert response.status_code == 403
    classes.enrolment.refresh_from_db()
    assert classes.enrolment.status == before


def test_a_trainer_sees_no_step_buttons_on_their_enrolment(trainer, login, classes):
    body = login(trainer).get(classes.enrolment.get_absolute_url()).text
    assert reverse("training:enrolment_step", args=[classes.enrolment.pk, "classroom"]) not in body
    assert reverse("training:enrolment_step", args=[classes.enrolment.pk, "drop"]) not in body
