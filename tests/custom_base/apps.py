from django.apps import AppConfig


class CustomBaseConfig(AppConfig):
    name = "tests.custom_base"
    label = "custom_base"
    default_auto_field = "django.db.models.BigAutoField"
