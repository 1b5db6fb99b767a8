"""Words and phrases that editors say mean the same, and the query parts they widen.

A query word, or a run of query words, that analyses as one entry of a synonym set of the
directory's language also matches the set's other entries: "suojakoti" finds "turvakoti", and
"juridiska hjälpen" finds "rättshjälp", for "juridisk hjälp" analyses the same. The database
and the engine both search the parts ``query_parts()`` returns, so a set is defined once and
applies on the next search after it is saved: no index has to be rebuilt.
"""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, TranslatableMixin
from wagtail_localize.fields import TranslatableField

from wagtail_ikut.services.search.analysis import query_words
from wagtail_ikut.services.search.request import QueryPart

# One entry a line, or several on a line between commas.
_SEPARATOR = re.compile(r"[,\n]")


def split_entries(text):
    """Return the entries of a set's text as written, stripped, empty ones included."""
    return [entry.strip() for entry in _SEPARATOR.split(text.strip())]


class SynonymSet(TranslatableMixin, models.Model):
    """Words and phrases that a search in one language treats as the same."""

    entries = models.TextField(
        _("words and phrases"),
        help_text=_(
            "Two or more words or phrases that mean the same to someone searching, one a line "
            "or separated by commas, e.g. “turvakoti, suojakoti, turvatalo”. A search for any "
            "of them also finds the services that mention the others, in any inflected form; "
            "services with the words as typed come first. Applies to the service directory "
            "in this language from the next search on."
        ),
    )

    translatable_fields = [TranslatableField("entries")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("search synonyms")
        verbose_name_plural = _("search synonyms")

    def __str__(self):
        return " / ".join(split_entries(self.entries))

    def clean(self):
        super().clean()
        entries = split_entries(self.entries)
        if any(not entry for entry in entries):
            raise ValidationError(
                {"entries": _("Remove the empty entry: an empty line or two commas in a row.")}
            )
        if len({entry.casefold() for entry in entries}) < 2:
            raise ValidationError({"entries": _("Give at least two different words or phrases.")})


class Synonyms:
    """The synonym sets of one language, each entry analysed as a query is."""

    def __init__(self, locale_id):
        language_code = Locale.objects.get(pk=locale_id).language_code
        #: {analysed first word's term: [(entry, the other entries of its set)]}
        self.by_first_term = {}
        for text in SynonymSet.objects.filter(locale_id=locale_id).values_list(
            "entries", flat=True
        ):
            analysed = [
                tuple((word, tuple(terms)) for word, terms in query_words(entry, language_code))
                for entry in split_entries(text)
            ]
            analysed = [entry for entry in dict.fromkeys(analysed) if entry]
            for entry in analysed:
                others = tuple(other for other in analysed if not _alike(other, entry))
                for term in entry[0][1]:
                    self.by_first_term.setdefault(term, []).append((entry, others))

    def query_parts(self, words):
        """Return the query words as parts: a run that is an entry of a set, widened by its
        set's other entries, and each other word alone. The longest entry wins."""
        parts, start = [], 0
        while start < len(words):
            matched = [
                (entry, others)
                for term in words[start][1]
                for entry, others in self.by_first_term.get(term, ())
                if _alike(words[start : start + len(entry)], entry)
            ]
            length = max((len(entry) for entry, _others in matched), default=1)
            synonyms = {
                other: None
                for entry, others in matched
                if len(entry) == length
                for other in others
                if not _alike(words[start : start + length], other)
            }
            parts.append(QueryPart(tuple(words[start : start + length]), tuple(synonyms)))
            start += length
        return tuple(parts)

    def alternatives(self, words):
        """Return the other entries, as their words, of the sets the query as a whole is an
        entry of."""
        parts = self.query_parts(words)
        if len(parts) != 1:
            return ()
        return tuple(" ".join(word for word, _terms in entry) for entry in parts[0].synonyms)


def _alike(words, entry):
    """Tell whether query words are an entry: as many, each sharing an analysed term."""
    return len(words) == len(entry) and all(
        set(terms).intersection(entry_terms)
        for (_word, terms), (_entry_word, entry_terms) in zip(words, entry, strict=True)
    )
