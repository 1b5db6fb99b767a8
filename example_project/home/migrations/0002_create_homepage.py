import uuid

from django.db import migrations

TITLE = "Apua ihmiskaupan uhreille"
INTRO = "Esimerkkisivusto, joka käyttää wagtail-ikut-lisäosaa."


def create_homepage(apps, schema_editor):
    """Replace Wagtail's default welcome page with the Finnish front page."""
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    Locale = apps.get_model("wagtailcore.Locale")
    HomePage = apps.get_model("home.HomePage")

    default_page = Page.objects.filter(depth=2, slug="home").first()
    locale = default_page.locale if default_page else Locale.objects.first()
    if default_page:
        default_page.delete()
    content_type, _ = ContentType.objects.get_or_create(model="homepage", app_label="home")
    homepage = HomePage.objects.create(
        title=TITLE,
        draft_title=TITLE,
        intro=INTRO,
        slug="home",
        content_type=content_type,
        path="00010001",
        depth=2,
        numchild=0,
        url_path="/home/",
        locale=locale,
        translation_key=uuid.uuid4(),
    )
    Site.objects.create(hostname="localhost", root_page=homepage, is_default_site=True)


class Migration(migrations.Migration):
    dependencies = [("home", "0001_initial")]

    operations = [migrations.RunPython(create_homepage, migrations.RunPython.noop)]
