"""Model-based tests of the school's lifecycle (#24): hypothesis drives random sequences of the
school's actions through the services, on increasing dates — form pairs, move them towards an
order, stop them before one, sign assignment, ending and amending orders (new dates, another
mentor, a pair out of the order, a pair added), return a document to its author, cancel orders,
enter and withdraw consents, let a mentee leave, prepare and sign thanks and certificates —
and after every step holds the record to a model of its own:

1. on any day, every pair's status and dates are what its signed, uncancelled orders say: the
   model folds the school's steps in their order, leaving out the cancelled orders (computed
   here, independently of the portal's code);
2. a thanks or a certificate names only its mentor's pairs that ran in its period, a period
   over by the day it is signed; nobody signs a consent for himself as a minor, nor through a
   representative as an adult;
4. a signed document's stored bytes never change;
5. every refusal is a Russian message with its values filled in, and the model foresees it;
6. no two live rows stand for one fact: a mentee is in one pair of a form on any day, a
   mentor's capacity holds on every day, one pair of a mentee in preparation per form.

The machine runs in four parts with fixed seeds in `make test` (HYPOTHESIS_PROFILE=long for a
longer run).
PDFs are not rendered here (render_pdf is a stand-in): the documents' own tests read them.
"""

from __future__ import annotations

import datetime
import hashlib
import os
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from hypothesis import HealthCheck, event, seed, settings
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
from documents import verification
from documents.models import Document
from mentoring import services as mentoring
from mentoring.models import PREPARATION_STATUSES, Assignment, AssignmentStatus
from mentoring.selectors import assignments_outliving_people
from registry import services as registry
from registry.models import Consent, MentoringForm
from tests.documents.factories import signed_agreement
from tests.factories import ConsentFactory, PersonFactory, StudentFactory
from tests.mentoring.factories import make_mentee, make_mentor

S = AssignmentStatus
FIRST_DAY = datetime.date(2021, 9, 1)
LAST_DAY = datetime.date(2022, 5, 31)
MENTORS, MENTEES, CAPACITY = 4, 5, 2
DAY = datetime.timedelta(days=1)

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
# The examples run as PARTS tests of a share each, side by side under pytest-xdist; in
# `make test` each part has a fixed seed of its own, so every run walks the same sequences.
PARTS = 4


def russian(error: ValidationError) -> list[str]:
    """Invariant 5: every message of a refusal is Russian, its placeholders filled."""
    messages = error.messages
    assert messages
    for message in messages:
        assert re.search("[а-яё]", message, re.I), message
        assert "%(" not in message and "%s" not in message, message
    return messages


State = tuple[str, datetime.date, datetime.date]  # (stored status, start, end)
Act = Callable[[State], State]


@dataclass(eq=False)
class Order:
    pk: int
    kind: str
    day: datetime.date
    pairs: set[int]  # every pair it acted on, the ones it made included
    cancelled: bool = False
    sha256: str = ""
    amends: Order | None = None  # an amending order's assignment order


@dataclass(eq=False)
class Pair:
    pk: int
    mentor: int
    mentee: int
    start: datetime.date
    end: datetime.date
    made_by: Order | None = None  # an amendment that gave a pair another mentor


@dataclass(eq=False)
class Step:
    """One step of the school on some pairs: a curator's (order None) or an order's."""

    acts: dict[int, Act]
    order: Order | None = None


@dataclass(eq=False)
class Award:
    """A thanks or a certificate: its mentor, period and the pairs it names."""

    pk: int
    mentor: int
    start: datetime.date
    end: datetime.date
    pairs: set[int]
    sha256: str = ""  # once signed


@dataclass
class Model:
    pairs: dict[int, Pair] = field(default_factory=dict)
    steps: list[Step] = field(default_factory=list)
    orders: list[Order] = field(default_factory=list)
    left: dict[int, datetime.date] = field(default_factory=dict)  # mentee → «Дата выбытия»

    def expected(self, pair: Pair) -> State:
        """The pair as the school's steps leave it, the cancelled orders left out."""
        if pair.made_by is not None:
            if pair.made_by.cancelled:
                return S.TERMINATED, pair.start, pair.end
            state: State = (S.ACTIVE, pair.start, pair.end)
        else:
            state = (S.DRAFT, pair.start, pair.end)
        for step in self.steps:
            if pair.pk in step.acts and not (step.order and step.order.cancelled):
                state = step.acts[pair.pk](state)
        return state

    def status(self, pair: Pair) -> str:
        return self.expected(pair)[0]

    def live(self, without=(), pairs=None) -> list[tuple[Pair, datetime.date, datetime.date, str]]:
        """(pair, start, end, status) of every pair not stopped, but those in `without`."""
        rows = [(p, *self.expected(p)) for p in (pairs or self.pairs).values()]
        return [
            (p, start, end, status)
            for p, status, start, end in rows
            if status != S.TERMINATED and p.pk not in without
        ]

    def room(self, pair: Pair, status: str, start, end, without=(), roll=False) -> bool:
        """Whether `pair` may hold start…end with `status`: the mentee in no other pair on
        those days, the mentor's capacity over the period, one pair in preparation each; with
        `roll` (a pair formed or its period set), the mentee still on the roll on its first
        day."""
        others = self.live(without={pair.pk, *without})
        if start > end:
            return False
        if roll and pair.mentee in self.left and self.left[pair.mentee] < start:
            return False
        if any(p.mentee == pair.mentee and s <= end and start <= e for p, s, e, _ in others):
            return False
        # the portal's rule (mentoring.services.mentor_load): the mentor's distinct mentees in
        # pairs sharing a day with the period, this one's included
        load = {
            p.mentee for p, s, e, _ in others if p.mentor == pair.mentor and s <= end and start <= e
        }
        if len(load | {pair.mentee}) > CAPACITY:
            return False
        preparing = status in PREPARATION_STATUSES
        return not (
            preparing
            and any(p.mentee == pair.mentee and st in PREPARATION_STATUSES for p, *_, st in others)
        )

    def clashes(self, order: Order) -> bool:
        """Would cancelling `order` give a pair back days its people have since been given in
        other pairs?"""
        before = {p.pk: self.expected(p) for p in self.pairs.values()}
        order.cancelled = True
        try:
            after = {p.pk: self.expected(p) for p in self.pairs.values()}
            return any(
                after[pk] != before[pk]
                and after[pk][0] != S.TERMINATED
                and not self.room(self.pairs[pk], *after[pk])
                for pk in order.pairs
                if pk in self.pairs
            )
        finally:
            order.cancelled = False

    def changed_after(self, order: Order) -> Step | None:
        """A step after `order` that stands and touched one of its pairs: the first later
        order if there is one (the portal names it), else the first step of the curator's."""
        index = next(i for i, s in enumerate(self.steps) if s.order is order)
        amending = [
            s
            for s in self.steps[index + 1 :]
            if s.order is not None and s.order.amends is order and not s.order.cancelled
        ]
        if amending:  # an amendment stands on the order whatever pairs it touched
            return amending[0]
        later = [
            step
            for step in self.steps[index + 1 :]
            if set(step.acts) & order.pairs and not (step.order and step.order.cancelled)
        ]
        return next((s for s in later if s.order is not None), later[0] if later else None)


def stage(to: str) -> Act:
    return lambda state: (to, state[1], state[2])


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
        self.consents: dict[tuple[str, str], set[datetime.date]] = defaultdict(set)
        self.awards: list[Award] = []

    def teardown(self):
        transaction.set_rollback(True)
        self._atomic.__exit__(None, None, None)

    # --- the school's actions ------------------------------------------------------------

    @initialize(lengths=st.lists(st.integers(30, 270), min_size=1, max_size=MENTORS - 1))
    def start(self, lengths):
        """The year opens with an order fixing a pair per mentor (mentee n with mentor n), of
        random lengths from 01.09.2021, so that every example has pairs to end, amend and
        orders to cancel. The last mentor starts free: a mentor to give a pair."""
        self.school = self.people["school"]
        self.director = self.people["director"]
        for n, length in enumerate(lengths):
            self.form_a_pair(mentor=n, mentee=n, gap=0, length=length)
        pairs = list(self.model.pairs.values())
        for pair in pairs:
            self._prepare(pair)
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
        candidate = Pair(0, mentor, mentee, start, end)
        may = self.model.room(candidate, S.DRAFT, start, end, roll=True)
        if not may:
            event("pair refused" + (" (mentee left)" if mentee in self.model.left else ""))
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
            assert not may, error.messages
            return
        assert may
        candidate.pk = pair.pk
        self.model.pairs[pair.pk] = candidate
        self.model.steps.append(Step({pair.pk: stage(S.DRAFT)}))

    def _pick(self, data, stages) -> Pair | None:
        choices = [p for p in self.model.pairs.values() if self.model.status(p) in stages]
        return data.draw(st.sampled_from(choices)) if choices else None

    def _any(self, stages) -> bool:
        return any(self.model.status(p) in stages for p in self.model.pairs.values())

    def _prepare(self, pair: Pair) -> None:
        steps = {S.DRAFT: [S.AWAITING_CONSENTS, S.AWAITING_ORDER]}.get(
            self.model.status(pair), [S.AWAITING_ORDER]
        )
        for to in steps:
            mentoring.assignment_transition(assignment=Assignment.objects.get(pk=pair.pk), to=to)
            self.model.steps.append(Step({pair.pk: stage(to)}))

    @precondition(lambda self: self._any({S.DRAFT, S.AWAITING_CONSENTS}))
    @rule(data=st.data())
    def prepare_for_an_order(self, data):
        pair = self._pick(data, {S.DRAFT, S.AWAITING_CONSENTS})
        try:
            self._prepare(pair)
        except ValidationError as error:  # the draft's rules again, leaving the draft
            russian(error)

    @precondition(lambda self: self._any(PREPARATION_STATUSES))
    @rule(data=st.data())
    def stop_before_an_order(self, data):
        pair = self._pick(data, PREPARATION_STATUSES)
        mentoring.assignment_transition(
            assignment=Assignment.objects.get(pk=pair.pk), to=S.TERMINATED, reason="не сложилась"
        )
        self.model.steps.append(Step({pair.pk: stage(S.TERMINATED)}))

    @precondition(lambda self: self._any({S.ACTIVE}))
    @rule(data=st.data())
    def try_to_end_an_ordered_pair_by_hand(self, data):
        pair = self._pick(data, {S.ACTIVE})
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

    def _record(self, signed: Document, acts: dict[int, Act]) -> Order:
        order = Order(signed.pk, signed.kind, self.day, set(acts), sha256=signed.sha256)
        self.model.orders.append(order)
        self.model.steps.append(Step(acts, order))
        return order

    def _fixing(self, day: datetime.date) -> Act:
        """An order fixing a pair on `day`: «действует» from its start or the order's day."""
        return lambda state: (S.ACTIVE, max(state[1], day), state[2])

    @precondition(lambda self: self._any({S.AWAITING_ORDER}))
    @rule(data=st.data(), returned=st.booleans())
    def sign_an_assignment_order(self, data, returned):
        waiting = [p for p in self.model.pairs.values() if self.model.status(p) == S.AWAITING_ORDER]
        chosen = data.draw(st.lists(st.sampled_from(waiting), min_size=1, max_size=3, unique=True))
        if returned:  # the director returns it first; the curator sends it again
            draft = documents.document_create_assignment_order(
                organization=self.school,
                by=self.director,
                assignments=[Assignment.objects.get(pk=p.pk) for p in chosen],
                controller=None,
            )
            documents.document_send(document=draft, today=self.day)
            documents.document_return(document=draft, comment="исправить")
            assert Document.objects.get(pk=draft.pk).status == Document.Status.DRAFT
            documents.document_delete_draft(document=Document.objects.get(pk=draft.pk))
        self._order(chosen)

    def _order(self, chosen: list[Pair]) -> None:
        order = documents.document_create_assignment_order(
            organization=self.school,
            by=self.director,
            assignments=[Assignment.objects.get(pk=p.pk) for p in chosen],
            controller=None,
        )
        too_late = [p for p in chosen if self.model.expected(p)[2] < self.day]
        try:
            signed = self._sign(order)
        except ValidationError as error:
            russian(error)
            assert too_late, error.messages
            self._withdraw(order)
            return
        assert not too_late
        self._record(signed, {p.pk: self._fixing(self.day) for p in chosen})

    @precondition(lambda self: self._any({S.ACTIVE}))
    @rule(data=st.data(), back=st.integers(0, 30), ahead=st.integers(0, 90))
    def sign_an_ending_order(self, data, back, ahead):
        pair = self._pick(data, {S.ACTIVE})
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
        self._record(signed, {pair.pk: lambda state, named=named: (state[0], state[1], named)})

    def _standing_assignment_orders(self) -> list[Order]:
        return [
            o for o in self.model.orders if o.kind == Document.Kind.ASSIGNMENT and not o.cancelled
        ]

    def _amendable(self, order: Order) -> list[Pair]:
        """The pairs the order (or its standing amendments) fixes and that are not over."""
        amendments = [
            o
            for o in self.model.orders
            if o.kind == Document.Kind.AMENDMENT and not o.cancelled and o.amends is order
        ]
        pks = order.pairs.union(*(o.pairs for o in amendments))
        return [
            self.model.pairs[pk]
            for pk in sorted(pks)
            if self.model.expected(self.model.pairs[pk])[0] == S.ACTIVE
            and self.model.expected(self.model.pairs[pk])[2] >= self.day
        ]

    @precondition(lambda self: bool(self._standing_assignment_orders()))
    @rule(
        data=st.data(),
        action=st.sampled_from(["dates", "mentor", "exclude", "add"]),
        shift=st.integers(-20, 40),
        new_mentor=st.integers(0, MENTORS - 1),
    )
    def sign_an_amending_order(self, data, action, shift, new_mentor):
        order = data.draw(st.sampled_from(self._standing_assignment_orders()))
        pairs = self._amendable(order)
        day = self.day
        change: dict = {}
        added: list[Pair] = []
        if action == "add":
            waiting = [
                p for p in self.model.pairs.values() if self.model.status(p) == S.AWAITING_ORDER
            ]
            if not waiting:
                return
            added = [data.draw(st.sampled_from(waiting))]
        else:
            if not pairs:
                return
            pair = data.draw(st.sampled_from(pairs))
            change = {"assignment": pair.pk, "action": action}
            end = self.model.expected(pair)[2]
            if action == "dates":
                change["ends_on"] = min(end + datetime.timedelta(days=shift), LAST_DAY).isoformat()
            if action == "mentor":
                change["mentor"] = self.people["mentors"][new_mentor].pk
        foreseen = self._foresee_amendment(change, added, day, new_mentor)
        try:
            draft = documents.document_create_amendment(
                organization=self.school,
                by=self.director,
                amends=Document.objects.get(pk=order.pk),
                changes=[change] if change else [],
                add=[Assignment.objects.get(pk=p.pk) for p in added],
                reason="заявлением наставника",
                day=day,
            )
        except ValidationError as error:
            russian(error)
            assert foreseen == "refused at once", (foreseen, error.messages)
            return
        assert foreseen != "refused at once", foreseen
        try:
            signed = self._sign(draft)
        except ValidationError as error:
            russian(error)
            assert foreseen == "refused when signed", (foreseen, error.messages)
            self._withdraw(draft)
            return
        assert foreseen == "signed", foreseen
        self._record_amendment(signed, order, change, added, new_mentor)

    def _foresee_amendment(self, change: dict, added: list[Pair], day, new_mentor) -> str:
        """What the portal must do with this amendment: refuse it at once (the change itself is
        not allowed from `day`), refuse to sign it (the new state breaks a pair's rule) or sign."""
        for pair in added:
            if self.model.expected(pair)[2] < day:
                return "refused when signed"  # it would end before the order
        if not change:
            return "signed"
        pair = self.model.pairs[change["assignment"]]
        status, start, end = self.model.expected(pair)
        if change["action"] == "dates":
            new_end = datetime.date.fromisoformat(change["ends_on"])
            if new_end < day:
                return "refused at once"
            return (
                "signed"
                if self.model.room(pair, status, start, new_end, roll=True)
                else "refused when signed"
            )
        if change["action"] == "mentor":
            if new_mentor == pair.mentor:
                return "refused at once"
            successor = Pair(0, new_mentor, pair.mentee, max(start, day), end)
            return (
                "signed"
                if self.model.room(
                    successor, S.DRAFT, successor.start, end, without={pair.pk}, roll=True
                )
                else "refused when signed"
            )
        # exclude: one not started waits for an order again, keeping its days (one pair in
        # preparation per mentee and form is all that may stop it)
        preparing = [
            p
            for p, *_, st in self.model.live(without={pair.pk})
            if p.mentee == pair.mentee and st in PREPARATION_STATUSES
        ]
        return "refused when signed" if start >= day and preparing else "signed"

    def _record_amendment(self, signed, order, change, added, new_mentor) -> None:
        day = self.day
        acts: dict[int, Act] = {p.pk: self._fixing(day) for p in added}
        made: Pair | None = None
        if change:
            pk, action = change["assignment"], change["action"]
            if action == "dates":
                new_end = datetime.date.fromisoformat(change["ends_on"])
                acts[pk] = lambda state, new_end=new_end: (state[0], state[1], new_end)
            elif action == "exclude":
                acts[pk] = lambda state: (
                    (S.AWAITING_ORDER, state[1], state[2])
                    if state[1] >= day
                    else (state[0], state[1], day - DAY)
                )
            else:
                old = self.model.pairs[pk]
                _status, start, end = self.model.expected(old)
                acts[pk] = lambda state: (
                    (S.TERMINATED, state[1], state[2])
                    if state[1] >= day
                    else (state[0], state[1], day - DAY)
                )
                successor = Assignment.objects.get(
                    mentor_links__mentor=self.people["mentors"][new_mentor],
                    mentee_links__mentee=self.people["mentees"][old.mentee],
                    status=S.ACTIVE,
                    starts_on=max(start, day),
                )
                made = Pair(successor.pk, new_mentor, old.mentee, max(start, day), end)
        recorded = self._record(signed, acts)
        recorded.amends = order
        if made is not None:
            made.made_by = recorded
            recorded.pairs.add(made.pk)
            self.model.pairs[made.pk] = made

    def _cancellable(self, cancellations: bool = False) -> list[Order]:
        return [
            o
            for o in self.model.orders
            if not o.cancelled and (o.kind == Document.Kind.CANCELLATION) == cancellations
        ]

    @precondition(lambda self: bool(self._cancellable(cancellations=True)))
    @rule(data=st.data())
    def try_to_cancel_a_cancellation(self, data):
        order = data.draw(st.sampled_from(self._cancellable(cancellations=True)))
        with pytest.raises(ValidationError) as refused:
            documents.document_create_cancellation(
                organization=self.school,
                by=self.director,
                cancels=Document.objects.get(pk=order.pk),
                reason="ошибкой",
            )
        assert russian(refused.value) == [str(documents.CANCELLATION_NOT_CANCELLED)]

    @precondition(lambda self: bool(self._cancellable()))
    @rule(data=st.data())
    def cancel_an_order(self, data):
        order = data.draw(st.sampled_from(self._cancellable()))
        cancels = Document.objects.get(pk=order.pk)
        changed = self.model.changed_after(order)
        try:
            cancel = documents.document_create_cancellation(
                organization=self.school, by=self.director, cancels=cancels, reason="ошибкой"
            )
        except ValidationError as error:
            messages = russian(error)
            assert changed is not None, messages
            if changed.order is not None:
                later = changed.order
                assert messages == [
                    str(documents.CHANGED_BY_LATER_ORDER)
                    % {"order": f"приказом от {later.day:%d.%m.%Y} № {self._number(later)}"}
                ]
            else:
                assert "изменена после этого приказа" in messages[0]
            return
        assert changed is None
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
        self._record(signed, {})

    def _number(self, order: Order) -> int:
        return Document.objects.get(pk=order.pk).number

    # --- consents: entered once, withdrawn whole, signed by the right person ---------------

    @rule(
        who=st.sampled_from(["pupil", "teacher"]),
        kind=st.sampled_from([Consent.Kind.PERSONAL_DATA, Consent.Kind.REPRESENTATIVE]),
        back=st.integers(0, 20),
    )
    def enter_a_consent(self, who, kind, back):
        """Entered twice at will (a double click): one row. A pupil signs his own from his
        18th birthday, his representative before it; a teacher never through one."""
        person = self.people[who]
        given_on = max(self.day - datetime.timedelta(days=back), FIRST_DAY - 20 * DAY)
        minor = person.is_minor_on(given_on)
        allowed = minor if kind == Consent.Kind.REPRESENTATIVE else not minor
        extra = (
            {"representative_name": "Петрова Анна Сергеевна"} if kind == "representative" else {}
        )
        try:
            for _twice in range(2):
                consent = registry.consent_record(
                    person=person, kind=kind, given_on=given_on, today=self.day, **extra
                )
        except ValidationError as error:
            russian(error)
            assert not allowed, error.messages
            return
        assert allowed
        self.consents[(who, kind)].add(given_on)
        assert consent.withdrawn_on is None

    @rule(
        who=st.sampled_from(["pupil", "teacher"]),
        kind=st.sampled_from([Consent.Kind.PERSONAL_DATA, Consent.Kind.REPRESENTATIVE]),
    )
    def withdraw_a_consent(self, who, kind):
        """A withdrawal withdraws every consent of the kind given by then."""
        given = sorted(self.consents[(who, kind)])
        if not given:
            return
        consent = Consent.objects.get(
            person=self.people[who], kind=kind, given_on=given[0], withdrawn_on__isnull=True
        )
        registry.consent_withdraw(
            consent=consent, withdrawn_on=self.day, reason="заявление", today=self.day
        )
        self.consents[(who, kind)] = {day for day in given if day > self.day}

    @invariant()
    def consents_are_one_row_each_and_signed_by_whom_they_may(self):
        people = {who: self.people[who] for who in ("pupil", "teacher")}
        rows = defaultdict(list)  # the two people's consents in one query (after every step)
        for person_id, kind, given_on, withdrawn_on in Consent.objects.filter(
            person__in=people.values()
        ).values_list("person_id", "kind", "given_on", "withdrawn_on"):
            rows[person_id].append((kind, given_on, withdrawn_on))
        for who, person in people.items():
            live = [
                (kind, given_on)
                for kind, given_on, withdrawn in rows[person.pk]
                if withdrawn is None
            ]
            assert len(live) == len(set(live))
            for kind in (Consent.Kind.PERSONAL_DATA, Consent.Kind.REPRESENTATIVE):
                assert {d for k, d in live if k == kind} == self.consents[(who, kind)]
            for kind, given_on, _withdrawn in rows[person.pk]:
                minor = person.is_minor_on(given_on)
                assert minor == (kind == Consent.Kind.REPRESENTATIVE), (who, kind, given_on)

    # --- people leave -------------------------------------------------------------------

    @rule(mentee=st.integers(0, MENTEES - 1), ahead=st.integers(-15, 60))
    def a_mentee_leaves(self, mentee, ahead):
        """The card gets «Дата выбытия» (past, today's or ahead, as the curator types it): no
        pair of the mentee may start after it; the pairs under an order running past it are
        what the health page asks the curator to end (invariant below)."""
        left = self.day + datetime.timedelta(days=ahead)
        person = self.people["mentees"][mentee].person
        type(person).objects.filter(pk=person.pk).update(left_on=left, left_reason="перевод")
        self.model.left[mentee] = left

    # --- thanks and certificates: a period over by the document's day, its own pairs -------

    def _ran(self, mentor: int, start: datetime.date, end: datetime.date) -> set[int]:
        """The mentor's pairs that worked under an order at some time in start…end."""
        return {
            p.pk
            for p, s, e, status in self.model.live()
            if p.mentor == mentor and status == S.ACTIVE and s <= end and start <= e
        }

    @rule(
        mentor=st.integers(0, MENTORS - 1),
        back=st.integers(0, 20),
        ahead=st.integers(0, 1),
        length=st.integers(0, 150),
        kind=st.sampled_from([Document.Kind.THANKS, Document.Kind.CERTIFICATE]),
    )
    def prepare_an_award(self, mentor, back, ahead, length, kind):
        end = self.day + datetime.timedelta(days=ahead - back)
        start = max(end - datetime.timedelta(days=length), min(end, FIRST_DAY - 10 * DAY))
        ran = self._ran(mentor, start, end)
        try:
            award = documents.document_create_award(
                organization=self.school,
                by=self.director,
                kind=kind,
                person=self.people["mentors"][mentor].person,
                starts_on=start,
                ends_on=end,
                today=self.day,
            )
        except ValidationError as error:
            messages = russian(error)
            if end > self.day:
                assert messages[0].startswith(f"Период заканчивается {end:%d.%m.%Y}"), messages
            else:
                assert not ran and messages == [str(documents.NO_PAIRS_IN_PERIOD)], messages
            event("award refused")
            return
        assert end <= self.day and ran
        event("award prepared")
        self.awards.append(Award(award.pk, mentor, start, end, ran))

    @precondition(lambda self: any(not a.sha256 for a in self.awards))
    @rule(data=st.data())
    def sign_an_award(self, data):
        """Signed while every pair it names still ran under an order in its period; a pair an
        ending, amending or cancelling order has taken out of it since makes it prepared
        again."""
        award = data.draw(st.sampled_from([a for a in self.awards if not a.sha256]))
        gone = award.pairs - self._ran(award.mentor, award.start, award.end)
        document = Document.objects.get(pk=award.pk)
        try:
            signed = self._sign(document)
        except ValidationError as error:
            messages = russian(error)
            assert gone, messages
            assert len(messages) == len(gone)
            assert all("больше не закреплена приказом в этом периоде" in m for m in messages)
            self._withdraw(document)
            self.awards.remove(award)
            event("award refused at signing: a pair gone")
            return
        assert not gone
        award.sha256 = signed.sha256
        event("award signed")

    # --- what must hold after every step ------------------------------------------------

    @invariant()
    def pairs_are_what_their_orders_say(self):
        rows = Assignment.objects.prefetch_related("mentee_links").in_bulk(list(self.model.pairs))
        for pk, pair in self.model.pairs.items():
            status, start, end = self.model.expected(pair)
            row = rows[pk]
            assert (row.status, row.starts_on, row.ends_on) == (status, start, end), pk
            for day in (self.day, end, end + DAY):
                reads = S.FINISHED if status == S.ACTIVE and day > end else status
                assert row.status_on(day) == reads
            (link,) = row.mentee_links.all()
            assert link.in_preparation == (status in PREPARATION_STATUSES)

    @invariant()
    def signed_bytes_never_change(self):
        signed = [*self.model.orders, *(a for a in self.awards if a.sha256)]
        stored = dict(
            Document.objects.filter(pk__in=[d.pk for d in signed]).values_list("pk", "pdf")
        )
        for document in signed:
            assert hashlib.sha256(bytes(stored[document.pk])).hexdigest() == document.sha256

    @invariant()
    def an_award_names_its_own_mentors_pairs_of_its_period(self):
        """Invariant 2 for thanks and certificates: the pairs they name are the mentor's, and
        ran in the period, which is over by the document's day."""
        named = defaultdict(set)
        for award_pk, pair_pk in Document.assignments.through.objects.filter(
            document_id__in=[a.pk for a in self.awards]
        ).values_list("document_id", "assignment_id"):
            named[award_pk].add(pair_pk)
        signed_on = dict(
            Document.objects.filter(pk__in=[a.pk for a in self.awards if a.sha256]).values_list(
                "pk", "signed_on"
            )
        )
        for award in self.awards:
            assert named[award.pk] == award.pairs
            assert all(self.model.pairs[pk].mentor == award.mentor for pk in award.pairs)
            if award.sha256:
                assert award.end <= signed_on[award.pk]

    @invariant()
    def pairs_outliving_their_mentee_are_asked_to_end(self):
        """The health page's «пары, которые идут после выбытия участника»: exactly the pairs
        under an order, not over today, whose mentee leaves before their end."""
        expected = {
            p.pk
            for p, _start, end, status in self.model.live()
            if status == S.ACTIVE
            and end >= self.day
            and p.mentee in self.model.left
            and self.model.left[p.mentee] < end
        }
        asked = set(
            assignments_outliving_people(self.school, today=self.day).values_list("pk", flat=True)
        )
        assert asked == expected
        if asked:
            event("a pair outlives its mentee")

    @invariant()
    def one_fact_one_row(self):
        live = self.model.live()
        for a, a_start, a_end, _status in live:
            same_mentee = [
                b for b, b_start, b_end, _ in live
                if b is not a and b.mentee == a.mentee and b_start <= a_end and a_start <= b_end
            ]  # fmt: skip
            assert not same_mentee, (a, same_mentee)
            on_first_day = [
                b for b, b_start, b_end, _ in live
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
    """Signing without laying out PDFs: bytes that differ per document and per render (and
    no QR code drawn for a stamp no PDF shows)."""
    renders = iter(range(10**9))

    def fake_pdf(template, context, **options):
        return f"%PDF-stand-in {template} {context.get('number')} {next(renders)}".encode()

    monkeypatch.setattr(documents, "render_pdf", fake_pdf)
    monkeypatch.setattr(documents, "document_content_hash", lambda document, day: "0" * 64)
    monkeypatch.setattr(verification, "qr_data_uri", lambda url: f"data:,{url}")


@pytest.mark.parametrize("part", range(PARTS))
def test_the_school_year_keeps_its_record_true(school, director, quick_documents, part):
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
        # consents of their own (in no pair): a pupil who comes of age on 15.01.2022
        "pupil": StudentFactory(organization=school, birth_date=datetime.date(2004, 1, 15)),
        "teacher": PersonFactory(organization=school),
        "school": school,
        "director": director,
        "year": year,
        "form": MentoringForm.objects.get(code="teacher-teacher"),
        "mentors": mentors,
        "mentees": mentees,
    }
    profile = settings.get_profile(PROFILE)
    SchoolYear.TestCase.settings = settings(
        profile,
        max_examples=profile.max_examples // PARTS,
        derandomize=False,
        database=None if profile.derandomize else profile.database,
    )
    if profile.derandomize:  # `make test`: fixed seeds; HYPOTHESIS_PROFILE=long draws anew
        seed(part)(SchoolYear)
    SchoolYear.TestCase().runTest()
