from django.core.management.base import BaseCommand, CommandError
from wagtail.coreutils import get_content_languages

from wagtail_ikut.conf import ikut_settings
from wagtail_ikut.demo import DemoLoader


class Command(BaseCommand):
    help = (
        "Create demo municipalities, languages, vocabularies and organisations in Finnish, "
        "Swedish and English. Safe to run again: existing demo content is left as it is."
    )

    def handle(self, *args, **options):
        codes = ikut_settings.DEMO_LANGUAGES
        missing = [code for code in codes if code not in get_content_languages()]
        if missing:
            raise CommandError(
                f"The demo content is in {', '.join(codes)}, but {', '.join(missing)} "
                "is not in WAGTAIL_CONTENT_LANGUAGES. Add it there, or set "
                "WAGTAIL_IKUT['DEMO_LANGUAGES'] to the languages your site has."
            )
        created = DemoLoader(codes).load()
        self.stdout.write(
            self.style.SUCCESS(f"Demo content ready: {created} new objects.")
            if created
            else "Demo content already present: nothing to do."
        )
