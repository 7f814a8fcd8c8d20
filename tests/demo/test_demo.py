"""The demo programme (`score demo`): SCORE China Phase I, the Coop and BSCI partnerships,
the 2026 cohort, one login per role, and a loader that may run any number of times.

Training delivery and counselling in the demo (classes, visits, teams, projects) are
tested in test_demo_delivery.py."""

import sys
from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth import authenticate
from django.db import transaction
from django.db.models import Count, Sum
from django.test import override_settings

from score.accounts.models import Membership, Role, User
from score.accounts.scopes import (
    enterprises_in_results_scope,
    enterprises_visible_to,
    programmes_visible_to,
)
from score.cli import main
from score.core.models import AuditEvent
from score.counselling.models import (
    ImprovementProject,
    ImprovementTeam,
    ProjectAction,
    TeamMeeting,
    TeamMember,
    Visit,
)
from score.demo import data, delivery, loader
from score.demo.loader import load_demo
from score.enterprises.models import Enterprise, Participation, Person, SupplyLink
from score.monitoring.models import Measurement, PracticeAnswer
from score.programmes.models import Country, Organisation, Partnership, Programme
from score.surveys.models import Response
from score.training.models import ClassroomSession, Enrolment

pytestmark = pytest.mark.django_db

REGIONS = {"Liaoning", "Chongqing", "Sichuan", "Zhejiang", "Shanghai"}
INDUSTRIES = {"machinery", "auto parts", "garments"}
COOP_SUPPLIERS = {"CN1-ZJ-001", "CN1-ZJ-002", "CN1-SH-001"}


# Hashing seven demo passwords properly takes seconds; the tests don't need that.
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = FAST_HASHERS


# The parts that load the programmes, enterprises and users, without training delivery:
# enough for the tests of the loader itself, and quicker.
BASE_PARTS = loader.PARTS[: loader.PARTS.index(loader.load_users) + 1]
# ... and with every trainer: enough for what each login sees.
USER_PARTS = loader.PARTS[: loader.PARTS.index(delivery.load_trainers) + 1]


def _load_once(django_db_blocker, parts):
    """The demo (its ``parts``), loaded once for a class of tests and rolled back after
    its last test.

    Each test still runs in its own savepoint (the ``db`` fixture), so one that writes
    leaves the next one the demo as loaded."""
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=FAST_HASHERS),
        transaction.atomic(),
        pytest.MonkeyPatch.context() as monkeypatch,
    ):
        monkeypatch.setattr(loader, "PARTS", parts)
        yield load_demo()
        transaction.set_rollback(True)


@pytest.fixture(scope="class")
def loaded_once(django_db_setup, django_db_blocker):
    yield from _load_once(django_db_blocker, loader.PARTS)


@pytest.fixture(scope="class")
def users_loaded_once(django_db_setup, django_db_blocker):
    yield from _load_once(django_db_blocker, USER_PARTS)


@pytest.fixture
def demo(loaded_once, db):
    return loaded_once


@pytest.fixture
def base_parts(monkeypatch):
    monkeypatch.setattr(loader, "PARTS", BASE_PARTS)


@pytest.fixture
def first_load(base_parts):
    return load_demo()


def codes(queryset):
    return set(queryset.values_list("code", flat=True))


def phase_one():
    return Enterprise.objects.filter(participations__programme__code="CN-P1")


def user(role):
    return User.objects.get(memberships__role=role)


# --- Contents -----------------------------------------------------------------------------


class TestTheDemoProgramme:
    """What the loaded demo contains."""

    def test_phase_one_has_53_enterprises(self, demo):
        assert phase_one().count() == 53
        assert Participation.objects.filter(programme__code="CN-P1").count() == 53

    def test_phase_one_is_with_cec_and_unido_funded_by_seco_and_norad(self, demo):
        programme = Programme.objects.get(code="CN-P1")
        assert programme.name == "SCORE China Phase I"
        assert programme.country.code == "CN"
        assert programme.phase == 1
        assert programme.status == "closed"
        assert {o.short_name for o in programme.donors.all()} == {"SECO", "NORAD"}
        assert {"CEC", "UNIDO"} <= {o.short_name for o in programme.implementation_partners.all()}

    def test_phase_one_enterprises_are_in_the_five_provinces(self, demo):
        regions = set(phase_one().values_list("region", flat=True))
        assert regions == REGIONS

    def test_phase_one_enterprises_make_machinery_auto_parts_or_garments(self, demo):
        assert set(phase_one().values_list("industry", flat=True)) == INDUSTRIES
        assert set(phase_one().values_list("sector", flat=True)) == {"C"}

    def test_phase_one_enterprises_employ_between_50_and_500_people(self, demo):
        totals = list(phase_one().values_list("employees_total", flat=True))
        assert min(totals) >= 50
        assert max(totals) <= 500

    def test_each_enterprise_is_served_by_a_provider_of_its_own_province(self, demo):
        province_of = {
            row.name: data.REGIONS[row.region] for row in data.ORGANISATIONS if row.region
        }
        for participation in Participation.objects.select_related("enterprise", "provider"):
            assert participation.provider.kind in {"training_institution", "bds_provider"}
            assert province_of[participation.provider.name] == participation.enterprise.region

    def test_every_object_was_created_through_its_action(self, demo):
        verbs = dict(AuditEvent.objects.values_list("verb").annotate(n=Count("id")).order_by())
        enrolments, visits = Enrolment.objects, Visit.objects
        projects, sessions = ImprovementProject.objects, ClassroomSession.objects.count()
        assert verbs == {
            "create_country": 6,
            "create_organisation": len(data.ORGANISATIONS),
            "create_programme": 3,
            "create_partnership": 2,
            "create_enterprise": 68,
            "create_participation": 68,
            "create_user": 7 + len(data.TRAINERS),
            "grant_role": 7 + len(data.TRAINERS),
            # one per trainer assigned to an enterprise's participation
            "update_participation": Participation.trainers.through.objects.count(),
            "enrol_enterprise": enrolments.count(),
            "create_session": sessions,
            "add_participants": sessions,
            "record_attendance": sessions,
            "create_person": Person.objects.count(),
            "record_visit": visits.filter(status="done").count(),
            "plan_visit": visits.filter(status="planned").count(),
            "record_baseline": enrolments.exclude(baseline_on=None).count(),
            "complete_classroom": enrolments.exclude(classroom_on=None).count(),
            "complete_visits": enrolments.exclude(visits_done_on=None).count(),
            "complete_enrolment": enrolments.filter(status="completed").count(),
            "drop_enrolment": enrolments.filter(status="dropped").count(),
            "form_team": ImprovementTeam.objects.count(),
            "add_team_member": TeamMember.objects.count(),
            "record_team_meeting": TeamMeeting.objects.count(),
            "create_project": projects.count(),
            "start_project": projects.exclude(started_on=None).count(),
            "complete_project": projects.filter(status="done").count(),
            "drop_project": projects.filter(status="dropped").count(),
            "add_project_action": ProjectAction.objects.count(),
            "set_project_action_done": ProjectAction.objects.filter(done=True).count(),
            # Monitoring (score.demo.monitoring); the CNY rates come from a migration.
            "create_measurement": Measurement.objects.count(),
            "create_practiceanswer": PracticeAnswer.objects.count(),
            "record_survey_response": Response.objects.count(),
            **trainer_network_verbs(),
            **finance_verbs(),
            "create_logframetarget": len(data.LOGFRAME_TARGETS),
        }

    def test_one_provider_is_discontinued(self, demo):
        assert Organisation.objects.filter(status="discontinued").count() == 1

    def test_countries_carry_their_currency_and_language(self, demo):
        china = Country.objects.get(code="CN")
        assert (china.currency, china.default_language) == ("CNY", "zh-hans")
        assert Country.objects.get(code="CH").currency == "CHF"
        assert Country.objects.get(code="NO").currency == "NOK"

    def test_coop_partnership_covers_three_suppliers_one_of_which_makes_socks(self, demo):
        coop = Partnership.objects.get(code="COOP-CN")
        assert coop.sponsor.name == "Coop Switzerland"
        assert coop.programme.code == "CN-P1"
        assert coop.sponsor_fee_share == Decimal("50")
        assert coop.target_enterprises == 3
        assert (coop.start_date.year, coop.end_date.year) == (2011, 2012)
        suppliers = Enterprise.objects.filter(participations__partnership=coop)
        assert codes(suppliers) == COOP_SUPPLIERS
        assert codes(Enterprise.objects.filter(lead_buyers=coop.sponsor)) == COOP_SUPPLIERS
        socks = suppliers.get(products="socks")
        assert socks.region == "Zhejiang"
        assert "Socks Co., Ltd." in socks.name

    def test_the_sock_maker_shares_its_data_with_coop_and_another_supplier_does_not(self, demo):
        suppliers = Enterprise.objects.filter(participations__partnership__code="COOP-CN")
        assert suppliers.get(products="socks").shares_data_with_sponsors
        assert suppliers.filter(shares_data_with_sponsors=False).count() == 1

    def test_bsci_partnership_has_ten_smes_with_at_most_2500_workers(self, demo):
        bsci = Partnership.objects.get(code="BSCI-CN")
        assert bsci.sponsor.short_name == "BSCI"
        assert bsci.sponsor.kind == "buyer_association"
        assert bsci.programme.code == "CN-P2"
        assert (bsci.budget, bsci.currency) == (Decimal("80000"), "USD")
        assert (bsci.start_date, bsci.end_date) == (date(2013, 1, 1), date(2014, 5, 31))
        assert (bsci.target_enterprises, bsci.target_workers) == (10, 2500)
        smes = Enterprise.objects.filter(participations__partnership=bsci)
        assert smes.count() == 10
        assert set(smes.values_list("size_class", flat=True)) <= {"medium", "large"}
        assert smes.aggregate(workers=Sum("employees_total"))["workers"] <= 2500

    def test_bsci_smes_supply_bsci_members(self, demo):
        members = Organisation.objects.filter(kind="lead_buyer", notes__contains="BSCI member")
        smes = Enterprise.objects.filter(participations__partnership__code="BSCI-CN")
        for sme in smes:
            assert set(sme.lead_buyers.all()) & set(members), sme.name


# --- Logins and what each one sees --------------------------------------------------------


class TestTheDemoLogins:
    """One login per role, and what each one sees (loaded without training delivery)."""

    @pytest.fixture
    def demo(self, users_loaded_once, db):
        return users_loaded_once

    def test_there_is_one_login_per_role_labelled_in_english(self, demo):
        assert [role for role, _, _ in demo.logins] == [
            "Programme admin",
            "Country coordinator",
            "Provider staff",
            "Trainer",
            "Enterprise user",
            "Sponsor viewer",
            "Donor viewer",
        ]

    def test_each_printed_login_authenticates(self, demo):
        for _role, email, password in demo.logins:
            assert authenticate(username=email, password=password) is not None, email

    def test_programme_admin_may_use_the_admin_site_and_sees_everything(self, demo):
        admin = user("programme_admin")
        assert admin.is_staff
        assert enterprises_visible_to(admin).count() == Enterprise.objects.count() == 68

    def test_coordinator_sees_the_china_programmes_and_all_their_enterprises(self, demo):
        coordinator = user("country_coordinator")
        assert codes(programmes_visible_to(coordinator)) == {"CN-P1", "CN-P2", "CN-P3"}
        assert enterprises_visible_to(coordinator).count() == 68

    def test_provider_staff_sees_the_enterprises_enrolled_with_their_institution(self, demo):
        staff = user("provider_staff")
        institution = staff.memberships.get().organisation
        assert institution.kind == "training_institution"
        expected = codes(Enterprise.objects.filter(participations__provider=institution))
        assert codes(enterprises_visible_to(staff)) == expected
        assert len(expected) == 7 + 5  # Phase I and the 2026 cohort

    def test_trainer_sees_only_their_assigned_liaoning_enterprises(self, demo):
        trainer = User.objects.get(email=data.DEMO_TRAINER)
        assert trainer.memberships.get().organisation.short_name == "Liaoning EC Training Centre"
        visible = codes(enterprises_visible_to(trainer))
        phase_one = {"CN1-LN-001", "CN1-LN-002", "CN1-LN-005", "CN1-LN-006", "CN1-LN-007"}
        assert visible == phase_one | {row.code for row in data.CN_P3_ENTERPRISES}

    def test_the_other_trainers_have_no_login(self, demo):
        trainers = User.objects.filter(email__in=[row.email for row in data.TRAINERS])
        assert trainers.count() == len(data.TRAINERS)
        assert not any(t.has_usable_password() for t in trainers)
        assert not {t.email for t in trainers} & {email for _, email, _ in demo.logins}
        for trainer in trainers:
            assert trainer.memberships.get().role == Role.TRAINER

    def test_enterprise_user_sees_only_their_enterprise(self, demo):
        assert codes(enterprises_visible_to(user("enterprise_user"))) == {"CN1-ZJ-001"}

    def test_sponsor_sees_consenting_coop_suppliers_individually_and_all_three_in_aggregate(
        self, demo
    ):
        sponsor = user("sponsor_viewer")
        assert codes(enterprises_visible_to(sponsor)) == {"CN1-ZJ-001", "CN1-ZJ-002"}
        assert codes(enterprises_in_results_scope(sponsor)) == COOP_SUPPLIERS

    def test_donor_sees_no_enterprise_individually_but_its_programmes_in_aggregate(self, demo):
        donor = user("donor_viewer")
        assert enterprises_visible_to(donor).count() == 0
        assert enterprises_in_results_scope(donor).count() == 68
        assert codes(programmes_visible_to(donor)) == {"CN-P1", "CN-P2", "CN-P3"}


# --- Running it again ---------------------------------------------------------------------
# These tests of the loader run its first parts only (BASE_PARTS); test_demo_delivery.py
# runs a second load of the whole demo.


def test_first_load_says_what_it_created(first_load):
    assert first_load.created["enterprises"] == 68
    assert first_load.summary().startswith("Loaded the demo: created 6 countries")


def test_second_load_creates_nothing_and_says_so(first_load):
    audit_events = AuditEvent.objects.count()
    second = load_demo()
    assert not any(second.created.values())
    assert second.summary() == "The demo is already loaded; nothing changed."
    assert AuditEvent.objects.count() == audit_events
    assert Enterprise.objects.count() == 68
    assert Membership.objects.count() == 7
    assert second.logins == first_load.logins


def test_a_demo_loaded_only_in_part_is_completed_by_the_next_run(monkeypatch):
    monkeypatch.setattr(loader, "PARTS", [p for p in BASE_PARTS if p is not loader.load_users])
    load_demo()
    monkeypatch.setattr(loader, "PARTS", BASE_PARTS)
    again = load_demo()
    assert again.summary() == "Loaded the demo: created 7 users, 7 roles, 10 trainer assignments."


def test_loader_reports_progress_to_stdout_part_by_part(capsys, base_parts):
    load_demo(stdout=sys.stdout)
    out = capsys.readouterr().out
    assert "Enterprises: created 68 enterprises, 68 programme enrolments." in out
    assert "Users: created 7 users, 7 roles, 10 trainer assignments." in out


# --- The command --------------------------------------------------------------------------


def test_score_demo_no_serve_loads_the_demo_and_prints_the_logins(capsys, monkeypatch, base_parts):
    monkeypatch.setenv("SCORE_DEBUG", "1")  # what `score demo` sets; undone after the test
    assert main(["demo", "--no-serve"]) == 0
    out = capsys.readouterr().out
    assert "Loaded the demo" in out
    lines = out.splitlines()
    for row in load_demo().logins:
        assert any(all(part in line for part in row) for line in lines), row
    assert Participation.objects.filter(programme__code="CN-P1").count() == 53
    assert SupplyLink.objects.filter(buyer__name="Coop Switzerland").count() == 3


def trainer_network_verbs() -> dict[str, int]:
    """The audit verbs of the trainer network part (score.demo.trainers)."""
    from score.demo import trainers as network
    from score.trainers.models import (
        Course,
        CourseParticipant,
        QualityReview,
        Trainer,
        TrainerModuleStatus,
    )

    statuses, places = TrainerModuleStatus.objects, CourseParticipant.objects
    history = len(network.EXPERTS)  # ILO-certified before the platform
    return {
        "create_trainer": Trainer.objects.count(),
        "record_existing_trainer_status": history,
        "record_trainer_training": statuses.count() - history,
        "create_course": Course.objects.count(),
        "create_courseparticipant": places.count(),
        "record_trainer_course_outcome": places.exclude(outcome="pending").count(),
        "certify_trainer": statuses.exclude(level="candidate").count() - history,
        "promote_trainer_to_expert": len(network.PROMOTIONS),
        "renew_trainer_certification": len(network.RENEWALS),
        "create_qualityreview": QualityReview.objects.count(),
    }


def finance_verbs() -> dict[str, int]:
    """The audit verbs of the fees and invoices part (score.demo.finance)."""
    from score.finance.models import Fee, Invoice, ModulePrice, Payment

    invoices = Invoice.objects
    return {
        "create_moduleprice": ModulePrice.objects.count(),
        "create_fee": Fee.objects.count(),
        "create_invoice": invoices.count(),
        "issue_invoice": invoices.exclude(issued_on=None).count(),
        "record_payment": Payment.objects.count(),
        "pay_invoice": invoices.filter(status="paid").count(),
    }
