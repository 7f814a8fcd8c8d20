"""Creating and editing countries (programme admins only), and bad input."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from score.programmes.models import Country

pytestmark = pytest.mark.django_db


def messages_of(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def post_country(client, **overrides):
    data = {"code": "TH", "name": "Thailand", "currency": "USD", "default_language": "en"}
    data.update(overrides)
    return client.post(reverse("programmes:country_create"), data)


def test_admin_adds_a_country_and_is_told_so(admin_user, login, world):
    response = post_country(login(admin_user))
    assert response.status_code == 302
    assert Country.objects.filter(code="TH", name="Thailand").exists()
    assert messages_of(response) == ["Country Thailand was added."]


def test_country_code_is_stored_in_capitals(admin_user, login, world):
    post_country(login(admin_user), code=" th ")
    assert Country.objects.filter(code="TH").exists()


def test_duplicate_country_code_gives_an_error_and_writes_nothing(admin_user, login, world):
    response = post_country(login(admin_user), code="cn", name="Another China")
    assert response.status_code == 200
    assert response.context["form"].errors["code"] == ["Another country already has this ISO code."]
    assert Country.objects.count() == 2


def test_unknown_currency_gives_an_error_and_writes_nothing(admin_user, login, world):
    response = post_country(login(admin_user), currency="XYZ")
    assert "XYZ is not a currency" in response.context["form"].errors["currency"][0]
    assert not Country.objects.filter(code="TH").exists()


def test_country_code_must_be_two_letters(admin_user, login, world):
    response = post_country(login(admin_user), code="THA")
    assert response.context["form"].errors["code"]
    assert not Country.objects.filter(name="Thailand").exists()


def test_admin_changes_a_countrys_currency(admin_user, login, world):
    response = login(admin_user).post(
        reverse("programmes:country_edit", args=[world.vietnam.pk]),
        {"code": "VN", "name": "Viet Nam", "currency": "USD", "default_language": "en"},
    )
    assert response.status_code == 302
    world.vietnam.refresh_from_db()
    assert world.vietnam.currency == "USD"
    assert messages_of(response) == ["Your changes to Viet Nam were saved."]


def test_coordinator_cannot_add_a_country(coordinator, login, world):
    response = post_country(login(coordinator))
    assert response.status_code == 403
    assert not Country.objects.filter(code="TH").exists()


def test_country_list_searches_by_name(admin_user, login, world):
    response = login(admin_user).get(reverse("programmes:country_list"), {"q": "viet"})
    assert [c.code for c in response.context["page"].object_list] == ["VN"]
