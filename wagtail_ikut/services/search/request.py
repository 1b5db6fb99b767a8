"""One directory search as its backends read it, and what a backend finds for it.

The directory page and the API parse the query string once (services/search/directory.py);
the database and the engine backends each answer the same SearchRequest with a Found.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class QueryPart:
    """Query words that a service must match together: one word, or a run of words that is an
    entry of an editor's synonym set (services/search/synonyms.py)."""

    #: (word, analysed alternatives) of each word of the run.
    words: tuple
    #: The set's other entries, each as (word, analysed alternatives) of its words: a service
    #: matching all the words of any one of them matches the part too.
    synonyms: tuple = ()


@dataclass(frozen=True)
class SearchRequest:
    """What was asked, of which directory, when and near what."""

    #: The directory page: its services, in its language.
    directory: object
    #: The search form's cleaned values: text, facets, flags, "open now", place, "more".
    cleaned: dict
    #: (word, analysed alternatives) of the text, leaving out words that analyse to nothing.
    words: tuple
    #: The words a service must match as QueryParts: each a word, or a run of them widened by
    #: its synonyms; stop words left out (directory.searched_parts).
    parts: tuple
    #: The moment that "open now" and expiry times are decided at, once for the whole search.
    now: datetime.datetime
    #: (latitude, longitude) to order by, or None.
    near: tuple | None
    #: ServiceIndexVersion's token as read for this search.
    token: object
    #: The ids of the services the search keeps to, or None for every one: what a caller
    #: narrows by filters the directory does not offer (the HSDS API's organisation, say).
    among: frozenset | None = None

    @property
    def word_groups(self):
        """Return the alternatives of each word searched for: a service must match one of each."""
        return [terms for part in self.parts for _word, terms in part.words]


@dataclass
class Found:
    """One page of results as service ids, the total, and the counts of facets and flags."""

    #: A Paginator page whose ``object_list`` is the ids of its services, in order.
    page: object
    total: int
    facet_counts: dict
    flag_counts: dict
    #: {service id: OpenStatus} of the services on the page, at the request's moment.
    statuses: dict
    #: count(cleaned): how many services the request finds with other filters ``cleaned``.
    count: Callable[[dict], int]
    #: The query words searched for as corrected typos too (database/vocabulary.Correction).
    corrections: tuple = ()


class SearchBackend:
    """What the directory asks of the database and of the engine alike."""

    #: What answered, as the results and the API report it: "database" or "engine".
    name = ""

    def search(self, request: SearchRequest, page_number, per_page: int) -> Found:
        """Return one page of the request's results, ``page_number`` as the visitor gave it."""
        raise NotImplementedError
