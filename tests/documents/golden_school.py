"""One fixed school with every kind of participant, for the golden-text tests of documents.

Everything a document prints is fixed here (names, positions, classes, contracts, dates), so
the whole text of each PDF can be compared with the text kept beside the tests.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from accounts.models import Membership, MembershipRole, Organization, Role
from documents import services
from documents.models import Document
from mentoring.models import Assignment, AssignmentStatus
from mentoring.services import assignment_create, plan_add_routes, plan_create_from_template
from registry.models import Consent, MentoringForm, Person, PersonCategory
from tests.factories import (
    ConsentFactory,
    MenteeProfileFactory,
    MentorProfileFactory,
    MunicipalityFactory,
    OrganizationFactory,
    PersonFactory,
    UserFactory,
)
from tests.mentoring.factories import year_2021

ORDER_DAY = datetime.date(2021, 9, 1)
AGREEMENT_DAY = datetime.date(2021, 8, 31)
CONSENT_DAY = datetime.date(2021, 8, 27)
ENDING_DAY = datetime.date(2022, 5, 31)
ENDS_ON = datetime.date(2022, 5, 31)


@dataclass
class School:
    org: Organization
    director: object
    curator: Person
    deputy: Person
    mentor: Person  # Толкалина: three mentees in a group
    assignments: list[Assignment]
    pupil: Person
    young: Person


def _person(org, last, first, middle, gender="f", **extra) -> Person:
    extra.setdefault("as_of", ORDER_DAY)
    return PersonFactory(
        organization=org, last_name=last, first_name=first, middle_name=middle, gender=gender,
        **extra,
    )  # fmt: skip


def _pupil(org, last, first, middle, gender, school_class) -> Person:
    return _person(
        org, last, first, middle, gender,
        category=PersonCategory.STUDENT, position="", subject="", experience_years=None,
        school_class=school_class, birth_date=datetime.date(2010, 3, 14),
    )  # fmt: skip


def _mentor(person, *forms, capacity=3):
    return MentorProfileFactory(person=person, forms=list(forms), capacity=capacity)


def _mentee(person, form):
    return MenteeProfileFactory(person=person, desired_form=MentoringForm.objects.get(code=form))


def build() -> School:
    municipality = MunicipalityFactory(name="городской округ «Город Хабаровск»")
    org = OrganizationFactory(
        municipality=municipality,
        short_name="МАОУ «СШ № 19»",
        full_name="муниципальное автономное общеобразовательное учреждение г. Хабаровска "
        "«Средняя школа № 19»",
        slug="school-19",
        locality="г. Хабаровск",
        address="680000, г. Хабаровск, ул. Школьная, д. 19",
        phone="8 (4212) 45-67-89",
        inn="2721012341",
        regional_acts="Приказ министерства образования и науки Хабаровского края от 12.08.2021 "
        "№ 34 «О внедрении целевой модели наставничества в Хабаровском крае»",
        has_union=True,
    )
    neighbour = OrganizationFactory(
        municipality=municipality, short_name="МАОУ «СШ № 4»", slug="school-4"
    )
    director = UserFactory(
        username="golden-director", last_name="Иванов", first_name="Иван",
        middle_name="Иванович", gender="m",
    )  # fmt: skip
    membership = Membership.objects.create(user=director, organization=org)
    MembershipRole.objects.create(membership=membership, role=Role.DIRECTOR)
    org.director = director
    org.save()
    year = year_2021()

    curator = _person(
        org, "Сидорова", "Светлана", "Сергеевна",
        position="заместитель директора по методической работе",
    )  # fmt: skip
    deputy = _person(
        org, "Петрова", "Анна", "Сергеевна",
        position="заместитель директора по учебно-воспитательной работе",
    )  # fmt: skip
    mentor = _person(
        org, "Толкалина", "Ольга", "Викторовна", experience_years=Decimal(20),
        contract_date=datetime.date(2005, 9, 1), contract_number="47",
    )  # fmt: skip
    colleague = _person(
        org, "Бережная", "Елена", "Александровна", position="учитель начальных классов",
        experience_years=Decimal(15),
    )  # fmt: skip
    young = _person(org, "Гусь", "Илья", "Ильич", "m", experience_years=Decimal(1))
    network = _person(
        neighbour, "Кузнец", "Пётр", "Ильич", "m", position="учитель-логопед",
        experience_years=Decimal(25),
    )  # fmt: skip
    student = _person(
        org, "Емельянова", "Полина", "Яковлевна", category=PersonCategory.COLLEGE_STUDENT,
        position="", employer_name="КГБ ПОУ «Хабаровский педагогический колледж»",
        experience_years=None,
    )  # fmt: skip
    engineer = _person(
        org, "Архипов", "Ярослав", "Яковлевич", "m", category=PersonCategory.EMPLOYER,
        position="инженер", employer_name="АО «Хабаровская горэлектросеть»",
        experience_years=None,
    )  # fmt: skip
    pupils = [
        _pupil(org, "Алексеева", "Жанна", "Сергеевна", "f", "5Б"),
        _pupil(org, "Смирнов", "Михаил", "Ильич", "m", "5А"),
        _pupil(org, "Сергеева-Ткаченко", "Мария", "Андреевна", "f", "6А"),
        _pupil(org, "Баранов", "Виктор", "Сергеевич", "m", "7А"),
        _pupil(org, "Белова", "Таисия", "Константиновна", "f", "8Б"),
    ]

    forms = {f.code: f for f in MentoringForm.objects.all()}

    def assign(form, mentors, mentees, kind=Assignment.Kind.PAIR):
        return assignment_create(
            organization=org, academic_year=year, form=forms[form], mentors=mentors,
            mentees=[_mentee(p, form) for p in mentees], starts_on=ORDER_DAY, ends_on=ENDS_ON,
            kind=kind,
        )  # fmt: skip

    assignments = [
        assign("teacher-teacher", [_mentor(colleague, "teacher-teacher")], [young]),
        assign(
            "teacher-student",
            [_mentor(mentor, "teacher-student")],
            pupils[:3],
            kind=Assignment.Kind.GROUP,
        ),
        assign("college-student", [_mentor(student, "college-student")], [pupils[3]]),
        assign("employer-student", [_mentor(engineer, "employer-student")], [pupils[4]]),
    ]
    network_profile = _mentor(network, "teacher-teacher")
    network_profile.network_ready = True
    network_profile.save()
    newcomer = _person(org, "Гусева", "Ирина", "Ильинична", experience_years=Decimal("0.5"))
    assignments.append(assign("teacher-teacher", [network_profile], [newcomer]))
    Assignment.objects.filter(pk__in=[a.pk for a in assignments]).update(
        status=AssignmentStatus.AWAITING_ORDER
    )
    for a in assignments:
        a.refresh_from_db()
    return School(org, director, curator, deputy, mentor, assignments, pupils[0], young)


def give_consents(school: School) -> None:
    """Every consent the order of ORDER_DAY needs, given on CONSENT_DAY."""
    from documents import basis

    for p in basis.participants(school.assignments, ORDER_DAY):
        # each pupil's mother, of the pupil's surname
        surname = p.person.last_name + ("а" if p.person.gender == "m" else "")
        for kind in p.needs:
            extra = (
                {
                    "representative_name": f"{surname} Ольга Петровна",
                    "representative_relation": "мать",
                }
                if kind == Consent.Kind.REPRESENTATIVE
                else {}
            )
            ConsentFactory(person=p.person, kind=kind, given_on=CONSENT_DAY, **extra)


def agreement(school: School, person: Person) -> Document:
    return services.document_create_agreement(
        organization=person.organization,
        by=school.director,
        person=person,
        starts_on=ORDER_DAY,
        ends_on=ENDS_ON,
        payment="3000,00",
        duties="Наставничество: методическая поддержка обучающихся 5–6 классов.",
        expected="Повышение учебной мотивации наставляемых.",
        conditions="Консультации, совместная подготовка к олимпиадам.",
    )


def sign(document: Document, school: School, day: datetime.date) -> Document:
    services.document_send(document=document, today=day)
    return services.document_sign(document=document, by=school.director, today=day)


def agreed_roadmap(school: School) -> None:
    """The sample roadmap of 2021–2022, agreed by the municipal coordinator."""
    from mentoring.roadmap_services import roadmap_start_from_sample

    roadmap = roadmap_start_from_sample(organization=school.org, academic_year=year_2021())
    roadmap.agreed_by = UserFactory(
        username="golden-coordinator", last_name="Кузнецова", first_name="Марина",
        middle_name="Павловна",
    )  # fmt: skip
    roadmap.agreed_on = datetime.date(2021, 8, 25)
    roadmap.save(update_fields=["agreed_by", "agreed_on"])


def documents(school: School) -> dict[str, Document]:
    """Each kind of document, signed as the school would have signed it."""
    agreed_roadmap(school)
    intro = sign(
        services.document_create_introduction(
            organization=school.org,
            by=school.director,
            starts_on=ORDER_DAY,
            curator=school.curator,
            forms=["учитель – учитель", "учитель – ученик"],
            council_date=datetime.date(2021, 8, 30),
            council_protocol="1",
            union_date=datetime.date(2021, 8, 27),
            union_protocol="5",
        ),
        school,
        ORDER_DAY,
    )
    give_consents(school)
    agreements = {}
    for a in school.assignments:
        for m in a.mentors:
            person = m.person
            if person.category != PersonCategory.TEACHER:
                continue
            if person.organization == school.org:
                agreements[person.pk] = sign(agreement(school, person), school, AGREEMENT_DAY)
            else:  # a network mentor's agreement is with his own school, signed on paper
                services.document_register_signed(
                    document=agreement(school, person),
                    number=12,
                    signed_on=AGREEMENT_DAY,
                    by=school.director,
                )
    cooperation = sign(
        services.document_create_cooperation(
            organization=school.org,
            by=school.director,
            partner_kind="employer",
            partner={
                "name": "Акционерное общество «Хабаровская горэлектросеть»",
                "short": "АО «Хабаровская горэлектросеть»",
                "head": "Соколова Анна Петровна",
                "head_position": "генеральный директор",
                "basis": "Устав",
                "address": "680000, г. Хабаровск, ул. Промышленная, д. 3",
                "inn": "2721000001",
                "phone": "+7 4212 00-00-00",
            },
            forms=["работодатель – ученик"],
            mentors=[Person.objects.get(last_name="Архипов")],
            starts_on=AGREEMENT_DAY,
            ends_on=ENDING_DAY,
        ),
        school,
        AGREEMENT_DAY,
    )
    order = sign(
        services.document_create_assignment_order(
            organization=school.org,
            by=school.director,
            assignments=school.assignments,
            controller=school.deputy,
        ),
        school,
        ORDER_DAY,
    )
    ending = sign(
        services.document_create_ending_order(
            organization=school.org,
            by=school.director,
            assignments=school.assignments[:1],
            ends_on=ENDING_DAY,
            reason="окончанием срока реализации программы наставничества.",
            grounds="служебная записка куратора программы наставничества "
            f"от {ENDING_DAY - datetime.timedelta(days=3):%d.%m.%Y}",
        ),
        school,
        ENDING_DAY,
    )
    cancellation = sign(
        services.document_create_cancellation(
            organization=school.org,
            by=school.director,
            cancels=ending,
            reason="ошибкой в дате прекращения наставничества",
        ),
        school,
        ENDING_DAY,
    )
    local_acts = sign(
        services.document_create_local_acts(
            organization=school.org,
            by=school.director,
            acts=["esign", "privacy"],
            responsible=school.deputy,
            today=ENDING_DAY,
        ),
        school,
        ENDING_DAY,
    )
    reply = sign(
        Document.objects.create(
            organization=school.org,
            kind=Document.Kind.SUBJECT_REPLY,
            title="Об обработке персональных данных",
            created_by=school.director,
            person=Person.objects.get(last_name="Сергеева-Ткаченко"),
            params={
                "received_on": "2022-05-25",
                "requested_by": "Сергеева Ольга Викторовна",
                "address": "680021, г. Хабаровск, ул. Ленина, д. 7, кв. 12",
                "package_on": ENDING_DAY.isoformat(),
            },
        ),
        school,
        ENDING_DAY,
    )
    nomination = sign(
        services.document_create_nomination(
            organization=school.org,
            by=school.director,
            person=school.mentor,
            award="honour",
            award_of="Министерства просвещения Российской Федерации",
            addressee="Начальнику управления образования администрации г. Хабаровска",
            merits="за значительный вклад в реализацию целевой модели наставничества",
            characteristic="Руководит наставнической группой обучающихся 5–6 классов.",
            today=ENDING_DAY,
        ),
        school,
        ENDING_DAY,
    )
    return {
        "order_introduction": intro,
        "cooperation": cooperation,
        "nomination": nomination,
        "subject_reply": reply,
        "order_local_acts": local_acts,
        "order_assignment": order,
        "order_ending": ending,
        "order_cancellation": cancellation,
        "agreement": agreements[school.mentor.pk],
    }


def plan_for(school: School) -> Assignment:
    group = school.assignments[1]
    plan_add_routes(plan=plan_create_from_template(assignment=group))
    return group
