from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from accounts.models import AcademicYear, Organization
from monitoring.reports.semester import semester_report_pdf


class Command(BaseCommand):
    help = "Справка по итогам полугодия в PDF — та же, что скачивает заместитель директора."

    def add_arguments(self, parser):
        parser.add_argument("--organization", required=True, help="код организации (slug)")
        parser.add_argument("--year", required=True, type=int, help="год начала учебного года")
        parser.add_argument("--half", required=True, type=int, choices=[1, 2])
        parser.add_argument("--output", required=True, help="файл PDF")

    def handle(self, *args, organization, year, half, output, **options):
        org = Organization.objects.filter(slug=organization).first()
        if org is None:
            raise CommandError(f"Организация «{organization}» не найдена.")
        academic_year = AcademicYear.objects.filter(start_year=year).first()
        if academic_year is None:
            raise CommandError(f"Учебный год {year}–{year + 1} не найден.")
        pdf = semester_report_pdf(org, academic_year, half)
        Path(output).write_bytes(pdf)
        self.stdout.write(self.style.SUCCESS(f"Справка записана в {output} ({len(pdf)} байт)."))
