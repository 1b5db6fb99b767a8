from django.apps import AppConfig


class StockPagesConfig(AppConfig):
    name = "bench.stockpages"
    label = "stockpages"
    default_auto_field = "django.db.models.BigAutoField"
