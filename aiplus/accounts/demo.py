"""Demo users, one per role, in real organisations. Marked as demo by name and email domain."""

from collections.abc import Callable

from aiplus.accounts import services
from aiplus.accounts.models import Organisation, User
from aiplus.accounts.roles import Role
from aiplus.core.demo import DEMO_EMAIL_DOMAIN, DEMO_PASSWORD

DEMO_VENDOR_COMPANY = {
    "code": "DEMO-HARBOURAI",
    "name": "Harbour AI Solutions Ltd (demo company)",
    "name_zh_hant": "海港人工智能方案有限公司（示範公司）",
}

# username, first name, last name, role, organisation code
DEMO_USERS = [
    ("officer", "Mei-ling", "Chan (Demo Officer)", Role.OFFICER, "FEHD"),
    ("editor", "Ka-wai", "Lee (Demo Editor)", Role.EDITOR, "CSB"),
    ("advisor", "Wing-yan", "Cheung (Demo Advisor)", Role.ADVISOR, "DPO"),
    ("vendor", "Jason", "Ho (Demo Vendor)", Role.VENDOR, DEMO_VENDOR_COMPANY["code"]),
    ("admin", "Siu-fung", "Wong (Demo Administrator)", Role.ADMINISTRATOR, "DPO"),
]


def load(*, log: Callable[[str], None]) -> None:
    services.sync_organisations()
    Organisation.objects.update_or_create(
        code=DEMO_VENDOR_COMPANY["code"],
        defaults={
            "kind": Organisation.Kind.COMPANY,
            "name": DEMO_VENDOR_COMPANY["name"],
            "name_zh_hant": DEMO_VENDOR_COMPANY["name_zh_hant"],
        },
    )
    for username, first_name, last_name, role, organisation_code in DEMO_USERS:
        organisation = Organisation.objects.get(code=organisation_code)
        user = User.objects.filter(username=username).first()
        if user is None:
            user = services.create_user(
                username=username,
                email=f"{username}@{DEMO_EMAIL_DOMAIN}",
                password=DEMO_PASSWORD,
                roles=[role],
                organisation=organisation,
                first_name=first_name,
                last_name=last_name,
            )
        else:
            services.set_roles(user=user, roles=[role])
        if role == Role.ADMINISTRATOR and not user.is_superuser:
            user.is_superuser = True
            user.save(update_fields=["is_superuser"])
    log(f"{len(DEMO_USERS)} demo users (password: {DEMO_PASSWORD})")


def login_banner_lines() -> list[str]:
    """The demo logins, for `run_hub`'s banner."""
    lines = [f"  Demo logins (password for all: {DEMO_PASSWORD}):"]
    return lines + [f"    {username:<8} {role.label}" for username, _, _, role, _ in DEMO_USERS]
