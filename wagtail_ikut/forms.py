"""Admin forms that keep an editor's choices within the page's own language."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm


class TranslatedChoicesPageForm(WagtailAdminPageForm):
    """Offer only organisations and vocabulary terms in the language of the page."""

    #: Relations to translatable snippets on the page.
    translatable_choices = ()
    #: Relations to translatable snippets on child rows, by child relation.
    translatable_child_choices = {}

    def __init__(self, *args, parent_page=None, **kwargs):
        super().__init__(*args, parent_page=parent_page, **kwargs)
        self.locale = self.instance.locale if self.instance.locale_id else parent_page.locale
        for name in self.translatable_choices:
            if name in self.fields:
                self.limit_to_locale(self.fields[name])
        for relation, names in self.translatable_child_choices.items():
            if relation in self.formsets:
                formset = self.formsets[relation]
                for form in [*formset.forms, formset.empty_form]:
                    for name in names:
                        self.limit_to_locale(form.fields[name])

    def limit_to_locale(self, field):
        field.queryset = field.queryset.filter(locale=self.locale)


class ServicePageForm(TranslatedChoicesPageForm):
    translatable_choices = (
        "provider",
        "categories",
        "target_groups",
        "municipalities",
        "languages",
    )
    translatable_child_choices = {"locations": ("municipality",)}


class CoursePageForm(TranslatedChoicesPageForm):
    """Also check the instances against the group size and against each other."""

    translatable_choices = (
        "organiser",
        "partners",
        "themes",
        "languages",
        "interpretation_languages",
    )
    translatable_child_choices = {"instances": ("municipality",)}

    def clean(self):
        cleaned_data = super().clean()
        formset = self.formsets.get("instances")
        if formset is None:
            return cleaned_data
        # Each instance form is checked on its own first; only valid ones are compared.
        forms = [
            form
            for form in formset.forms
            if form.is_valid() and form.cleaned_data and not formset._should_delete_form(form)
        ]
        largest = cleaned_data.get("group_size_max")
        for form in forms:
            seats = form.cleaned_data.get("seats")
            if largest is not None and seats is not None and seats > largest:
                form.add_error(
                    "seats",
                    _("A group of %(largest)s at most cannot have %(seats)s seats.")
                    % {"largest": largest, "seats": seats},
                )
        self.check_overlaps([form for form in forms if form.is_valid()])
        return cleaned_data

    def check_overlaps(self, forms):
        from wagtail_ikut.models import CourseInstance

        title = self.cleaned_data.get("title")
        for position, form in enumerate(forms):
            instance = form.instance
            clash = next(
                (
                    (title, other.instance)
                    for other in forms[:position]
                    if instance.overlaps(other.instance)
                ),
                None,
            )
            if clash is None and instance.place_key:
                # Other courses at the same address; this page's own translations share
                # their instances' translation keys and do not count.
                others = (
                    CourseInstance.objects.filter(
                        street_address__iexact=instance.street_address.strip(),
                        start_date__lte=instance.end_date,
                        end_date__gte=instance.start_date,
                    )
                    .exclude(page__translation_key=self.instance.translation_key)
                    .select_related("page")
                )
                clash = next(
                    ((other.page.title, other) for other in others if instance.overlaps(other)),
                    None,
                )
            if clash is not None:
                form.add_error(
                    "start_date",
                    _(
                        "Another course instance meets at the same place at the same time: "
                        "%(course)s, %(dates)s."
                    )
                    % {"course": clash[0], "dates": clash[1]},
                )
