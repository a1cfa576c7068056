"""The kinds of notification the hub sends. Each app that notifies registers its kinds from its
`AppConfig.ready()`, so that users can switch the e-mail for each one on or off:

    from aiplus.notifications import kinds
    kinds.register("events.reminder", label=_("Event reminders"))

`notify()` refuses a kind that nobody registered."""

from dataclasses import dataclass

from django.utils.functional import Promise


@dataclass(frozen=True)
class Kind:
    name: str
    label: str | Promise
    description: str | Promise = ""
    email_by_default: bool = True


_registry: dict[str, Kind] = {}


class UnknownKind(LookupError):
    pass


def register(
    name: str,
    *,
    label: str | Promise,
    description: str | Promise = "",
    email_by_default: bool = True,
) -> Kind:
    """Registering a name again replaces its entry."""
    kind = Kind(name=name, label=label, description=description, email_by_default=email_by_default)
    _registry[name] = kind
    return kind


def get(name: str) -> Kind:
    try:
        return _registry[name]
    except KeyError:
        raise UnknownKind(f"No notification kind {name!r} is registered") from None


def registered_kinds() -> list[Kind]:
    return sorted(_registry.values(), key=lambda kind: kind.name)
