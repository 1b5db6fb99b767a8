from django.core.management.base import BaseCommand

from wagtail_ikut.search.documents import reindex_services


class Command(BaseCommand):
    help = (
        "Rebuild the service directory's full-text index from the published services, e.g. "
        "after installing Voikko, which changes how Finnish words are analysed."
    )

    def handle(self, *args, **options):
        count = reindex_services()
        self.stdout.write(self.style.SUCCESS(f"Indexed {count} services."))
