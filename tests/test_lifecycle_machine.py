"""Model-based tests of the school's lifecycle (#24): hypothesis drives random sequences of the
school's actions through the services, on increasing dates — form pairs, move them to an
order, stop them before one, sign assignment and ending orders, cancel orders — and after
every step holds the record to a model of its own:

1. on any day, every pair's status and dates are what its signed, uncancelled orders say
   (computed here independently of the portal's code);
4. a signed document's stored bytes never change;
5. every refusal is a Russian message with its values filled in;
6. no two live rows stand for one fact: a mentee is in one pair of a form on any day, a
   mentor's capacity holds on every day, an order acts once on each of its pairs.

The machine runs with a fixed seed in `make test` (HYPOTHESIS_PROFILE=long for a longer run).
PDFs are not rendered here (render_pdf is a stand-in): the documents' own tests read them.
"""

from __future__ import annotations

import datetime
import hashlib
import os
import re
from dataclasses import dataclass, field

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
)

from accounts.models import AcademicYear
from documents import services as documents
from documents.models import Document
from mentoring import services as mentoring
from mentoring.models import PREPARATION_STATUSES, Assignment, AssignmentStatus
from registry.models import Consent, MentoringForm
from tests.documents.factories import signed_agreement
from tests.factories import ConsentFactory
from tests.mentoring.factories import make_mentee, make_mentor

S = AssignmentStatus
FIRST_DAY = datetime.date(2021, 9, 1)
LAST_DAY = datetime.date(2022, 5, 31)
MENTORS, MENTEES, CAPACITY = 3, 5, 2

settings.register_profile(
    "lifecycle",
    max_examples=100,
    stateful_step_count=30,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
settings.register_profile(
    "long",
    max_examples=1000,
    stateful_step_count=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
PROFILE = "long" if os.environ.get("HYPOTHESIS_PROFILE") == "long" else "lifecycle"


def russian(error: ValidationError) -> list[str]:
    """Invariant 5: every message of a refusal is Russian, its placeholders filled."""
    messages = error.messages
    assert messages
    for message in messages:
        assert re.search("[а-яё]", message, re.I), message
        assert "%(" not in message and "%s" not in message, message
    return messages


@dataclass(eq=False)
class Pair:
    pk: int
    mentor: int
    mentee: int
    start: datetime.date
    end: datetime.date
    stage: str = S.DRAFT  # the curator's stage before an order


@dataclass(eq=False)
class Order:
    pk: int
    kind: str
    day: datetime.date
    pairs: list[int]
    named: datetime.date | None = None  # an ending order's last day
    cancelled: bool = False
    sha256: str = ""


@dataclass
class Model:
    pairs: dict[int, Pair] = field(default_factory=dict)
    orders: list[Order] = field(default_factory=list)

    def standing(self, pair: int) -> list[Order]:
        return [o for o in self.orders if not o.cancelled and pair in o.pairs]

    def expected(self, pair: Pair) -> tuple[str, datetime.date, datetime.date]:
        """(stored status, start, end) as the signed orders that stand say."""
        orders = self.standing(pair.pk)
        assigned = [o for o in orders if o.kind == Document.Kind.ASSIGNMENT]
        if not assigned:
            return pair.stage, pair.start, pair.end
        start = max(pair.start, assigned[-1].day)  # an order does not act retroactively
        end = pair.end
        for order in orders:
            if order.kind == Document.Kind.ENDING:
                end = order.named
        return S.ACTIVE, start, end

    def live(self) -> list[tuple[Pair, datetime.date, datetime.date, str]]:
        """(pair, start, end, status) of every pair not stopped."""
        rows = [(p, *self.expected(p)) for p in self.pairs.values()]
        return [(p, start, end, status) for p, status, start, end in rows if status != S.TERMINATED]

    def clashes(self, order: Order) -> bool:
        """Would cancelling `order` give a pair back days its people have since been given in
        other pairs (the mentee's, the mentor's capacity, one pair in preparation each)?"""
        before = {p.pk: self.expected(p) for p in self.pairs.values()}
        order.cancelled = True
        try:
            after = {p.pk: self.expected(p) for p in self.pairs.values()}
            live = self.live()
        finally:
            order.cancelled = False
        for pk in order.pairs:
            status, start, end = after[pk]
            if (status, start, end) == before[pk]:
                continue
            me = self.pairs[pk]
            others = [(p, s, e, st) for p, s, e, st in live if p.pk != pk]
            if any(p.mentee == me.mentee and s <= end and start <= e for p, s, e, _ in others):
                return True
            load = [p for p, s, e, _ in others if p.mentor == me.mentor and s <= end and start <= e]
            if len(load) + 1 > CAPACITY:
                return True
            preparing = status in PREPARATION_STATUSES
            if preparing and any(
                p.mentee == me.mentee and st in PREPARATION_STATUSES for p, _s, _e, st in others
            ):
                return True
        return False

    def later_standing(self, order: Order) -> Order | None:
        """A standing order signed after `order` that acted on one of its pairs."""
        index = self.orders.index(order)
        for later in self.orders[index + 1 :]:
            if not later.cancelled and set(later.pairs) & set(order.pairs):
                return later
        return None


class SchoolYear(RuleBasedStateMachine):
    """One school's year. The people, their consents and agreements are made once per test
    (`people`); every example runs in a savepoint rolled back at its end."""

    people: dict = {}

    def __init__(self):
        super().__init__()
        self._atomic = transaction.atomic()
        self._atomic.__enter__()
        self.model = Model()
        self.day = FIRST_DAY

    def teardown(self):
        transaction.set_rollback(True)
        self._atomic.__exit__(None, None, None)

    # --- the school's actions ------------------------------------------------------------

    @initialize(lengths=st.lists(st.integers(30, 270), min_size=1, max_size=MENTORS))
    def start(self, lengths):
        """The year opens with an order fixing a pair per mentor (mentee n with mentor n), of
        random lengths from 01.09.2021, so that every example has pairs to end and orders to
        cancel."""
        self.school = self.people["school"]
        self.director = self.people["director"]
        for n, length in enumerate(lengths):
            self.form_a_pair(mentor=n, mentee=n, gap=0, length=length)
        pairs = list(self.model.pairs.values())
        for pair in pairs:
            for step in (S.AWAITING_CONSENTS, S.AWAITING_ORDER):
                mentoring.assignment_transition(
                    assignment=Assignment.objects.get(pk=pair.pk), to=step
                )
                pair.stage = step
        self._order(pairs)

    @rule(days=st.integers(min_value=0, max_value=40))
    def time_passes(self, days):
        self.day = min(self.day + datetime.timedelta(days=days), LAST_DAY)

    @rule(
        mentor=st.integers(0, MENTORS - 1),
        mentee=st.integers(0, MENTEES - 1),
        gap=st.integers(0, 30),
        length=st.integers(0, 120),
    )
    def form_a_pair(self, mentor, mentee, gap, length):
        start = min(self.day + datetime.timedelta(days=gap), LAST_DAY)
        end = min(start + datetime.timedelta(days=length), LAST_DAY)
        try:
            pair = mentoring.assignment_create(
                organization=self.school,
                academic_year=self.people["year"],
                form=self.people["form"],
                mentors=[self.people["mentors"][mentor]],
                mentees=[self.people["mentees"][mentee]],
                starts_on=start,
                ends_on=end,
            )
        except ValidationError as error:
            russian(error)
            return
        self.model.pairs[pair.pk] = Pair(pair.pk, mentor, mentee, start, end)

    def _pick(self, data, stages) -> Pair | None:
        choices = [p for p in self.model.pairs.values() if self._status(p) in stages]
        return data.draw(st.sampled_from(choices)) if choices else None

    def _any(self, stages) -> bool:
        return any(self._status(p) in stages for p in self.model.pairs.values())

    def _status(self, pair: Pair) -> str:
        return self.model.expected(pair)[0]

    @precondition(lambda self: self._any({S.DRAFT, S.AWAITING_CONSENTS}))
    @rule(data=st.data())
    def prepare_for_an_order(self, data):
        pair = self._pick(data, {S.DRAFT, S.AWAITING_CONSENTS})
        if pair is None:
            return
        steps = {S.DRAFT: [S.AWAITING_CONSENTS, S.AWAITING_ORDER]}.get(
            pair.stage, [S.AWAITING_ORDER]
        )
        try:
            for step in steps:
                mentoring.assignment_transition(
                    assignment=Assignment.objects.get(pk=pair.pk), to=step
                )
                pair.stage = step
        except ValidationError as error:
            russian(error)

    @precondition(lambda self: self._any(PREPARATION_STATUSES))
    @rule(data=st.data())
    def stop_before_an_order(self, data):
        pair = self._pick(data, {S.DRAFT, S.AWAITING_CONSENTS, S.AWAITING_ORDER})
        if pair is None:
            return
        mentoring.assignment_transition(
            assignment=Assignment.objects.get(pk=pair.pk), to=S.TERMINATED, reason="не сложилась"
        )
        pair.stage = S.TERMINATED

    @precondition(lambda self: self._any({S.ACTIVE}))
    @rule(data=st.data())
    def try_to_end_an_ordered_pair_by_hand(self, data):
        pair = self._pick(data, {S.ACTIVE})
        if pair is None:
            return
        with pytest.raises(ValidationError) as refused:
            mentoring.assignment_transition(
                assignment=Assignment.objects.get(pk=pair.pk), to=S.TERMINATED, reason="вручную"
            )
        assert russian(refused.value) == [str(mentoring.ORDERED_CHANGED_BY_ORDERS)]

    def _withdraw(self, document: Document) -> None:
        """The director returns a refused document and the curator deletes the draft."""
        documents.document_return(document=document, comment="не подписан")
        documents.document_delete_draft(document=Document.objects.get(pk=document.pk))

    def _sign(self, document: Document) -> Document:
        documents.document_send(document=document, today=self.day)
        return documents.document_sign(document=document, by=self.director, today=self.day)

    @precondition(lambda self: self._any({S.AWAITING_ORDER}))
    @rule(data=st.data())
    def sign_an_assignment_order(self, data):
        waiting = [p for p in self.model.pairs.values() if self._status(p) == S.AWAITING_ORDER]
        if not waiting:
            return
        self._order(
            data.draw(st.lists(st.sampled_from(waiting), min_size=1, max_size=3, unique=True))
        )

    def _order(self, chosen: list[Pair]) -> None:
        order = documents.document_create_assignment_order(
            organization=self.school,
            by=self.director,
            assignments=[Assignment.objects.get(pk=p.pk) for p in chosen],
            controller=None,
        )
        too_late = [p for p in chosen if p.end < self.day]
        try:
            signed = self._sign(order)
        except ValidationError as error:
            russian(error)
            assert too_late, error.messages
            self._withdraw(order)
            return
        assert not too_late
        self.model.orders.append(
            Order(signed.pk, signed.kind, self.day, [p.pk for p in chosen], sha256=signed.sha256)
        )

    @precondition(lambda self: self._any({S.ACTIVE}))
    @rule(data=st.data(), back=st.integers(0, 30), ahead=st.integers(0, 90))
    def sign_an_ending_order(self, data, back, ahead):
        pair = self._pick(data, {S.ACTIVE})
        if pair is None:
            return
        _status, start, end = self.model.expected(pair)
        named = self.day + datetime.timedelta(days=ahead - back)
        try:
            ending = documents.document_create_ending_order(
                organization=self.school,
                by=self.director,
                assignments=[Assignment.objects.get(pk=pair.pk)],
                ends_on=named,
                reason="заявлением наставника",
            )
        except ValidationError as error:
            russian(error)
            assert not start <= named <= end, error.messages
            return
        assert start <= named <= end
        signed = self._sign(ending)
        self.model.orders.append(
            Order(signed.pk, signed.kind, self.day, [pair.pk], named, sha256=signed.sha256)
        )

    @precondition(lambda self: any(not o.cancelled for o in self.model.orders))
    @rule(data=st.data())
    def cancel_an_order(self, data):
        standing = [o for o in self.model.orders if not o.cancelled]
        if not standing:
            return
        order = data.draw(st.sampled_from(standing))
        if order.kind == Document.Kind.CANCELLATION:
            with pytest.raises(ValidationError) as refused:
                documents.document_create_cancellation(
                    organization=self.school,
                    by=self.director,
                    cancels=Document.objects.get(pk=order.pk),
                    reason="ошибкой",
                )
            assert russian(refused.value) == [str(documents.CANCELLATION_NOT_CANCELLED)]
            return
        later = self.model.later_standing(order)
        try:
            cancel = documents.document_create_cancellation(
                organization=self.school,
                by=self.director,
                cancels=Document.objects.get(pk=order.pk),
                reason="ошибкой",
            )
        except ValidationError as error:
            assert later is not None
            assert russian(error) == [
                str(documents.CHANGED_BY_LATER_ORDER)
                % {"order": f"приказом от {later.day:%d.%m.%Y} № {self._number(later)}"}
            ]
            return
        assert later is None
        clash = self.model.clashes(order)
        try:
            signed = self._sign(cancel)
        except ValidationError as error:
            assert clash, error.messages
            assert russian(error)[0].startswith("Отмена приказа вернула бы")
            self._withdraw(cancel)
            return
        assert not clash
        order.cancelled = True
        self.model.orders.append(Order(signed.pk, signed.kind, self.day, [], sha256=signed.sha256))

    def _number(self, order: Order) -> int:
        return Document.objects.get(pk=order.pk).number

    # --- what must hold after every step ------------------------------------------------

    @invariant()
    def pairs_are_what_their_orders_say(self):
        rows = Assignment.objects.in_bulk(list(self.model.pairs))
        for pk, pair in self.model.pairs.items():
            status, start, end = self.model.expected(pair)
            row = rows[pk]
            assert (row.status, row.starts_on, row.ends_on) == (status, start, end), pk
            for day in (self.day, end, end + datetime.timedelta(days=1)):
                reads = S.FINISHED if status == S.ACTIVE and day > end else status
                assert row.status_on(day) == reads
            assert row.mentee_links.get().in_preparation == (status in PREPARATION_STATUSES)

    @invariant()
    def signed_bytes_never_change(self):
        stored = dict(
            Document.objects.filter(pk__in=[o.pk for o in self.model.orders]).values_list(
                "pk", "pdf"
            )
        )
        for order in self.model.orders:
            assert hashlib.sha256(bytes(stored[order.pk])).hexdigest() == order.sha256

    @invariant()
    def one_fact_one_row(self):
        live = [
            (self.model.expected(p), p)
            for p in self.model.pairs.values()
            if self._status(p) != S.TERMINATED
        ]
        for (_s, a_start, a_end), a in live:
            same_mentee = [
                b for (_t, b_start, b_end), b in live
                if b is not a and b.mentee == a.mentee and b_start <= a_end and a_start <= b_end
            ]  # fmt: skip
            assert not same_mentee, (a, same_mentee)
            on_first_day = [
                b for (_t, b_start, b_end), b in live
                if b.mentor == a.mentor and b_start <= a_start <= b_end
            ]  # fmt: skip
            assert len(on_first_day) <= CAPACITY
        cancelled = {o.pk for o in self.model.orders if o.cancelled}
        assert (
            set(
                Document.objects.filter(pk__in=[o.pk for o in self.model.orders])
                .filter(status=Document.Status.CANCELLED)
                .values_list("pk", flat=True)
            )
            == cancelled
        )


@pytest.fixture
def quick_documents(monkeypatch):
    """Signing without laying out PDFs: bytes that differ per document and per render."""
    renders = iter(range(10**9))

    def fake_pdf(template, context):
        return f"%PDF-stand-in {template} {context.get('number')} {next(renders)}".encode()

    monkeypatch.setattr(documents, "render_pdf", fake_pdf)
    monkeypatch.setattr(documents, "document_content_hash", lambda document, day: "0" * 64)


def test_the_school_year_keeps_its_record_true(school, director, quick_documents):
    year, _ = AcademicYear.objects.get_or_create(
        start_year=2021, defaults=AcademicYear.standard_dates(2021)
    )
    school.director = director
    school.save()
    mentors = [make_mentor(school, capacity=CAPACITY) for _ in range(MENTORS)]
    mentees = [make_mentee(school) for _ in range(MENTEES)]
    for profile in [*mentors, *mentees]:
        for kind in Consent.Kind.values:
            if kind != Consent.Kind.REPRESENTATIVE:
                ConsentFactory(person=profile.person, kind=kind)
    for mentor in mentors:
        signed_agreement(mentor.person, director)
    SchoolYear.people = {
        "school": school,
        "director": director,
        "year": year,
        "form": MentoringForm.objects.get(code="teacher-teacher"),
        "mentors": mentors,
        "mentees": mentees,
    }
    SchoolYear.TestCase.settings = settings.get_profile(PROFILE)
    SchoolYear.TestCase().runTest()
