"""The course page's editor form."""

from django.utils.translation import gettext_lazy as _

from wagtail_ikut.core.forms import TranslatedChoicesPageForm


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
        from wagtail_ikut.courses.details import CourseInstance

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
