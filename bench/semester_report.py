"""Benchmark: the semester report of the demo school in at most 1.5 s.

On a fresh database filled by `seed_demo`, measures the whole report as the deputy's job builds
it (every figure computed from the data, the PDF rendered), best of 5. The baseline, in the same
run, is WeasyPrint alone rendering the report's resulting HTML.
"""

from __future__ import annotations

import sys

from common import Result, best_of, print_table, setup_django

TARGET_SECONDS = 1.5


def run() -> list[Result]:
    setup_django(demo=True)

    from accounts.models import AcademicYear, Organization
    from documents.rendering import html_to_pdf
    from monitoring.reports import semester as report

    school = Organization.objects.get(slug="school-19")
    year = AcademicYear.objects.get(start_year=2021)
    html = []

    original = report.render_pdf

    def capture(template, context):
        from documents.rendering import render_html

        html.append(render_html(template, context))
        return original(template, context)

    report.render_pdf = capture
    measured = best_of(lambda: report.render_report_pdf(school, year, 1), repeat=5)
    report.render_pdf = original
    baseline = best_of(lambda: html_to_pdf(html[-1]), repeat=5)
    return [
        Result(
            "semester report of the demo school",
            measured,
            TARGET_SECONDS,
            "s",
            f"bare WeasyPrint of its HTML {baseline * 1000:.0f} ms",
        )
    ]


if __name__ == "__main__":
    sys.exit(0 if print_table(run()) else 1)
