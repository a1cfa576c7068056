from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class SignInForm(AuthenticationForm):
    """Django's sign-in form with the hub's own wording (in Hong Kong Chinese too): the
    framework's Chinese message uses Taiwan terms and a different word for the username."""

    error_messages = {
        "invalid_login": _(
            "The username or password is not right. Both are case-sensitive: check Caps Lock."
        ),
        "inactive": _("This account has been switched off. Ask an administrator for help."),
    }
