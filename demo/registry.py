"""Demo data, step 2: the registries of the demo schools (people, mentors, mentees, consents)."""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from simple_history.utils import bulk_create_with_history

from accounts.models import Gender, Organization
from demo.accounts import DemoContext
from registry.models import (
    Competency,
    Consent,
    Incentive,
    MenteeProfile,
    MentoringForm,
    MentorProfile,
    Person,
    PersonCategory,
    TrainingRecord,
)

# Demo users who are people of the main school: username → (position, subject, experience)
STAFF_USERS = {
    "director": ("директор", "история и обществознание", Decimal(28)),
    "deputy": ("заместитель директора по учебно-воспитательной работе", "математика", Decimal(22)),
    "curator": (
        "заместитель директора по воспитательной работе",
        "русский язык и литература",
        Decimal(17),
    ),
    "teacher": ("учитель", "математика", Decimal(24)),
    "mentee": ("учитель", "математика", Decimal("1.5")),
    "psychologist": ("педагог-психолог", "", Decimal(9)),
}
# The demo's story after its first year: teachers hired later, a few who left, and pupils
# who finished school up to the last summer the demo knows of.
SEED_DAY = datetime.date(2021, 9, 1)  # the registries are as the school had them that day
NEWCOMER_YEARS = (2023, 2024, 2025)
LEAVERS = 4
LEFT_ON = datetime.date(2023, 6, 30)
GRADUATION_HORIZON = datetime.date(2026, 6, 30)

COURSES = [
    ("Наставничество в образовательной организации: целевая модель", "ХК ИРО", 36),
    (
        "Организация наставничества педагогических работников",
        "ФГАОУ ДПО «Академия Минпросвещения России»",
        72,
    ),
    (
        "Технологии наставничества в школе",
        "КГАОУ ДПО «Хабаровский краевой институт развития образования»",
        24,
    ),
]


def seed(ctx: DemoContext) -> None:
    MentoringForm.objects.ensure_standard()
    for name in ctx.names["competencies"]:
        Competency.objects.get_or_create(name=name)
    School(ctx, ctx.main, staff=80, students=600, with_users=True).build()
    School(ctx, ctx.organizations["school-4"], staff=24, students=120).build()


def mother_of(person: Person, names: dict, rng: random.Random) -> str:
    """A demo pupil's mother, as a legal representative's consent names her."""
    surname = dict(names["surnames"]).get(person.last_name, person.last_name)
    return " ".join(
        (surname, rng.choice(names["female_first"]), rng.choice(names["patronymics"])[1])
    )


class School:
    """Builds one school's registry; does nothing when the school already has people."""

    def __init__(
        self,
        ctx: DemoContext,
        org: Organization,
        *,
        staff: int,
        students: int,
        with_users: bool = False,
    ):
        self.ctx, self.org, self.rng, self.names = ctx, org, ctx.rng, ctx.names
        self.staff_count, self.student_count, self.with_users = staff, students, with_users
        self.forms = {f.code: f for f in MentoringForm.objects.all()}
        self.competencies = list(Competency.objects.all())
        self.today = SEED_DAY

    def build(self) -> None:
        if Person.objects.filter(organization=self.org).exists():
            return
        staff = self.make_staff()
        self.mark_leavers(staff)
        students = self.make_students()
        others = self.make_others()
        newcomers = self.make_newcomers() if self.with_users else []
        bulk_create_with_history(staff + students + others + newcomers, Person)
        people = list(Person.objects.filter(organization=self.org).order_by("pk"))
        self.make_registries(people)

    # --- people -----------------------------------------------------------------------
    def random_name(self, gender: str) -> tuple[str, str, str]:
        surname = self.rng.choice(self.names["surnames"])
        patronymic = self.rng.choice(self.names["patronymics"])
        if gender == Gender.MALE:
            return surname[0], self.rng.choice(self.names["male_first"]), patronymic[0]
        return surname[1], self.rng.choice(self.names["female_first"]), patronymic[1]

    def person(self, category: str, gender: str, **fields) -> Person:
        last, first, middle = self.random_name(gender)
        values = {"last_name": last, "first_name": first, "middle_name": middle, **fields}
        return Person(organization=self.org, category=category, gender=gender, **values)

    def phone(self) -> str:
        r = self.rng.randint
        return f"+7 914 {r(100, 999)}-{r(10, 99)}-{r(10, 99)}"

    def make_staff(self) -> list[Person]:
        staff = []
        domain = f"{self.org.slug}.example"
        if self.with_users:
            for username, (position, subject, years) in STAFF_USERS.items():
                user = self.ctx.users[username]
                staff.append(
                    Person(
                        organization=self.org,
                        user=user,
                        category=PersonCategory.TEACHER,
                        last_name=user.last_name,
                        first_name=user.first_name,
                        middle_name=user.middle_name,
                        gender=user.gender,
                        position=position,
                        subject=subject,
                        experience_since=self.since(years),
                        joined_on=self.hired(years),
                        contract_date=self.hired(years),
                        contract_number=str(len(staff) + 1),
                        email=user.email,
                    )
                )
        young = max(3, self.staff_count // 7)
        for i in range(len(staff), self.staff_count):
            gender = Gender.MALE if self.rng.random() < 0.2 else Gender.FEMALE
            if i < young + len(STAFF_USERS):
                years = Decimal(self.rng.choice(["0.5", "1", "1.5", "2", "2.5"]))
            else:
                years = Decimal(self.rng.randint(3, 40))
            position = "учитель начальных классов" if i % 9 == 0 else "учитель"
            subject = "начальные классы" if i % 9 == 0 else self.rng.choice(self.names["subjects"])
            staff.append(
                self.person(
                    PersonCategory.TEACHER,
                    gender,
                    position=position,
                    subject=subject,
                    experience_since=self.since(years),
                    joined_on=self.hired(years),
                    contract_date=self.hired(years),
                    contract_number=str(i + 1),
                    email=f"teacher{i:03d}@{domain}",
                    phone=self.phone(),
                )
            )
        return staff

    def since(self, years: Decimal) -> datetime.date:
        """The day experience counts from, for «стаж N лет» on the demo's day."""
        person = Person()
        person.set_experience(years, self.today)
        return person.experience_since

    def hired(self, years: Decimal) -> datetime.date:
        """Joined the school on 1 September, some years into their career (or at its start)."""
        start = self.since(years)
        return max(start, datetime.date(start.year + int(years) // 3, 9, 1)).replace(day=1)

    def make_newcomers(self) -> list[Person]:
        """Teachers hired after the demo's first year (young specialists in their own year):
        they are on the roll of later years only, so 2021's figures never count them."""
        domain = f"{self.org.slug}.example"
        newcomers = []
        rng, self.rng = self.rng, random.Random(f"newcomers-{self.org.slug}")
        for i, year in enumerate(NEWCOMER_YEARS):
            gender = Gender.FEMALE if i % 2 else Gender.MALE
            newcomers.append(
                self.person(
                    PersonCategory.TEACHER,
                    gender,
                    position="учитель",
                    subject=self.rng.choice(self.names["subjects"]),
                    experience_since=datetime.date(year, 9, 1),
                    joined_on=datetime.date(year, 9, 1),
                    contract_date=datetime.date(year, 9, 1),
                    contract_number=f"{year % 100}-{i + 1}",
                    email=f"newcomer{i}@{domain}",
                    phone=self.phone(),
                )
            )
        self.rng = rng  # the rest of the demo draws the same names as before
        return newcomers

    def mark_leavers(self, staff: list[Person]) -> None:
        """A few teachers outside the program leave in a later year; their cards stay."""
        outside = [p for p in staff if p.user_id is None and p.is_young_specialist_on(self.today)]
        for person in [p for p in staff if p.user_id is None and p not in outside][-LEAVERS:]:
            person.left_on = LEFT_ON
            person.left_reason = "увольнение по собственному желанию"

    def make_students(self) -> list[Person]:
        """Classes 1–11 as of the demo's day; every pupil is a minor then, enrolled on
        1 September of the first class, and those who have finished the 11th class since
        have left on their last school day."""
        students = []
        per_class = max(1, self.student_count // 22)
        for i in range(self.student_count):
            grade = 1 + (i // (per_class * 2)) % 11
            letter = "АБ"[(i // per_class) % 2]
            birth_year = self.today.year - 6 - grade
            gender = self.rng.choice([Gender.MALE, Gender.FEMALE])
            finished = datetime.date(self.today.year + 12 - grade, 6, 30)
            student = self.person(
                PersonCategory.STUDENT,
                gender,
                joined_on=datetime.date(self.today.year - grade + 1, 9, 1),
                left_on=finished if finished <= GRADUATION_HORIZON else None,
                left_reason="окончил(а) 11 класс" if finished <= GRADUATION_HORIZON else "",
                birth_date=datetime.date(
                    birth_year, self.rng.randint(1, 12), self.rng.randint(1, 28)
                ),
                has_disability=self.rng.random() < 0.03,
                is_gifted=self.rng.random() < 0.06,
                difficult_situation=self.rng.random() < 0.03,
                low_income=self.rng.random() < 0.05,
                is_orphan=self.rng.random() < 0.01,
            )
            student.set_class(f"{grade}{letter}", self.today)
            students.append(student)
        return students

    def make_others(self) -> list[Person]:
        others = []
        for i in range(4):
            others.append(
                self.person(
                    PersonCategory.COLLEGE_STUDENT,
                    self.rng.choice([Gender.MALE, Gender.FEMALE]),
                    employer_name=self.names["colleges"][i % len(self.names["colleges"])],
                    position="студент",
                    email=f"student{i}@college.example",
                )
            )
        for i in range(3):
            others.append(
                self.person(
                    PersonCategory.EMPLOYER,
                    self.rng.choice([Gender.MALE, Gender.FEMALE]),
                    employer_name=self.names["employers"][i % len(self.names["employers"])],
                    position="инженер",
                    email=f"partner{i}@employer.example",
                )
            )
        return others

    # --- registries ---------------------------------------------------------------------
    def make_registries(self, people: list[Person]) -> None:
        teachers = [p for p in people if p.category == PersonCategory.TEACHER]
        students = [p for p in people if p.category == PersonCategory.STUDENT]
        teachers = [t for t in teachers if t.is_on_roll(self.today)]
        young = [t for t in teachers if t.is_young_specialist_on(self.today)]
        experienced = [
            t
            for t in teachers
            if t.experience_on(self.today) >= 10
            and t.position.startswith("учитель")
            and t.left_on is None
        ]
        mentors = experienced[: max(4, len(teachers) // 3)]
        demo_teacher = next(
            (t for t in teachers if t.user_id == self.ctx.users["teacher"].pk), None
        )
        if demo_teacher and demo_teacher not in mentors:
            mentors.insert(0, demo_teacher)
        grade = {s.pk: s.class_on(self.today)[:-1] for s in students}
        senior = [s for s in students if grade[s.pk] in {"9", "10", "11"}]
        juniors = [s for s in students if grade[s.pk] in {"5", "6", "7", "8"}]
        others = [
            p
            for p in people
            if p.category in (PersonCategory.COLLEGE_STUDENT, PersonCategory.EMPLOYER)
        ]

        for n, person in enumerate(mentors):
            codes = ["teacher-teacher"] + (["teacher-student"] if n % 2 else [])
            self.mentor(
                person,
                codes,
                capacity=1 + n % 3,
                trained=n % 4 != 3,
                network=n % 5 == 0,
                status=MentorProfile.Status.ACTIVE if n % 6 else MentorProfile.Status.APPROVED,
            )
        for person in senior[:: max(1, len(senior) // 10)][:10]:
            self.mentor(
                person,
                ["student-student"],
                capacity=2,
                trained=False,
                status=MentorProfile.Status.APPROVED,
            )
        for person in others:
            code = (
                "college-student"
                if person.category == PersonCategory.COLLEGE_STUDENT
                else "employer-student"
            )
            self.mentor(
                person, [code], capacity=3, trained=False, status=MentorProfile.Status.APPROVED
            )

        for person in young:
            self.mentee(person, "teacher-teacher", MenteeProfile.Source.ATTESTATION)
        sources = [
            MenteeProfile.Source.CLASS_TEACHER,
            MenteeProfile.Source.PSYCHOLOGIST,
            MenteeProfile.Source.PARENTS,
            MenteeProfile.Source.QUESTIONNAIRE,
        ]
        form_cycle = ["teacher-student", "student-student", "college-student", "employer-student"]
        for n, person in enumerate(juniors[:: max(1, len(juniors) // 45)][:45]):
            self.mentee(
                person,
                form_cycle[n % 4],
                sources[n % 4],
                request=self.rng.choice(self.names["student_requests"]),
            )

        # Consents: on file for most participants, missing for a few on purpose.
        participants = list(
            Person.objects.filter(organization=self.org).filter(mentor_profile__isnull=False)
            | Person.objects.filter(organization=self.org, mentee_profile__isnull=False)
        )
        consents = []
        for n, person in enumerate(participants):
            if n % 11 == 5:
                continue
            given = self.today - datetime.timedelta(days=self.rng.randint(3, 20))
            kinds = [Consent.Kind.PERSONAL_DATA, Consent.Kind.PARTICIPATION]
            if hasattr(person, "mentor_profile") and person.category == PersonCategory.TEACHER:
                kinds.append(Consent.Kind.MENTOR_WORK)
            if hasattr(person, "mentee_profile"):
                kinds.append(Consent.Kind.MENTEE)
            for kind in kinds:
                consents.append(Consent(person=person, kind=kind, given_on=given))
            if person.is_minor_on(self.today):
                consents.append(
                    Consent(
                        person=person,
                        kind=Consent.Kind.REPRESENTATIVE,
                        given_on=given,
                        representative_name=mother_of(person, self.names, self.rng),
                        representative_relation="мать",
                    )
                )
        bulk_create_with_history(consents, Consent)

    def mentor(
        self,
        person: Person,
        codes: list[str],
        *,
        capacity: int,
        trained: bool,
        status: str,
        network: bool = False,
    ) -> MentorProfile:
        profile = MentorProfile.objects.create(
            person=person, status=status, capacity=capacity, network_ready=network
        )
        profile.forms.set([self.forms[c] for c in codes])
        profile.competencies.set(self.rng.sample(self.competencies, 4))
        if trained:
            course, provider, hours = self.rng.choice(COURSES)
            TrainingRecord.objects.create(
                mentor=profile,
                course=course,
                provider=provider,
                hours=hours,
                completed_on=datetime.date(2021, self.rng.randint(3, 8), self.rng.randint(1, 28)),
                certificate=f"удостоверение № {self.rng.randint(1000, 9999)}",
            )
        if person.category == PersonCategory.TEACHER and status == MentorProfile.Status.ACTIVE:
            Incentive.objects.create(
                mentor=profile,
                kind=Incentive.Kind.PAYMENT,
                description="доплата за наставничество по дополнительному соглашению",
                amount=Decimal(3000),
                granted_on=datetime.date(2021, 9, 1),
            )
        return profile

    def mentee(self, person: Person, code: str, source: str, request: str = "") -> MenteeProfile:
        profile = MenteeProfile.objects.create(
            person=person,
            desired_form=self.forms[code],
            source=source,
            request=request or "адаптация в коллективе и освоение профессии",
        )
        if person.category == PersonCategory.TEACHER:
            profile.deficits.set(self.rng.sample(self.competencies, 3))
        return profile
