from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _

from aiplus.accounts.forms import SignInForm
from aiplus.accounts.roles import ROLE_DESCRIPTIONS
from aiplus.accounts.selectors import organisation_name
from aiplus.accounts.signals import password_changed


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    pass


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:profile")

    def form_valid(self, form: PasswordChangeForm) -> HttpResponse:
        response = super().form_valid(form)
        password_changed.send(
            sender=type(self.request.user), user=self.request.user, request=self.request
        )
        messages.success(self.request, _("Your password has been changed."))
        return response


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    user = request.user
    roles = [
        {"name": role.label, "description": ROLE_DESCRIPTIONS[role]}
        for role in user.roles  # type: ignore[union-attr]
    ]
    context = {
        "organisation_name": organisation_name(user.organisation),  # type: ignore[union-attr]
        "roles": roles,
    }
    return render(request, "accounts/profile.html", context)
