from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _


class WagtailIkutAppConfig(AppConfig):
    name = "wagtail_ikut"
    label = "wagtail_ikut"
    verbose_name = _("Help for victims of trafficking")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.core import checks
        from django.core.signals import setting_changed
        from wagtail.api.v3.api import api

        from wagtail_ikut.api import register as register_api_routers
        from wagtail_ikut.checks import check_api_docs, check_settings
        from wagtail_ikut.conf import reload_settings
        from wagtail_ikut.core import cors, http_cache
        from wagtail_ikut.services.search.engine.client import forget_engine
        from wagtail_ikut.services.signals import register_signal_handlers
        from wagtail_ikut.webhooks import events as webhook_events

        checks.register(check_settings, checks.Tags.compatibility)
        checks.register(check_api_docs, checks.Tags.security)
        setting_changed.connect(reload_settings, dispatch_uid="wagtail_ikut_reload_settings")
        setting_changed.connect(forget_engine, dispatch_uid="wagtail_ikut_forget_engine")
        register_signal_handlers()
        webhook_events.register_signal_handlers()
        http_cache.register_signal_handlers()
        if apps.is_installed("corsheaders"):
            cors.register_signal_handlers()
        # As Wagtail's own apps do: a site mounting its API v3 gets the routers with no code.
        register_api_routers(api)
