"""The directory's query string: the search form that reads it, the vocabularies it offers, and
the one canonical way to write a search back."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail_ikut.core import query_string
from wagtail_ikut.core.organisations import Organisation
from wagtail_ikut.core.public_input import query_without_nul, unknown_values_notice
from wagtail_ikut.core.taxonomy import Language, Municipality, ServiceCategory
from wagtail_ikut.services.models import LOW_THRESHOLD_FLAGS
from wagtail_ikut.services.search import geo
from wagtail_ikut.services.search.facets import FACETS, flag_label, language_label

#: Longest query text read; the rest is dropped with a message rather than an error.
MAX_QUERY_LENGTH = 200


class VocabularyField(forms.MultipleChoiceField):
    """Values of a vocabulary, such as municipalities: checked against the form's
    ``vocabularies``, not by walking a list of choices copied into every form."""

    def __init__(self, **kwargs):
        super().__init__(required=False, **kwargs)
        self.values = {}

    def valid_value(self, value):
        return value in self.values


class DirectoryQueryForm(forms.Form):
    """The directory's query string. Unknown values are dropped with a message, never a 500."""

    q = forms.CharField(label=gettext_lazy("Search text"), required=False, strip=True)
    # The words as typed, without correcting typos (the link under "Showing results for").
    exact = forms.BooleanField(required=False)
    category = VocabularyField(label=gettext_lazy("What help"))
    municipality = VocabularyField(label=gettext_lazy("Municipality"))
    language = VocabularyField(label=gettext_lazy("Language"))
    provider = VocabularyField(label=gettext_lazy("Provider"))
    open_now = forms.BooleanField(label=gettext_lazy("Open now"), required=False)
    near = forms.CharField(
        label=gettext_lazy("Near (postcode or coordinates)"),
        required=False,
        max_length=100,
        strip=True,
    )
    # The facets whose every value the results page shows.
    more = forms.MultipleChoiceField(
        required=False,
        choices=[(facet.name, facet.name) for facet in FACETS],
        widget=forms.MultipleHiddenInput,
    )

    def __init__(self, data, vocabularies):
        super().__init__(data)
        #: {field name: {value: label}}, as vocabularies() gives them; they label the facets.
        self.vocabularies = vocabularies
        for name, values in vocabularies.items():
            self.fields[name].values = values
        for name in LOW_THRESHOLD_FLAGS:
            self.fields[name] = forms.BooleanField(required=False, label=flag_label(name))
        self.notices = []

    def full_clean(self):
        # Drop what cannot be read before validating, so one bad value spoils nothing else.
        data = query_without_nul(self.data)
        for name, known in self.vocabularies.items():
            values = data.getlist(name)
            unknown = [value for value in values if value not in known]
            if unknown:
                self.notices.append(unknown_values_notice(unknown))
            # Each value once, however often it was sent: the page writes the search back into
            # its links and hidden inputs.
            data.setlist(name, list(dict.fromkeys(value for value in values if value in known)))
        # The same for ``more``, whose unknown names go without a notice: they filter nothing.
        more = set(data.getlist("more"))
        data.setlist("more", [facet.name for facet in FACETS if facet.name in more])
        if len(data.get("q", "")) > MAX_QUERY_LENGTH:
            self.notices.append(
                _("The search text was shortened to %(count)s characters.")
                % {"count": MAX_QUERY_LENGTH}
            )
            data["q"] = data["q"][:MAX_QUERY_LENGTH]
        if len(data.get("near", "")) > 100:
            data["near"] = ""
        self.data = data
        super().full_clean()

    def clean_near(self):
        near = self.cleaned_data["near"]
        if match := geo.COORDINATES.match(near):
            return ",".join(f"{float(value):.{geo.COARSE_DECIMALS}f}" for value in match.groups())
        return near


def vocabularies(locale_id):
    """Return the values of the form's vocabularies in a locale with their labels, as
    {field name: {value: label}}."""
    return {
        "category": dict(
            ServiceCategory.objects.filter(locale_id=locale_id).values_list("slug", "name")
        ),
        "municipality": dict(
            Municipality.objects.filter(locale_id=locale_id).values_list("code", "name")
        ),
        "language": {
            code: language_label(native_name, name)
            for code, native_name, name in Language.objects.filter(locale_id=locale_id).values_list(
                "code", "native_name", "name"
            )
        },
        # Labels translated when shown, in the language of the request.
        "provider": dict(Organisation.Kind.choices),
    }


#: The directory's parameters, in the order its links write them.
QUERY_NAMES = (
    "q",
    "exact",
    "near",
    *(facet.name for facet in FACETS),
    "more",
    "open_now",
    *LOW_THRESHOLD_FLAGS,
)


def canonical_query(cleaned):
    """Return a stable query string for the cleaned form: same search, same URL."""
    return query_string.canonical_query(cleaned, QUERY_NAMES).urlencode()
