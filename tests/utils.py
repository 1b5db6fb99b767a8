from wagtail.test.utils import WagtailTestUtils
from wagtail.users.models import UserProfile


class EnglishAdminTestUtils(WagtailTestUtils):
    """Log in to the admin as a superuser who reads it in English, as the assertions are."""

    def login(self, *args, **kwargs):
        user = super().login(*args, **kwargs)
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = "en"
        profile.save()
        return user
