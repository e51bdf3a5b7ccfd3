"""Forms printed for signing by hand — the consents of seed 002 — and the personal plan.

They are not numbered or signed in the portal: the signed paper is recorded as a consent in the
registry (with an optional scan)."""

from __future__ import annotations

import datetime

from accounts.models import AcademicYear
from accounts.policy import users_allowed
from core.russian import date_numeric, plural
from documents.contexts import PUPIL
from documents.rendering import render_pdf, render_pdfs
from documents.russian import (
    BLANK_DATE,
    Case,
    contract_citation,
    date_long,
    decline_position,
    order_citation,
    person_name,
    position_and_name,
    rubles,
    signature_name,
    signature_name_in,
    typed_name_gender,
    typed_name_in,
    typed_signature_name,
)
from registry.models import Consent, Person, PersonCategory

FORMS = {
    Consent.Kind.MENTOR_WORK: "documents/pdf/consent_mentor_work.html",
    Consent.Kind.MENTEE: "documents/pdf/consent_mentee.html",
    Consent.Kind.REPRESENTATIVE: "documents/pdf/consent_representative.html",
    Consent.Kind.PERSONAL_DATA: "documents/pdf/consent_personal_data.html",
    Consent.Kind.PARTICIPATION: "documents/pdf/consent_participation.html",
}
# What mentoring gives a mentee, as the consent's table says it
EXPECTED = {
    "staff": "Профессиональная адаптация, освоение профессиональных навыков, преодоление "
    "профессиональных затруднений.",
    "pupil": "Раскрытие личностного потенциала, повышение учебной мотивации, профессиональная "
    "ориентация.",
}
CONDITIONS = (
    "Встречи с наставником, совместная работа по персонализированной программе наставничества."
)


def forms_for(person: Person, day: datetime.date) -> list[tuple[str, str]]:
    """The printable forms that make sense for this person on `day`: (consent kind, label).
    A minor signs nothing: the legal representative's consent covers participation and the
    processing of the child's personal data."""
    if person.is_minor_on(day):
        kinds = [Consent.Kind.REPRESENTATIVE]
    else:
        kinds = [Consent.Kind.PERSONAL_DATA]
        if hasattr(person, "mentor_profile"):
            if person.category == PersonCategory.TEACHER:
                kinds.append(Consent.Kind.MENTOR_WORK)
            else:  # a student or an employer's representative is not our employee
                kinds.append(Consent.Kind.PARTICIPATION)
        if hasattr(person, "mentee_profile"):
            kinds.append(Consent.Kind.MENTEE)
    return [(k, str(Consent.Kind(k).label)) for k in kinds]


def blank_assignments(person: Person):
    """The pairs and groups a card's blank may be printed for (not stopped ones), newest
    first: the person chooses; a blank is never for whichever pair runs by the dates."""
    from mentoring.models import Assignment, AssignmentStatus

    return (
        Assignment.objects.of_person(person)
        .exclude(status=AssignmentStatus.TERMINATED)
        .with_people()
        .order_by("-starts_on", "-pk")
    )


def who(person: Person, day: datetime.date, case: Case = Case.GENITIVE) -> str:
    """«Бережной Елены Александровны, учителя начальных классов МАОУ „СШ № 19“»: a person
    named in full with the position and the organization, as the consents of seed 002 ask
    («занимаемая им должность с названием организации»), in the nominative or genitive."""
    name = person_name(person, case)
    male = person.gender == "m"
    if person.category == PersonCategory.COLLEGE_STUDENT:
        student = decline_position("студент" if male else "студентка", case)
        what = f"{student} {person.employer_name}".strip()
    elif person.category == PersonCategory.EMPLOYER:
        what = " ".join(
            p for p in (decline_position(person.position, case), person.employer_name) if p
        )
    elif person.category == PersonCategory.STUDENT:
        school_class = person.class_on(day)
        what = PUPIL[case, male] + (f" {school_class} класса" if school_class else "")
        what += f" {person.organization.short_name}"
    else:
        position = decline_position(person.position or "работник", case)
        what = f"{position} {person.organization.short_name}"
    return f"{name}, {what}" if what else name


# The mentor's side of the work, where no agreement states it yet («совместная работа с
# наставляемыми»), and its result for the mentees the pairs have
MENTOR_DUTIES = "совместная работа с наставляемыми по персонализированной программе наставничества"
MENTOR_CONDITIONS = (
    "Совместная работа с наставляемыми: встречи и консультации, совместная подготовка и анализ "
    "занятий и мероприятий."
)
MENTOR_EXPECTED = {
    "staff": "Профессиональная адаптация наставляемых, освоение ими профессиональных навыков, "
    "преодоление профессиональных затруднений.",
    "pupil": "Раскрытие личностного потенциала наставляемых, повышение их учебной мотивации, "
    "профессиональная ориентация.",
    None: "Достижение наставляемыми результатов, намеченных персонализированной программой "
    "наставничества.",
}


def _agreement_for(person: Person, starts_on, ends_on):
    """The mentor's supplementary agreement (not cancelled) whose period meets these dates,
    the latest prepared first: the consent to the extra work states its terms."""
    from documents.models import Document

    agreements = (
        Document.objects.filter(kind=Document.Kind.AGREEMENT, person=person)
        .exclude(status=Document.Status.CANCELLED)
        .defer("pdf")
        .order_by("-created_at", "-pk")
    )
    for agreement in agreements:
        p = agreement.params
        if p.get("starts_on", "") <= ends_on.isoformat() and p.get("ends_on", "") >= (
            starts_on.isoformat()
        ):
            return agreement
    return None


def extra_work(person: Person, assignments, starts_on, ends_on) -> dict:
    """The extra work of a mentor's consent (seed 002: «Согласие работника на дополнительную
    работу»): the agreement's duties, result, volume, conditions and payment word for word
    where one is prepared for the period; else the mentor's side of the pairs, with the
    result that fits their mentees (pupils or staff)."""
    from documents.services import mentee_volume

    agreement = _agreement_for(person, starts_on, ends_on)
    if agreement is not None:
        p = agreement.params
        return {
            "duties": p.get("duties", ""),
            "expected": p.get("expected", ""),
            "volume": p.get("volume", "") or mentee_volume(person, starts_on, ends_on),
            "conditions": p.get("conditions", ""),
            "payment": rubles(p["payment"]) if p.get("payment") else "",
        }
    mentees = [m.person for a in assignments for m in a.mentees]
    kinds = {"pupil" if m.category == PersonCategory.STUDENT else "staff" for m in mentees}
    forms = list(dict.fromkeys(a.form.name for a in assignments))
    form = f" (форма «{forms[0]}»)" if len(forms) == 1 else ""
    return {
        "duties": f"Наставничество{form}: {MENTOR_DUTIES}.",
        "expected": MENTOR_EXPECTED[kinds.pop() if len(kinds) == 1 else None],
        "volume": mentee_volume(person, starts_on, ends_on),
        "conditions": MENTOR_CONDITIONS,
        "payment": "",
    }


# «являясь матерью (законным представителем)»: the relation a representative's consent
# names, in the instrumental, and the representative's gender it tells
RELATIONS = {
    "мать": ("матерью", "f"), "отец": ("отцом", "m"),
    "приёмная мать": ("приёмной матерью", "f"), "приёмный отец": ("приёмным отцом", "m"),
    "усыновитель": ("усыновителем", ""), "опекун": ("опекуном", ""),
    "попечитель": ("попечителем", ""), "бабушка": ("бабушкой", "f"), "дедушка": ("дедушкой", "m"),
}  # fmt: skip


def _representative(consent) -> dict:
    """How a representative's consent names them: in the header's genitive, with the
    relation in «являясь …» and «проживающий/проживающая» by the gender it tells."""
    if consent is None:
        return {"name": "", "genitive": "", "relation": "", "as": "законным представителем",
                "living": "проживающий(ая)", "gender": ""}  # fmt: skip
    relation = " ".join(consent.representative_relation.lower().replace("ё", "е").split())
    known = {k.replace("ё", "е"): v for k, v in RELATIONS.items()}.get(relation)
    gender = (known[1] if known else "") or typed_name_gender(consent.representative_name)
    if known:
        as_ = f"{known[0]} (законным представителем)"
    elif relation:
        as_ = f"законным представителем ({consent.representative_relation.strip()})"
    else:
        as_ = "законным представителем"
    return {
        "name": consent.representative_name,
        "genitive": typed_name_in(consent.representative_name, Case.GENITIVE, gender),
        "relation": consent.representative_relation,
        "as": as_,
        "living": {"m": "проживающий", "f": "проживающая"}.get(gender, "проживающий(ая)"),
        "gender": gender,
    }


def consent_term(person: Person, kind: str, starts_on, ends_on):
    """The days a consent of `kind` may cover: a pupil's own from his 18th birthday, a legal
    representative's up to the day before it (then the pupil signs himself)."""
    of_age = person.comes_of_age_on() if person.category == PersonCategory.STUDENT else None
    if of_age is None or starts_on is None:
        return starts_on, ends_on
    if kind == Consent.Kind.REPRESENTATIVE:
        return starts_on, min(ends_on, of_age - datetime.timedelta(days=1))
    return max(starts_on, of_age), ends_on


def person_form_pdf(person: Person, kind: str, day: datetime.date, assignments=()) -> bytes:
    return render_pdf(*person_form(person, kind, day, assignments))


def package_blanks_pdf(package) -> bytes | None:
    """Every consent a draft order's package still lacks, as blanks in one PDF to print and
    hand out, each for the person's pairs and groups of that order (None: nothing to print)."""
    blanks = [
        person_form(row.person, cell.kind, package.day, row.assignments)
        for row in package.rows
        for cell in row.missing_consents
    ]
    return render_pdfs(blanks) if blanks else None


def person_form(person: Person, kind: str, day: datetime.date, assignments=()) -> tuple[str, dict]:
    """(template, context) of a blank printed on `day` for the given pairs and groups of the
    person (an order's, or the one chosen on the card): their dates, form and people. Without
    one, the academic year of `day` and blank lines; the class is that of `day`."""
    from registry.services import WITHDRAWAL_GRACE_DAYS

    org = person.organization
    assignments = list(assignments)
    assignment = assignments[0] if assignments else None
    if assignment is not None:
        starts_on = min(a.starts_on for a in assignments)
        ends_on = max(a.ends_on for a in assignments)
    else:
        year = AcademicYear.objects.current(day)
        starts_on, ends_on = (year.starts_on, year.ends_on) if year else (None, None)
    representative = _representative(
        Consent.objects.filter(person=person, kind=Consent.Kind.REPRESENTATIVE)
        .exclude(representative_name="")
        .order_by("-given_on")
        .first()
    )
    cut = ends_on
    starts_on, ends_on = consent_term(person, kind, starts_on, ends_on)
    mentors, mentees, as_mentor = [], [], hasattr(person, "mentor_profile")
    if assignment is not None:
        as_mentor = any(m.person_id == person.pk for m in assignment.mentors)
        if as_mentor:
            mentees = [who(m.person, day) for a in assignments for m in a.mentees]
        else:
            mentors = [who(m.person, day) for a in assignments for m in a.mentors]
    work = {"duties": "", "expected": "", "volume": "", "conditions": "", "payment": ""}
    if kind == Consent.Kind.MENTOR_WORK and starts_on:
        work = extra_work(person, assignments, starts_on, ends_on)
    male = person.gender == "m"
    director = org.director
    context = {
        "organization": org.full_name,
        "organization_dative": decline_position(org.full_name, Case.DATIVE),
        "organization_short": org.short_name,
        "operator_address": org.address,
        "pd_actions": PERSONAL_DATA_ACTIONS,
        "director_dative": signature_name_in(director, Case.DATIVE) if director else "",
        "person": person_name(person),
        "person_genitive": person_name(person, Case.GENITIVE),
        "who": who(person, day, Case.NOMINATIVE),
        "who_genitive": who(person, day),
        "signer": signature_name_in(person),
        "male": male,
        "pupil": person.category == PersonCategory.STUDENT,
        "as_mentor": as_mentor,
        "form": assignment.form.name if assignment else "",
        "expected": EXPECTED["pupil" if person.category == PersonCategory.STUDENT else "staff"],
        "conditions": CONDITIONS,
        "starts_on": date_long(starts_on) if starts_on else BLANK_DATE,
        "ends_on": date_long(ends_on) if ends_on else BLANK_DATE,
        "mentors": mentors,
        "mentees": mentees,
        "work": work,
        "contract": contract_citation(person.contract_date, person.contract_number),
        "representative": representative,
        # a representative's consent ends before the pair when the pupil comes of age
        "until_of_age": ends_on is not None and ends_on != cut,
        "birth_date": date_long(person.birth_date) if person.birth_date else BLANK_DATE,
        "withdrawal_days": WITHDRAWAL_GRACE_DAYS,
        "blank_date": BLANK_DATE,
    }
    return FORMS[Consent.Kind(kind)], context


def withdrawal_form(consent: Consent, day: datetime.date) -> tuple[str, dict]:
    """A blank to withdraw a consent on file (152-ФЗ ст. 9 ч. 2): from the person, or from
    the representative who gave it, naming the consent by its kind and date and asking that
    the data be destroyed as ст. 21 ч. 5 says. A mentor's consent to extra work is ended by
    refusing the work instead (ТК РФ ст. 60.2 ч. 4: three working days' notice)."""
    from registry.services import WITHDRAWAL_GRACE_DAYS

    person = consent.person
    org = person.organization
    director = org.director
    representative = (
        _representative(consent) if consent.kind == Consent.Kind.REPRESENTATIVE else None
    )
    return "documents/pdf/consent_withdrawal.html", {
        "organization_short": org.short_name,
        "organization_dative": decline_position(org.full_name, Case.DATIVE),
        "director_dative": signature_name_in(director, Case.DATIVE) if director else "",
        "who": who(person, day, Case.NOMINATIVE),
        "who_genitive": who(person, day),
        "male": person.gender == "m",
        "representative": representative,
        "signer": (representative or {}).get("name") or signature_name_in(person),
        "label": consent.get_kind_display(),
        "given_on": date_long(consent.given_on),
        "labour": consent.kind == Consent.Kind.MENTOR_WORK,
        "contract": contract_citation(person.contract_date, person.contract_number),
        "withdrawal_days": WITHDRAWAL_GRACE_DAYS,
        "blank_date": BLANK_DATE,
    }


def withdrawal_pdf(consent: Consent, day: datetime.date) -> bytes:
    return render_pdf(*withdrawal_form(consent, day))


def _plan_subject(assignment, mentees: list[Person]) -> str:
    """Seed 002's title: «… по развитию профессиональных навыков молодого специалиста Гуся
    Ильи Ильича»; for pupils and for groups in their own words."""
    if len(mentees) > 1:
        return f"группы наставляемых (форма «{assignment.form.name}»)"
    mentee = mentees[0]
    if mentee.category == PersonCategory.STUDENT:
        school_class = mentee.class_on(assignment.starts_on)
        who_ = PUPIL[Case.GENITIVE, mentee.gender == "m"]
        return f"{who_} {person_name(mentee, Case.GENITIVE)}" + (
            f", {school_class} класс" if school_class else ""
        )
    return (
        "по развитию профессиональных навыков молодого специалиста "
        f"{person_name(mentee, Case.GENITIVE)}"
    )


def plan_pdf(assignment) -> bytes:
    return render_pdf(*plan_document(assignment))


def _representatives_acquainted(mentees: list[Person], day: datetime.date) -> list:
    """«С программой ознакомлена законный представитель наставляемой Алексеевой Ж.С.»: a
    minor acknowledges the program through the representative named in the consent on file
    (a line to fill by hand when there is none)."""
    minors = [m for m in mentees if m.is_minor_on(day)]
    consents = {
        c.person_id: c
        for c in Consent.objects.filter(
            person__in=minors, kind=Consent.Kind.REPRESENTATIVE, withdrawn_on__isnull=True
        )
        .exclude(representative_name="")
        .order_by("given_on", "pk")
    }
    rows = []
    for mentee in minors:
        representative = _representative(consents.get(mentee.pk))
        acquainted = {"m": "ознакомлен", "f": "ознакомлена"}.get(
            representative["gender"], "ознакомлен(а)"
        )
        whose = "наставляемого" if mentee.gender == "m" else "наставляемой"
        rows.append(
            (
                f"С программой {acquainted} законный представитель {whose} "
                f"{person_name(mentee, Case.GENITIVE, short=True)}",
                typed_signature_name(representative["name"]) or "________________",
            )
        )
    return rows


def plan_document(assignment) -> tuple[str, dict]:
    """(template, context) of the personalized program as seed 002 lays it out: the
    director's approval, the title with the mentee and the term, five tasks with their
    events, the individual routes of a group's mentees by the four competence areas
    (seed 004), and the participants' names under their signatures."""
    plan = assignment.plan
    org = assignment.organization
    director = org.director
    mentors = [m.person for m in assignment.mentors]
    mentees = [m.person for m in assignment.mentees]
    routes = plan.routes.select_related("mentee__person").prefetch_related("steps", "deficits")
    return (
        "documents/pdf/plan.html",
        {
            "organization": org.full_name,
            "organization_short": org.short_name,
            "director": signature_name_in(director) if director else "",
            "subject": _plan_subject(assignment, mentees),
            "form": assignment.form.name,
            "mentors": [person_name(m) for m in mentors],
            "mentees": [person_name(m) for m in mentees],
            "signatures": [("Наставник", signature_name_in(m)) for m in mentors]
            + [
                ("Наставляемый" if m.gender == "m" else "Наставляемая", signature_name_in(m))
                for m in mentees
            ]
            + _representatives_acquainted(mentees, assignment.starts_on),
            "starts_on": date_long(assignment.starts_on),
            "ends_on": date_long(assignment.ends_on),
            "goal": plan.goal,
            "tasks": [
                {
                    "title": task.title,
                    "events": [
                        {
                            "title": e.title,
                            "due": e.due,
                            "expected": e.expected_result,
                            "done": f"выполнено {date_numeric(e.done_on)}" if e.done_on else "",
                        }
                        for e in task.events.all()
                    ],
                }
                for task in plan.tasks.prefetch_related("events")
            ],
            "routes": [
                {
                    "mentee": person_name(r.mentee.person),
                    "deficits": [d.name for d in r.deficits.all()],
                    "diagnosis": r.diagnosis,
                    "steps": [
                        {
                            "area": s.get_area_display(),
                            "events": s.events,
                            "due": s.due,
                            "done": f"выполнено {date_numeric(s.done_on)}" if s.done_on else "",
                        }
                        for s in r.steps.all()
                    ],
                }
                for r in routes
            ],
        },
    )


def roadmap_document(roadmap, day: datetime.date) -> tuple[str, dict]:
    """A school's roadmap as its own paper (seed 001): the director's «УТВЕРЖДАЮ», the table
    on landscape pages and «Согласовано муниципальный координатор» with the coordinator who
    agreed it in the portal (the date only when it is not later than `day`)."""
    from documents.contexts import roadmap_table

    org = roadmap.organization
    director = org.director
    return "documents/pdf/roadmap.html", {
        "organization": org.full_name,
        "organization_short": org.short_name,
        "director": signature_name_in(director) if director else "",
        "roadmap": roadmap_table(roadmap, day),
    }


def roadmap_pdf(roadmap, day: datetime.date) -> bytes:
    return render_pdf(*roadmap_document(roadmap, day))


def adopted(organization, act: str) -> dict | None:
    """A local act's «УТВЕРЖДЕНО приказом … от … №»: the signed order in force that adopted it
    (documents.selectors.adopting_order), or None for blank lines to fill by hand."""
    from documents.selectors import adopting_order

    order = adopting_order(organization, act)
    if order is None or order.signed_on is None:  # a signed order has its day
        return None
    return {"order": order, "date": date_long(order.signed_on), "number": order.number}


def portal_staff(organization) -> list[dict]:
    """The school's director and curators in the portal with their positions: who signs a
    local act's acknowledgement sheet."""
    users = list(users_allowed(organization, "documents.acknowledge").order_by("last_name", "pk"))
    people = {p.user_id: p for p in Person.objects.filter(user__in=users)}
    return [
        {
            "name": person_name(user, short=True),
            "position": getattr(people.get(user.pk), "position", ""),
        }
        for user in users
    ]


def esign_regulation_context(organization, portal: str = "") -> dict:
    from core.links import portal_url

    return {
        "organization": organization.full_name,
        "organization_short": organization.short_name,
        "verify_url": f"{(portal or portal_url()).rstrip('/')}/verify/",
    }


def esign_regulation_pdf(organization, portal: str = "") -> bytes:
    """The school's local act on the simple electronic signature (63-ФЗ, ст. 9), with its
    director and the people who prepare documents on the acknowledgement sheet; the grif
    names the order that adopted it, once one is signed."""
    return render_pdf(
        "documents/pdf/esign_regulation.html",
        {
            **esign_regulation_context(organization, portal),
            "adopted": adopted(organization, "esign"),
            "acquainted": portal_staff(organization),
        },
    )


def responsible_for_personal_data(order, *, own: bool = False) -> dict | None:
    """Whom an order adopting the policy named responsible for organising the processing of
    personal data (152-ФЗ, ст. 22.1), with the order that did («назначена приказом от …»);
    `own`: as the order's own annex says it, and a draft not yet numbered («настоящим
    приказом»)."""
    person = Person.objects.filter(pk=order.params.get("responsible_id")).first()
    if person is None:
        return None
    appointed = "назначен" if person.gender == "m" else "назначена"
    if own or not order.number:
        cited = f"{appointed} настоящим приказом"
    else:
        by = order_citation(order.signed_on, order.number, Case.INSTRUMENTAL, long=True)
        cited = f"{appointed} {by}"
    return {"person": person, "name": position_and_name(person), "order": cited}


# What is done with personal data (152-ФЗ, ст. 3, п. 3), as the consents and the policy list it
PERSONAL_DATA_ACTIONS = (
    "сбор, запись, систематизация, накопление, хранение, уточнение (обновление, изменение), "
    "извлечение, использование, передача (предоставление, доступ), обезличивание, "
    "блокирование, удаление, уничтожение"
)
# Who the programme's data is about and what it is (the policy's section 4; the cards' fields)
PERSONAL_DATA_CATEGORIES = (
    ("Работники Оператора — наставники и наставляемые",
     "фамилия, имя, отчество; пол; дата рождения; должность, преподаваемый предмет; "
     "педагогический стаж; адрес электронной почты, телефон; реквизиты трудового договора; "
     "сведения об обучении, участии в программе наставничества и поощрениях"),
    ("Обучающиеся Оператора",
     "фамилия, имя, отчество; пол; дата рождения; класс; запрос и образовательные дефициты; "
     "сведения об участии в программе наставничества"),
    ("Законные представители несовершеннолетних обучающихся",
     "фамилия, имя, отчество; степень родства; сведения, указанные в согласии"),
    ("Наставники из других организаций (студенты, представители работодателей, педагоги "
     "других школ)",
     "фамилия, имя, отчество; пол; место работы или учёбы, должность; адрес электронной "
     "почты, телефон; сведения об участии в программе наставничества"),
)  # fmt: skip


def personal_data_of(person: Person) -> str:
    """What the programme processes of `person` (the policy's row for their category)."""
    rows: dict[str, int] = {
        PersonCategory.TEACHER: 0,
        PersonCategory.STUDENT: 1,
        PersonCategory.COLLEGE_STUDENT: 3,
        PersonCategory.EMPLOYER: 3,
    }
    return PERSONAL_DATA_CATEGORIES[rows.get(person.category, 0)][1]


def privacy_policy_pdf(organization) -> bytes:
    """The school's policy on the personal data of its mentoring programme (152-ФЗ, ст. 18.1,
    ч. 2), from its own details — name, address, director, retention term — to adopt by an
    order and publish on its site; once adopted, with the order and the person it made
    responsible."""
    approval = adopted(organization, "privacy")
    return render_pdf(
        "documents/pdf/privacy_policy.html",
        {
            **privacy_policy_context(organization),
            "adopted": approval,
            "responsible": responsible_for_personal_data(approval["order"]) if approval else None,
        },
    )


def privacy_policy_context(organization) -> dict:
    from registry.services import ANSWER_WORKING_DAYS, WITHDRAWAL_GRACE_DAYS

    director = organization.director
    years = organization.retention_years
    return {
        "organization": organization.full_name,
        "organization_short": organization.short_name,
        "address": organization.address,
        "director": person_name(director) if director else "________________",
        "director_signature": signature_name(
            director.last_name, director.first_name, director.middle_name
        )
        if director
        else "",
        "categories": PERSONAL_DATA_CATEGORIES,
        "actions": PERSONAL_DATA_ACTIONS,
        "withdrawal_days": WITHDRAWAL_GRACE_DAYS,
        "retention": f"{years} {plural(years, 'года', 'лет', 'лет')}",
        "answer_days": ANSWER_WORKING_DAYS,
    }
