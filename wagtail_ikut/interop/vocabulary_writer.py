"""The vocabularies services relate to in an import: the site's values, looked up by the slugs
and codes records give, and the terms a source adds to them."""

import uuid

from django.core.exceptions import ValidationError

from wagtail_ikut.interop.records import NAMESPACE, RecordError

#: How the vocabularies a service relates to are looked up by the values records give.
LOOKUP = {
    "categories": "slug",
    "target_groups": "slug",
    "municipalities": "code",
    "languages": "code",
}


class Vocabularies:
    """The values of the vocabularies of ``page_class`` in the languages of ``directories``
    (language code -> directory page), and the TermRecords an import adds to them."""

    def __init__(self, page_class, directories):
        self.page_class = page_class
        self.directories = directories
        self.adding = set()
        # Filled in as they are needed; emptied once the terms are written.
        self.values_by_locale = {}

    def model(self, relation):
        return self.page_class._meta.get_field(relation).related_model

    def to_add(self, terms):
        """Return the terms the site lacks in a language of its directories; count them as
        known from now on, though unwritten."""
        terms = [term for term in terms if self.missing_languages(term)]
        self.adding = {(term.relation, code, term.key) for term in terms for code in term.names}
        return terms

    def values(self, relation, locale):
        """Return the site's values of vocabulary ``relation`` in ``locale`` by slug or code."""
        cache = self.values_by_locale.setdefault((relation, locale.pk), {})
        if not cache:
            cache.update(
                (getattr(obj, LOOKUP[relation]), obj)
                for obj in self.model(relation).objects.filter(locale=locale)
            )
        return cache

    def known(self, relation, keys, locale):
        """Return the keys, once each, that name a value in ``locale``, held or being added."""
        held = self.values(relation, locale)
        code = locale.language_code
        return [
            key
            for key in dict.fromkeys(keys)
            if key in held or (relation, code, key) in self.adding
        ]

    def missing_languages(self, term):
        """Return the languages the site lacks ``term`` in and the record names it in."""
        held = set(
            self.model(term.relation)
            .objects.filter(**{LOOKUP[term.relation]: term.key})
            .values_list("locale__language_code", flat=True)
        )
        return [code for code in term.names if code in self.directories and code not in held]

    def term_objects(self, term):
        model = self.model(term.relation)
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

    def check(self, term):
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

    def write(self, terms):
        for term in terms:
            for obj in self.term_objects(term):
                obj.save()
        self.values_by_locale.clear()
