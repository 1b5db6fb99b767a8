"""Admin forms that keep an editor's choices within the page's own language."""

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
