"""The example site's ``ikut_demo``: the package's demo content, front pages and an admin user."""

import os

from django.contrib.auth import get_user_model
from django.db import transaction
from wagtail.models import Locale

from home.models import HomePage
from wagtail_ikut.management.commands import ikut_demo

# The Finnish front page is created by the home app's migration.
FRONT_PAGE = {
    "sv": ("Hjälp för offer för människohandel", "En exempelwebbplats som använder wagtail-ikut."),
    "en": ("Help for victims of human trafficking", "An example site that uses wagtail-ikut."),
}


class Command(ikut_demo.Command):
    help = ikut_demo.Command.help + (
        " On the example site, also translate the front page and create the superuser "
        "“admin” with the password in IKUT_DEMO_PASSWORD (default “admin”)."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        # The front page first, so that the demo directory goes under its translations.
        self.translate_front_page()
        super().handle(*args, **options)
        self.create_superuser()

    def translate_front_page(self):
        home = HomePage.objects.get(depth=2, locale=Locale.get_default())
        for code, (title, intro) in FRONT_PAGE.items():
            locale, _created = Locale.objects.get_or_create(language_code=code)
            if home.has_translation(locale):
                continue
            page = home.copy_for_translation(locale)
            page.title, page.intro = title, intro
            page.save_revision().publish()

    def create_superuser(self):
        User = get_user_model()
        if not User.objects.filter(username="admin").exists():
            User.objects.create_superuser(
                "admin", "admin@example.com", os.environ.get("IKUT_DEMO_PASSWORD", "admin")
            )
            self.stdout.write("Created the superuser “admin”.")
