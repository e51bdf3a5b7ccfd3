"""Demo data, step 1: the municipality, its schools, academic years and the demo logins."""

from __future__ import annotations

import datetime
import json
import random
from dataclasses import dataclass, field

from django.conf import settings

from accounts.models import (
    AcademicYear,
    Coordinator,
    Gender,
    Membership,
    MembershipRole,
    Municipality,
    Organization,
    Role,
    User,
)
from core.periods import academic_year_start

DEMO_PASSWORD = "demo"  # noqa: S105 - printed to the person who runs seed_demo on purpose
MAIN_SLUG = "school-19"

SCHOOLS = [
    {
        "slug": MAIN_SLUG,
        "short_name": "МАОУ «СШ № 19»",
        "full_name": "муниципальное автономное общеобразовательное учреждение "
        "г. Хабаровска «Средняя школа № 19»",
        "address": "680000, г. Хабаровск, ул. Школьная, д. 19",
        "phone": "8 (4212) 45-67-89",
        "inn": "2721012341",
        "kind": Organization.Kind.SCHOOL,
    },
    {
        "slug": "school-4",
        "short_name": "МБОУ «СШ № 4»",
        "full_name": "муниципальное бюджетное общеобразовательное учреждение "
        "г. Хабаровска «Средняя школа № 4»",
        "address": "680014, г. Хабаровск, ул. Лесная, д. 4",
        "phone": "8 (4212) 31-04-04",
        "inn": "2722019195",
        "kind": Organization.Kind.SCHOOL,
    },
    {
        "slug": "cdt-raduga",
        "short_name": "МАУ ДО «ЦДТ «Радуга»",
        "full_name": "муниципальное автономное учреждение дополнительного образования "
        "г. Хабаровска «Центр детского творчества «Радуга»",
        "address": "680030, г. Хабаровск, ул. Детская, д. 7",
        "kind": Organization.Kind.ADDITIONAL,
    },
]

# username → (last, first, middle, gender, roles in the main school, who they are)
DEMO_USERS = {
    "curator": (
        "Сидорова",
        "Светлана",
        "Сергеевна",
        Gender.FEMALE,
        [Role.CURATOR],
        "куратор программы наставничества (работает в двух школах)",
    ),
    "director": ("Иванов", "Иван", "Иванович", Gender.MALE, [Role.DIRECTOR], "директор"),
    "deputy": (
        "Петрова",
        "Анна",
        "Сергеевна",
        Gender.FEMALE,
        [Role.DEPUTY],
        "заместитель директора по УВР",
    ),
    "teacher": (
        "Фёдорова",
        "Ольга",
        "Николаевна",
        Gender.FEMALE,
        [Role.TEACHER],
        "педагог-наставник",
    ),
    "mentee": (
        "Соловьёв",
        "Артём",
        "Дмитриевич",
        Gender.MALE,
        [Role.TEACHER],
        "молодой специалист, наставляемый",
    ),
    "psychologist": (
        "Морозова",
        "Елена",
        "Викторовна",
        Gender.FEMALE,
        [Role.PSYCHOLOGIST],
        "педагог-психолог",
    ),
    "coordinator": (
        "Кузнецова",
        "Марина",
        "Павловна",
        Gender.FEMALE,
        [],
        "муниципальный координатор",
    ),
}


@dataclass
class DemoContext:
    """What the seed steps share: the schools, the demo users, one seeded random source."""

    rng: random.Random = field(default_factory=lambda: random.Random(19))
    organizations: dict[str, Organization] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)
    years: dict[int, AcademicYear] = field(default_factory=dict)
    names: dict = field(default_factory=dict)
    # The day seed_demo runs: the demo's story is anchored in 2021–22, and what is «next» (the
    # pair ready for an order, the open questionnaire) is placed in the academic year of today.
    today: datetime.date = field(default_factory=datetime.date.today)

    @property
    def main(self) -> Organization:
        return self.organizations[MAIN_SLUG]


def load_names() -> dict:
    path = settings.BASE_DIR / "fixtures" / "demo_names.json"
    return json.loads(path.read_text(encoding="utf-8"))


def seed(ctx: DemoContext) -> None:
    ctx.names = load_names()
    municipality, _ = Municipality.objects.get_or_create(
        name="городской округ «Город Хабаровск»", defaults={"region": "Хабаровский край"}
    )
    for school in SCHOOLS:
        org, _ = Organization.objects.get_or_create(
            slug=school["slug"],
            defaults={**school, "municipality": municipality, "locality": "г. Хабаровск"},
        )
        ctx.organizations[org.slug] = org

    for start_year in range(2021, max(2026, academic_year_start(ctx.today)) + 1):
        year, _ = AcademicYear.objects.get_or_create(
            start_year=start_year, defaults=AcademicYear.standard_dates(start_year)
        )
        ctx.years[start_year] = year

    admin, created = User.objects.get_or_create(
        username="admin",
        defaults={"is_staff": True, "is_superuser": True, "last_name": "Администратор"},
    )
    if created:
        admin.set_password(DEMO_PASSWORD)
        admin.save()
    ctx.users["admin"] = admin

    for username, (last, first, middle, gender, roles, _note) in DEMO_USERS.items():
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "last_name": last,
                "first_name": first,
                "middle_name": middle,
                "gender": gender,
                "email": f"{username}@school19.example",
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        ctx.users[username] = user
        if roles:
            membership, _ = Membership.objects.get_or_create(user=user, organization=ctx.main)
            for role in roles:
                MembershipRole.objects.get_or_create(membership=membership, role=role)

    # The curator also helps a neighbouring school: she switches between the two.
    second, _ = Membership.objects.get_or_create(
        user=ctx.users["curator"], organization=ctx.organizations["school-4"]
    )
    MembershipRole.objects.get_or_create(membership=second, role=Role.CURATOR)
    Coordinator.objects.get_or_create(user=ctx.users["coordinator"], municipality=municipality)

    if ctx.main.director_id is None:
        ctx.main.director = ctx.users["director"]
        ctx.main.save(update_fields=["director"])
