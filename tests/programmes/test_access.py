"""Each programmes page answers each persona as DESIGN.md says ("Roles and what each
sees"): only their rows, 404 outside their scope, 403 on writing without the right."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

EVERYONE_BUT_OUTSIDER = {
    "admin_user",
    "coordinator",
    "provider_staff",
    "trainer",
    "enterprise_user",
    "sponsor_user",
    "donor_user",
}


def shown(response, attribute="code"):
    return sorted(getattr(row, attribute) for row in response.context["page"].object_list)


def expected_status(name, *, allowed, visible):
    if name in allowed:
        return 200
    return 403 if name in visible else 404


# Programmes ---------------------------------------------------------------------------


def test_programme_list_shows_each_persona_only_their_programmes(persona, login, world):
    name, user = persona
    expected = {
        "admin_user": ["CN-P1", "VN-P1"],
        "outsider": [],
    }.get(name, ["CN-P1"])
    response = login(user).get(reverse("programmes:programme_list"))
    assert response.status_code == 200
    assert shown(response) == expected


def test_programme_detail_answers_everyone_who_takes_part_and_404_to_the_outsider(
    persona, login, world
):
    name, user = persona
    url = reverse("programmes:programme_detail", args=[world.programme.pk])
    response = login(user).get(url)
    assert response.status_code == (200 if name in EVERYONE_BUT_OUTSIDER else 404)


def test_programme_of_another_country_is_404_for_everyone_but_the_admin(persona, login, world):
    name, user = persona
    url = reverse("programmes:programme_detail", args=[world.other_programme.pk])
    response = login(user).get(url)
    assert response.status_code == (200 if name == "admin_user" else 404)


def test_programme_edit_is_for_admin_and_coordinator_only(persona, login, world):
    name, user = persona
    url = reverse("programmes:programme_edit", args=[world.programme.pk])
    response = login(user).get(url)
    assert response.status_code == expected_status(
        name, allowed={"admin_user", "coordinator"}, visible=EVERYONE_BUT_OUTSIDER
    )


def test_programme_create_is_for_admin_and_coordinator_only(persona, login, world):
    name, user = persona
    response = login(user).get(reverse("programmes:programme_create"))
    assert response.status_code == (200 if name in {"admin_user", "coordinator"} else 403)


def test_coordinator_gets_404_editing_a_programme_of_another_country(coordinator, login, world):
    url = reverse("programmes:programme_edit", args=[world.other_programme.pk])
    assert login(coordinator).get(url).status_code == 404


# Organisations ------------------------------------------------------------------------

ALL_ORGANISATIONS = [
    "Chongqing BDS",
    "Coop Switzerland",
    "Liaoning Training Centre",
    "SECO",
]
ORGANISATIONS_SEEN = {
    "admin_user": ALL_ORGANISATIONS,
    "coordinator": ALL_ORGANISATIONS,
    "provider_staff": ["Liaoning Training Centre"],
    "trainer": ["Liaoning Training Centre"],
    "enterprise_user": [],
    "sponsor_user": ["Coop Switzerland"],
    "donor_user": ["SECO"],
    "outsider": [],
}


def test_organisation_list_shows_each_persona_only_their_organisations(persona, login, world):
    name, user = persona
    response = login(user).get(reverse("programmes:organisation_list"))
    assert response.status_code == 200
    assert shown(response, "name") == ORGANISATIONS_SEEN[name]


def test_organisation_detail_is_404_outside_the_personas_scope(persona, login, world):
    name, user = persona
    url = reverse("programmes:organisation_detail", args=[world.provider.pk])
    response = login(user).get(url)
    seen = "Liaoning Training Centre" in ORGANISATIONS_SEEN[name]
    assert response.status_code == (200 if seen else 404)


def test_organisation_edit_is_for_admin_and_coordinator_of_its_country(persona, login, world):
    name, user = persona
    url = reverse("programmes:organisation_edit", args=[world.provider.pk])
    response = login(user).get(url)
    visible = {n for n, names in ORGANISATIONS_SEEN.items() if world.provider.name in names}
    assert response.status_code == expected_status(
        name, allowed={"admin_user", "coordinator"}, visible=visible
    )


def test_organisation_create_is_for_admin_and_coordinator_only(persona, login, world):
    name, user = persona
    response = login(user).get(reverse("programmes:organisation_create"))
    assert response.status_code == (200 if name in {"admin_user", "coordinator"} else 403)


def test_coordinator_may_not_edit_an_international_organisation(coordinator, login, world):
    url = reverse("programmes:organisation_edit", args=[world.donor.pk])
    assert login(coordinator).get(url).status_code == 403


# Partnerships -------------------------------------------------------------------------

PARTNERSHIP_VIEWERS = {"admin_user", "coordinator", "sponsor_user", "donor_user"}


def test_partnership_list_shows_each_persona_only_their_partnerships(persona, login, world):
    name, user = persona
    response = login(user).get(reverse("programmes:partnership_list"))
    assert response.status_code == 200
    assert shown(response) == (["COOP"] if name in PARTNERSHIP_VIEWERS else [])


def test_partnership_detail_is_404_outside_the_personas_scope(persona, login, world):
    name, user = persona
    url = reverse("programmes:partnership_detail", args=[world.partnership.pk])
    response = login(user).get(url)
    assert response.status_code == (200 if name in PARTNERSHIP_VIEWERS else 404)


def test_partnership_edit_is_for_admin_and_coordinator_only(persona, login, world):
    name, user = persona
    url = reverse("programmes:partnership_edit", args=[world.partnership.pk])
    response = login(user).get(url)
    assert response.status_code == expected_status(
        name, allowed={"admin_user", "coordinator"}, visible=PARTNERSHIP_VIEWERS
    )


def test_partnership_create_is_for_admin_and_coordinator_only(persona, login, world):
    name, user = persona
    response = login(user).get(reverse("programmes:partnership_create"))
    assert response.status_code == (200 if name in {"admin_user", "coordinator"} else 403)


# Countries ----------------------------------------------------------------------------


@pytest.mark.parametrize("route", ["country_list", "country_create"])
def test_country_pages_are_for_programme_admins_only(persona, login, world, route):
    name, user = persona
    response = login(user).get(reverse(f"programmes:{route}"))
    assert response.status_code == (200 if name == "admin_user" else 403)


def test_country_edit_is_for_programme_admins_only(persona, login, world):
    name, user = persona
    response = login(user).get(reverse("programmes:country_edit", args=[world.china.pk]))
    assert response.status_code == (200 if name == "admin_user" else 403)


def test_anonymous_visitor_is_sent_to_the_login_page(client, world):
    response = client.get(reverse("programmes:programme_list"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
