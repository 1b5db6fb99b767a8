"""The terms the database's index holds in one language, to correct a query word by.

A query word whose forms are none of the index's terms is compared with the terms that start
with its first letter (typos.EXACT_PREFIX), by the edit distance that counts a swap of two
letters as one edit (rapidfuzz's OSA, as the engine's fuzzy queries count), and the nearest,
then most common, term within typos.allowed_typos() is searched for as well. rapidfuzz compares
a word with a few thousand terms in well under a millisecond; the vocabulary is built once a
process for each ServiceIndexVersion token, as the rest of the database's index is.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass

from rapidfuzz import process
from rapidfuzz.distance import OSA

from wagtail_ikut.services.search import typos
from wagtail_ikut.services.search.models import ServiceSearchDocument


@dataclass(frozen=True)
class Correction:
    """A query word as typed, the index term searched for instead, and the word to show."""

    word: str
    term: str
    shown: str


class Vocabulary:
    """The index's terms in one language, with how many services have each."""

    def __init__(self, locale_id):
        #: {term: how many services have it}
        self.services = Counter()
        rows = ServiceSearchDocument.objects.filter(page__locale_id=locale_id).values_list(
            "title_terms", "body_terms"
        )
        for title, body in rows.iterator(chunk_size=1000):
            self.services.update(set(title.split()).union(body.split()))
        self.by_start = defaultdict(list)
        for term in self.services:
            self.by_start[term[: typos.EXACT_PREFIX]].append(term)

    def correction(self, word, terms):
        """Return how to correct a query word with analysed ``terms``, or None if one of them
        is a term of the index or nothing is near enough."""
        if any(term in self.services for term in terms):
            return None
        best = None
        # The word as typed and its forms: a typo can make a word that Voikko does not know
        # ("turvakti"), and a stem can lose the ending a typo hides in ("victms": "victm").
        for source in dict.fromkeys((word, *terms)):
            allowed = typos.allowed_typos(source)
            if not allowed:
                continue
            for term, distance, _index in process.extract(
                source,
                self.by_start.get(source[: typos.EXACT_PREFIX], ()),
                scorer=OSA.distance,
                score_cutoff=allowed,
                limit=None,
            ):
                rank = (distance, -self.services[term])
                if best is None or rank < best[0]:
                    # A stem shown with the ending typed after it: "victims", not "victim".
                    ending = word[len(source) :] if word.startswith(source) else ""
                    best = (rank, Correction(word, term, term + ending))
        return best[1] if best else None
