"""factory_boy factories for the core domain. Later apps add theirs beside these."""

import datetime

import factory

from score.accounts.models import Membership, Role, User
from score.enterprises.models import Enterprise, Participation, Person
from score.programmes.models import Country, Organisation, Partnership, Programme


class CountryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Country
        django_get_or_create = ["code"]

    code = "CN"
    name = "China"
    currency = "CNY"
    default_language = "zh-hans"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    kind = "training_institution"
    country = factory.SubFactory(CountryFactory)


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    code = factory.Sequence(lambda n: f"P{n}")
    name = factory.Sequence(lambda n: f"Programme {n}")
    country = factory.SubFactory(CountryFactory)
    start_date = datetime.date(2011, 1, 1)
    end_date = datetime.date(2013, 12, 31)


class PartnershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partnership

    code = factory.Sequence(lambda n: f"PS{n}")
    name = factory.Sequence(lambda n: f"Partnership {n}")
    sponsor = factory.SubFactory(OrganisationFactory, kind="lead_buyer")
    programme = factory.SubFactory(ProgrammeFactory)
    start_date = datetime.date(2011, 6, 1)


class EnterpriseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enterprise

    code = factory.Sequence(lambda n: f"E{n:05d}")
    name = factory.Sequence(lambda n: f"Enterprise {n}")
    country = factory.SubFactory(CountryFactory)
    sector = "C"
    region = "Liaoning"
    employees_female = 40
    employees_male = 60


class ParticipationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participation

    enterprise = factory.SubFactory(EnterpriseFactory)
    programme = factory.SubFactory(ProgrammeFactory)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    enterprise = factory.SubFactory(EnterpriseFactory)
    sex = "female"
    role = "worker"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["email"]

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    full_name = factory.Sequence(lambda n: f"User {n}")
    password = factory.django.Password("correct horse battery staple")


def user_with_role(role: str, **scope) -> User:
    user = UserFactory(email=f"{role}.{len(scope)}.{User.objects.count()}@example.org")
    Membership.objects.create(user=user, role=role, **scope)
    return user


__all__ = ["Role"]
