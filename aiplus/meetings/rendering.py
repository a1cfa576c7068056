"""Minutes (Markdown as the layout writes it and people edit it) to safe HTML: headings, lists,
tables, bold and paragraphs; every citation [12] or [12, 14] becomes links to those turns.
Everything else is escaped, so hostile text in a transcript or an edit stays text."""

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

CITATION = re.compile(r"\[(\d{1,6}(?:\s*[,-]\s*\d{1,6})*)\]")
_NUMBER_OR_RANGE = re.compile(r"(\d+)(?:\s*-\s*(\d+))?")
MAX_RANGE = 50  # turns a range such as [3-5] may span; a longer one counts as its two ends
BOLD = re.compile(r"\*\*(.+?)\*\*")
SEPARATOR_CELL = re.compile(r":?-+:?")


def cited_numbers(text: str) -> list[int]:
    """The turn numbers the citations in `text` give, in the order written, each once:
    "[12, 14]" gives 12 and 14, "[3-5]" gives 3, 4 and 5."""
    numbers: dict[int, None] = {}
    for inside in CITATION.findall(text):
        for first, last in _NUMBER_OR_RANGE.findall(inside):
            start, end = int(first), int(last or first)
            span = range(start, end + 1) if 0 <= end - start < MAX_RANGE else (start, end)
            numbers.update(dict.fromkeys(span))
    return list(numbers)


def _turn_links(match: re.Match[str]) -> str:
    links = []
    for number in cited_numbers(match.group(0)):
        label = _("turn %(number)s") % {"number": number}
        links.append(f'<a href="#turn-{number}" class="cite" aria-label="{label}">{number}</a>')
    return '<span class="citation">[' + ", ".join(links) + "]</span>"


def _inline(text: str) -> str:
    html = str(escape(text))
    html = BOLD.sub(r"<strong>\1</strong>", html)
    return CITATION.sub(_turn_links, html)


def table_row(line: str) -> list[str] | None:
    """The cells of a Markdown table line ("| a | b |" gives ["a", "b"]), or None for the line
    that separates the header from the body ("|---|:--:|")."""
    cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
    return None if all(SEPARATOR_CELL.fullmatch(cell) for cell in cells) else cells


def render_minutes(text: str) -> SafeString:
    out: list[str] = []
    lines = text.splitlines()
    index = 0
    while index < len(lines):
        line = lines[index].rstrip()
        if not line.strip():
            index += 1
        elif line.startswith("#"):
            level = min(len(line) - len(line.lstrip("#")) + 1, 6)
            out.append(f"<h{level}>{_inline(line.lstrip('#').strip())}</h{level}>")
            index += 1
        elif line.lstrip().startswith("- "):
            items = []
            while index < len(lines) and lines[index].lstrip().startswith("- "):
                items.append(f"<li>{_inline(lines[index].lstrip()[2:])}</li>")
                index += 1
            out.append("<ul>" + "".join(items) + "</ul>")
        elif line.lstrip().startswith("|"):
            rows = []
            while index < len(lines) and lines[index].lstrip().startswith("|"):
                if (row := table_row(lines[index])) is not None:
                    rows.append(row)
                index += 1
            if not rows:
                continue
            head, body = rows[0], rows[1:]
            table = "<table><thead><tr>"
            table += "".join(f'<th scope="col">{_inline(c)}</th>' for c in head)
            table += "</tr></thead><tbody>"
            for row in body:
                table += "<tr>" + "".join(f"<td>{_inline(c)}</td>" for c in row) + "</tr>"
            out.append(table + "</tbody></table>")
        else:
            paragraph = []
            while (
                index < len(lines)
                and lines[index].strip()
                and lines[index].lstrip()[:1] not in ("#", "|")
                and not lines[index].lstrip().startswith("- ")
            ):
                paragraph.append(lines[index].strip())
                index += 1
            out.append(f"<p>{_inline(' '.join(paragraph))}</p>")
    return mark_safe("\n".join(out))  # noqa: S308 - built from escaped text only
