"""A trainer records a visit's KPIs and practice answers in one form (issue 4, item 7)."""

import pytest
from django.urls import reverse

from score.monitoring.models import Measurement, PracticeAnswer
from tests.monitoring.helpers import measure

pytestmark = pytest.mark.django_db


def _url(enterprise, **query):
    url = reverse("monitoring:record", args=[enterprise.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def _post(**values):
    data = {
        "wave": "follow_up",
        "period_start": "2012-01-01",
        "period_end": "2012-12-31",
        "source": "company_records",
    }
    data.update(values)
    return data


def test_form_offers_the_standard_set_to_an_enterprise_without_baseline(trainer, world, login):
    form = login(trainer).get(_url(world.provided)).context["form"]
    assert "value__units_produced" in form.fields
    assert "currency__cost_savings" in form.fields
    assert "practice__wc_eit_exists" in form.fields


def test_form_offers_the_indicators_the_enterprise_has_at_baseline(trainer, world, login):
    measure(world.provided, "on_time_delivery", 80)
    form = login(trainer).get(_url(world.provided)).context["form"]
    assert "value__on_time_delivery" in form.fields
    assert "value__units_produced" not in form.fields


def test_form_shows_the_previous_value_beside_each_field(trainer, world, login):
    measure(world.provided, "on_time_delivery", 80)
    html = login(trainer).get(_url(world.provided)).content.decode()
    assert "Previous: 80  (Baseline, 2011-01-01 – 2011-12-31)" in html


def test_form_shows_the_modules_practice_items(trainer, world, login):
    form = login(trainer).get(_url(world.provided, module="OSH")).context["form"]
    assert "practice__osh_ppe" in form.fields
    assert "practice__wc_eit_exists" not in form.fields


def test_submitting_saves_every_value_and_answer(trainer, world, login):
    response = login(trainer).post(
        _url(world.provided),
        _post(
            value__units_produced="1200",
            value__defective_units="30",
            value__cost_savings="9000",
            currency__cost_savings="CNY",
            practice__wc_eit_exists="yes",
            practice__wc_eit_monthly="no",
        ),
    )
    assert response.status_code == 302
    assert Measurement.objects.filter(enterprise=world.provided, wave="follow_up").count() == 3
    assert set(PracticeAnswer.objects.values_list("item__code", "answer", "wave")) == {
        ("wc_eit_exists", True, "follow_up"),
        ("wc_eit_monthly", False, "follow_up"),
    }
    assert Measurement.objects.filter(entered_by=trainer).count() == 3


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"value__cost_savings": "9000"}, "currency__cost_savings"),  # no currency
        ({"value__units_produced": "many"}, "value__units_produced"),
        ({"period_end": "2011-01-01"}, "period_end"),
        ({"wave": "sometime"}, "wave"),
        ({"practice__wc_eit_exists": "maybe"}, "practice__wc_eit_exists"),
    ],
)
def test_any_invalid_field_shows_its_error_and_nothing_is_saved(
    trainer, world, login, values, field
):
    data = _post(value__units_produced="1200", practice__wc_eit_monthly="yes")
    data.update(values)
    response = login(trainer).post(_url(world.provided), data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors or any(field in str(e) for e in errors.get("__all__", []))
    assert not Measurement.objects.exists()
    assert not PracticeAnswer.objects.exists()


def test_an_empty_visit_form_says_there_is_nothing_to_save(trainer, world, login):
    response = login(trainer).post(_url(world.provided), _post())
    assert "Nothing to save" in response.content.decode()


def test_baseline_wave_answers_practices_at_baseline(trainer, world, login):
    login(trainer).post(_url(world.provided), _post(wave="baseline", practice__wc_eit_exists="no"))
    assert PracticeAnswer.objects.get().wave == "baseline"


def test_endline_values_answer_practices_at_follow_up(trainer, world, login):
    login(trainer).post(_url(world.provided), _post(wave="endline", practice__wc_eit_exists="yes"))
    assert PracticeAnswer.objects.get().wave == "follow_up"


def test_a_trainer_cannot_record_for_an_unassigned_enterprise(trainer, world, login):
    response = login(trainer).post(_url(world.unrelated_cn), _post(value__units_produced="5"))
    assert response.status_code == 404
    assert not Measurement.objects.exists()
