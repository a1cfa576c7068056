"""Who may do what with a meeting. A meeting is private: its owner, and the people the owner
shared it with (to read, or to read and edit), are the only ones who know it exists. Roles
give no access: an administrator does not read other people's meetings."""

from aiplus.accounts.models import AnyUser
from aiplus.accounts.roles import Role
from aiplus.meetings.models import Meeting, MinutesTemplate


def user_can_view_meeting(user: AnyUser, meeting: Meeting) -> bool:
    if not user.is_authenticated:
        return False
    return meeting.owner_id == user.pk or meeting.shares.filter(user_id=user.pk).exists()


def user_can_edit_meeting(user: AnyUser, meeting: Meeting) -> bool:
    """Name speakers, draft and edit minutes."""
    if not user.is_authenticated:
        return False
    return (
        meeting.owner_id == user.pk
        or meeting.shares.filter(user_id=user.pk, can_edit=True).exists()
    )


def user_can_manage_meeting(user: AnyUser, meeting: Meeting) -> bool:
    """Share it, approve its minutes: the owner alone."""
    return bool(user.is_authenticated and meeting.owner_id == user.pk)


def user_can_comment(user: AnyUser, meeting: Meeting) -> bool:
    """Comment on its draft minutes: everyone who may read the meeting."""
    return user_can_view_meeting(user, meeting)


def user_can_resolve_comments(user: AnyUser, meeting: Meeting) -> bool:
    """Mark comments resolved: the owner and those who may edit."""
    return user_can_edit_meeting(user, meeting)


def user_can_change_template(user: AnyUser, template: MinutesTemplate) -> bool:
    """Its author; for one shared with a B/D, that B/D's editors and administrators too."""
    if not user.is_authenticated:
        return False
    if template.owner_id == user.pk:
        return True
    return bool(
        template.organisation_id
        and template.organisation_id == user.organisation_id
        and (user.has_role(Role.EDITOR) or user.has_role(Role.ADMINISTRATOR))
    )
