"""Context builders: plain values (declined names, formatted dates) for the document templates.

The templates stay dumb; everything Russian grammar needs is decided here.
"""

from __future__ import annotations

import datetime

from django.utils.text import capfirst

from accounts.models import Gender, Organization
from core.russian import date_numeric, plural, quoted
from documents import basis
from documents.models import Document
from documents.russian import (
    BLANK_DATE,
    Case,
    called_after,
    contract_citation,
    date_long,
    decline_position,
    order_citation,
    person_name,
    position_and_name,
    rubles,
    short_name,
    signature_name,
    signature_name_in,
    typed_name_gender,
    typed_name_in,
    typed_signature_name,
)
from registry.models import Consent, Person, PersonCategory

TEMPLATES = {
    Document.Kind.INTRODUCTION: "documents/pdf/order_introduction.html",
    Document.Kind.ASSIGNMENT: "documents/pdf/order_assignment.html",
    Document.Kind.ENDING: "documents/pdf/order_ending.html",
    Document.Kind.CANCELLATION: "documents/pdf/order_cancellation.html",
    Document.Kind.AMENDMENT: "documents/pdf/order_amendment.html",
    Document.Kind.LOCAL_ACTS: "documents/pdf/order_local_acts.html",
    Document.Kind.AGREEMENT: "documents/pdf/agreement.html",
    Document.Kind.AGREEMENT_END: "documents/pdf/agreement_end.html",
    Document.Kind.THANKS: "documents/pdf/award.html",
    Document.Kind.CERTIFICATE: "documents/pdf/award.html",
    Document.Kind.SUBJECT_REPLY: "documents/pdf/subject_reply.html",
    Document.Kind.NOMINATION: "documents/pdf/nomination.html",
    Document.Kind.COOPERATION: "documents/pdf/cooperation.html",
}


def _date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


# A pupil by gender (True: male) in the cases papers need
PUPIL = {
    (Case.NOMINATIVE, True): "обучающийся",
    (Case.NOMINATIVE, False): "обучающаяся",
    (Case.GENITIVE, True): "обучающегося",
    (Case.GENITIVE, False): "обучающейся",
}


def role_line(person: Person, day: datetime.date, organization: Organization | None = None) -> str:
    """How an order of `day` names a participant, in the order's words and the person's
    gender: «учитель», «обучающаяся 7А класса» (the class of that day's academic year),
    «студентка КГБ ПОУ „…“», «представитель работодателя, инженер АО „…“», and a mentor from
    another school with the school: «учитель МАОУ „СШ № 4“»."""
    male = person.gender == "m"
    if person.category == PersonCategory.STUDENT:
        who = PUPIL[Case.NOMINATIVE, male]
        school_class = person.class_on(day)
        return f"{who} {school_class} класса" if school_class else who
    if person.category == PersonCategory.COLLEGE_STUDENT:
        who = "студент" if male else "студентка"
        return f"{who} {person.employer_name}" if person.employer_name else who
    if person.category == PersonCategory.EMPLOYER:
        what = " ".join(p for p in (person.position, person.employer_name) if p)
        return f"представитель работодателя, {what}" if what else "представитель работодателя"
    position = person.position or person.get_category_display()
    if organization is not None and person.organization_id != organization.pk:
        return f"{position} {person.organization.short_name}"
    return position


def _director(organization: Organization) -> dict:
    director = organization.director
    if director is None:
        return {"signature": "", "position": "Директор", "genitive": "", "acting": "действующего"}
    return {
        "signature": signature_name(director.last_name, director.first_name, director.middle_name),
        "position": "Директор",
        "genitive": person_name(director, Case.GENITIVE),
        # «в лице директора …, действующей на основании Устава»
        "acting": "действующей" if director.gender == "f" else "действующего",
    }


def _introduction_order(organization: Organization) -> Document | None:
    return (
        Document.objects.signed()
        .filter(organization=organization, kind=Document.Kind.INTRODUCTION)
        .order_by("-signed_on", "-number")
        .first()
    )


def common(document: Document, *, number=None, signed_on=None, stamp=None) -> dict:
    org = document.organization
    number = number or document.number
    signed_on = signed_on or document.signed_on
    return {
        "document": document,
        "organization": org.full_name,
        "organization_short": org.short_name,
        "locality": org.locality,
        "municipality": org.municipality.name,
        "title": document.title,
        "date": date_long(signed_on) if signed_on else BLANK_DATE,
        "number": number or "____",
        "director": _director(org),
        "draft": number is None,
        "stamp": stamp,
        # the PDF's own description (documents/pdf/_head.html): what a file manager or an
        # archive shows without opening it
        "pdf_title": (
            f"{document.paper} № {number} от {date_numeric(signed_on)} {quoted(document.title)}"
            if number and signed_on
            else f"{document.paper} (проект) {quoted(document.title)}"
        ),
        "pdf_created": signed_on.isoformat() if signed_on else "",
    }


# What every order introducing the model rests on (seed 002, «Нормативные документы»)
FEDERAL_ACTS = (
    "распоряжением Правительства Российской Федерации от 31.12.2019 № 3273-р «Об утверждении "
    "основных принципов национальной системы профессионального роста педагогических работников "
    "Российской Федерации, включая национальную систему учительского роста»",
    "распоряжением Министерства просвещения Российской Федерации от 25.12.2019 № Р-145 «Об "
    "утверждении методологии (целевой модели) наставничества обучающихся для организаций, "
    "осуществляющих образовательную деятельность по общеобразовательным, дополнительным "
    "общеобразовательным и программам среднего профессионального образования, в том числе с "
    "применением лучших практик обмена опытом между обучающимися»",
)


def legal_basis(organization: Organization) -> list[str]:
    """The acts an order cites after «В соответствии с»: the federal ones, then the region's
    and municipality's own as the school entered them on «Организация» (put in the
    instrumental: «приказ министерства …» → «приказом министерства …»)."""
    own = [
        decline_position(act[:1].lower() + act[1:], Case.INSTRUMENTAL)
        for act in organization.regional_acts.splitlines()
        if act.strip()
    ]
    return [*FEDERAL_ACTS, *own]


def introduction(document: Document, day: datetime.date) -> dict:
    p = document.params
    curator = Person.objects.filter(pk=p.get("curator_id")).first()
    starts_on = _date(p["starts_on"])
    council = _date(p.get("council_date"))
    union = _date(p.get("union_date"))
    return {
        "acts": legal_basis(document.organization),
        "union": (
            f"с учётом мнения первичной профсоюзной организации (протокол от {date_long(union)} "
            f"№ {p.get('union_protocol', '')})"
            if union
            else ""
        ),
        "starts_on": date_long(starts_on),
        "council": date_long(council) if council else "",
        "council_protocol": p.get("council_protocol", ""),
        "forms": p.get("forms", []),
        "curator_accusative": position_and_name(curator, Case.ACCUSATIVE) if curator else "",
        "curator_nominative": position_and_name(curator) if curator else "",
        "organization_prepositional": decline_position(
            document.organization.full_name, Case.PREPOSITIONAL
        ),
        "roadmap": _roadmap_appendix(document.organization, starts_on, document.signed_on or day),
        # «Довести … до сведения всего педагогического коллектива»: every teacher on the roll
        # on the order's day signs the sheet, the curator first
        "acquainted": list(
            dict.fromkeys(
                ([person_name(curator, short=True)] if curator else [])
                + [
                    person_name(p, short=True)
                    for p in Person.objects.in_organization(document.organization)
                    .teachers()
                    .on_roll(document.signed_on or day)
                    .filter(anonymized_at__isnull=True)
                    .order_by("last_name", "first_name", "middle_name", "pk")
                ]
            )
        ),
    }


def _roadmap_appendix(
    organization: Organization, starts_on: datetime.date, order_day: datetime.date
) -> dict | None:
    """The school's roadmap of the academic year the model starts in, as appendix 2 prints
    it (roadmap_table), or None when the school has none."""
    from core.periods import academic_year_start
    from mentoring.models import Roadmap

    roadmap = (
        Roadmap.objects.filter(organization=organization)
        .covering(academic_year_start(starts_on))
        .select_related("agreed_by")
        .first()
    )
    return roadmap_table(roadmap, order_day) if roadmap is not None else None


def roadmap_table(roadmap, day: datetime.date) -> dict:
    """A roadmap as seed 001 lays it out: items with their events, who answers for each,
    results, deadlines, and the municipal coordinator who agreed it — with the day of agreeing
    only when it is not later than `day`, the paper's date (a paper never carries a later
    date: left blank to be filled)."""
    items = roadmap.items.select_related("responsible_person").prefetch_related("events")
    coordinator = roadmap.agreed_by
    return {
        "title_tail": roadmap.title.removeprefix("Дорожная карта").strip(),
        "items": [
            {
                "number": item.number,
                "task": item.task,
                "events": [e.text for e in item.events.all()],
                "responsible": item.responsible,
                "expected": item.expected_result,
                "deadline": item.deadline_text,
            }
            for item in items.order_by("order")
        ],
        "coordinator": signature_name_in(coordinator) if coordinator else "",
        "agreed_on": date_long(roadmap.agreed_on)
        if roadmap.agreed_on and roadmap.agreed_on <= day
        else BLANK_DATE,
    }


def _with_period(text: str) -> str:
    return text if text.endswith(".") else f"{text}."


def _orders_that_assigned(assignments) -> dict[int, Document]:
    """Each assignment's signed assignment order (one query for all)."""
    through = Document.assignments.through.objects.filter(
        assignment_id__in=[a.pk for a in assignments],
        document__kind=Document.Kind.ASSIGNMENT,
        document__status=Document.Status.SIGNED,
    ).select_related("document")
    return {row.assignment_id: row.document for row in through}


def _with_people(document: Document) -> list:
    """The document's pairs and groups with their people, in the order they were formed."""
    from mentoring.models import Assignment

    return list(
        basis.prefetch_people(
            Assignment.objects.filter(pk__in=document.assignments.values("pk")).order_by("pk")
        )
    )


def _assignment_blocks(document: Document, day: datetime.date) -> tuple[list[dict], list[str]]:
    assignments = _with_people(document)
    assigned_by = {}
    if document.kind != Document.Kind.ASSIGNMENT:
        assigned_by = _orders_that_assigned(assignments)
    blocks, acquainted = [], []
    partners = cooperation_basis(document.organization, day)
    for assignment in assignments:
        people = basis.participants([assignment], day)
        lines = _participant_lines(people, day, document.organization)
        acquainted += _acquainted(people, day)
        order = assigned_by.get(assignment.pk)
        blocks.append(
            {
                "kind": "наставническую пару" if assignment.is_pair else "наставническую группу",
                "kind_genitive": "паре" if assignment.is_pair else "группе",
                # «пара» and «группа» are both feminine: «закреплённой приказом от …»
                "assigned_by": (
                    "закреплённой "
                    + order_citation(order.signed_on, order.number, Case.INSTRUMENTAL, long=True)
                    if order
                    else ""
                ),
                "form": assignment.form.name,
                "starts_on": date_long(assignment.starts_on),
                "ends_on": date_long(assignment.ends_on),
                "lines": lines,
                "basis": _order_basis(people, partners),
                "retroactive": _with_period(assignment.retroactive_reason)
                if assignment.retroactive_reason and assignment.starts_on < day
                else "",
            }
        )
    return blocks, list(dict.fromkeys(acquainted))


def _order_basis(people, partners: dict[int, str]) -> str:
    """«Основание:» of a pair in an order: the consents and agreements it needs, and for a
    partner's mentor the cooperation agreement that names them (cooperation_basis)."""
    agreements = [
        partners[p.person.pk] for p in people if p.role == "mentor" and p.person.pk in partners
    ]
    return _with_period(", ".join([basis.basis_line(people), *dict.fromkeys(agreements)]))


def _regulation(organization: Organization) -> str:
    """«приказом от … № …»: the signed introduction order that approved the school's
    Положение, which assignment and ending orders cite; "" before there is one."""
    intro = _introduction_order(organization)
    return (
        order_citation(intro.signed_on, intro.number, Case.INSTRUMENTAL, long=True) if intro else ""
    )


def assignment_order(document: Document, day: datetime.date) -> dict:
    controller = Person.objects.filter(pk=document.params.get("controller_id")).first()
    blocks, acquainted = _assignment_blocks(document, day)
    if controller:
        # whoever controls the order signs its acknowledgement sheet first
        acquainted = list(dict.fromkeys([person_name(controller, short=True), *acquainted]))
    return {
        "blocks": blocks,
        "regulation": _regulation(document.organization),
        "controller": position_and_name(controller, Case.ACCUSATIVE) if controller else "",
        "acquainted": acquainted,
    }


def _reason(document: Document) -> str:
    """The reason as the preamble «В связи с …, приказываю:» takes it: no closing stop."""
    return document.params.get("reason", "").strip().rstrip(".")


def ending_order(document: Document, day: datetime.date) -> dict:
    blocks, acquainted = _assignment_blocks(document, day)
    ends = _date(document.params.get("ends_on")) or day
    return {
        "blocks": blocks,
        "ends_on": date_long(ends),
        "reason": _reason(document),
        "grounds": document.params.get("grounds", ""),
        "regulation": _regulation(document.organization),
        "acquainted": acquainted,
    }


def cancellation_order(document: Document, day: datetime.date) -> dict:
    cancelled = document.cancels
    acquainted = []
    if cancelled is not None and cancelled.kind != Document.Kind.AGREEMENT:
        # everyone the cancelled order named learns that it no longer stands
        people = basis.participants(_with_people(cancelled), day)
        acquainted = _acquainted(people, day)
    elif cancelled is not None and cancelled.person is not None:
        acquainted = [person_name(cancelled.person, short=True)]
    return {
        "cancelled": (
            order_citation(cancelled.signed_on, cancelled.number, long=True)
            + f" {quoted(cancelled.title)}"
            if cancelled
            else ""
        ),
        "reason": _reason(document),
        "acquainted": acquainted,
    }


def _role_word(participant) -> str:
    """«наставник»; «наставляемый», of a girl or a woman «наставляемая»."""
    if participant.role == "mentor":
        return "наставник"
    return "наставляемая" if participant.person.gender == Gender.FEMALE else "наставляемый"


def _participant_lines(people, day: datetime.date, organization) -> list[str]:
    """«учитель Фёдорова О.Н. (наставник)», each participant as an order names them."""
    return [
        f"{role_line(p.person, day, organization)} {person_name(p.person, short=True)} "
        f"({_role_word(p)})"
        for p in people
    ]


def _free_short_name(name: str) -> str:
    """«Яковлева Ольга Максимовна» as typed on a consent → «Яковлева О.М.»."""
    parts = name.split()
    if len(parts) < 2:
        return name.strip()
    return short_name(parts[0], parts[1], " ".join(parts[2:]), Gender.FEMALE)


def _acquainted(people, day: datetime.date) -> list[str]:
    """Who signs an order's «Лист ознакомления» for these participants: each of them, but
    for a pupil under 18 on the order's day the legal representative named in the consent in
    force then (a minor does not sign an order), or a line for the representative's name."""
    minors = {p.person.pk for p in people if p.person.is_minor_on(day)}
    representatives = {}
    if minors:
        for consent in (
            Consent.objects.in_force(day)
            .filter(person_id__in=minors, kind=Consent.Kind.REPRESENTATIVE)
            .order_by("given_on", "pk")
        ):
            representatives[consent.person_id] = _free_short_name(consent.representative_name)
    names = []
    for p in people:
        if p.person.pk not in minors:
            names.append(person_name(p.person, short=True))
            continue
        child = person_name(p.person, Case.GENITIVE, short=True)
        representative = representatives.get(p.person.pk, "________________")
        names.append(f"{representative} (законный представитель {child})")
    return names


def amendment_order(document: Document, day: datetime.date) -> dict:
    """«О внесении изменений в приказ от … № …»: each change to a pair of the amended order
    (new dates, another mentor, out of the order) and each pair added, acting from `day`."""
    from mentoring.models import Assignment
    from registry.models import MentorProfile

    p = document.params
    org = document.organization
    amends = document.amends
    changes = p.get("changes", [])
    pairs = {
        a.pk: a
        for a in basis.prefetch_people(
            Assignment.objects.filter(pk__in=[c["assignment"] for c in changes])
        )
    }
    mentors = {
        m.pk: m
        for m in MentorProfile.objects.filter(
            pk__in=[c["mentor"] for c in changes if c.get("mentor")]
        ).select_related("person__organization")
    }
    acquainted: list[str] = []
    items = []
    for change in changes:
        a = pairs[change["assignment"]]
        what = "наставническую пару" if a.is_pair else "наставническую группу"
        where = "наставнической паре" if a.is_pair else "наставнической группе"
        people = basis.participants([a], day)
        lines = _participant_lines(people, day, org)
        acquainted += _acquainted(people, day)
        if change["action"] == "dates":
            start = _date(change.get("starts_on")) or a.starts_on
            end = _date(change.get("ends_on")) or a.ends_on
            text = (
                f"установить срок работы в {where} (форма наставничества «{a.form.name}») с "
                f"{date_long(start)} по {date_long(end)}:"
            )
        elif change["action"] == "exclude":
            text = f"исключить из приказа {what} (форма наставничества «{a.form.name}»):"
        else:
            mentor = mentors[change["mentor"]]
            acquainted.append(person_name(mentor.person, short=True))
            newcomer = basis.participant(mentor.person, "mentor", day)
            text = (
                f"в {where} (форма наставничества «{a.form.name}») назначить наставником "
                f"{position_and_name(mentor.person, Case.ACCUSATIVE)} вместо прежнего "
                f"наставника; состав пары до изменения:"
            )
            items.append(
                {
                    "text": text,
                    "lines": lines,
                    "basis": _with_period(basis.basis_line([newcomer])),
                }
            )
            continue
        items.append({"text": text, "lines": lines, "basis": ""})
    added = basis.prefetch_people(Assignment.objects.filter(pk__in=p.get("add", [])))
    partners = cooperation_basis(org, day) if added else {}
    for a in added:
        people = basis.participants([a], day)
        acquainted += _acquainted(people, day)
        what = "наставническую пару" if a.is_pair else "наставническую группу"
        items.append(
            {
                "text": (
                    f"дополнить приказ: закрепить с {date_long(max(a.starts_on, day))} по "
                    f"{date_long(a.ends_on)} {what} (форма наставничества «{a.form.name}»):"
                ),
                "lines": _participant_lines(people, day, org),
                "basis": _order_basis(people, partners),
            }
        )
    return {
        "reason": _reason(document),
        "amended": (
            f"{order_citation(amends.signed_on, amends.number, long=True)} {quoted(amends.title)}"
            if amends is not None and amends.number
            else "приказ"
        ),
        "items": items,
        "date_long": date_long(day),
        "acquainted": list(dict.fromkeys(acquainted)),
    }


def _contract(params: dict) -> str:
    """«от «01» сентября 2015 г. № 47», with blanks for what is not known."""
    signed, number = _date(params.get("contract_date")), params.get("contract_number", "")
    if not signed and not number and params.get("contract"):
        return params["contract"]  # an agreement prepared before the card kept the contract
    return contract_citation(signed, number)


def agreement(document: Document, day: datetime.date) -> dict:
    p = document.params
    return _parties(document) | {
        "duties": p.get("duties", ""),
        "expected": p.get("expected", ""),
        "volume": p.get("volume", "") or "_____",
        "conditions": p.get("conditions", ""),
        "payment": rubles(p["payment"]) if p.get("payment") else "_____ рублей",
        "starts_on": date_long(_date(p["starts_on"])),
        "ends_on": date_long(_date(p["ends_on"])),
    }


def _parties(document: Document) -> dict:
    """The employee and the employer's block an agreement to a contract ends with."""
    person = document.person
    return {
        "employee": person_name(person),
        "employee_signature": signature_name_in(person),
        "called": "именуемый" if person.gender == "m" else "именуемая",
        "employer_called": called_after(document.organization.full_name),
        "employee_position": person.position,
        "contract": _contract(document.params),
        "address": document.organization.address,
        "phone": document.organization.phone,
        "inn": document.organization.inn,
        "blank_date": BLANK_DATE,
        "acquainted": [],
    }


def agreement_end(document: Document, day: datetime.date) -> dict:
    """An agreement ending the extra work early: the agreement it ends and the ending order
    it follows, cited by their dates and numbers (blanks while the order is unsigned)."""
    p = document.params
    ends_on = _date(p["ends_on"])
    ended = Document.objects.filter(pk=p.get("agreement_id")).defer("pdf").first()
    order = document.for_order
    return _parties(document) | {
        "ended": (
            f"дополнительным соглашением от {date_long(ended.signed_on)} № {ended.number}"
            if ended is not None and ended.number
            else "дополнительным соглашением к Трудовому договору"
        ),
        "order": (
            order_citation(order.signed_on, order.number, long=True)
            if order is not None and order.number
            else f"приказ от {BLANK_DATE} № ____"
        ),
        "ends_on": date_long(ends_on),
        "next_day": date_long(ends_on + datetime.timedelta(days=1)),
    }


def _position_at_employer(person: Person, case: Case) -> str:
    """«инженеру АО „Горэлектросеть“», «студентке КГБ ПОУ „ХПК“», «учителю математики»: the
    position, and the organisation of a mentor from outside the school (an employer, a
    college, another school), in `case`."""
    if person.category == PersonCategory.COLLEGE_STUDENT:
        position = "студент" if person.gender == "m" else "студентка"
    else:
        position = person.position
    words = [decline_position(position, case) if position else "", person.employer_name]
    return " ".join(w for w in words if w)


def _led_lines(document: Document, starts_on: datetime.date, ends_on: datetime.date) -> list[str]:
    """Each pair or group a thanks, a certificate or a nomination names, with its mentees as
    of the period's end (their class that year) and its own dates when they differ."""
    org = document.organization
    lines = []
    for assignment in _with_people(document):
        mentees = [
            f"{person_name(x.person, short=True)}, {role_line(x.person, ends_on, org)}"
            for x in basis.participants([assignment], ends_on)
            if x.role == "mentee"
        ]
        what = "наставническая пара" if assignment.is_pair else "наставническая группа"
        first = max(assignment.starts_on, starts_on)
        last = min(assignment.ends_on, ends_on)
        span = (
            f", с {date_long(first)} по {date_long(last)}"
            if (first, last) != (starts_on, ends_on)
            else ""
        )
        lines.append(f"{what} (форма «{assignment.form.name}»{span}): {'; '.join(mentees)}")
    return lines


def award(document: Document, day: datetime.date) -> dict:
    """A thanks or a certificate: the mentor named in the dative («выражает благодарность
    Фёдоровой Ольге Ивановне, учителю математики»), the period, and each pair or group they
    led in it with the mentees as of the period's end (their class that year)."""
    p = document.params
    person = document.person
    starts_on, ends_on = _date(p["starts_on"]), _date(p["ends_on"])
    male = person.gender == "m"
    lines = _led_lines(document, starts_on, ends_on)
    return {
        "is_thanks": document.kind == Document.Kind.THANKS,
        "mentor": person_name(person, Case.DATIVE),
        "mentor_position": _position_at_employer(person, Case.DATIVE),
        "took_part": "участвовал" if male else "участвовала",
        "pronoun": "он" if male else "она",
        "thanks_for": p.get("thanks_for", ""),
        "starts_on": date_long(starts_on),
        "ends_on": date_long(ends_on),
        "lines": lines,
        "acquainted": [],
    }


# What an order adopting local acts calls each (the accusative: «Утвердить … прилагаемое …»)
LOCAL_ACT_NAMES = {
    "esign": (
        "Положение об использовании простой электронной подписи при подписании документов "
        "по наставничеству в портале «Наставничество»"
    ),
    "privacy": "Политику обработки персональных данных участников программы наставничества",
}
LOCAL_ACT_LAWS = {
    "esign": "Федеральным законом от 06.04.2011 № 63-ФЗ «Об электронной подписи»",
    "privacy": (
        "статьями 18.1 и 22.1 Федерального закона от 27.07.2006 № 152-ФЗ «О персональных данных»"
    ),
}


def local_acts(document: Document, day: datetime.date) -> dict:
    """The order adopting the simple electronic signature's Положение and/or the personal-data
    policy, with the person responsible for organising the processing: the acts are its
    annexes (numbered when there are two), printed from the school's details."""
    from documents.printables import (
        esign_regulation_context,
        portal_staff,
        privacy_policy_context,
        responsible_for_personal_data,
    )

    organization = document.organization
    acts = [act for act in LOCAL_ACT_NAMES if act in document.params.get("acts", [])]
    numbered = len(acts) > 1
    annexes = {
        act: (f"приложение {n}" if numbered else "приложение") for n, act in enumerate(acts, 1)
    }
    adopted = [f"{LOCAL_ACT_NAMES[act]} ({annexes[act]})" for act in acts]
    items = [
        {
            "text": "Утвердить и ввести в действие со дня подписания настоящего приказа прилагаем"
            + ("ые:" if numbered else ("ое " if acts[0] == "esign" else "ую ") + adopted[0] + "."),
            "subs": [
                f"1.{n}. {text}{';' if n < len(adopted) else '.'}"
                for n, text in enumerate(adopted, 1)
            ]
            if numbered
            else [],
        }
    ]
    responsible = responsible_for_personal_data(document, own=True) if "privacy" in acts else None
    if responsible:
        person = responsible["person"]
        items += [
            {
                "text": "Назначить ответственным за организацию обработки персональных данных "
                f"{position_and_name(person, Case.ACCUSATIVE)}.",
                "subs": [],
            },
            {
                "text": f"{capfirst(position_and_name(person, Case.DATIVE))} в течение десяти "
                "дней со дня "
                "подписания настоящего приказа опубликовать Политику обработки персональных "
                f"данных на официальном сайте {organization.short_name} (часть 2 статьи 18.1 "
                "Федерального закона № 152-ФЗ).",
                "subs": [],
            },
        ]
    items += [
        {
            "text": "Ознакомить с настоящим приказом и утверждёнными им актами под подпись "
            "работников, указанных в листе ознакомления.",
            "subs": [],
        },
        {"text": "Контроль за исполнением настоящего приказа оставляю за собой.", "subs": []},
    ]
    staff = [row["name"] for row in portal_staff(organization)]
    return {
        "laws": [LOCAL_ACT_LAWS[act] for act in acts],
        "items": items,
        "annexes": [(act, annexes[act].capitalize()) for act in acts],
        "esign": esign_regulation_context(organization) if "esign" in acts else None,
        "privacy": privacy_policy_context(organization) if "privacy" in acts else None,
        "responsible": responsible,
        "acquainted": list(
            dict.fromkeys(
                ([person_name(responsible["person"], short=True)] if responsible else []) + staff
            )
        ),
    }


def subject_reply(document: Document, day: datetime.date) -> dict:
    """A letter answering a data subject's request with what 152-ФЗ ст. 14 ч. 7 lists: the
    processing confirmed, its basis, purposes and ways, the operator and who has access, the
    data and their source, the terms, the subject's rights, no transfer abroad, no processor,
    the measures of ст. 18.1; the package of the subject's data is its annex."""
    from documents.printables import (
        PERSONAL_DATA_ACTIONS,
        adopted,
        personal_data_of,
        responsible_for_personal_data,
    )
    from registry.services import WITHDRAWAL_GRACE_DAYS

    p = document.params
    person = document.person
    organization = document.organization
    requested_by = " ".join(p["requested_by"].split())
    by_self = requested_by.casefold() == " ".join(person.full_name.split()).casefold()
    parts = requested_by.split()
    gender = typed_name_gender(requested_by)
    whose = (
        "Ваши персональные данные"
        if by_self
        else f"персональные данные {person_name(person, Case.GENITIVE)}, законным "
        "представителем которого Вы являетесь"
        if person.gender == "m"
        else f"персональные данные {person_name(person, Case.GENITIVE)}, законным "
        "представителем которой Вы являетесь"
    )
    policy = adopted(organization, "privacy")
    responsible = responsible_for_personal_data(policy["order"]) if policy else None
    years = organization.retention_years
    measures = "Оператор принимает меры, предусмотренные статьёй 18.1 Закона: "
    if policy:
        measures += (
            "Политика обработки персональных данных утверждена приказом от "
            f"{policy['date']} № {policy['number']} и опубликована"
        )
        if responsible:
            measures += (
                "; ответственный за организацию обработки персональных данных — "
                f"{responsible['name']}"
            )
    else:
        measures += "Политика обработки персональных данных опубликована"
    measures += (
        "; доступ к порталу — по личным учётным записям с паролями и ролями, просмотр карточек "
        "записывается в журнал."
    )
    items = [
        f"Оператор обрабатывает {whose}: {personal_data_of(person)}. Источник "
        "их получения — "
        + ("Вы сами" if by_self else "Вы как законный представитель")
        + " (согласие на обработку персональных данных) и документы Оператора об участии в "
        "программе наставничества.",
        "Правовые основания обработки: согласие субъекта персональных данных или его законного "
        "представителя (пункт 1 части 1 статьи 6, статья 9 Закона), Федеральный закон от "
        "29.12.2012 № 273-ФЗ «Об образовании в Российской Федерации»"
        + (
            ", Трудовой кодекс Российской Федерации"
            if person.category == PersonCategory.TEACHER
            else ""
        )
        + ".",
        "Цели обработки: реализация целевой модели наставничества (базы наставников и "
        "наставляемых, наставнические пары и группы, программы и встречи), оформление "
        "приказов, согласий и дополнительных соглашений, мониторинг программы наставничества — "
        "в муниципальный и региональный мониторинг сведения передаются только в обобщённом "
        "виде, без имён.",
        f"Способы обработки: {PERSONAL_DATA_ACTIONS}, с использованием средств автоматизации "
        "(портал «Наставничество») и без них (бумажные носители).",
        f"Оператор — {organization.full_name}"
        + (f", адрес: {organization.address}" if organization.address else "")
        + ". Доступ к персональным данным имеют работники Оператора, участвующие в реализации "
        "программы наставничества, в пределах своих обязанностей; другим лицам персональные "
        "данные не раскрываются, кроме случаев, предусмотренных федеральным законом.",
        "Сроки обработки: в течение участия в программе наставничества; после выбытия — "
        f"{years} {plural(years, 'год', 'года', 'лет')}, затем персональные данные "
        "обезличиваются; при отзыве согласия обработка прекращается, а персональные данные, "
        "не имеющие иного основания для обработки, уничтожаются в срок, не превышающий "
        f"{WITHDRAWAL_GRACE_DAYS} дней (часть 5 статьи 21 Закона).",
        "Вы вправе получать сведения об обработке персональных данных, требовать их уточнения, "
        "блокирования или уничтожения, если они неполные, устаревшие, неточные или "
        "обрабатываются незаконно, отозвать согласие письменным заявлением, обжаловать "
        "действия Оператора в уполномоченный орган по защите прав субъектов персональных "
        "данных или в суд (статьи 14, 17, 21 Закона).",
        "Трансграничная передача персональных данных не осуществляется и не предполагается.",
        "Обработка персональных данных другому лицу по поручению Оператора не поручается.",
        measures,
    ]
    package_on = _date(p.get("package_on")) or day
    return {
        "addressee": typed_name_in(requested_by, Case.DATIVE, gender),
        "address": p.get("address", ""),
        "salutation": (
            ("Уважаемый" if gender == "m" else "Уважаемая") + " " + " ".join(parts[1:3]) + "!"
            if gender
            else "Здравствуйте!"
        ),
        "received_on": date_numeric(_date(p["received_on"])),
        "items": items,
        "annex": "сведения о субъекте персональных данных, подготовленные "
        f"{date_numeric(package_on)} (архив: «Сведения.pdf», «Сведения.xlsx», копии согласий "
        "и документов, составленных только в отношении "
        + ("Вас" if by_self else person_name(person, Case.GENITIVE))
        + ").",
        "address_of_school": organization.address,
        "acquainted": [],
    }


def nomination(document: Document, day: datetime.date) -> dict:
    """A nomination for an award: «… представляет к награждению Почётной грамотой …
    Фёдорову Ольгу Ивановну, учителя математики, за …», the mentor's details, every pair and
    group led under an order (with its own dates) and the incentives on record."""
    from documents.services import NOMINATION_AWARDS

    p = document.params
    person = document.person
    starts_on, ends_on = _date(p["starts_on"]), _date(p["ends_on"])
    experience = person.experience_on(document.signed_on or day)
    merits = p.get("merits", "")
    mentor = getattr(person, "mentor_profile", None)
    position = person.position if person.category != PersonCategory.COLLEGE_STUDENT else "студент"
    return {
        "addressee": p.get("addressee", ""),
        "address_of_school": document.organization.address,
        "award_instrumental": f"{NOMINATION_AWARDS[p['award']][1]} {p.get('award_of', '')}".strip(),
        "mentor": person_name(person),
        "mentor_accusative": person_name(person, Case.ACCUSATIVE),
        "mentor_position": _position_at_employer(person, Case.GENITIVE),
        "merits": merits if merits.startswith("за ") else f"за {merits}",
        "workplace": ", ".join(
            w for w in (position, person.employer_name or document.organization.full_name) if w
        ),
        "experience": (
            # «12 лет», «12,7 года»: a fraction takes the genitive singular
            str(experience).replace(".", ",")
            + " "
            + ("года" if experience % 1 else plural(int(experience), "год", "года", "лет"))
            if experience is not None
            else ""
        ),
        "lines": _led_lines(document, starts_on, ends_on),
        "incentives": [
            f"{i.description} ({date_numeric(i.granted_on)})"
            for i in (mentor.incentives.order_by("granted_on", "pk") if mentor else [])
        ],
        "characteristic": [
            line.strip() for line in p.get("characteristic", "").splitlines() if line.strip()
        ],
        "acquainted": [],
    }


def cooperation_subject(partner_kind: str) -> str:
    """What a cooperation agreement is «о …»: with another school, network interaction."""
    return "о сетевом взаимодействии" if partner_kind == "school" else "о сотрудничестве"


def cooperation(document: Document, day: datetime.date) -> dict:
    """An agreement on cooperation (network interaction) with a partner organisation: both
    parties «в лице …, действующего на основании …», the partner's mentors, duties, term and
    both parties' requisites for handwritten signatures."""
    p = document.params
    partner = p["partner"]
    organization = document.organization
    head = partner.get("head", "")
    gender = typed_name_gender(head)
    position = partner.get("head_position") or "руководитель"
    mentors = Person.objects.filter(pk__in=p.get("mentor_ids", [])).order_by(
        "last_name", "first_name", "pk"
    )
    return {
        "subject": cooperation_subject(p["partner_kind"]),
        "network": p["partner_kind"] == "school",
        "partner_kind": p["partner_kind"],
        "partner": partner,
        "school_called": called_after(organization.full_name),
        "partner_called": called_after(partner["name"]),
        "partner_head": f"{decline_position(position, Case.GENITIVE)} "
        f"{typed_name_in(head, Case.GENITIVE, gender)}",
        "partner_acting": "действующей" if gender == "f" else "действующего",
        "partner_basis": decline_position(partner.get("basis") or "Устав", Case.GENITIVE),
        "partner_position": capfirst(position),
        "partner_signature": typed_signature_name(head),
        "forms": p.get("forms", []),
        "mentors": [
            ", ".join(w for w in (person_name(m), _position_at_employer(m, Case.NOMINATIVE)) if w)
            for m in mentors
        ],
        "starts_on": date_long(_date(p["starts_on"])),
        "ends_on": date_long(_date(p["ends_on"])),
        "address": organization.address,
        "phone": organization.phone,
        "inn": organization.inn,
        "blank_date": BLANK_DATE,
        "acquainted": [],
    }


def cooperation_basis(organization: Organization, day: datetime.date) -> dict[int, str]:
    """For each partner's mentor, the signed agreement in force on `day` that names them, as an
    order's «Основание:» cites it («соглашение о сотрудничестве с АО „Горэлектросеть“ от
    01.09.2021 № 2»): a school has a handful, read at once."""
    cited: dict[int, str] = {}
    agreements = Document.objects.signed().filter(
        organization=organization, kind=Document.Kind.COOPERATION
    )
    for agreement in agreements.order_by("signed_on", "number"):
        p = agreement.params
        if not _date(p["starts_on"]) <= day <= _date(p["ends_on"]):
            continue
        partner = p["partner"].get("short") or p["partner"]["name"]
        citation = (
            f"соглашение {cooperation_subject(p['partner_kind'])} с {partner} от "
            f"{date_numeric(agreement.signed_on)} "
            f"№ {agreement.number}"
        )
        for person_id in p.get("mentor_ids", []):
            cited[person_id] = citation
    return cited


BUILDERS = {
    Document.Kind.INTRODUCTION: introduction,
    Document.Kind.ASSIGNMENT: assignment_order,
    Document.Kind.ENDING: ending_order,
    Document.Kind.CANCELLATION: cancellation_order,
    Document.Kind.AMENDMENT: amendment_order,
    Document.Kind.LOCAL_ACTS: local_acts,
    Document.Kind.AGREEMENT: agreement,
    Document.Kind.AGREEMENT_END: agreement_end,
    Document.Kind.THANKS: award,
    Document.Kind.CERTIFICATE: award,
    Document.Kind.SUBJECT_REPLY: subject_reply,
    Document.Kind.NOMINATION: nomination,
    Document.Kind.COOPERATION: cooperation,
}


def build_context(
    document: Document, *, day: datetime.date, number=None, signed_on=None, stamp=None
) -> dict:
    """The document as of `day`: its signing date, or for a draft the day it is looked at.
    Who is a minor, which consents count and each pupil's class are decided on that day.
    `stamp` (signer, time, content code) prints the electronic signature's mark."""
    return common(document, number=number, signed_on=signed_on, stamp=stamp) | BUILDERS[
        document.kind
    ](document, day)
