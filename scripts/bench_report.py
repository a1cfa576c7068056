"""Write one benchmark's results into docs/benchmarks.md, between markers of its own, so that
each benchmark can be re-run alone without disturbing the others' figures."""

import platform
from datetime import UTC, datetime
from pathlib import Path

REPORT = Path(__file__).resolve().parent.parent / "docs" / "benchmarks.md"
HEADER = """# Benchmarks

Measured on the machine named in each section, by the command given there. Targets are checked
here, by these figures, not by timing assertions in the tests. Where a figure depends on the
machine's speed, a baseline measured in the same run is given beside it as a ratio.
"""


def machine() -> str:
    import os

    return f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"


def write_section(name: str, *, command: str, body: str) -> None:
    """Replace (or append) the section `name` of the report."""
    start, end = f"<!-- bench:{name} -->", f"<!-- /bench:{name} -->"
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    section = (
        f"{start}\n{body.strip()}\n\n_Command: `{command}`; run {stamp} on {machine()}._\n{end}"
    )
    text = REPORT.read_text(encoding="utf-8") if REPORT.exists() else HEADER
    if start in text and end in text:
        before, rest = text.split(start, 1)
        after = rest.split(end, 1)[1]
        text = before + section + after
    else:
        text = text.rstrip() + "\n\n" + section + "\n"
    REPORT.write_text(text, encoding="utf-8")
