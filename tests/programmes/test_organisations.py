"""Creating, editing, searching and filtering organisations."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from score.core.models import AuditEvent
from score.programmes.models import Organisation

pytestmark = pytest.mark.django_db


def messages_of(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def organisation_data(world, **overrides):
    data = {
        "name": "China Enterprise Confederation",
        "short_name": "CEC",
        "kind": "employers_organisation",
        "country": world.china.pk,
        "status": "active",
        "mou_date": "2009-11-02",
        "has_business_plan": "on",
        "website": "",
        "notes": "",
    }
    data.update(overrides)
    return data


def create(client, world, **overrides):
    return client.post(
        reverse("programmes:organisation_create"), organisation_data(world, **overrides)
    )


def test_coordinator_creates_an_organisation_in_their_country(coordinator, login, world):
    response = create(login(coordinator), world)
    cec = Organisation.objects.get(short_name="CEC")
    assert response.status_code == 302
    assert response.url == cec.get_absolute_url()
    assert (cec.country, cec.has_business_plan, str(cec.mou_date)) == (
        world.china,
        True,
        "2009-11-02",
    )
    assert messages_of(response) == ["Organisation CEC was created."]


def test_creating_an_organisation_is_audited(coordinator, login, world):
    create(login(coordinator), world)
    assert AuditEvent.objects.filter(verb="create_organisation", user=coordinator).exists()


def test_coordinator_cannot_create_an_organisation_in_another_country(coordinator, login, world):
    response = create(login(coordinator), world, country=world.vietnam.pk)
    assert response.status_code == 200
    assert response.context["form"].errors["country"]
    assert not Organisation.objects.filter(short_name="CEC").exists()


def test_coordinator_must_give_a_country(coordinator, login, world):
    response = create(login(coordinator), world, country="")
    assert response.context["form"].errors["country"]
    assert not Organisation.objects.filter(short_name="CEC").exists()


def test_admin_creates_an_international_organisation(admin_user, login, world):
    create(login(admin_user), world, name="UNIDO", short_name="", country="")
    assert Organisation.objects.get(name="UNIDO").country is None


def test_duplicate_organisation_name_gives_an_error_and_writes_nothing(admin_user, login, world):
    response = create(login(admin_user), world, name="SECO")
    assert response.context["form"].errors["name"] == [
        "Another organisation already has this name."
    ]
    assert Organisation.objects.filter(name="SECO").count() == 1


def test_unknown_kind_gives_an_error_and_writes_nothing(admin_user, login, world):
    response = create(login(admin_user), world, kind="charity")
    assert response.context["form"].errors["kind"]
    assert not Organisation.objects.filter(short_name="CEC").exists()


def test_bad_mou_date_gives_an_error_and_writes_nothing(admin_user, login, world):
    response = create(login(admin_user), world, mou_date="2009-13-45")
    assert response.context["form"].errors["mou_date"]
    assert not Organisation.objects.filter(short_name="CEC").exists()


def test_coordinator_marks_a_partner_discontinued(coordinator, login, world):
    data = organisation_data(
        world, name=world.provider.name, short_name="", kind="training_institution"
    )
    data["status"] = "discontinued"
    url = reverse("programmes:organisation_edit", args=[world.provider.pk])
    response = login(coordinator).post(url, data)
    world.provider.refresh_from_db()
    assert world.provider.status == "discontinued"
    assert messages_of(response) == ["Your changes to Liaoning Training Centre were saved."]


def test_provider_staff_cannot_edit_their_own_organisation(provider_staff, login, world):
    url = reverse("programmes:organisation_edit", args=[world.provider.pk])
    response = login(provider_staff).post(url, organisation_data(world, name="Renamed"))
    assert response.status_code == 403
    world.provider.refresh_from_db()
    assert world.provider.name == "Liaoning Training Centre"


def test_edit_form_shows_the_mou_date_as_an_iso_date_in_chinese(coordinator, login, world):
    world.provider.mou_date = "2012-03-01"
    world.provider.save()
    client = login(coordinator)
    client.cookies["django_language"] = "zh-hans"
    response = client.get(reverse("programmes:organisation_edit", args=[world.provider.pk]))
    assert '<html lang="zh-hans">' in response.text
    assert 'type="date"' in response.text
    assert 'value="2012-03-01"' in response.text


def test_organisation_list_filters_by_kind(admin_user, login, world):
    response = login(admin_user).get(
        reverse("programmes:organisation_list"), {"kind": "lead_buyer"}
    )
    assert [o.name for o in response.context["page"].object_list] == ["Coop Switzerland"]


def test_organisation_list_filters_by_status_and_country(admin_user, login, world):
    Organisation.objects.filter(pk=world.other_provider.pk).update(status="discontinued")
    response = login(admin_user).get(
        reverse("programmes:organisation_list"),
        {"status": "discontinued", "country": world.china.pk},
    )
    assert [o.name for o in response.context["page"].object_list] == ["Chongqing BDS"]


def test_organisation_list_searches_short_names(admin_user, login, world):
    Organisation.objects.filter(pk=world.provider.pk).update(short_name="LTC")
    response = login(admin_user).get(reverse("programmes:organisation_list"), {"q": "ltc"})
    assert [o.name for o in response.context["page"].object_list] == ["Liaoning Training Centre"]
