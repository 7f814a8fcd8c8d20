"""Shortcuts for results tests: measurements written through the real monitoring action."""

import datetime
from decimal import Decimal

from score.monitoring import actions
from tests.counselling.factories import VisitFactory
from tests.factories import EnterpriseFactory, ParticipationFactory, PersonFactory
from tests.training.factories import EnrolmentFactory, ParticipantFactory, SessionFactory

BASELINE = (datetime.date(2011, 1, 1), datetime.date(2011, 12, 31))
FOLLOW_UP = (datetime.date(2012, 1, 1), datetime.date(2012, 12, 31))
ENDLINE = (datetime.date(2013, 1, 1), datetime.date(2013, 12, 31))


def measure(enterprise, code, value, *, wave="baseline", period=None, currency=""):
    period = period or {"baseline": BASELINE, "follow_up": FOLLOW_UP}.get(wave, ENDLINE)
    return actions.record_measurement(
        by=None,
        enterprise=enterprise,
        indicator=code,
        period_start=period[0],
        period_end=period[1],
        wave=wave,
        value=Decimal(str(value)),
        currency=currency,
        source="company_records",
    )


def rate(currency, units_per_usd, valid_from=datetime.date(2010, 1, 1)):
    return actions.record_exchange_rate(
        by=None, currency=currency, valid_from=valid_from, units_per_usd=Decimal(str(units_per_usd))
    )


CLASSROOM = datetime.date(2012, 3, 2)


def deliver(
    programme,
    enterprise,
    *,
    defects=(50, 40),
    material=(2.0, 1.5),
    savings=None,
    people=(("female", "manager"), ("male", "worker")),
    visits=2,
    partnership=None,
):
    """Train ``enterprise`` in ``programme`` (one class, ``people``), visit it ``visits``
    times and record baseline and follow-up values."""
    enrolment = EnrolmentFactory(
        enterprise=enterprise,
        programme=programme,
        status="classroom_done",
        classroom_on=CLASSROOM,
    )
    session = SessionFactory(programme=programme, enrolments=[enrolment])
    for sex, role in people:
        ParticipantFactory(
            session=session, person=PersonFactory(enterprise=enterprise, sex=sex, role=role)
        )
    for n in range(visits):
        VisitFactory(enrolment=enrolment, done_on=datetime.date(2012, 5, 1 + n), trainer=None)
    measure(enterprise, "units_produced", 1000)
    measure(enterprise, "units_produced", 1000, wave="follow_up")
    if defects:
        measure(enterprise, "defective_units", defects[0])
        measure(enterprise, "defective_units", defects[1], wave="follow_up")
    if material:
        measure(enterprise, "material_per_unit", material[0])
        measure(enterprise, "material_per_unit", material[1], wave="follow_up")
    if savings is not None:
        measure(enterprise, "cost_savings", savings, wave="follow_up", currency="USD")
    return enrolment


def deliver_world(world):
    """Each enterprise of ``world`` trained and measured; the Viet Nam one too."""
    deliver(world.programme, world.provided, defects=(50, 40), savings=1000)
    deliver(world.programme, world.sponsored_consenting, defects=(50, 60), savings=3000)
    deliver(world.programme, world.sponsored_private, defects=(50, 30), material=(2.0, 2.5))
    deliver(world.programme, world.unrelated_cn, defects=(0, 30), savings=0)
    deliver(world.other_programme, world.foreign, defects=(10, 5))


def more_enterprises(world, n):
    """``n`` more trained and measured enterprises in the China programme."""
    for _ in range(n):
        enterprise = EnterpriseFactory(country=world.china)
        ParticipationFactory(enterprise=enterprise, programme=world.programme)
        deliver(world.programme, enterprise, savings=500)
