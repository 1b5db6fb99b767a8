from wagtail_ikut.interop.command import ImportCommand
from wagtail_ikut.interop.hsds_import import HsdsReader, known_keys, read_files
from wagtail_ikut.interop.writer import ServiceWriter


class Command(ImportCommand):
    help = (
        "Import Open Referral HSDS 3.0 services (an ikut_export_hsds JSON document or NDJSON) "
        "with their organisations and vocabulary values into a service directory, all or "
        "nothing. Safe to run again: services are matched by their HSDS id. Give one file per "
        "language, or one with the services of several languages sharing ids."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="HSDS JSON or NDJSON files.")
        parser.add_argument(
            "--locale",
            metavar="CODE",
            help="The language of every service; by default each one's taxonomy terms say it.",
        )
        super().add_arguments(parser)

    def writer(self, directory, publish):
        # A file may hold only what changed (--modified-after): what it leaves out stays.
        writer = ServiceWriter(directory, "hsds_id", publish=publish, end_missing=False)
        writer.known_keys = known_keys(writer.page_class)
        return writer

    def read(self, writer, *, paths, locale, **options):
        reader = HsdsReader(read_files(paths), writer.known_keys, writer.default_language, locale)
        return (*reader.read(), reader.notes)
