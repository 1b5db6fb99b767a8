from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Locale

from wagtail_ikut.services.search.documents import reindex_services
from wagtail_ikut.services.search.engine import index as engine_index
from wagtail_ikut.services.search.engine.client import EngineUnavailable, engine


class Command(BaseCommand):
    help = (
        "Rebuild the service directory's full-text index from the published services, e.g. "
        "after installing Voikko, which changes how Finnish words are analysed; and, with a "
        "search engine, rebuild its indexes into new ones and switch to them at once."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reconcile",
            action="store_true",
            help=(
                "Only bring the search engine's indexes in line with the database: apply the "
                "updates it missed while down, add what it lacks, drop what it should not have."
            ),
        )

    def handle(self, *args, reconcile=False, **options):
        backend = engine()
        if reconcile and backend is None:
            raise CommandError("No search engine is configured; there is nothing to reconcile.")
        if not reconcile:
            count = reindex_services()
            self.stdout.write(self.style.SUCCESS(f"Indexed {count} services in the database."))
        if backend is None:
            return
        languages = Locale.objects.order_by("language_code").values_list("language_code", flat=True)
        try:
            for language_code in languages:
                if reconcile:
                    written, deleted = engine_index.reconcile(backend, language_code)
                    self.stdout.write(
                        f"{language_code}: wrote {written} and dropped {deleted} services."
                    )
                else:
                    count = engine_index.rebuild(backend, language_code)
                    self.stdout.write(f"{language_code}: indexed {count} services in the engine.")
        except EngineUnavailable as error:
            raise CommandError(f"The search engine did not answer: {error}") from error
        self.stdout.write(self.style.SUCCESS("The search engine is up to date."))
