"""The home dashboard and navigation, per persona."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

NAV = {
    "admin_user": {"Programmes", "Partnerships", "Enterprises", "Organisations", "Countries"},
    "coordinator": {"Programmes", "Partnerships", "Enterprises", "Organisations"},
    "provider_staff": {"Programmes", "Enterprises", "Organisations"},
    "trainer": {"Programmes", "Enterprises"},
    "enterprise_user": {"Enterprises"},
    "sponsor_user": {"Programmes", "Partnerships", "Enterprises"},
    "donor_user": {"Programmes", "Partnerships"},
    "outsider": set(),
}
CORE = {"Programmes", "Partnerships", "Enterprises", "Organisations", "Countries"}

# Enterprises counted on the dashboard (aggregate scope) per persona, in the `world`.
IN_SCOPE = {
    "admin_user": 5,
    "coordinator": 4,
    "provider_staff": 1,
    "trainer": 1,
    "enterprise_user": 1,
    "sponsor_user": 2,
    "donor_user": 4,
    "outsider": 0,
}


def test_navigation_shows_each_persona_its_own_sections(persona, login):
    name, user = persona
    response = login(user).get(reverse("home"))
    labels = {str(item["label"]) for item in response.context["nav_items"]}
    assert labels & CORE == NAV[name]


def test_dashboard_counts_enterprises_in_the_personas_scope(persona, login):
    name, user = persona
    response = login(user).get(reverse("home"))
    assert response.status_code == 200
    assert response.context["counts"]["enterprises_in_scope"] == IN_SCOPE[name]


def test_user_without_a_role_is_told_to_ask_for_one(outsider, login):
    response = login(outsider).get(reverse("home"))
    assert "has no role yet" in response.content.decode()


def test_home_asks_anonymous_visitors_to_log_in(client, db):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_login_with_email_is_case_insensitive(client, coordinator):
    response = client.post(
        reverse("login"),
        {"username": coordinator.email.upper(), "password": "correct horse battery staple"},
    )
    assert response.status_code == 302


def test_wrong_password_gives_a_message_not_an_error(client, coordinator):
    response = client.post(reverse("login"), {"username": coordinator.email, "password": "nope"})
    assert response.status_code == 200
    assert response.context["form"].errors


def test_chinese_home_page_is_translated(coordinator, login):
    client = login(coordinator)
    client.post(reverse("set_language"), {"language": "zh-hans", "next": "/"})
    body = client.get(reverse("home")).content.decode()
    assert 'lang="zh-hans"' in body
    assert "欢迎" in body
    assert "企业" in body


def test_programme_admin_with_staff_status_can_use_the_administration_site(admin_user, login):
    admin_user.is_staff = True
    admin_user.save()
    response = login(admin_user).get("/admin/enterprises/enterprise/")
    assert response.status_code == 200


def test_coordinator_with_staff_status_gets_no_model_permissions_from_the_role(coordinator, login):
    coordinator.is_staff = True
    coordinator.save()
    response = login(coordinator).get("/admin/enterprises/enterprise/")
    assert response.status_code == 403
