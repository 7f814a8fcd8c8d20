"""Enterprise pages answer each persona as DESIGN.md's roles say."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from score.enterprises.models import Enterprise, Participation, Person
from tests.factories import EnterpriseFactory

pytestmark = pytest.mark.django_db

# Which of the world's enterprises each persona may open one by one.
VISIBLE = {
    "admin_user": {
        "provided",
        "sponsored_consenting",
        "sponsored_private",
        "unrelated_cn",
        "foreign",
    },
    "coordinator": {"provided", "sponsored_consenting", "sponsored_private", "unrelated_cn"},
    "provider_staff": {"provided"},
    "trainer": {"provided"},
    "enterprise_user": {"unrelated_cn"},
    "sponsor_user": {"sponsored_consenting"},
    "donor_user": set(),
    "outsider": set(),
}
ALL = ["provided", "sponsored_consenting", "sponsored_private", "unrelated_cn", "foreign"]


def test_enterprise_list_shows_each_persona_only_its_enterprises(persona, world, login):
    name, user = persona
    response = login(user).get(reverse("enterprises:enterprise_list"))
    assert response.status_code == 200
    listed = {e.pk for e in response.context["page"].object_list}
    assert listed == {getattr(world, key).pk for key in VISIBLE[name]}


@pytest.mark.parametrize("key", ALL)
def test_enterprise_detail_is_404_outside_the_personas_scope(persona, world, login, key):
    name, user = persona
    enterprise = getattr(world, key)
    response = login(user).get(reverse("enterprises:enterprise_detail", args=[enterprise.pk]))
    assert response.status_code == (200 if key in VISIBLE[name] else 404)


def test_anonymous_visitor_is_sent_to_login(client, world):
    response = client.get(reverse("enterprises:enterprise_list"))
    assert response.status_code == 302
    assert reverse("login") in response.url


@pytest.mark.parametrize("name", ["admin_user", "coordinator"])
def test_admin_and_coordinator_may_open_the_new_enterprise_form(name, request, login):
    user = request.getfixturevalue(name)
    assert login(user).get(reverse("enterprises:enterprise_create")).status_code == 200


@pytest.mark.parametrize(
    "name",
    ["provider_staff", "trainer", "enterprise_user", "sponsor_user", "donor_user", "outsider"],
)
def test_other_roles_may_not_create_enterprises(name, request, login):
    user = request.getfixturevalue(name)
    assert login(user).get(reverse("enterprises:enterprise_create")).status_code == 403


def _form_data(world, **overrides):
    data = {
        "code": "CN-NEW-1",
        "name": "Shenyang Gear Works",
        "country": world.china.pk,
        "region": "Liaoning",
        "sector": "C",
        "industry": "Machinery",
        "employees_female": "30",
        "employees_male": "90",
        "status": "active",
    }
    data.update(overrides)
    return data


def test_coordinator_creates_an_enterprise_and_is_told_so(coordinator, world, login):
    client = login(coordinator)
    response = client.post(reverse("enterprises:enterprise_create"), _form_data(world), follow=True)
    enterprise = Enterprise.objects.get(code="CN-NEW-1")
    assert enterprise.employees_total == 120
    assert enterprise.size_class == "medium"
    assert "was created" in response.content.decode()


def test_coordinator_cannot_create_an_enterprise_in_another_country(coordinator, world, login):
    response = login(coordinator).post(
        reverse("enterprises:enterprise_create"), _form_data(world, country=world.vietnam.pk)
    )
    assert response.status_code == 200
    assert "country" in response.context["form"].errors
    assert not Enterprise.objects.filter(code="CN-NEW-1").exists()


@pytest.mark.parametrize(
    "field,value",
    [
        ("code", ""),
        ("code", "has spaces"),
        ("employees_female", "-3"),
        ("employees_male", "many"),
        ("employees_female", "1000001"),
        ("employees_male", "9223372036854775807"),
        ("sector", "Z"),
        ("contact_email", "not-an-address"),
        ("name", "x" * 300),
    ],
)
def test_bad_enterprise_input_shows_an_error_and_writes_nothing(
    coordinator, world, login, field, value
):
    before = Enterprise.objects.count()
    response = login(coordinator).post(
        reverse("enterprises:enterprise_create"), _form_data(world, **{field: value})
    )
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert Enterprise.objects.count() == before


def test_duplicate_enterprise_code_is_refused(coordinator, world, login):
    response = login(coordinator).post(
        reverse("enterprises:enterprise_create"), _form_data(world, code=world.provided.code)
    )
    assert "code" in response.context["form"].errors


def test_lead_buyer_must_be_a_buyer_organisation(coordinator, world, login):
    response = login(coordinator).post(
        reverse("enterprises:enterprise_create"),
        _form_data(world, lead_buyers=[world.provider.pk]),
    )
    assert "lead_buyers" in response.context["form"].errors


def test_coordinator_edits_an_enterprise_and_the_change_is_audited(coordinator, world, login):
    client = login(coordinator)
    data = _form_data(
        world, code=world.provided.code, name="Renamed Machinery", lead_buyers=[world.sponsor.pk]
    )
    response = client.post(reverse("enterprises:enterprise_edit", args=[world.provided.pk]), data)
    assert response.status_code == 302
    world.provided.refresh_from_db()
    assert world.provided.name == "Renamed Machinery"
    assert list(world.provided.lead_buyers.all()) == [world.sponsor]
    from score.core.models import AuditEvent

    assert AuditEvent.objects.filter(verb="update_enterprise", user=coordinator).exists()


def test_trainer_may_not_edit_enterprise_details(trainer, world, login):
    url = reverse("enterprises:enterprise_edit", args=[world.provided.pk])
    assert login(trainer).get(url).status_code == 403


def test_trainer_adds_a_person_at_an_assigned_enterprise(trainer, world, login):
    url = reverse("enterprises:person_create", args=[world.provided.pk])
    response = login(trainer).post(url, {"sex": "male", "role": "manager", "name": ""})
    assert response.status_code == 302
    assert world.provided.people.filter(role="manager", sex="male").exists()


def test_person_without_sex_is_refused(trainer, world, login):
    url = reverse("enterprises:person_create", args=[world.provided.pk])
    before = Person.objects.count()
    response = login(trainer).post(url, {"role": "manager"})
    assert "sex" in response.context["form"].errors
    assert Person.objects.count() == before


def test_sponsor_may_not_add_people_even_where_it_may_look(sponsor_user, world, login):
    url = reverse("enterprises:person_create", args=[world.sponsored_consenting.pk])
    assert login(sponsor_user).get(url).status_code == 403


def test_coordinator_adds_an_enterprise_to_a_programme(coordinator, world, login):
    enterprise = EnterpriseFactory(country=world.china)
    url = reverse("enterprises:participation_create", args=[enterprise.pk])
    response = login(coordinator).post(
        url, {"programme": world.programme.pk, "status": "enrolled", "provider": world.provider.pk}
    )
    assert response.status_code == 302
    assert enterprise.participations.get().provider == world.provider


def test_partnership_of_another_programme_is_refused(admin_user, world, login):
    enterprise = EnterpriseFactory(country=world.vietnam)
    url = reverse("enterprises:participation_create", args=[enterprise.pk])
    response = login(admin_user).post(
        url,
        {
            "programme": world.other_programme.pk,
            "status": "enrolled",
            "partnership": world.partnership.pk,
        },
    )
    assert response.status_code == 200
    assert "partnership" in response.context["form"].errors
    assert not enterprise.participations.exists()


def test_search_filters_the_list_and_htmx_gets_only_the_results(admin_user, world, login):
    client = login(admin_user)
    response = client.get(
        reverse("enterprises:enterprise_list"), {"q": "socks"}, HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert "Consenting Socks" in body
    assert "Provided Machinery" not in body
    assert "<html" not in body


def _count_queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_enterprise_list_costs_the_same_queries_for_10_and_1000_enterprises(
    coordinator, world, login
):
    client = login(coordinator)
    url = reverse("enterprises:enterprise_list")
    EnterpriseFactory.create_batch(10, country=world.china)
    few = _count_queries(client, url)
    many = Enterprise.objects.bulk_create(
        EnterpriseFactory.build(country=world.china, code=f"BULK-{n:04d}") for n in range(990)
    )
    Participation.objects.bulk_create(
        Participation(enterprise=e, programme=world.programme) for e in many[:200]
    )
    assert Enterprise.objects.count() > 1000
    assert _count_queries(client, url) == few
