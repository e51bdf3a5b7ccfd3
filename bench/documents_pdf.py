"""Benchmark: an order PDF costs at most 1.3× a bare WeasyPrint render of the same HTML.

Measured in the same run: (a) our whole path for the signed assignment order of a school with
20 pairs — context (queries, declension), template, render with the embedded font; (b) the
baseline, WeasyPrint alone on the very HTML and CSS that (a) produced. Declension caches are
cleared before every run of (a) so it pays for its grammar each time.
"""

from __future__ import annotations

import sys

from common import Result, best_of_interleaved, print_table, setup_django

TARGET = 1.3
PAIRS = 20


def build():
    from accounts.models import AcademicYear
    from documents import services
    from documents.models import Document
    from mentoring.models import AssignmentStatus
    from tests.factories import OrganizationFactory, PersonFactory, UserFactory
    from tests.mentoring.factories import make_mentee, make_mentor, make_pair

    AcademicYear.objects.get_or_create(start_year=2021, defaults=AcademicYear.standard_dates(2021))
    school = OrganizationFactory(short_name="МБОУ «СШ № 19»")
    school.director = UserFactory(
        username="director-bench",
        last_name="Иванов",
        first_name="Иван",
        middle_name="Иванович",
        gender="m",
    )
    school.save()
    surnames = ["Фёдорова", "Бережная", "Толкалина", "Соловьёва", "Черных", "Кузнец"]
    pairs = [
        make_pair(
            school,
            mentor=make_mentor(school, last_name=surnames[i % 6]),
            mentee=make_mentee(school, last_name=surnames[(i + 3) % 6]),
            status=AssignmentStatus.AWAITING_ORDER,
        )
        for i in range(PAIRS)
    ]
    order = Document.objects.create(
        organization=school,
        kind=Document.Kind.ASSIGNMENT,
        title=services.assignment_order_title(pairs),
        params={"controller_id": PersonFactory(organization=school).pk},
    )
    order.assignments.set(pairs)
    return order


def run() -> list[Result]:
    setup_django()
    from weasyprint import HTML

    from core import declension
    from documents.contexts import TEMPLATES, build_context
    from documents.models import Document
    from documents.rendering import _stylesheet, html_to_pdf, render_html

    order = build()
    template = TEMPLATES[Document.Kind.ASSIGNMENT]

    def ours():
        declension._decline.cache_clear()
        document = Document.objects.get(pk=order.pk)
        html = render_html(
            template, build_context(document, day=document.created_at.date(), number=145)
        )
        return html_to_pdf(html)

    html = render_html(template, build_context(order, day=order.created_at.date(), number=145))
    stylesheet, fonts = _stylesheet()  # the very stylesheet and fonts our path uses

    def bare():
        HTML(string=html, base_url="/").write_pdf(stylesheets=[stylesheet], font_config=fonts)

    ours()  # warm the template loader and fonts once for both
    bare()
    measured, baseline = best_of_interleaved(ours, bare)

    # The personal plan: its context from the pair's plan, against WeasyPrint alone.
    from documents.printables import plan_pdf
    from mentoring.models import Assignment
    from mentoring.services import plan_create_from_template

    pair = order.assignments.order_by("pk").first()
    plan_create_from_template(assignment=pair)

    def plan_ours():
        declension._decline.cache_clear()
        plan_pdf(Assignment.objects.select_related("organization", "form", "plan").get(pk=pair.pk))

    captured = []
    import documents.printables as printables

    original = printables.render_pdf
    printables.render_pdf = lambda template, context: (
        captured.append(render_html(template, context)) or original(template, context)
    )
    plan_ours()
    printables.render_pdf = original
    plan_measured, plan_baseline = best_of_interleaved(
        plan_ours,
        lambda: HTML(string=captured[-1], base_url="/").write_pdf(
            stylesheets=[stylesheet], font_config=fonts
        ),
    )
    return [
        Result(
            "documents: personal plan PDF vs bare WeasyPrint",
            plan_measured / plan_baseline,
            1.5,
            "×",
            f"ours {plan_measured * 1000:.0f} ms, bare {plan_baseline * 1000:.0f} ms",
        ),
        Result(
            f"documents: order PDF with {PAIRS} pairs vs bare WeasyPrint",
            measured / baseline,
            TARGET,
            "×",
            f"ours {measured * 1000:.0f} ms, bare {baseline * 1000:.0f} ms",
        ),
    ]


if __name__ == "__main__":
    sys.exit(0 if print_table(run()) else 1)
