"""Creating, editing, searching and filtering programmes, and bad input."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from score.programmes.models import Programme

pytestmark = pytest.mark.django_db


def messages_of(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def programme_data(world, **overrides):
    data = {
        "code": "CN-P2",
        "name": "SCORE China Phase II",
        "country": world.china.pk,
        "phase": "2",
        "start_date": "2013-01-01",
        "end_date": "2016-12-31",
        "status": "active",
        "donors": [world.donor.pk],
        "implementation_partners": [world.provider.pk],
        "description": "",
    }
    data.update(overrides)
    return data


def create(client, world, **overrides):
    return client.post(reverse("programmes:programme_create"), programme_data(world, **overrides))


def test_coordinator_creates_a_programme_in_their_country(coordinator, login, world):
    response = create(login(coordinator), world)
    programme = Programme.objects.get(code="CN-P2")
    assert response.status_code == 302
    assert response.url == programme.get_absolute_url()
    assert list(programme.donors.all()) == [world.donor]
    assert list(programme.implementation_partners.all()) == [world.provider]
    assert messages_of(response) == [
        "Programme SCORE China Phase II (CN-P2) was created. Add its partnerships from this page."
    ]


def test_coordinator_is_offered_only_their_own_country(coordinator, login, world):
    response = login(coordinator).get(reverse("programmes:programme_create"))
    assert list(response.context["form"].fields["country"].queryset) == [world.china]


def test_coordinator_cannot_create_a_programme_in_another_country(coordinator, login, world):
    response = create(login(coordinator), world, country=world.vietnam.pk)
    assert response.status_code == 200
    assert response.context["form"].errors["country"]
    assert not Programme.objects.filter(code="CN-P2").exists()


def test_admin_creates_a_programme_in_any_country(admin_user, login, world):
    create(login(admin_user), world, code="VN-P2", country=world.vietnam.pk)
    assert Programme.objects.get(code="VN-P2").country == world.vietnam


def test_end_date_before_start_date_gives_an_error_and_writes_nothing(coordinator, login, world):
    response = create(login(coordinator), world, start_date="2016-01-01", end_date="2015-01-01")
    assert response.status_code == 200
    assert "is before the start date" in response.context["form"].errors["end_date"][0]
    assert not Programme.objects.filter(code="CN-P2").exists()


def test_duplicate_programme_code_gives_an_error_and_writes_nothing(coordinator, login, world):
    response = create(login(coordinator), world, code="CN-P1")
    assert response.context["form"].errors["code"] == [
        "Another programme already uses this code. Choose another."
    ]
    assert Programme.objects.filter(code="CN-P1").count() == 1


def test_code_with_spaces_gives_an_error_and_writes_nothing(coordinator, login, world):
    response = create(login(coordinator), world, code="CN P2")
    assert response.context["form"].errors["code"]
    assert not Programme.objects.filter(name="SCORE China Phase II").exists()


def test_phase_out_of_range_gives_an_error_and_writes_nothing(coordinator, login, world):
    response = create(login(coordinator), world, phase="0")
    assert response.context["form"].errors["phase"]
    assert not Programme.objects.filter(code="CN-P2").exists()


def test_missing_start_date_gives_an_error_and_writes_nothing(coordinator, login, world):
    response = create(login(coordinator), world, start_date="")
    assert response.context["form"].errors["start_date"]
    assert not Programme.objects.filter(code="CN-P2").exists()


def test_coordinator_edits_their_programme_and_its_donors(coordinator, login, world):
    url = reverse("programmes:programme_edit", args=[world.programme.pk])
    data = programme_data(
        world, code="CN-P1", name="SCORE China Phase I", phase="1", status="closed", donors=[]
    )
    response = login(coordinator).post(url, data)
    world.programme.refresh_from_db()
    assert response.status_code == 302
    assert world.programme.status == "closed"
    assert list(world.programme.donors.all()) == []
    assert messages_of(response) == ["Your changes to SCORE China Phase I (CN-P1) were saved."]


def test_edit_form_starts_with_the_current_donors(coordinator, login, world):
    url = reverse("programmes:programme_edit", args=[world.programme.pk])
    form = login(coordinator).get(url).context["form"]
    assert list(form.initial["donors"]) == [world.donor]


def test_invalid_edit_leaves_the_programme_untouched(coordinator, login, world):
    url = reverse("programmes:programme_edit", args=[world.programme.pk])
    data = programme_data(world, code="CN-P1", name="Renamed", end_date="2000-01-01")
    response = login(coordinator).post(url, data)
    assert response.status_code == 200
    world.programme.refresh_from_db()
    assert world.programme.name == "SCORE China Phase I"


def test_donor_cannot_change_a_programme_it_funds(donor_user, login, world):
    url = reverse("programmes:programme_edit", args=[world.programme.pk])
    response = login(donor_user).post(url, programme_data(world, code="CN-P1", name="Renamed"))
    assert response.status_code == 403
    world.programme.refresh_from_db()
    assert world.programme.name == "SCORE China Phase I"


def test_programme_list_filters_by_country(admin_user, login, world):
    response = login(admin_user).get(
        reverse("programmes:programme_list"), {"country": world.vietnam.pk}
    )
    assert [p.code for p in response.context["page"].object_list] == ["VN-P1"]


def test_programme_list_filters_by_status(admin_user, login, world):
    Programme.objects.filter(pk=world.other_programme.pk).update(status="closed")
    response = login(admin_user).get(reverse("programmes:programme_list"), {"status": "closed"})
    assert [p.code for p in response.context["page"].object_list] == ["VN-P1"]


def test_programme_list_counts_the_enterprises_taking_part(admin_user, login, world):
    response = login(admin_user).get(reverse("programmes:programme_list"))
    counts = {p.code: p.enterprise_count for p in response.context["page"].object_list}
    assert counts == {"CN-P1": 4, "VN-P1": 1}


def test_programme_search_through_htmx_returns_only_the_results(admin_user, login, world):
    response = login(admin_user).get(
        reverse("programmes:programme_list"), {"q": "viet"}, headers={"HX-Request": "true"}
    )
    assert response.text.lstrip().startswith('<div id="results"')
    assert "SCORE Viet Nam" in response.text
    assert "SCORE China Phase I" not in response.text


def test_programme_list_ignores_filters_it_cannot_read(admin_user, login, world):
    response = login(admin_user).get(
        reverse("programmes:programme_list"), {"country": "abc", "status": "nope", "page": "x"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors
