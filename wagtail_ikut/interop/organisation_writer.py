"""The organisations of an import: found in the site by the source's id (or by name, the first
time), added in the languages the site lacks them in, and updated where the source changed
them."""

import uuid

from django.core.exceptions import ValidationError

from wagtail_ikut.core.organisations import Organisation
from wagtail_ikut.interop.records import NAMESPACE, RecordError


class OrganisationWriter:
    """Match, check and write OrganisationRecords for ``writer`` (a ServiceWriter): by its
    ``id_field`` and ``matching()``, in the languages of its directories."""

    def __init__(self, writer):
        self.writer = writer

    def find(self, record):
        """Return an organisation of the site that is the record's: by id, else by name."""
        writer = self.writer
        found = Organisation.objects.filter(writer.matching(record.external_id)).first()
        if found is None:
            found = Organisation.objects.filter(
                name__in=list(record.names.values()),
                locale__language_code=writer.default_language,
                **{writer.id_field: ""},
            ).first()
        return found

    def outcome(self, record):
        """Return "create", "update" or None (unchanged): what writing the record would do."""
        found = self.find(record)
        if found is None:
            return "create"
        return "update" if self.changes(record, found.translation_key) else None

    def translations(self, record, key):
        """Return the record's organisation in each language the site lacks it in, unsaved."""
        writer = self.writer
        fallback = record.names.get(writer.default_language) or next(iter(record.names.values()))
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
                **{writer.id_field: record.external_id},
            )
            for code, directory in writer.directories.items()
            if directory.locale.pk not in existing
        ]

    def changes(self, record, key):
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

    def check(self, record):
        """Return the errors of what writing the record would save."""
        found = self.find(record)
        key = found and found.translation_key
        errors = []
        updated = [organisation for organisation, _names in self.changes(record, key)]
        for organisation in [*self.translations(record, key), *updated]:
            try:
                organisation.clean_fields(exclude=["translation_key", "locale", "parent"])
            except ValidationError as error:
                code = organisation.locale.language_code
                errors += [
                    RecordError(f"organization {record.external_id} ({code})", name, " ".join(m))
                    for name, m in error.message_dict.items()
                ]
        return errors

    def write(self, record):
        """Add the record's organisation in the languages the site lacks and update the others;
        return what was added."""
        found = self.find(record)
        key = (
            found.translation_key
            if found
            else uuid.uuid5(NAMESPACE, f"organisation:{record.external_id}")
        )
        Organisation.objects.filter(translation_key=key).update(
            **{self.writer.id_field: record.external_id}
        )
        for organisation, names in self.changes(record, key):
            organisation.save(update_fields=names)
        created = self.translations(record, key)
        for organisation in created:
            organisation.save()
        return created

    def link_parent(self, organisation, record):
        """Link an added organisation to its parent, once every organisation is written."""
        if record.parent_id:
            organisation.parent = Organisation.objects.filter(
                self.writer.matching(record.parent_id), locale=organisation.locale
            ).first()
            if organisation.parent:
                organisation.save(update_fields=["parent"])
