import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from score.monitoring.models import Indicator, Measurement, PracticeAnswer
from tests.factories import EnterpriseFactory, ParticipationFactory
from tests.monitoring.helpers import measure

pytestmark = pytest.mark.django_db

WORKING = {"admin_user", "coordinator", "provider_staff", "trainer", "enterprise_user"}
# world.provided: seen by admin, the China coordinator, its provider's staff, its trainer.
ON_PROVIDED = {"admin_user", "coordinator", "provider_staff", "trainer"}

ENTERPRISE_PAGES = [
    "monitoring:enterprise_measurements",
    "monitoring:measurement_create",
    "monitoring:record",
    "monitoring:practices",
    "monitoring:enterprise_quality",
]


@pytest.mark.parametrize("url_name", ENTERPRISE_PAGES)
def test_enterprise_monitoring_pages_are_404_outside_the_personas_working_scope(
    persona, world, login, url_name
):
    name, user = persona
    response = login(user).get(reverse(url_name, args=[world.provided.pk]))
    assert response.status_code == (200 if name in ON_PROVIDED else 404)


@pytest.mark.parametrize("url_name", ENTERPRISE_PAGES)
def test_enterprise_user_opens_the_monitoring_pages_of_its_own_enterprise(
    enterprise_user, world, login, url_name
):
    response = login(enterprise_user).get(reverse(url_name, args=[world.unrelated_cn.pk]))
    assert response.status_code == 200


@pytest.mark.parametrize(
    "url_name", ["monitoring:index", "monitoring:indicator_list", "monitoring:quality"]
)
def test_monitoring_lists_are_for_working_roles_only(persona, world, login, url_name):
    name, user = persona
    response = login(user).get(reverse(url_name))
    assert response.status_code == (200 if name in WORKING else 403)


def test_indicator_detail_is_404_for_viewers(persona, world, login):
    name, user = persona
    response = login(user).get(reverse("monitoring:indicator_detail", args=["defect_rate"]))
    assert response.status_code == (200 if name in WORKING else 404)


def test_only_admins_and_coordinators_may_create_indicators(persona, world, login):
    name, user = persona
    response = login(user).get(reverse("monitoring:indicator_create"))
    assert response.status_code == (200 if name in {"admin_user", "coordinator"} else 403)


def test_index_lists_only_the_trainers_assigned_enterprises(trainer, world, login):
    response = login(trainer).get(reverse("monitoring:index"))
    assert list(response.context["page"].object_list) == [world.provided]


def test_catalogue_shows_the_chinese_name_in_chinese(trainer, world, login):
    client = login(trainer)
    response = client.get(reverse("monitoring:indicator_list"), HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert "次品率" in response.content.decode()


def test_coordinator_adds_a_programme_indicator(coordinator, world, login):
    response = login(coordinator).post(
        reverse("monitoring:indicator_create"),
        {
            "code": "socks_per_hour", "name": "Socks per hour", "name_zh": "每小时袜子",
            "unit": "pairs / h", "direction": "up", "kind": "computed",
            "formula": "units_produced / labour_hours", "programme": world.programme.pk,
        },
    )  # fmt: skip
    assert response.status_code == 302
    indicator = Indicator.objects.get(code="socks_per_hour")
    assert indicator.programme == world.programme
    assert indicator.name_translations == {"zh-hans": "每小时袜子"}


@pytest.mark.parametrize(
    "formula", ["__import__('os').getcwd()", "units_produced ** 2", "unknown_code / 2"]
)
def test_bad_indicator_formula_shows_an_error_and_writes_nothing(
    coordinator, world, login, formula
):
    before = Indicator.objects.count()
    response = login(coordinator).post(
        reverse("monitoring:indicator_create"),
        {
            "code": "odd", "name": "Odd", "unit": "x", "direction": "up", "kind": "computed",
            "formula": formula, "programme": world.programme.pk,
        },
    )  # fmt: skip
    assert response.status_code == 200
    assert response.context["form"].errors["formula"]
    assert Indicator.objects.count() == before


def test_coordinator_cannot_add_an_indicator_to_another_countrys_programme(
    coordinator, world, login
):
    response = login(coordinator).post(
        reverse("monitoring:indicator_create"),
        {
            "code": "vn_x", "name": "X", "unit": "x", "direction": "up", "kind": "raw",
            "programme": world.other_programme.pk,
        },
    )  # fmt: skip
    assert response.status_code == 200
    assert "programme" in response.context["form"].errors
    assert not Indicator.objects.filter(code="vn_x").exists()


def _measurement_post(**overrides):
    data = {
        "indicator": Indicator.objects.get(code="cost_savings").pk,
        "wave": "follow_up",
        "period_start": "2012-01-01",
        "period_end": "2012-12-31",
        "value": "12000",
        "currency": "CNY",
        "source": "company_records",
    }
    data.update(overrides)
    return data


def test_trainer_records_a_value_and_sees_it_on_the_measurements_page(trainer, world, login):
    client = login(trainer)
    url = reverse("monitoring:measurement_create", args=[world.provided.pk])
    response = client.post(url, _measurement_post(), follow=True)
    assert "was saved" in response.content.decode()
    m = Measurement.objects.get()
    assert (m.value, m.currency, m.entered_by) == (Decimal(12000), "CNY", trainer)
    assert "12000 CNY" in response.content.decode()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"currency": ""}, "currency"),
        ({"currency": "XYZ"}, "currency"),
        ({"value": "lots"}, "value"),
        ({"period_end": "2011-01-01"}, "period_end"),
        ({"period_start": "31/31/2012"}, "period_start"),
        ({"wave": "midline"}, "wave"),
        ({"indicator": "999999"}, "indicator"),
    ],
)
def test_bad_measurement_input_shows_an_error_and_writes_nothing(
    trainer, world, login, overrides, field
):
    url = reverse("monitoring:measurement_create", args=[world.provided.pk])
    response = login(trainer).post(url, _measurement_post(**overrides))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Measurement.objects.exists()


def test_sponsor_cannot_post_a_measurement(sponsor_user, world, login):
    url = reverse("monitoring:measurement_create", args=[world.sponsored_consenting.pk])
    assert login(sponsor_user).post(url, _measurement_post()).status_code == 404
    assert not Measurement.objects.exists()


def test_trainer_deletes_a_value_of_an_assigned_enterprise(trainer, world, login):
    m = measure(world.provided, "accidents", 2)
    response = login(trainer).post(reverse("monitoring:measurement_delete", args=[m.pk]))
    assert response.status_code == 302
    assert not Measurement.objects.exists()


def test_trainer_cannot_delete_a_value_of_another_enterprise(trainer, world, login):
    m = measure(world.unrelated_cn, "accidents", 2)
    response = login(trainer).post(reverse("monitoring:measurement_delete", args=[m.pk]))
    assert response.status_code == 404
    assert Measurement.objects.exists()


def test_measurements_page_shows_derived_values_and_flags_beside_values(trainer, world, login):
    measure(world.provided, "defective_units", 50)
    measure(world.provided, "units_produced", 1000)
    measure(world.provided, "accidents", 1)
    measure(
        world.provided,
        "accidents",
        2,
        period=(datetime.date(2011, 6, 1), datetime.date(2012, 5, 31)),
    )
    response = login(trainer).get(
        reverse("monitoring:enterprise_measurements", args=[world.provided.pk])
    )
    html = response.content.decode()
    assert '<em title="derived">5</em>' in html
    assert "covers part of the same period" in html


def test_data_quality_page_filters_by_programme_and_keeps_to_the_scope(coordinator, world, login):
    measure(world.provided, "defect_rate", 140)
    measure(world.foreign, "defect_rate", 140)
    client = login(coordinator)
    flags = client.get(reverse("monitoring:quality")).context["flags"]
    assert [f.enterprise_id for f in flags] == [world.provided.pk]
    other = ParticipationFactory(enterprise=EnterpriseFactory(country=world.china)).programme
    response = client.get(reverse("monitoring:quality"), {"programme": world.programme.pk})
    assert len(response.context["flags"]) == 1
    assert "How to fix it" in response.content.decode()
    assert other  # a programme of another country the coordinator cannot choose


def test_practices_page_marks_an_adopted_practice(trainer, world, login):
    from score.monitoring import actions

    for wave, yes in (("baseline", False), ("follow_up", True)):
        actions.record_practice_answer(
            by=None, enterprise=world.provided, item="wc_eit_exists", wave=wave, answer=yes,
            answered_on=datetime.date(2012, 1, 1),
        )  # fmt: skip
    response = login(trainer).get(reverse("monitoring:practices", args=[world.provided.pk]))
    assert "adopted" in response.content.decode()
    assert PracticeAnswer.objects.count() == 2


def _fill(enterprise, n):
    """n periods of a few values each, with some flags."""
    for i in range(n):
        period = (datetime.date(2000 + i, 1, 1), datetime.date(2000 + i, 12, 31))
        wave = "baseline" if i == 0 else "follow_up"
        measure(enterprise, "defective_units", 50 + i, wave=wave, period=period)
        measure(enterprise, "defect_rate", 150, wave=wave, period=period)
        measure(enterprise, "cost_savings", 100, currency="EUR", wave=wave, period=period)


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


def test_measurements_page_costs_the_same_queries_for_3_and_30_periods(trainer, world, login):
    client = login(trainer)
    url = reverse("monitoring:enterprise_measurements", args=[world.provided.pk])
    _fill(world.provided, 1)
    few = _count(client, url)
    Measurement.objects.all().delete()
    _fill(world.provided, 10)
    assert Measurement.objects.count() == 30
    assert _count(client, url) == few


def test_data_quality_page_costs_the_same_queries_for_3_and_30_rows(coordinator, world, login):
    client = login(coordinator)
    url = reverse("monitoring:quality")
    _fill(world.provided, 1)
    few = _count(client, url)
    Measurement.objects.all().delete()
    _fill(world.provided, 5)
    _fill(world.unrelated_cn, 5)
    assert Measurement.objects.count() == 30
    assert _count(client, url) == few
