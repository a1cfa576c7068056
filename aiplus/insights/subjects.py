"""What the "about how much time did this save you?" question can be asked about, and who
may answer: the people the work was done for. Each kind names a check. (The assistant's
questions are not asked about: officers who need a person get an advice request, which is;
visitors who leave an enquiry are not signed in.)"""

from collections.abc import Callable

from aiplus.accounts.models import AnyUser, User
from aiplus.advice.models import AdviceRequest
from aiplus.advice.permissions import side_of
from aiplus.advice.workflow import Side, Status
from aiplus.insights.models import TimeSavedAnswer

# Answer choices, as Smart Minutes asks them: the middle of each range is recorded.
CHOICES: dict[str, int] = {"none": 0, "under-30": 15, "30-60": 45, "1-2h": 90, "over-2h": 150}


def _advice_answerer(user: AnyUser, object_id: int) -> str | None:
    """The B/D's side of a closed request may answer; returns where to go back to."""
    request = AdviceRequest.objects.filter(pk=object_id).first()
    if request is None or side_of(user, request) != Side.REQUESTER:
        return None
    if request.status != Status.CLOSED:
        return None
    return request.get_absolute_url()


ANSWERERS: dict[str, Callable[[AnyUser, int], str | None]] = {
    TimeSavedAnswer.Subject.ADVICE: _advice_answerer,
}


def may_answer(user: AnyUser, subject: str, object_id: int) -> str | None:
    """The page to go back to if `user` may answer about this record, else None."""
    if not isinstance(user, User) or not user.is_authenticated:
        return None
    check = ANSWERERS.get(subject)
    return check(user, object_id) if check else None
