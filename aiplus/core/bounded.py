"""Run a parser of untrusted input (documents, spreadsheets) in a child process with a ceiling on
memory and time, so that a hostile file can cost the worker at most those, never the worker
itself or the machine."""

import logging
import multiprocessing
import resource
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


class LimitExceeded(Exception):
    """The work ran out of memory or time, or crashed; the message says which, for people."""


def _address_space_in_use() -> int:
    with open("/proc/self/statm") as statm:
        pages = int(statm.read().split()[0])
    return pages * resource.getpagesize()


def _child(
    send: Any,
    function: Callable[..., Any],
    args: tuple[Any, ...],
    memory: int,
    passes: tuple[type[Exception], ...],
) -> None:
    # The ceiling is on growth: a forked worker may already map large files (AI models).
    limit = _address_space_in_use() + memory
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    try:
        send.send(("ok", function(*args)))
    except passes as error:  # the parser's own refusals, re-raised as they are in the parent
        send.send(("refused", (passes.index(type(error)), str(error))))
    except MemoryError:
        send.send(("memory", ""))
    except Exception as error:  # reported to the parent, which decides what the editor sees
        send.send(("error", f"{type(error).__name__}: {error}"))


def run_bounded(
    function: Callable[..., Any],
    *args: Any,
    memory_bytes: int | None = None,
    seconds: float | None = None,
    passes: tuple[type[Exception], ...] = (),
) -> Any:
    """Return `function(*args)` computed in a forked child. An exception of a type in `passes`
    is raised again here with its message; running out of memory or time, or crashing, raises
    LimitExceeded with a message for people."""
    memory = memory_bytes or settings.AIPLUS_EXTRACTION_MAX_MEMORY_BYTES
    timeout = seconds or settings.AIPLUS_EXTRACTION_MAX_SECONDS
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(send, function, args, memory, passes), daemon=True)
    child.start()
    send.close()
    try:
        if not receive.poll(timeout):
            raise LimitExceeded(
                _("Reading the file took longer than %(seconds)d seconds, so it was stopped.")
                % {"seconds": timeout}
            )
        outcome, value = receive.recv()
    except EOFError:  # the child died without a word: killed by the memory ceiling
        outcome, value = "memory", ""
    finally:
        receive.close()
        if child.is_alive():
            child.kill()
        child.join()
    if outcome == "ok":
        return value
    if outcome == "refused":
        index, message = value
        raise passes[index](message)
    if outcome == "memory":
        raise LimitExceeded(
            _("Reading the file needed more than %(size)d MB of memory, so it was stopped.")
            % {"size": memory // (1024 * 1024)}
        )
    logger.warning("document parser failed: %s", value)
    raise LimitExceeded(_("The file could not be read: it may be damaged."))
