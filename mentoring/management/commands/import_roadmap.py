"""`python manage.py import_roadmap FILE [--organization SLUG] [--year 2021] [--years 2022-2024]`
(see docs/commands.md)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from accounts.freshness import data_changed
from accounts.models import AcademicYear, Organization
from mentoring.deadlines import parse_years
from mentoring.roadmap_services import roadmap_import


class Command(BaseCommand):
    help = (
        "Загружает дорожную карту, которая начинается в учебном году, из .xlsx или .csv "
        "(столбцы: №, Задача, Мероприятия, Ответственный, Ожидаемый результат, Срок, Отметка о "
        "выполнении), заменяя её пункты. Карта на несколько лет — до последнего из --years или "
        "из учебных лет, названных в сроках («в течение 2022-2024 уч. гг.»). Всё или ничего: "
        "при ошибках ничего не записывается."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="файл .xlsx или .csv")
        parser.add_argument("--organization", help="код (slug) организации")
        parser.add_argument("--year", type=int, help="год начала учебного года, например 2021")
        parser.add_argument(
            "--years",
            help="учебные годы карты на несколько лет, например 2022-2024 (с 2022-2023 "
            "по 2023-2024); по умолчанию — из сроков файла",
        )

    def handle(
        self,
        *args,
        file: str,
        organization: str | None,
        year: int | None,
        years: str | None,
        **options,
    ):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"Файл не найден: {file}")
        org = self._organization(organization)
        last_year = None
        if years:
            try:
                first, last_year = parse_years(years)
            except ValueError as exc:
                raise CommandError(f"Не понятны учебные годы «{years}»: пишите 2022-2024.") from exc
            if year is not None and year != first:
                raise CommandError(f"--year {year} и --years {years} начинаются в разных годах.")
            year = first
        academic_year = self._year(year)
        roadmap, errors = roadmap_import(
            organization=org,
            academic_year=academic_year,
            content=path.read_bytes(),
            filename=path.name,
            last_year=last_year,
        )
        if errors or roadmap is None:
            for line in errors:
                self.stderr.write(line)
            self.stderr.write(f"Ошибок: {len(errors)}. Ничего не записано.")
            raise SystemExit(1)
        data_changed()
        count = roadmap.items.count()
        self.stdout.write(
            self.style.SUCCESS(
                f"Дорожная карта «{org.short_name}» на {roadmap.years_label} "
                f"(учебных лет: {roadmap.years}): загружено пунктов — {count}."
            )
        )

    def _organization(self, slug: str | None) -> Organization:
        if slug:
            try:
                return Organization.objects.get(slug=slug)
            except Organization.DoesNotExist as exc:
                raise CommandError(f"Нет организации с кодом «{slug}».") from exc
        organizations = list(Organization.objects.all()[:2])
        if len(organizations) != 1:
            raise CommandError(
                "В портале несколько организаций (или ни одной): укажите --organization SLUG."
            )
        return organizations[0]

    def _year(self, start_year: int | None) -> AcademicYear:
        if start_year is None:
            year = AcademicYear.objects.current(timezone.localdate())
            if year is None:
                raise CommandError("В портале нет учебного года: укажите --year.")
            return year
        try:
            return AcademicYear.objects.get(start_year=start_year)
        except AcademicYear.DoesNotExist as exc:
            raise CommandError(f"Нет учебного года {start_year}–{start_year + 1}.") from exc
