"""Write imported services into a directory all or nothing: check everything, then write it in
one transaction, and index the services only once it has committed.

Importers (PTV, HSDS) read their source into OrganisationRecords, ServiceRecords and
TermRecords; the writer matches them to the site's objects by the source's id, so that a
re-import updates instead of duplicating.
"""

import contextlib
import uuid
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.db.models.signals import post_save
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify
from django.utils.translation import gettext as _
from modelsearch import index as search_index
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.coreutils import find_available_slug
from wagtail.log_actions import log
from wagtail.models import ReferenceIndex, Revision
from wagtail.signal_handlers import disable_reference_index_auto_update
from wagtail.signals import page_published, published

from wagtail_ikut.conf import ikut_settings
from wagtail_ikut.core.organisations import Organisation
from wagtail_ikut.services.models import ServicePageMixin, ServiceStatus
from wagtail_ikut.services.signals import index_after_commit

# Page ids in translation keys: every language of an imported service shares one.
NAMESPACE = uuid.UUID("5d0c7a3e-1b7e-4f0e-9a61-8f3c2b7d4e10")
#: The fields tree bookkeeping fills in, left out of the checks before a page is in the tree.
TREE_FIELDS = ["path", "depth", "numchild", "url_path", "content_type", "draft_title", "slug"]
#: How the vocabularies a service relates to are looked up by the values records give.
LOOKUP = {
    "categories": "slug",
    "target_groups": "slug",
    "municipalities": "code",
    "languages": "code",
}


@contextlib.contextmanager
def pages_indexed_after_commit(page_class):
    """Update Wagtail's search and reference indexes of the pages the block saves once, after
    the transaction commits, instead of at every save."""
    saved = set()

    def collect(instance, **kwargs):
        saved.add(instance.pk)

    # Per-process, like the import itself: other processes keep indexing as they save.
    indexing = post_save.disconnect(post_save_signal_handler, sender=page_class)
    post_save.connect(collect, sender=page_class, weak=False)
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        post_save.disconnect(collect, sender=page_class)
        if indexing:
            post_save.connect(post_save_signal_handler, sender=page_class)
    transaction.on_commit(lambda: _index_pages(page_class.objects.filter(pk__in=saved)))


def _index_pages(pages):
    for page in pages:
        ReferenceIndex.create_or_update_for_object(page)
        search_index.insert_or_update_object(page)


def read_text(file):
    """Return the text of the UTF-8 file ``file``; raise ValueError if it is too large or not
    UTF-8."""
    limit = ikut_settings.IMPORT_MAX_BYTES
    if file.stat().st_size > limit:
        raise ValueError(
            _("The file is larger than the limit of %(limit)s bytes.") % {"limit": limit}
        )
    try:
        return file.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValueError(
            _("The file is not UTF-8 text (byte %(position)s).") % {"position": error.start}
        ) from error


def rich_text(text):
    """Return plain text (paragraphs by blank lines) as rich text."""
    paragraphs = [part.strip() for part in text.replace("\r\n", "\n").split("\n\n") if part.strip()]
    return "".join(f"<p>{escape(part).replace(chr(10), '<br/>')}</p>" for part in paragraphs)


def shorten(text, limit=400):
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0] + "…"


@dataclass
class RecordError:
    """What is wrong with one record of the input, and in which of its fields."""

    record: str
    field: str
    message: str

    def __str__(self):
        return f"{self.record}: {self.field}: {self.message}"


class ImportFailed(Exception):
    """The input has errors; nothing was written."""

    def __init__(self, errors):
        super().__init__("\n".join(map(str, errors)))
        self.errors = errors


@dataclass
class OrganisationRecord:
    external_id: str
    names: dict  # language code -> name
    kind: str
    website: str = ""
    descriptions: dict = field(default_factory=dict)  # language code -> description
    email: str = ""
    phone: str = ""
    parent_id: str = ""


@dataclass
class TermRecord:
    """A vocabulary value services refer to (``relation`` of LOOKUP), to add where missing."""

    relation: str
    key: str  # the slug or code
    names: dict  # language code -> name
    descriptions: dict = field(default_factory=dict)


@dataclass
class PageValues:
    """A service page's values in one language.

    ``relations`` give vocabulary values by slug or code (LOOKUP); ``children`` give rows as
    dicts, a location's municipality by its code; ``slug`` is the one a new page asks for.
    """

    fields: dict
    relations: dict = field(default_factory=dict)
    children: dict = field(default_factory=dict)
    slug: str = ""


@dataclass
class ServiceRecord:
    external_id: str
    organisation_id: str
    languages: dict  # language code -> PageValues


@dataclass
class Report:
    """What an import did, or would do: the records' ids by outcome."""

    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    ended: list = field(default_factory=list)
    conflicts: list = field(default_factory=list)
    organisations_created: list = field(default_factory=list)
    organisations_updated: list = field(default_factory=list)
    terms_created: list = field(default_factory=list)
    notes: list = field(default_factory=list)


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
        self.pending_terms = set()
        # Filled in as they are needed; emptied once the run has added its terms.
        self.vocabularies = {}
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
        terms = [term for term in terms if self.missing_languages(term)]
        report.terms_created = [f"{term.relation}: {term.key}" for term in terms]
        self.pending_terms = {
            (term.relation, code, term.key) for term in terms for code in term.names
        }
        plan = [self.plan(record, report) for record in services]
        ending = self.to_end(organisations, services)
        report.conflicts += sorted(
            {getattr(page, self.id_field) for page in ending if self.edited_by_someone(page)}
        )
        ending = [page for page in ending if not self.edited_by_someone(page)]
        report.ended = sorted({getattr(page, self.id_field) for page in ending})
        report.organisations_created = []
        for record in organisations:
            found = self.find_organisation(record)
            if found is None:
                report.organisations_created.append(record.external_id)
            elif self.organisation_changes(record, found.translation_key):
                report.organisations_updated.append(record.external_id)
        errors = [error for term in terms for error in self.check_term(term)]
        errors += [error for record in organisations for error in self.check_organisation(record)]
        errors += [error for record, pages in plan for error in self.check(record, pages)]
        if errors:
            raise ImportFailed(errors)
        if dry_run:
            return report
        errors = []
        with transaction.atomic(), index_after_commit():
            for term in terms:
                self.write_term(term)
            self.vocabularies.clear()
            created = [
                found for record in organisations for found in self.write_organisation(record)
            ]
            for organisation, record in created:
                self.link_parent(organisation, record)
            with pages_indexed_after_commit(self.page_class):
                for position, (record, pages) in enumerate(plan, 1):
                    errors += self.write(record, pages)
                    if progress:
                        progress(position, len(plan))
                for page in ending:
                    page.status = ServiceStatus.ENDED
                    self.save(page, publish=self.publish and page.live)
            if errors:
                # Leaving the block by an exception rolls everything back.
                raise ImportFailed(errors)
        return report

    def plan(self, record, report):
        """Return the record and, by language, (page or None, action) for it."""
        pages = {}
        matched = self.page_class.objects.filter(self.matching(record.external_id))
        # By translation key: a translation an editor added may lack the source's id.
        existing = {
            page.locale.language_code: page
            for page in self.page_class.objects.filter(
                translation_key__in=matched.values("translation_key")
            ).select_related("locale", "provider", "latest_revision")
        }
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
            if sorted(held) != sorted(self.known(name, keys, page.locale)):
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
        return name == "locations" and page.pk and page.locations.filter(confidential=True).exists()

    def known(self, name, keys, locale):
        held = self.vocabulary(name, locale)
        pending = {key for key in keys if (name, locale.language_code, key) in self.pending_terms}
        return [key for key in dict.fromkeys(keys) if key in held or key in pending]

    def vocabulary(self, name, locale):
        """Return the site's values of vocabulary ``name`` in ``locale`` by slug or code."""
        cache = self.vocabularies.setdefault((name, locale.pk), {})
        if not cache:
            model = self.page_class._meta.get_field(name).related_model
            cache.update(
                (getattr(obj, LOOKUP[name]), obj) for obj in model.objects.filter(locale=locale)
            )
        return cache

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
        """Set the record's values in language ``code`` on ``page``; return it."""
        values = record.languages[code]
        for name, value in values.fields.items():
            setattr(page, name, value)
        setattr(page, self.id_field, record.external_id)
        if not resolve:
            return page
        locale = self.directories[code].locale
        page.provider = Organisation.objects.filter(
            self.matching(record.organisation_id), locale=locale
        ).first()
        if page.provider is None:
            raise ValidationError(
                {"provider": _("The organisation has no translation in this language.")}
            )
        for name, keys in values.relations.items():
            held = self.vocabulary(name, locale)
            setattr(page, name, [held[key] for key in dict.fromkeys(keys) if key in held])
        for name, rows in values.children.items():
            if self.keeps_locations(page, name):
                continue
            model = self.page_class._meta.get_field(name).related_model
            # In the source's order, as the editor's form would save it: without a sort_order
            # PostgreSQL returns the rows in any order, and a re-import would see a change.
            setattr(
                page,
                name,
                [
                    model(**self.resolve_row(row, locale), sort_order=position)
                    for position, row in enumerate(rows)
                ],
            )
        return page

    def resolve_row(self, row, locale):
        if row.get("municipality") is None:
            return row
        return {
            **row,
            "municipality": self.vocabulary("municipalities", locale).get(row["municipality"]),
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
        publishing: as save_revision() and publish() leave a new page, in one save."""
        parent = self.directories[code]
        page = self.page_class(
            locale=parent.locale,
            translation_key=key,
            live=self.publish,
            has_unpublished_changes=not self.publish,
        )
        self.build(record, code, page)
        requested = record.languages[code].slug or slugify(page.title) or "service"
        page.slug = find_available_slug(parent, requested)
        page.draft_title = page.title
        if self.publish:
            page.first_published_at = page.last_published_at = timezone.now()
        parent.add_child(instance=page)
        revision = Revision.objects.create(
            content_object=page,
            base_content_type=page.get_base_content_type(),
            content=page.serializable_data(),
            object_str=str(page),
        )
        page.latest_revision = revision
        page.latest_revision_created_at = revision.created_at
        page.live_revision = revision if self.publish else None
        self.page_class.objects.filter(pk=page.pk).update(
            latest_revision=revision,
            latest_revision_created_at=revision.created_at,
            live_revision=page.live_revision,
        )
        if self.publish:
            page_published.send(sender=self.page_class, instance=page, revision=revision)
            published.send(sender=self.page_class, instance=page, revision=revision)
            log(instance=page, action="wagtail.publish", revision=revision, content_changed=True)

    def save(self, page, publish):
        revision = page.save_revision()
        if publish:
            revision.publish()

    def find_organisation(self, record):
        """Return an organisation of the site that is the record's: by id, else by name."""
        found = Organisation.objects.filter(self.matching(record.external_id)).first()
        if found is None:
            found = Organisation.objects.filter(
                name__in=list(record.names.values()),
                locale__language_code=self.default_language,
                **{self.id_field: ""},
            ).first()
        return found

    def organisation_translations(self, record, key):
        """Return the record's organisation in each language the site lacks it in, unsaved."""
        fallback = record.names.get(self.default_language) or next(iter(record.names.values()))
        existing = set(
            Organisation.objects.filter(translation_key=key).values_list("locale_id", flat=True)
        )
        return [
            Organisation(
                translation_key=key,
                locale=directory.locale,
                name=record.names.get(code, fallback),
                description=record.descriptions.get(code, ""),
                kind=record.kind,
                website=record.website,
                email=record.email,
                phone=record.phone,
                **{self.id_field: record.external_id},
            )
            for code, directory in self.directories.items()
            if directory.locale.pk not in existing
        ]

    def organisation_changes(self, record, key):
        """Return the site's translations of the record's organisation whose values the record
        changes, changed and unsaved, each with the names of the fields it changes.

        What the record leaves empty stays as it is: PTV gives no email or phone, say.
        """
        changed = []
        for organisation in Organisation.objects.filter(translation_key=key).select_related(
            "locale"
        ):
            code = organisation.locale.language_code
            values = {
                "name": record.names.get(code),
                "description": record.descriptions.get(code),
                "website": record.website,
                "email": record.email,
                "phone": record.phone,
            }
            names = []
            for name, value in values.items():
                field = Organisation._meta.get_field(name)
                # As saving stores it: a phone number in E.164 form, say.
                if value and field.to_python(value) != getattr(organisation, name):
                    setattr(organisation, name, field.to_python(value))
                    names.append(name)
            if names:
                changed.append((organisation, names))
        return changed

    def check_organisation(self, record):
        found = self.find_organisation(record)
        key = found and found.translation_key
        errors = []
        updated = [organisation for organisation, _names in self.organisation_changes(record, key)]
        for organisation in [*self.organisation_translations(record, key), *updated]:
            try:
                organisation.clean_fields(exclude=["translation_key", "locale", "parent"])
            except ValidationError as error:
                code = organisation.locale.language_code
                errors += [
                    RecordError(f"organization {record.external_id} ({code})", name, " ".join(m))
                    for name, m in error.message_dict.items()
                ]
        return errors

    def write_organisation(self, record):
        """Add the record's organisation in the languages the site lacks; return what was added,
        each with its record."""
        found = self.find_organisation(record)
        key = (
            found.translation_key
            if found
            else uuid.uuid5(NAMESPACE, f"organisation:{record.external_id}")
        )
        Organisation.objects.filter(translation_key=key).update(
            **{self.id_field: record.external_id}
        )
        for organisation, names in self.organisation_changes(record, key):
            organisation.save(update_fields=names)
        created = self.organisation_translations(record, key)
        for organisation in created:
            organisation.save()
        return [(organisation, record) for organisation in created]

    def link_parent(self, organisation, record):
        if record.parent_id:
            organisation.parent = Organisation.objects.filter(
                self.matching(record.parent_id), locale=organisation.locale
            ).first()
            if organisation.parent:
                organisation.save(update_fields=["parent"])

    def missing_languages(self, term):
        """Return the languages the site lacks ``term`` in and the record names it in."""
        model = self.page_class._meta.get_field(term.relation).related_model
        held = set(
            model.objects.filter(**{LOOKUP[term.relation]: term.key}).values_list(
                "locale__language_code", flat=True
            )
        )
        return [code for code in term.names if code in self.directories and code not in held]

    def term_objects(self, term):
        model = self.page_class._meta.get_field(term.relation).related_model
        lookup = LOOKUP[term.relation]
        found = model.objects.filter(**{lookup: term.key}).first()
        key = (
            found.translation_key if found else uuid.uuid5(NAMESPACE, f"{term.relation}:{term.key}")
        )
        for code in self.missing_languages(term):
            values = {lookup: term.key, "name": term.names[code]}
            if term.descriptions.get(code):
                values["description"] = term.descriptions[code]
            yield model(translation_key=key, locale=self.directories[code].locale, **values)

    def check_term(self, term):
        errors = []
        for obj in self.term_objects(term):
            try:
                obj.clean_fields(exclude=["translation_key", "locale"])
            except ValidationError as error:
                errors += [
                    RecordError(
                        f"{term.relation} {term.key} ({obj.locale.language_code})",
                        name,
                        " ".join(messages),
                    )
                    for name, messages in error.message_dict.items()
                ]
        return errors

    def write_term(self, term):
        for obj in self.term_objects(term):
            obj.save()
