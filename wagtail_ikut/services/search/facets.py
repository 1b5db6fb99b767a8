"""Facets of the directory: how each narrows the results and is counted, in the service index
and in an engine."""

from dataclasses import dataclass

from wagtail_ikut.services.models import ServicePage

#: More values than any vocabulary has, so an engine returns them all.
ENGINE_BUCKETS = 1000


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool = False


@dataclass(frozen=True)
class Facet:
    """A way to narrow the results: the URL parameter and where its values are.

    ``value_path`` leads from a service to the value in SQL, for the service index to read;
    ``index_field`` names it in an engine's index. Labels come from the search form's choices.
    """

    name: str
    value_path: str
    index_field: str

    def bits(self, index, values):
        """Return the bit set, in the service index, of the services having any of ``values``."""
        found = 0
        for value in values:
            found |= index.values[self.name].get(value, 0)
        return found

    def counts(self, index, within):
        """Return {value: count} of the services in the bit set ``within``, zeros left out."""
        counts = {
            value: (within & bits).bit_count() for value, bits in index.values[self.name].items()
        }
        return {value: count for value, count in counts.items() if count}

    def values(self, counts, labels, selected):
        """Return the facet's values, most frequent first, each with its label.

        A value the vocabulary no longer has (a category deleted since an index counted it)
        is left out: the search form would drop it as unknown.
        """
        values = [
            FacetValue(value, str(labels[value]), count, value in selected)
            for value, count in counts.items()
            if value in labels
        ]
        return sorted(values, key=lambda value: (-value.count, value.label))

    def engine_filter(self, values):
        return {"terms": {self.index_field: list(values)}}

    def engine_aggregation(self):
        return {"values": {"terms": {"field": self.index_field, "size": ENGINE_BUCKETS}}}

    def engine_counts(self, aggregation):
        return {bucket["key"]: bucket["doc_count"] for bucket in aggregation["values"]["buckets"]}


class MunicipalityFacet(Facet):
    """Services for a municipality include the nationwide ones."""

    def bits(self, index, values):
        return super().bits(index, values) | index.nationwide

    def counts(self, index, within):
        nationwide = (within & index.nationwide).bit_count()
        local = super().counts(index, within & ~index.nationwide)
        return {value: count + nationwide for value, count in local.items()}

    def engine_filter(self, values):
        return {
            "bool": {
                "should": [{"term": {"nationwide": True}}, super().engine_filter(values)],
                "minimum_should_match": 1,
            }
        }

    #: In an engine's index, what a service is counted under: its municipalities, or only
    #: ``ENGINE_NATIONWIDE`` if it is nationwide, so that one aggregation counts both.
    engine_count_field = "municipality_counts"
    ENGINE_NATIONWIDE = "*"

    @classmethod
    def engine_count_values(cls, nationwide, municipalities):
        return [cls.ENGINE_NATIONWIDE] if nationwide else list(municipalities)

    def engine_aggregation(self):
        return {"values": {"terms": {"field": self.engine_count_field, "size": ENGINE_BUCKETS}}}

    def engine_counts(self, aggregation):
        local = super().engine_counts(aggregation)
        nationwide = local.pop(self.ENGINE_NATIONWIDE, 0)
        return {value: count + nationwide for value, count in local.items()}


FACETS = (
    Facet("category", "categories__slug", "categories"),
    MunicipalityFacet("municipality", "municipalities__code", "municipalities"),
    Facet("language", "languages__code", "languages"),
    Facet("provider", "provider__kind", "provider_kind"),
)


def language_label(native_name, name):
    """Name a language in itself first, so that its speakers recognise it."""
    return f"{native_name} ({name})" if native_name and native_name != name else name


def flag_label(name):
    return ServicePage._meta.get_field(name).verbose_name
