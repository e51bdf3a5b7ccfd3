"""Demo data, step 3: programs, pairs and groups, plans, meetings and the roadmap of school 19.

Pairs are built through the services (so every rule holds) and then moved to «действует»
directly, as the signed orders of 01.09.2021 would have done.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from demo.accounts import DemoContext
from mentoring import matching
from mentoring.deadlines import MONTH_STEMS, normalize
from mentoring.models import (
    Assignment,
    AssignmentStatus,
    Meeting,
    PlanEvent,
    Program,
    RoadmapItem,
)
from mentoring.models.roadmap import MarkStatus
from mentoring.roadmap_services import roadmap_start_from_sample
from mentoring.services import assignment_create, plan_create_from_template
from registry.models import MenteeProfile, MentoringForm, MentorProfile, PersonCategory

S = AssignmentStatus
PAIRS_WANTED = 40
LEFT_WAITING = 6
DEMO_DAY = datetime.date(2021, 9, 1)  # the pairs are formed as of the first school day

PROGRAMS = {
    "teacher-teacher": (
        "Программа наставничества «учитель – учитель»",
        "Поддержать молодых специалистов и педагогов, испытывающих профессиональные "
        "затруднения, в освоении профессии и закреплении в школе.",
        "Адаптация молодых педагогов; устранение профессиональных дефицитов; "
        "развитие методической культуры.",
        "Молодые педагоги уверенно ведут уроки и классное руководство; снижается текучесть кадров.",
    ),
    "teacher-student": (
        "Программа наставничества «учитель – ученик»",
        "Помочь обучающимся раскрыть способности и справиться с трудностями в учёбе.",
        "Индивидуальная поддержка в учёбе; проектная и исследовательская деятельность.",
        "Растёт успеваемость и участие обучающихся в олимпиадах и проектах.",
    ),
    "student-student": (
        "Программа наставничества «ученик – ученик»",
        "Взаимная поддержка обучающихся: старшие помогают младшим в учёбе и школьной жизни.",
        "Помощь в учёбе; вовлечение во внеурочную деятельность; профилактика конфликтов.",
        "Младшие обучающиеся лучше адаптируются, старшие развивают лидерские навыки.",
    ),
    "college-student": (
        "Программа наставничества «студент – ученик»",
        "Профессиональная ориентация обучающихся при поддержке студентов колледжей и вузов.",
        "Знакомство с профессиями; проектная работа; подготовка к выбору профиля.",
        "Обучающиеся осознанно выбирают профиль обучения и будущую профессию.",
    ),
    "employer-student": (
        "Программа наставничества «работодатель – ученик»",
        "Знакомство обучающихся с реальным производством и требованиями работодателей.",
        "Экскурсии на предприятия; совместные проекты; профессиональные пробы.",
        "Обучающиеся получают опыт профессиональных проб и представление о рынке труда.",
    ),
}

MARKS = {
    1: (MarkStatus.DONE, "приказ от 01.09.2021 № 144", datetime.date(2021, 9, 1)),
    2: (MarkStatus.DONE, "база наставляемых сформирована", datetime.date(2021, 9, 15)),
    3: (MarkStatus.DONE, "база наставников сформирована", datetime.date(2021, 9, 20)),
    # the text is the figure of the day, as the semester report counts it (Builder.roadmap)
    4: (
        MarkStatus.IN_PROGRESS,
        "обучение прошли {trained} из {mentors} наставников пар и групп",
        datetime.date(2021, 12, 10),
    ),
    5: (MarkStatus.DONE, "приказ от 01.09.2021 № 145", datetime.date(2021, 9, 1)),
    7: (MarkStatus.IN_PROGRESS, "новости на сайте школы", datetime.date(2021, 12, 20)),
}

TOPICS = [
    "Разбор посещённого урока",
    "Планирование урока по ФГОС",
    "Подготовка к родительскому собранию",
    "Формирующее оценивание на уроке",
    "Обсуждение трудной ситуации в классе",
    "Подготовка проекта",
    "Работа с электронным журналом",
    "Итоги четверти",
]


def seed(ctx: DemoContext) -> None:
    org, year = ctx.main, ctx.years[2021]
    if Program.objects.filter(organization=org, academic_year=year).exists():
        return
    Builder(ctx).build()


class Builder:
    def __init__(self, ctx: DemoContext):
        self.ctx, self.rng = ctx, ctx.rng
        self.org, self.year = ctx.main, ctx.years[2021]
        self.forms = {f.code: f for f in MentoringForm.objects.all()}
        self.curator = ctx.users["curator"].card
        self.created: list[Assignment] = []

    def build(self) -> None:  # this academic year's pair: demo.documents._this_years_pair
        self.programs()
        self.teacher_pairs()
        self.groups()
        self.network_pair()
        self.cohort()
        self.statuses()
        self.plans_and_meetings()
        self.roadmap()

    def programs(self) -> None:
        self.program = {}
        for code, (title, goal, tasks, results) in PROGRAMS.items():
            self.program[code] = Program.objects.create(
                organization=self.org,
                academic_year=self.year,
                form=self.forms[code],
                title=title,
                goal=goal,
                tasks=tasks,
                expected_results=results,
                starts_on=self.year.starts_on,
                ends_on=self.year.ends_on,
                curator=self.curator,
            )

    def pair(self, form: str, mentors, mentees, *, kind="pair", title="") -> Assignment:
        assignment = assignment_create(
            organization=self.org,
            academic_year=self.year,
            form=self.forms[form],
            kind=kind,
            title=title,
            mentors=mentors,
            mentees=mentees,
            starts_on=self.year.starts_on,
            ends_on=self.year.ends_on,
            by=self.ctx.users["curator"],
        )
        self.created.append(assignment)
        return assignment

    def waiting(self, form: str, category: str = PersonCategory.STUDENT) -> list[MenteeProfile]:
        return list(
            MenteeProfile.objects.filter(
                person__organization=self.org,
                person__category=category,
                desired_form=self.forms[form],
            )
            .in_status_on(MenteeProfile.Status.WAITING, DEMO_DAY)
            .select_related("person")
            .order_by("pk")
        )

    def mentors(self, form: str, capacity: int) -> list[MentorProfile]:
        return list(
            MentorProfile.objects.filter(
                person__organization=self.org, forms=self.forms[form], capacity__gte=capacity
            )
            .exclude(person__user__username="teacher")
            .select_related("person__organization")
            .order_by("-capacity", "pk")
        )

    def teacher_pairs(self) -> None:
        """The demo mentor Фёдорова leads two young teachers, one of them the demo mentee."""
        teacher = self.ctx.users["teacher"].person.mentor_profile
        if teacher.capacity < 2:
            teacher.capacity = 3  # the demo mentor is shown with more than one pair
            teacher.save(update_fields=["capacity"])
        mentee = self.ctx.users["mentee"].person.mentee_profile
        self.pair("teacher-teacher", [teacher], [mentee])
        young = [
            m
            for m in self.waiting("teacher-teacher", PersonCategory.TEACHER)
            if m.person.subject == teacher.person.subject
        ] or self.waiting("teacher-teacher", PersonCategory.TEACHER)
        self.pair("teacher-teacher", [teacher], young[:1])

    def groups(self) -> None:
        young = self.waiting("teacher-teacher", PersonCategory.TEACHER)[:3]
        self.pair(
            "teacher-teacher",
            self.mentors("teacher-teacher", 3)[:1],
            young,
            kind="group",
            title="Педагог – группа молодых педагогов",
        )
        students = self.waiting("teacher-student")[:3]
        self.pair(
            "teacher-student",
            self.mentors("teacher-student", 3)[:1],
            students,
            kind="group",
            title="Проектная группа «Юные исследователи»",
        )
        juniors = self.waiting("student-student")[:2]
        self.pair(
            "student-student",
            self.mentors("student-student", 2)[:2],
            juniors,
            kind="group",
            title="Клуб взаимопомощи «Старшие – младшим»",
        )

    def network_pair(self) -> None:
        """A mentor of school 4, ready for network mentoring, leads a young teacher of school 19."""
        mentor = (
            MentorProfile.objects.filter(
                person__organization__slug="school-4",
                network_ready=True,
                forms=self.forms["teacher-teacher"],
            )
            .select_related("person__organization")
            .first()
        )
        young = self.waiting("teacher-teacher", PersonCategory.TEACHER)
        if mentor is not None and young:
            self.pair("teacher-teacher", [mentor], young[-1:])

    def cohort(self) -> None:
        """The rest through the optimal proposal, leaving a few mentees waiting for the curator."""
        rows = [r for r in matching.cohort_proposal(self.org, DEMO_DAY) if r.mentor is not None]
        pairs_needed = PAIRS_WANTED - sum(1 for a in self.created if a.kind == "pair")
        rows = rows[: max(0, min(pairs_needed, len(rows) - LEFT_WAITING))]
        mentees = MenteeProfile.objects.in_bulk([r.mentee.id for r in rows])
        mentors = MentorProfile.objects.select_related("person__organization").in_bulk(
            [r.mentor.id for r in rows]
        )
        for row in rows:
            mentee = mentees[row.mentee.id]
            self.pair(mentee.desired_form.code, [mentors[row.mentor.id]], [mentee])

    def statuses(self) -> None:
        """Most pairs wait for the order of 01.09.2021 (the documents' demo enters it, and it
        fixes them); the last few are still drafts or wait for consents."""
        drafts = {a.pk for a in self.created[-4:]}
        awaiting = {a.pk for a in self.created[-6:-4]}
        active = [a.pk for a in self.created if a.pk not in drafts | awaiting]
        moment = datetime.datetime(2021, 8, 30, 9, 0, tzinfo=timezone.get_current_timezone())
        Assignment.objects.filter(pk__in=active).update(
            status=S.AWAITING_ORDER, status_changed_at=moment
        )
        Assignment.objects.filter(pk__in=awaiting).update(status=S.AWAITING_CONSENTS)
        self.active = [a for a in self.created if a.pk in set(active)]

    def plans_and_meetings(self) -> None:
        meetings, done = [], []
        for n, assignment in enumerate(self.active):
            plan = plan_create_from_template(assignment=assignment)
            events = list(
                PlanEvent.objects.filter(task__plan=plan).order_by("task__order", "order")
            )
            for event in events[: self.rng.randint(1, 7)]:
                month, day = self.rng.randint(9, 12), self.rng.randint(1, 28)
                # an event due in a named month («декабрь») was done in that month
                due = normalize(event.due)
                month = next((m for stem, m in MONTH_STEMS if due.startswith(stem)), month)
                event.done_on = datetime.date(2021 if month >= 9 else 2022, month, day)
                event.done_note = "выполнено по плану"
                done.append(event)
            # Monthly meetings over the year; a few pairs went quiet after the winter break.
            months = [9, 10, 11, 12] if n % 6 == 5 else [9, 10, 11, 12, 1, 2, 3, 4, 5]
            for month in months:
                year = 2021 if month >= 9 else 2022
                day = datetime.date(year, month, self.rng.randint(5, 25))
                meetings.append(self.meeting(assignment, day))
        PlanEvent.objects.bulk_update(done, ["done_on", "done_note"])
        Meeting.objects.bulk_create(meetings)

    def meeting(self, assignment: Assignment, day: datetime.date) -> Meeting:
        return Meeting(
            assignment=assignment,
            held_on=day,
            duration_minutes=self.rng.choice([30, 40, 45, 60, 90]),
            topic=self.rng.choice(TOPICS),
            notes="",
            created_by=self.ctx.users["curator"],
        )

    def figures(self, text: str, day: datetime.date) -> str:
        """A mark's text with the figures of `day` filled in: the mentors of the pairs and
        groups running by then who need a course, and how many had finished one."""
        if "{" not in text:
            return text
        # the pairs the order of 01.09.2021 fixes (the documents' demo enters it later)
        running = Assignment.objects.filter(pk__in=[a.pk for a in self.active]).overlapping(
            self.year.starts_on, day
        )
        mentors = (
            MentorProfile.objects.needing_training()
            .filter(assignment_links__assignment__in=running)
            .distinct()
        )
        return text.format(trained=mentors.trained_by(day).count(), mentors=mentors.count())

    def roadmap(self) -> None:
        roadmap = roadmap_start_from_sample(organization=self.org, academic_year=self.year)
        items = {int(i.number): i for i in roadmap.items.all()}
        for number, (status, text, day) in MARKS.items():
            item = items[number]
            item.mark_status, item.mark_text, item.mark_date = status, self.figures(text, day), day
        RoadmapItem.objects.bulk_update(items.values(), ["mark_status", "mark_text", "mark_date"])
        roadmap.agreed_by = self.ctx.users["coordinator"]
        roadmap.agreed_on = datetime.date(2021, 9, 10)
        roadmap.save(update_fields=["agreed_by", "agreed_on"])
