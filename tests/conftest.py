"""Personas (DESIGN.md, "Roles") and a small world they live in, as pytest fixtures.

The world: two countries; a programme in China with a provider, a donor and a sponsor;
enterprises that are each visible to a different persona; an enterprise in Viet Nam that
only the admin sees."""

from dataclasses import dataclass

import pytest
from django.conf import settings
from django.utils import translation

from score.accounts.models import Role
from tests.factories import (
    CountryFactory,
    EnterpriseFactory,
    OrganisationFactory,
    ParticipationFactory,
    PartnershipFactory,
    PersonFactory,
    ProgrammeFactory,
    UserFactory,
    user_with_role,
)

PASSWORD = "correct horse battery staple"

pytest_plugins = ["tests.playwright_fixtures"]


def pytest_configure(config):
    from django.db.models.signals import post_migrate

    from tests.playwright_fixtures import reseed_after_flush

    post_migrate.connect(reseed_after_flush, dispatch_uid="score-tests-reseed-after-flush")


def pytest_collection_modifyitems(items):
    """Mark Playwright tests ``browser`` and run them last.

    Browser tests use a transactional database: Django flushes it after each one and
    restores what the migrations seeded (modules, indicators, questionnaires) only at the
    start of the next serialized test, so tests running after the last browser test would
    find those catalogues empty."""
    browser, others = [], []
    for item in items:
        # The Playwright `page` fixture needs `browser`; a test merely parametrised with
        # an argument called "page" does not.
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)
            browser.append(item)
        else:
            others.append(item)
    items[:] = others + browser


@pytest.fixture(autouse=True)
def _site_language_again():
    """A request in Chinese leaves Chinese active on the thread; start each test afresh."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


@dataclass
class World:
    china: object
    vietnam: object
    programme: object
    other_programme: object
    provider: object
    other_provider: object
    donor: object
    sponsor: object
    partnership: object
    provided: object  # enrolled with `provider`, trained by `trainer`
    sponsored_consenting: object  # sponsored by `sponsor`, consents to share
    sponsored_private: object  # sponsored by `sponsor`, no consent
    unrelated_cn: object  # in China, other provider, no sponsor
    foreign: object  # in Viet Nam, other programme


@pytest.fixture
def world(db):
    china = CountryFactory(code="CN", name="China", currency="CNY")
    vietnam = CountryFactory(code="VN", name="Viet Nam", currency="VND", default_language="en")
    donor = OrganisationFactory(name="SECO", kind="donor", country=None)
    provider = OrganisationFactory(name="Liaoning Training Centre", kind="training_institution")
    other_provider = OrganisationFactory(name="Chongqing BDS", kind="bds_provider")
    sponsor = OrganisationFactory(name="Coop Switzerland", kind="lead_buyer", country=None)
    programme = ProgrammeFactory(code="CN-P1", name="SCORE China Phase I", country=china)
    programme.donors.add(donor)
    other_programme = ProgrammeFactory(code="VN-P1", name="SCORE Viet Nam", country=vietnam)
    partnership = PartnershipFactory(code="COOP", sponsor=sponsor, programme=programme)
    provided = EnterpriseFactory(name="Provided Machinery", country=china)
    ParticipationFactory(enterprise=provided, programme=programme, provider=provider)
    consenting = EnterpriseFactory(
        name="Consenting Socks", country=china, shares_data_with_sponsors=True
    )
    ParticipationFactory(
        enterprise=consenting, programme=programme, provider=other_provider, partnership=partnership
    )
    private = EnterpriseFactory(name="Private Garments", country=china)
    ParticipationFactory(
        enterprise=private, programme=programme, provider=other_provider, partnership=partnership
    )
    unrelated = EnterpriseFactory(name="Unrelated Auto Parts", country=china)
    ParticipationFactory(enterprise=unrelated, programme=programme, provider=other_provider)
    foreign = EnterpriseFactory(name="Hanoi Furniture", country=vietnam)
    ParticipationFactory(enterprise=foreign, programme=other_programme)
    for enterprise in (provided, consenting, private, unrelated, foreign):
        PersonFactory(enterprise=enterprise)
    return World(
        china,
        vietnam,
        programme,
        other_programme,
        provider,
        other_provider,
        donor,
        sponsor,
        partnership,
        provided,
        consenting,
        private,
        unrelated,
        foreign,
    )


@pytest.fixture
def admin_user(world):
    return user_with_role(Role.PROGRAMME_ADMIN)


@pytest.fixture
def coordinator(world):
    return user_with_role(Role.COUNTRY_COORDINATOR, country=world.china)


@pytest.fixture
def provider_staff(world):
    return user_with_role(Role.PROVIDER_STAFF, organisation=world.provider)


@pytest.fixture
def trainer(world):
    user = user_with_role(Role.TRAINER, organisation=world.provider)
    world.provided.participations.get().trainers.add(user)
    return user


@pytest.fixture
def enterprise_user(world):
    return user_with_role(Role.ENTERPRISE_USER, enterprise=world.unrelated_cn)


@pytest.fixture
def sponsor_user(world):
    return user_with_role(Role.SPONSOR_VIEWER, organisation=world.sponsor)


@pytest.fixture
def donor_user(world):
    return user_with_role(Role.DONOR_VIEWER, organisation=world.donor)


@pytest.fixture
def outsider(world):
    return UserFactory(email="outsider@example.org")


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


@pytest.fixture(params=PERSONAS)
def persona(request):
    """Each persona in turn: (fixture name, user)."""
    return request.param, request.getfixturevalue(request.param)


@pytest.fixture
def login(client):
    def _login(user):
        client.force_login(user)
        return client

    return _login
