"""Admin forms that keep an editor's choices within the page's own language."""

from wagtail.admin.forms import WagtailAdminPageForm

#: Relations to translatable snippets offered in a service page's form.
TRANSLATABLE_CHOICES = ("provider", "categories", "target_groups", "municipalities", "languages")


class ServicePageForm(WagtailAdminPageForm):
    """Offer only organisations and vocabulary terms in the language of the page."""

    def __init__(self, *args, parent_page=None, **kwargs):
        super().__init__(*args, parent_page=parent_page, **kwargs)
        locale = self.instance.locale if self.instance.locale_id else parent_page.locale
        for name in TRANSLATABLE_CHOICES:
            if name in self.fields:
                field = self.fields[name]
                field.queryset = field.queryset.filter(locale=locale)
        if "locations" in self.formsets:
            formset = self.formsets["locations"]
            for form in [*formset.forms, formset.empty_form]:
                field = form.fields["municipality"]
                field.queryset = field.queryset.filter(locale=locale)
