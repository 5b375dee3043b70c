from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from plans import demo
from reporting.adoptions.demo import create_demo_adoptions
from reporting.annual.demo import create_demo_annual_report
from reporting.commitments.demo import create_demo_commitments
from reporting.public.demo import publish_demo
from reporting.questions.demo import create_demo_questions
from reporting.reports.demo import YEARS, create_demo_reports, report_counts


class Command(BaseCommand):
    help = (
        "Load the catalogue, create the demo accounts (chair, director, delegate-<code>) with the "
        "password DEMO_PASSWORD, the reporting cycles and demo reports in every state, APEC "
        "projects, meetings, an open proposal round, questions between economies, commitments, "
        "two best practices adopted with their sources and the program director's 2026 report "
        "(a draft); Chile's and Australia's 2025 reports released and the director's 2025 "
        "report published on the public site. Safe to run again. Refuses to run with DEBUG off."
    )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "seed_demo creates accounts with a known password, so it runs only with DEBUG=1. "
                "On a real server, load the catalogue with `manage.py loaddata "
                + " ".join(demo.CATALOGUE_FIXTURES)
                + "` and create accounts in the admin."
            )
        demo.load_catalogue()
        users = demo.create_demo_accounts(password=settings.DEMO_PASSWORD)
        users.append(demo.create_demo_contributor(password=settings.DEMO_PASSWORD))
        self.stdout.write(
            self.style.SUCCESS(
                f"Catalogue loaded; {len(users)} demo accounts ready "
                f"(password from DEMO_PASSWORD, default “apec-demo”)."
            )
        )
        created = create_demo_reports()
        counts = report_counts()
        years = "; ".join(
            f"{year}: " + ", ".join(f"{n} {state}" for state, n in counts[year].items())
            for year in YEARS
        )
        self.stdout.write(self.style.SUCCESS(f"{len(created)} demo reports created. {years}."))
        projects = demo.create_demo_projects()
        self.stdout.write(
            self.style.SUCCESS(
                f"APEC projects: {projects['projects']} ({projects['projects created']} new); "
                f"meetings: {projects['meetings']}; open proposal rounds: "
                f"{projects['open rounds']}."
            )
        )
        asked = create_demo_questions()
        self.stdout.write(
            self.style.SUCCESS(
                f"Questions between economies on accepted 2025 reports: {asked} asked "
                "(one still waiting for Chile's answer)."
                if asked
                else "Questions between economies: already there."
            )
        )
        committed = create_demo_commitments()
        self.stdout.write(
            self.style.SUCCESS(
                f"Commitments in 2025 and 2026 reports: {committed} made (one done, one overdue, "
                "one dropped)."
                if committed
                else "Commitments: already there."
            )
        )
        adopted = create_demo_adoptions()
        self.stdout.write(
            self.style.SUCCESS(
                f"Best practices adopted with their sources in accepted 2026 reports: {adopted}."
                if adopted
                else "Adoptions with their sources: already there."
            )
        )
        created_annual = create_demo_annual_report()
        self.stdout.write(
            self.style.SUCCESS(
                "The program director's 2026 report: a draft with an introduction"
                + (" (created)." if created_annual else " (already there).")
            )
        )
        published = publish_demo()
        self.stdout.write(
            self.style.SUCCESS(
                "On the public site (/public/): " + ", ".join(published) + "."
                if published
                else "The public site: already populated."
            )
        )
