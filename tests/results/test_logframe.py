"""Logframe targets (entered by coordinators) against actuals computed from the records."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from score.accounts.models import Role
from score.core.models import AuditEvent
from score.programmes import actions
from score.programmes.models import LogframeTarget
from score.results import logframe
from tests.counselling.factories import VisitFactory
from tests.factories import (
    EnterpriseFactory,
    OrganisationFactory,
    ParticipationFactory,
    PersonFactory,
    user_with_role,
)
from tests.training.factories import EnrolmentFactory, ParticipantFactory, SessionFactory

pytestmark = pytest.mark.django_db

EARLY = datetime.date(2011, 6, 30)
LATE = datetime.date(2012, 12, 31)
TODAY = datetime.date(2013, 6, 1)


def train(programme, enterprise, *, classroom_on, people, visits=()):
    """``enterprise`` trained in one class starting on ``classroom_on`` with ``people``
    (sex, role) and visits done on the ``visits`` dates."""
    enrolment = EnrolmentFactory(
        enterprise=enterprise,
        programme=programme,
        status="classroom_done",
        classroom_on=classroom_on,
    )
    session = SessionFactory(
        programme=programme,
        enrolments=[enrolment],
        start_date=classroom_on,
        end_date=classroom_on + datetime.timedelta(days=1),
    )
    for sex, role in people:
        person = PersonFactory(enterprise=enterprise, sex=sex, role=role)
        ParticipantFactory(session=session, person=person)
    for day in visits:
        VisitFactory(enrolment=enrolment, done_on=day, trainer=None)
    return enrolment


@pytest.fixture
def records(world):
    """Hand-counted: by EARLY one enterprise (100 staff) trained, 2 people (1 woman), one
    visit; by LATE two enterprises (100 + 30 staff), 5 people (3 women), 3 visits."""
    world.provided.employees_female, world.provided.employees_male = 40, 60
    world.provided.cluster = "Shenyang machinery"
    world.provided.save()
    train(
        world.programme,
        world.provided,
        classroom_on=datetime.date(2011, 3, 1),
        people=[("female", "manager"), ("male", "worker")],
        visits=[datetime.date(2011, 4, 1), datetime.date(2012, 2, 1)],
    )
    world.sponsored_private.employees_female, world.sponsored_private.employees_male = 20, 10
    world.sponsored_private.save()
    train(
        world.programme,
        world.sponsored_private,
        classroom_on=datetime.date(2012, 3, 1),
        people=[("female", "worker"), ("female", "manager"), ("male", "worker")],
        visits=[datetime.date(2012, 5, 1)],
    )
    # Registered but not trained: counts nowhere.
    EnrolmentFactory(enterprise=world.unrelated_cn, programme=world.programme)
    world.provider.mou_date = datetime.date(2011, 1, 15)
    world.provider.has_business_plan = True
    world.provider.save()
    partner = OrganisationFactory(name="CEC", kind="employers_organisation")
    partner.mou_date = datetime.date(2012, 6, 1)
    partner.save()
    world.programme.implementation_partners.add(partner)
    return world


def set_target(world, indicator, value, target_date=LATE, sex="", by=None):
    by = by or user_with_role(Role.PROGRAMME_ADMIN)
    return actions.set_logframe_target(
        by=by,
        programme=world.programme,
        indicator=indicator,
        country=world.china,
        target_date=target_date,
        value=Decimal(value),
        sex=sex,
    )


def _row(table, code):
    return next(row for row in table["rows"] if row.code == code)


def test_actuals_count_what_was_done_by_each_date(records):
    programme = records.programme
    codes = [
        "smes_trained",
        "people_trained",
        "workforce",
        "enterprise_visits",
        "mous_signed",
        "business_plans",
        "clusters_selected",
    ]
    early = {code: logframe.actual_for(programme, code, EARLY) for code in codes}
    late = {code: logframe.actual_for(programme, code, LATE) for code in codes}
    assert (early["smes_trained"].total, late["smes_trained"].total) == (1, 2)
    assert (early["people_trained"].total, late["people_trained"].total) == (2, 5)
    assert (late["people_trained"].female, late["people_trained"].male) == (3, 2)
    assert (early["workforce"].total, late["workforce"].total) == (100, 130)
    assert (early["enterprise_visits"].total, late["enterprise_visits"].total) == (1, 3)
    assert (early["mous_signed"].total, late["mous_signed"].total) == (1, 2)
    assert late["business_plans"].total == 1
    assert late["clusters_selected"].total == 1


def test_each_target_is_compared_with_the_actual_by_its_date(records):
    set_target(records, "smes_trained", 2, target_date=EARLY)
    set_target(records, "smes_trained", 4, target_date=LATE)
    set_target(records, "people_trained", 4, target_date=LATE, sex="female")
    table = logframe.build_logframe(records.programme, today=TODAY)
    smes = _row(table, "smes_trained")
    assert [(t.target.value, t.actual, t.percent) for t in smes.targets] == [
        (Decimal("2"), 1, 50),
        (Decimal("4"), 2, 50),
    ]
    women = _row(table, "people_trained").targets[0]
    assert (women.actual, women.percent) == (3, 75)


def test_a_future_target_is_compared_with_the_actual_to_date(records):
    set_target(records, "smes_trained", 10, target_date=datetime.date(2030, 1, 1))
    table = logframe.build_logframe(records.programme, today=EARLY)
    (target,) = _row(table, "smes_trained").targets
    assert (target.actual, target.until) == (1, EARLY)


def test_indicators_without_a_source_say_not_yet_recorded(records, admin_user, login):
    set_target(records, "centre_of_excellence", 1)
    table = logframe.build_logframe(records.programme, today=TODAY)
    row = _row(table, "centre_of_excellence")
    assert (row.recorded, row.actual, row.targets[0].actual) == (False, None, None)
    response = login(admin_user).get(reverse("results:logframe", args=[records.programme.pk]))
    assert "not yet recorded" in response.content.decode()


def test_a_plugged_in_source_feeds_its_indicator(records, monkeypatch):
    logframe.plug_in_other_apps()  # so that monkeypatch puts back what they registered
    monkeypatch.setitem(logframe.SOURCES, "trainers_certified", lambda programme, until: 7)
    table = logframe.build_logframe(records.programme, today=TODAY)
    assert _row(table, "trainers_certified").actual.total == 7


def test_a_source_by_sex_gives_a_total_from_women_and_men(records, monkeypatch):
    logframe.plug_in_other_apps()
    monkeypatch.setitem(
        logframe.SOURCES, "expert_trainers", lambda programme, until: {"female": 2, "male": 3}
    )
    set_target(records, "expert_trainers", 3, sex="female")
    table = logframe.build_logframe(records.programme, today=TODAY)
    row = _row(table, "expert_trainers")
    assert (row.actual.total, row.targets[0].actual) == (5, 2)


def test_trainers_and_finance_apps_plug_in_their_sources(records):
    logframe.plug_in_other_apps()
    table = logframe.build_logframe(records.programme, today=TODAY)
    for code in ("trainers_trained", "trainers_certified", "trainers_active", "expert_trainers"):
        row = _row(table, code)
        assert row.recorded and row.actual.total == 0  # no trainer records in this world
    assert _row(table, "sponsors_paying").actual.total == 0


def test_registering_an_unknown_indicator_is_refused():
    with pytest.raises(ValueError):
        logframe.register("happiness", lambda programme, until: 1)


# Setting targets --------------------------------------------------------------------


def test_coordinator_sets_a_target_through_the_form(records, coordinator, login):
    client = login(coordinator)
    url = reverse("programmes:logframe_targets", args=[records.programme.pk])
    data = {
        "indicator": "smes_trained",
        "sex": "",
        "country": records.china.pk,
        "target_date": "2012-12-31",
        "value": "60",
        "notes": "Phase I document",
    }
    response = client.post(url, data, follow=True)
    assert response.status_code == 200
    target = LogframeTarget.objects.get()
    assert (target.indicator, target.value, target.programme) == (
        "smes_trained",
        Decimal("60"),
        records.programme,
    )
    assert "was saved" in response.content.decode()
    assert AuditEvent.objects.filter(verb="create_logframetarget").count() == 1


def test_setting_the_same_target_again_changes_its_value(records, coordinator):
    set_target(records, "smes_trained", 50, by=coordinator)
    set_target(records, "smes_trained", 53, by=coordinator)
    assert list(LogframeTarget.objects.values_list("value", flat=True)) == [Decimal("53")]


def test_a_sex_on_an_indicator_not_counted_by_sex_is_refused(records, coordinator, login):
    url = reverse("programmes:logframe_targets", args=[records.programme.pk])
    data = {
        "indicator": "smes_trained",
        "sex": "female",
        "country": records.china.pk,
        "target_date": "2012-12-31",
        "value": "60",
    }
    response = login(coordinator).post(url, data)
    assert response.status_code == 200
    assert "is not counted by sex" in response.content.decode()
    assert not LogframeTarget.objects.exists()


@pytest.mark.parametrize("value", ["-1", "abc", "1e400", ""])
def test_nonsense_target_values_are_refused_without_an_error_page(
    records, coordinator, login, value
):
    url = reverse("programmes:logframe_targets", args=[records.programme.pk])
    data = {
        "indicator": "cost_covered_non_ilo" if value == "" else "smes_trained",
        "country": records.china.pk,
        "target_date": "2012-12-31",
        "value": value,
    }
    response = login(coordinator).post(url, data)
    assert response.status_code == 200
    assert not LogframeTarget.objects.exists()


def test_a_share_of_cost_above_100_per_cent_is_refused(records, coordinator):
    with pytest.raises(ValidationError):
        set_target(records, "cost_covered_non_ilo", 120, by=coordinator)


def test_coordinator_removes_a_target(records, coordinator, login):
    target = set_target(records, "smes_trained", 50, by=coordinator)
    url = reverse("programmes:logframe_target_delete", args=[target.pk])
    response = login(coordinator).post(url)
    assert response.status_code == 302
    assert not LogframeTarget.objects.exists()


def test_donor_reads_the_logframe_but_cannot_set_targets(records, donor_user, login):
    client = login(donor_user)
    target = set_target(records, "smes_trained", 50)
    assert client.get(reverse("results:logframe", args=[records.programme.pk])).status_code == 200
    url = reverse("programmes:logframe_targets", args=[records.programme.pk])
    assert client.get(url).status_code == 403
    delete = reverse("programmes:logframe_target_delete", args=[target.pk])
    assert client.post(delete).status_code == 403
    assert LogframeTarget.objects.exists()


def test_coordinator_of_another_country_cannot_set_targets(records, world):
    other = user_with_role(Role.COUNTRY_COORDINATOR, country=world.vietnam)
    with pytest.raises(PermissionDenied):
        set_target(records, "smes_trained", 5, by=other)


# Who sees the logframe ---------------------------------------------------------------

LOGFRAME_READERS = {"admin_user", "coordinator", "donor_user"}


def test_logframe_page_is_for_admins_coordinators_and_donors_only(records, persona, login):
    name, user = persona
    url = reverse("results:logframe", args=[records.programme.pk])
    expected = 200 if name in LOGFRAME_READERS else 404
    assert login(user).get(url).status_code == expected


def test_logframe_of_a_programme_the_donor_does_not_fund_is_not_found(records, donor_user, login):
    url = reverse("results:logframe", args=[records.other_programme.pk])
    assert login(donor_user).get(url).status_code == 404


def test_logframe_page_shows_targets_and_actuals(records, coordinator, login):
    set_target(records, "smes_trained", 4)
    response = login(coordinator).get(reverse("results:logframe", args=[records.programme.pk]))
    html = response.content.decode()
    assert "SMEs trained" in html
    assert "50 %" in html
    assert reverse("results:iati", args=[records.programme.pk]) in html


def test_logframe_page_renders_in_chinese(records, coordinator, login):
    set_target(records, "people_trained", 4, sex="female")
    client = login(coordinator)
    client.cookies["django_language"] = "zh-hans"
    response = client.get(reverse("results:logframe", args=[records.programme.pk]))
    assert response.status_code == 200
    assert 'lang="zh-hans"' in response.content.decode()
    translation.activate("en")


# Query counts ------------------------------------------------------------------------


def _more_trained(world, n):
    for i in range(n):
        enterprise = EnterpriseFactory(country=world.china)
        ParticipationFactory(enterprise=enterprise, programme=world.programme)
        train(
            world.programme,
            enterprise,
            classroom_on=datetime.date(2011, 5, 1 + i % 20),
            people=[("female", "worker")],
            visits=[datetime.date(2011, 6, 1)],
        )


def _count(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_logframe_page_costs_the_same_for_2_and_22_trained_enterprises(records, coordinator, login):
    set_target(records, "smes_trained", 4, target_date=EARLY)
    set_target(records, "people_trained", 4, target_date=LATE, sex="female")
    client = login(coordinator)
    url = reverse("results:logframe", args=[records.programme.pk])
    few = _count(client, url)
    _more_trained(records, 20)
    assert _count(client, url) == few


def test_programme_page_offers_the_logframe_to_its_readers_only(records, persona, login):
    name, user = persona
    response = login(user).get(reverse("programmes:programme_detail", args=[records.programme.pk]))
    if response.status_code != 200:
        return  # roles that do not see the programme at all
    offered = reverse("results:logframe", args=[records.programme.pk]) in response.content.decode()
    assert offered == (name in LOGFRAME_READERS)


def test_enterprise_page_links_to_its_scorecard(records, coordinator, login):
    response = login(coordinator).get(records.provided.get_absolute_url())
    assert reverse("results:scorecard", args=[records.provided.pk]) in response.content.decode()


GARBAGE = {
    "indicator": "\x00<script>",
    "sex": "both",
    "country": "999999",
    "target_date": "31/31/2031",
    "value": "-1e999",
    "notes": "x" * 5000,
}


def test_garbage_posted_to_the_logframe_pages_is_answered_without_a_server_error(
    records, persona, login
):
    _, user = persona
    client = login(user)
    target = set_target(records, "smes_trained", 5)
    pk = records.programme.pk
    urls = [
        reverse("programmes:logframe_targets", args=[pk]),
        reverse("programmes:logframe_target_delete", args=[999999]),
        reverse("results:logframe", args=[pk]),
        reverse("results:iati", args=[pk]),
        reverse("results:comparison", args=[pk]),
        reverse("results:scorecard", args=[records.provided.pk]),
    ]
    for url in urls:
        assert client.post(url, GARBAGE).status_code in (200, 302, 403, 404, 405), url
        assert client.get(url, GARBAGE).status_code in (200, 403, 404, 405), url
    assert LogframeTarget.objects.get() == target
