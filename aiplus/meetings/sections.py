"""The sections of minutes: each "## heading" and the lines under it, up to the next heading.
Comments are anchored to a section by its heading; one section can be rewritten by the model
(meetings.regenerate) while the rest of the text stays exactly as it was."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    heading: str  # the heading's words, without the "##"
    start: int  # index of the heading line
    end: int  # index of the first line after the section


def sections(text: str) -> list[Section]:
    lines = text.splitlines()
    starts = [n for n, line in enumerate(lines) if line.startswith("## ")]
    return [
        Section(lines[start][3:].strip(), start, (starts[i + 1 :] or [len(lines)])[0])
        for i, start in enumerate(starts)
    ]


def headings(text: str) -> list[str]:
    return [section.heading for section in sections(text)]


def find(text: str, heading: str) -> Section | None:
    return next((s for s in sections(text) if s.heading == heading), None)


def body(text: str, heading: str) -> list[str] | None:
    """The lines under a heading (trailing blank lines left out), or None without it."""
    section = find(text, heading)
    if section is None:
        return None
    lines = text.splitlines()[section.start + 1 : section.end]
    while lines and not lines[-1].strip():
        lines.pop()
    return lines


def replace_body(text: str, heading: str, new_body: list[str]) -> str:
    """`text` with the lines under `heading` replaced, every other line as it was."""
    section = find(text, heading)
    if section is None:
        raise KeyError(heading)
    lines = text.splitlines()
    rest = lines[section.end :]
    middle = [*new_body]
    while middle and not middle[-1].strip():
        middle.pop()
    if rest:
        middle.append("")
    result = lines[: section.start + 1] + middle + rest
    return "\n".join(result) + ("\n" if text.endswith("\n") else "")
