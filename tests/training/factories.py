"""factory_boy factories for modules, enrolments and classroom sessions."""

import datetime

import factory

from score.training.catalogue import CORE_MODULES
from score.training.models import (
    ClassroomSession,
    Enrolment,
    Module,
    Participant,
    SessionDay,
)
from tests.factories import EnterpriseFactory, PersonFactory, ProgrammeFactory


def seed_core_modules() -> None:
    """The five core modules, as the data migration seeds them. Tests on a transactional
    database (browser tests) flush the tables, seeded rows included; this puts them back."""
    modules = {
        entry["code"]: Module.objects.get_or_create(
            code=entry["code"],
            defaults={
                "name": entry["name"],
                "name_translations": {"zh-hans": entry["zh-hans"]},
                "description": entry["description"],
                "order": entry["order"],
            },
        )[0]
        for entry in CORE_MODULES
    }
    for code, module in modules.items():
        if code != "WC":
            module.prerequisites.add(modules["WC"])


def core_module(code: str = "WC") -> Module:
    """One of the five core modules the migration seeds."""
    module = Module.objects.filter(code=code).first()
    if module is None:
        seed_core_modules()
        module = Module.objects.get(code=code)
    return module


class ModuleFactory(factory.django.DjangoModelFactory):
    """A programme's own module."""

    class Meta:
        model = Module

    code = factory.Sequence(lambda n: f"M{n}")
    name = factory.Sequence(lambda n: f"Module {n}")
    order = 20
    programme = factory.SubFactory(ProgrammeFactory)


class EnrolmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enrolment

    enterprise = factory.SubFactory(EnterpriseFactory)
    programme = factory.SubFactory(ProgrammeFactory)
    module = factory.LazyFunction(core_module)
    registered_on = datetime.date(2012, 1, 10)
    status = "registered"
    dropped_reason = factory.LazyAttribute(
        lambda o: "Closed the factory" if o.status == "dropped" else ""
    )


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ClassroomSession
        skip_postgeneration_save = True

    programme = factory.SubFactory(ProgrammeFactory)
    module = factory.LazyFunction(core_module)
    title = factory.Sequence(lambda n: f"Class {n}")
    start_date = datetime.date(2012, 3, 15)
    end_date = datetime.date(2012, 3, 16)
    venue = "Shenyang, CEC training room"

    @factory.post_generation
    def days(self, create, extracted, **kwargs):
        if not create:
            return
        dates = extracted
        if dates is None:
            span = (self.end_date - self.start_date).days + 1
            dates = [self.start_date + datetime.timedelta(days=i) for i in range(span)]
        SessionDay.objects.bulk_create([SessionDay(session=self, date=d) for d in dates])

    @factory.post_generation
    def enrolments(self, create, extracted, **kwargs):
        if create and extracted:
            self.enrolments.set(extracted)

    @factory.post_generation
    def trainers(self, create, extracted, **kwargs):
        if create and extracted:
            self.trainers.set(extracted)


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant

    session = factory.SubFactory(SessionFactory)
    person = factory.SubFactory(PersonFactory)


def class_of(
    *, programme, enterprises, module=None, managers=2, workers=2, provider=None, **fields
) -> ClassroomSession:
    """A class of ``enterprises`` (each enrolled in ``module``), each sending ``managers``
    managers and ``workers`` workers."""
    module = module or core_module()
    enrolments = [
        EnrolmentFactory(enterprise=e, programme=programme, module=module, provider=provider)
        for e in enterprises
    ]
    session = SessionFactory(
        programme=programme, module=module, provider=provider, enrolments=enrolments, **fields
    )
    for enterprise in enterprises:
        for role, n in (("manager", managers), ("worker", workers)):
            for _ in range(n):
                ParticipantFactory(
                    session=session, person=PersonFactory(enterprise=enterprise, role=role)
                )
    return session
