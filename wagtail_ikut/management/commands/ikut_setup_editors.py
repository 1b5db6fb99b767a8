from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from wagtail_ikut.core.editors import SetupError, find_organisation, find_section, set_up_editors


class Command(BaseCommand):
    help = (
        "Create an organisation's editor and moderator groups with permissions on its section "
        "pages, and a workflow there in which its editors submit and its moderators publish. "
        "Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "organisation",
            help="An organisation's name, or a municipality's name or code, in any language.",
        )
        parser.add_argument(
            "--page",
            action="append",
            required=True,
            metavar="ID_OR_PATH",
            help=(
                "A section page under which the organisation's services, courses or guidance "
                "live, by id or path below the site's root, e.g. /palvelut/vantaa/; repeatable. "
                "Its translations are included."
            ),
        )

    def handle(self, *args, organisation, page, **options):
        try:
            setup = set_up_editors(
                find_organisation(organisation), [find_section(value) for value in page]
            )
        except SetupError as error:
            raise CommandError(error) from error
        for description in setup.created:
            self.stdout.write(description)
        if not setup.created:
            self.stdout.write(
                _("Nothing to do: %(editors)s, %(moderators)s and %(workflow)s are set up.")
                % {
                    "editors": setup.editors,
                    "moderators": setup.moderators,
                    "workflow": setup.workflow,
                }
            )
