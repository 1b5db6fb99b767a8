"""Write imported services into a directory all or nothing: check everything, then write it in
one transaction, and index the services only once it has committed.

Importers (PTV, HSDS) read their source into OrganisationRecords, ServiceRecords and
TermRecords; the writer matches them to the site's objects by the source's id, so that a
re-import updates instead of duplicating.
"""

import uuid

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.text import slugify
from django.utils.translation import gettext as _
from modelcluster.models import get_all_child_relations

from wagtail_ikut.core.http_cache import content_changes_as_one
from wagtail_ikut.core.organisations import Organisation
from wagtail_ikut.interop.indexing import pages_indexed_after_commit
from wagtail_ikut.interop.new_pages import NewPages
from wagtail_ikut.interop.organisation_writer import OrganisationWriter
from wagtail_ikut.interop.records import NAMESPACE, ImportFailed, RecordError, Report
from wagtail_ikut.interop.vocabulary_writer import LOOKUP, Vocabularies
from wagtail_ikut.services.models import ServicePageMixin, ServiceStatus
from wagtail_ikut.services.signals import index_after_commit
from wagtail_ikut.webhooks.events import notified_together

#: The fields tree bookkeeping fills in, left out of the checks before a page is in the tree.
TREE_FIELDS = ["path", "depth", "numchild", "url_path", "content_type", "draft_title", "slug"]
#: Records whose pages are read from the site at a time, to compare them.
BATCH = 500


class ServiceWriter:
    """Write service records under a directory and its translations, matched by ``id_field``
    (of the services and of the organisations).

    ``end_missing`` marks ended the services of the records' organisations that the records
    no longer hold: right for a source that lists everything (PTV), wrong for one that may
    give only what changed. ``known_keys`` gives the translation keys of the site's objects by
    ids the source derives rather than stores (our own HSDS export's).
    """

    def __init__(self, directory, id_field, publish=False, end_missing=True, known_keys=None):
        self.id_field = id_field
        self.publish = publish
        self.end_missing = end_missing
        self.known_keys = known_keys or {}
        self.directories = {
            page.locale.language_code: page.specific
            for page in directory.get_translations(inclusive=True).select_related("locale")
        }
        self.default_language = directory.locale.get_default().language_code
        self.page_class = next(
            (
                model
                for model in directory.specific_class.allowed_subpage_models()
                if issubclass(model, ServicePageMixin)
            ),
            None,
        )
        if self.page_class is None:
            raise ImportFailed(
                [RecordError(directory.title, "--directory", _("Not a service directory."))]
            )
        self.vocabularies = Vocabularies(self.page_class, self.directories)
        self.organisations = OrganisationWriter(self)
        self.providers = {}
        self.new_pages = NewPages(self.page_class, self.publish)

    def matching(self, external_id):
        """Return the filter that finds the site's objects with the source id ``external_id``."""
        found = Q(**{self.id_field: external_id})
        if external_id in self.known_keys:
            found |= Q(translation_key=self.known_keys[external_id])
        return found

    def run(self, organisations, services, terms=(), dry_run=False, progress=None):
        """Check the records, then write them unless ``dry_run``; return the Report.

        Raise ImportFailed, having written nothing, if any record is invalid.
        """
        report = Report()
        terms = self.vocabularies.to_add(terms)
        report.terms_created = [f"{term.relation}: {term.key}" for term in terms]
        plan = self.plans(services, report)
        ending = self.to_end(organisations, services)
        report.conflicts += sorted(
            {getattr(page, self.id_field) for page in ending if self.edited_by_someone(page)}
        )
        ending = [page for page in ending if not self.edited_by_someone(page)]
        report.ended = sorted({getattr(page, self.id_field) for page in ending})
        outcomes = {"create": report.organisations_created, "update": report.organisations_updated}
        for record in organisations:
            outcome = self.organisations.outcome(record)
            if outcome:
                outcomes[outcome].append(record.external_id)
        errors = [error for term in terms for error in self.vocabularies.check(term)]
        errors += [error for record in organisations for error in self.organisations.check(record)]
        errors += [error for record, pages in plan for error in self.check(record, pages)]
        if errors:
            raise ImportFailed(errors)
        if dry_run:
            return report
        errors = []
        with (
            transaction.atomic(),
            index_after_commit(),
            content_changes_as_one(),
            notified_together(),
        ):
            self.vocabularies.write(terms)
            # What a run before this one may have read or rolled back.
            self.providers = {}
            self.new_pages = NewPages(self.page_class, self.publish)
            created = [
                (organisation, record)
                for record in organisations
                for organisation in self.organisations.write(record)
            ]
            for organisation, record in created:
                self.organisations.link_parent(organisation, record)
            with pages_indexed_after_commit(self.page_class):
                for position, (record, pages) in enumerate(plan, 1):
                    errors += self.write(record, pages)
                    if progress:
                        progress(position, len(plan))
                for page in ending:
                    page.status = ServiceStatus.ENDED
                    self.save(page, publish=self.publish and page.live)
                self.new_pages.finish()
            if errors:
                # Leaving the block by an exception rolls everything back.
                raise ImportFailed(errors)
        return report

    def plans(self, records, report):
        """Return each record with, by language, (page or None, action) for it."""
        plans = []
        for start in range(0, len(records), BATCH):
            batch = records[start : start + BATCH]
            existing = self.existing(batch)
            plans += [
                self.plan(record, existing.get(record.external_id, {}), report) for record in batch
            ]
        return plans

    def existing(self, records):
        """Return the site's pages of ``records`` by record id and language code, read with
        everything holds() compares."""
        ids = {record.external_id for record in records}
        derived = {self.known_keys[id]: id for id in ids if id in self.known_keys}
        matched = self.page_class.objects.filter(
            Q(**{f"{self.id_field}__in": ids}) | Q(translation_key__in=derived)
        ).values_list("translation_key", self.id_field)
        # By translation key: a translation an editor added may lack the source's id.
        owners = {key: id if id in ids else derived[key] for key, id in matched}
        pages = (
            self.page_class.objects.filter(translation_key__in=owners)
            .select_related("locale", "provider", "latest_revision")
            .prefetch_related(*self.compared_relations(), "locations__municipality")
        )
        found = {}
        for page in pages:
            found.setdefault(owners[page.translation_key], {})[page.locale.language_code] = page
        return found

    def compared_relations(self):
        return [
            *LOOKUP,
            *(rel.get_accessor_name() for rel in get_all_child_relations(self.page_class)),
        ]

    def plan(self, record, existing, report):
        """Return the record and, by language, (page or None, action) for it, given its pages
        ``existing`` by language code."""
        pages = {}
        for code, values in record.languages.items():
            if code not in self.directories:
                report.notes.append(
                    _("%(id)s: left out in “%(language)s”: the directory has no translation in it.")
                    % {"id": record.external_id, "language": code}
                )
                continue
            page = existing.get(code)
            if page is None:
                action = "create"
            elif self.edited_by_someone(page):
                action = "conflict"
            elif self.holds(self.latest(page), record, values) and (page.live or not self.publish):
                action = "unchanged"
            else:
                action = "update"
            pages[code] = (page, action)
        actions = {action for _page, action in pages.values()}
        # A service's outcome is the weightiest of its languages'.
        outcomes = {
            "conflict": report.conflicts,
            "create": report.created,
            "update": report.updated,
            "unchanged": report.unchanged,
        }
        outcome = next((name for name in outcomes if name in actions), None)
        if outcome:
            outcomes[outcome].append(record.external_id)
        return record, pages

    def latest(self, page):
        # A live page without newer revisions is its latest revision, without deserialising it.
        return (
            page
            if page.live and not page.has_unpublished_changes
            else (page.get_latest_revision_as_object())
        )

    def edited_by_someone(self, page):
        # An import saves its revisions without a user; a draft with one is an editor's work.
        revision = page.latest_revision
        return page.has_unpublished_changes and revision is not None and revision.user_id

    def holds(self, page, record, values):
        """Tell whether ``page`` already has the record's values in this language."""
        if any(getattr(page, name) != value for name, value in values.fields.items()):
            return False
        if not self.is_organisation(page.provider, record.organisation_id):
            return False
        for name, keys in values.relations.items():
            held = [getattr(term, LOOKUP[name]) for term in getattr(page, name).all()]
            if sorted(held) != sorted(self.vocabularies.known(name, keys, page.locale)):
                return False
        for name, rows in values.children.items():
            if self.keeps_locations(page, name):
                continue
            model = self.page_class._meta.get_field(name).related_model
            held = [
                self.row_values(row, rows[0] if rows else {}) for row in getattr(page, name).all()
            ]
            if held != [self.normalised(model, row) for row in rows]:
                return False
        return True

    def is_organisation(self, organisation, external_id):
        return organisation is not None and (
            getattr(organisation, self.id_field) == external_id
            or self.known_keys.get(external_id) == organisation.translation_key
        )

    def normalised(self, model, row):
        # As saving stores them: a phone number in E.164 form, say.
        return {
            name: value if name == "municipality" else model._meta.get_field(name).to_python(value)
            for name, value in row.items()
        }

    def row_values(self, row, example):
        values = {}
        for name in example:
            value = getattr(row, name)
            values[name] = value.code if name == "municipality" and value else value
        return values

    def keeps_locations(self, page, name):
        # An editor marked an address confidential (a shelter): the source must not publish it.
        return name == "locations" and any(row.confidential for row in page.locations.all())

    def to_end(self, organisations, services):
        if not self.end_missing:
            return []
        listed = {record.external_id for record in services}
        scope = {record.external_id for record in organisations} | {
            record.organisation_id for record in services
        }
        pages = self.page_class.objects.none()
        for directory in self.directories.values():
            pages |= self.page_class.objects.descendant_of(directory)
        return list(
            pages.exclude(**{self.id_field: ""})
            .exclude(**{f"{self.id_field}__in": listed})
            .exclude(status=ServiceStatus.ENDED)
            .filter(**{f"provider__{self.id_field}__in": scope})
        )

    def check(self, record, pages):
        """Return the errors of the record's pages and rows, before anything is written."""
        errors = []
        for code, (page, action) in pages.items():
            if action not in ("create", "update"):
                continue
            instance = self.build(record, code, page or self.page_class(), resolve=False)
            try:
                instance.clean_fields(exclude=TREE_FIELDS + ["provider", "locale", "live"])
            except ValidationError as error:
                errors += self.errors(record, code, error)
            for name, rows in record.languages[code].children.items():
                model = self.page_class._meta.get_field(name).related_model
                for position, row in enumerate(rows):
                    try:
                        # The municipality's code was checked by the reader.
                        fields = {
                            name: value for name, value in row.items() if name != "municipality"
                        }
                        model(**fields).full_clean(exclude=["page", "municipality"])
                    except ValidationError as error:
                        errors += self.errors(record, code, error, prefix=f"{name}[{position}].")
        return errors

    def errors(self, record, code, error, prefix=""):
        return [
            RecordError(f"{record.external_id} ({code})", prefix + name, " ".join(messages))
            for name, messages in error.message_dict.items()
        ]

    def build(self, record, code, page, resolve=True):
        """Set the record's values in language ``code`` on ``page``, with its vocabulary values
        and rows unless not ``resolve``; return it."""
        page = self.build_fields(record, code, page, resolve)
        if resolve:
            relations, rows = self.related(record, code, page)
            for name, objects in [*relations.items(), *rows.items()]:
                setattr(page, name, objects)
        return page

    def build_fields(self, record, code, page, resolve=True):
        """Set the record's field values in language ``code`` on ``page``, and its provider
        if ``resolve``; return it."""
        for name, value in record.languages[code].fields.items():
            setattr(page, name, value)
        setattr(page, self.id_field, record.external_id)
        if not resolve:
            return page
        page.provider = self.provider(record.organisation_id, self.directories[code].locale)
        if page.provider is None:
            raise ValidationError(
                {"provider": _("The organisation has no translation in this language.")}
            )
        return page

    def related(self, record, code, page):
        """Return the record's vocabulary values and rows in language ``code`` for ``page``,
        unsaved, each a dict by field name."""
        values = record.languages[code]
        locale = self.directories[code].locale
        relations = {}
        for name, keys in values.relations.items():
            held = self.vocabularies.values(name, locale)
            relations[name] = [held[key] for key in dict.fromkeys(keys) if key in held]
        rows = {}
        for name, children in values.children.items():
            if self.keeps_locations(page, name):
                continue
            model = self.page_class._meta.get_field(name).related_model
            # In the source's order, as the editor's form would save it: without a sort_order
            # PostgreSQL returns the rows in any order, and a re-import would see a change.
            rows[name] = [
                model(**self.resolve_row(row, locale), sort_order=position)
                for position, row in enumerate(children)
            ]
        return relations, rows

    def provider(self, organisation_id, locale):
        # Read once a run: the organisations are written before the services.
        key = (organisation_id, locale.pk)
        if key not in self.providers:
            self.providers[key] = Organisation.objects.filter(
                self.matching(organisation_id), locale=locale
            ).first()
        return self.providers[key]

    def resolve_row(self, row, locale):
        if row.get("municipality") is None:
            return row
        return {
            **row,
            "municipality": self.vocabularies.values("municipalities", locale).get(
                row["municipality"]
            ),
        }

    def write(self, record, pages):
        errors = []
        existing = next((page for page, _action in pages.values() if page), None)
        key = (
            existing.translation_key
            if existing
            else uuid.uuid5(NAMESPACE, f"{self.id_field}:{record.external_id}")
        )
        for code, (page, action) in pages.items():
            if action not in ("create", "update"):
                continue
            try:
                if page is None:
                    self.create(record, code, key)
                else:
                    self.save(
                        self.build(record, code, page.get_latest_revision_as_object()), self.publish
                    )
            except ValidationError as error:
                errors += self.errors(record, code, error)
        return errors

    def create(self, record, code, key):
        """Add the record's page in language ``code``, with its first revision, live if
        publishing."""
        parent = self.directories[code]
        page = self.page_class(locale=parent.locale, translation_key=key)
        self.build_fields(record, code, page)
        requested = record.languages[code].slug or slugify(page.title) or "service"
        page.slug = self.new_pages.available_slug(parent, requested)
        self.new_pages.add(parent, page, *self.related(record, code, page))

    def save(self, page, publish):
        revision = page.save_revision()
        if publish:
            revision.publish()
