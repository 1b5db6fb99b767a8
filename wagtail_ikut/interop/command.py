"""What the commands importing into a service directory share: arguments, run and report."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from wagtail_ikut.core.editors import SetupError, find_section
from wagtail_ikut.interop.writer import ImportFailed


class ImportCommand(BaseCommand):
    """Read a source into records, then write them with a ServiceWriter, all or nothing."""

    #: What the report calls the services the writer marked ended; None if it never does.
    ended_label = None

    def add_arguments(self, parser):
        parser.add_argument(
            "--directory",
            required=True,
            metavar="ID_OR_PATH",
            help="The service directory, by id or path below the site's root, e.g. /palvelut/.",
        )
        parser.add_argument(
            "--publish", action="store_true", help="Publish the services (default: drafts)."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would change; write nothing."
        )

    def writer(self, directory, publish):
        """Return the ServiceWriter for ``directory``."""
        raise NotImplementedError

    def read(self, writer, **options):
        """Return (organisation records, service records, term records, notes)."""
        raise NotImplementedError

    def handle(self, *args, directory, publish, dry_run, verbosity, **options):
        try:
            directory = find_section(directory)
        except SetupError as error:
            raise CommandError(error) from error
        try:
            writer = self.writer(directory, publish)
            organisations, services, terms, notes = self.read(writer, **options)
            show = self.stdout.isatty() and verbosity > 0
            report = writer.run(
                organisations,
                services,
                terms,
                dry_run=dry_run,
                progress=self.progress if show else None,
            )
        except ImportFailed as error:
            raise CommandError(
                _("Nothing was imported: %(count)s errors.\n%(errors)s")
                % {"count": len(error.errors), "errors": error}
            ) from error
        self.summarise(report, notes, dry_run)

    def progress(self, done, total):
        self.stdout.write(f"\r{done}/{total}", ending="\n" if done == total else "")
        self.stdout.flush()

    def summarise(self, report, notes, dry_run):
        heading = _("Would be") if dry_run else _("Done:")
        lines = [
            (_("created"), report.created, True),
            (_("updated"), report.updated, True),
            *([(self.ended_label, report.ended, True)] if self.ended_label else []),
            (_("left alone, unchanged"), report.unchanged, False),
            (_("left alone, an editor's draft in the way"), report.conflicts, True),
            (_("organisations created"), report.organisations_created, True),
            (_("organisations updated"), report.organisations_updated, True),
            (_("vocabulary values created"), report.terms_created, True),
        ]
        for label, ids, listed in lines:
            self.stdout.write(f"{heading} {label}: {len(ids)}")
            if ids and listed:
                self.stdout.write("".join(f"  {identifier}\n" for identifier in ids), ending="")
        for note in [*notes, *report.notes]:
            self.stdout.write(note)
