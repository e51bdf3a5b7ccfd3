"""factory-boy factories for the whole project; personas are built from these in conftest."""

from __future__ import annotations

import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from accounts.models import (
    Coordinator,
    Gender,
    Membership,
    MembershipRole,
    Municipality,
    Organization,
    User,
)
from registry.models import (
    Consent,
    Incentive,
    MenteeProfile,
    MentoringForm,
    MentorProfile,
    Person,
    PersonCategory,
    TrainingRecord,
)


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Муниципальный район № {n}")
    region = "Хабаровский край"


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    municipality = factory.SubFactory(MunicipalityFactory)
    short_name = factory.Sequence(lambda n: f"МБОУ «СШ № {n + 1}»")
    full_name = factory.LazyAttribute(
        lambda o: f"муниципальное бюджетное общеобразовательное учреждение {o.short_name}"
    )
    slug = factory.Sequence(lambda n: f"school-{n + 1}")
    locality = "г. Хабаровск"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    last_name = "Иванова"
    first_name = "Мария"
    middle_name = "Петровна"
    gender = Gender.FEMALE
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("correct-horse-battery")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    organization = factory.SubFactory(OrganizationFactory)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        for role in extracted or ():
            MembershipRole.objects.create(membership=self, role=role)


class CoordinatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Coordinator

    user = factory.SubFactory(UserFactory)
    municipality = factory.SubFactory(MunicipalityFactory)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    organization = factory.SubFactory(OrganizationFactory)
    last_name = factory.Iterator(["Смирнова", "Кузнецова", "Попова", "Васильева", "Новикова"])
    first_name = factory.Iterator(["Анна", "Мария", "Елена", "Ольга", "Татьяна"])
    middle_name = factory.Iterator(["Ивановна", "Петровна", "Сергеевна", "Андреевна"])
    gender = Gender.FEMALE
    category = PersonCategory.TEACHER
    position = "учитель"
    subject = "математика"
    # a teacher works under an employment contract (an agreement amends it)
    contract_date = datetime.date(2015, 9, 1)
    contract_number = factory.Sequence(lambda n: str(n + 1))

    class Params:
        # As a school types them (on `as_of`, today by default): stored as the dated fields.
        experience_years = Decimal(12)
        school_class = ""
        as_of = factory.LazyFunction(lambda: timezone.localdate())  # the_day_is applies

    experience_since = factory.LazyAttribute(lambda o: _dated(o).experience_since)
    class_cohort = factory.LazyAttribute(lambda o: _dated(o).class_cohort)
    class_letter = factory.LazyAttribute(lambda o: _dated(o).class_letter)


def _dated(o) -> Person:
    person = Person()
    person.set_experience(o.experience_years, o.as_of)
    person.set_class(o.school_class, o.as_of)
    return person


class StudentFactory(PersonFactory):
    category = PersonCategory.STUDENT
    position = ""
    subject = ""
    contract_date = None
    contract_number = ""
    birth_date = datetime.date(2010, 5, 17)

    class Params:
        experience_years = None
        school_class = "7А"


class MentorProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MentorProfile
        skip_postgeneration_save = True

    person = factory.SubFactory(PersonFactory)
    status = MentorProfile.Status.ACTIVE
    capacity = 2

    @factory.post_generation
    def forms(self, create, extracted, **kwargs):
        codes = extracted if extracted is not None else ["teacher-teacher"]
        self.forms.set(MentoringForm.objects.filter(code__in=codes))


class MenteeProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MenteeProfile

    person = factory.SubFactory(PersonFactory, experience_years=Decimal(1))
    request = "освоение профессии"
    desired_form = factory.LazyFunction(lambda: MentoringForm.objects.get(code="teacher-teacher"))


class ConsentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consent
        # one paper, one row (the consent_entered_once constraint)
        django_get_or_create = ("person", "kind", "given_on")

    person = factory.SubFactory(PersonFactory)
    kind = Consent.Kind.PERSONAL_DATA
    given_on = datetime.date(2021, 8, 25)


class TrainingRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingRecord

    mentor = factory.SubFactory(MentorProfileFactory)
    course = "Наставничество в образовательной организации"
    provider = "ИРО Свердловской области"
    hours = 36
    completed_on = datetime.date(2021, 3, 20)
    certificate = "удостоверение № 6601-123"


class IncentiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Incentive

    mentor = factory.SubFactory(MentorProfileFactory)
    kind = Incentive.Kind.PAYMENT
    description = "доплата за наставничество по дополнительному соглашению"
    amount = Decimal(3000)
    granted_on = datetime.date(2021, 10, 1)
