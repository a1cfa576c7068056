"""Keep the translations complete.

    python scripts/check_translations.py           # check (used by `make lint`)
    python scripts/check_translations.py --update  # refresh the catalogues (`make messages`)

Both extract every translatable string of the hub into locale/zh_Hant. The check fails if any
string has no Traditional Chinese text (or is marked fuzzy), or if the Simplified Chinese
catalogue is not the OpenCC conversion of the Traditional one plus any entries written by hand
in locale/zh_Hans/overrides.po.
"""

import os
import subprocess
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
TRADITIONAL = ROOT / "locale" / "zh_Hant" / "LC_MESSAGES" / "django.po"
SIMPLIFIED = ROOT / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
OVERRIDES = ROOT / "locale" / "zh_Hans" / "overrides.po"
IGNORE = [".venv", "node_modules", "staticfiles", "var", "docs", "scripts"]


def extract() -> None:
    """Run Django's makemessages for Traditional Chinese (keeps existing translations)."""
    TRADITIONAL.parent.mkdir(parents=True, exist_ok=True)
    args = [sys.executable, "manage.py", "makemessages", "--locale=zh_Hant", "--no-obsolete"]
    args += ["--add-location=file", "--verbosity=0"]
    args += [f"--ignore={pattern}/*" for pattern in IGNORE]
    subprocess.run(args, cwd=ROOT, check=True, env=os.environ.copy())  # noqa: S603
    # msgmerge guesses a translation for a new string from a similar old one and marks it fuzzy;
    # such guesses are usually wrong, so they become plain untranslated entries.
    catalogue = polib.pofile(str(TRADITIONAL))
    guessed = [entry for entry in catalogue if "fuzzy" in entry.flags and entry.msgid]
    for entry in guessed:
        entry.flags.remove("fuzzy")
        entry.msgstr = ""
        entry.msgstr_plural = {index: "" for index in entry.msgstr_plural}
        entry.previous_msgid = entry.previous_msgid_plural = entry.previous_msgctxt = None
    if guessed:
        catalogue.save()


def simplified_catalogue() -> polib.POFile:
    import opencc

    converter = opencc.OpenCC("hk2s")
    overrides = {e.msgid: e for e in polib.pofile(str(OVERRIDES))} if OVERRIDES.exists() else {}
    source = polib.pofile(str(TRADITIONAL))
    result = polib.POFile(wrapwidth=source.wrapwidth)
    result.metadata = dict(source.metadata)
    result.metadata["Language"] = "zh_Hans"
    result.metadata.pop("POT-Creation-Date", None)  # changes on every extraction
    for entry in source:
        if entry.obsolete:
            continue
        override = overrides.get(entry.msgid)
        converted = polib.POEntry(
            msgid=entry.msgid,
            msgid_plural=entry.msgid_plural,
            msgctxt=entry.msgctxt,
            occurrences=entry.occurrences,
            flags=[flag for flag in entry.flags if flag != "fuzzy"],
        )
        if entry.msgid_plural:
            source_plural = override.msgstr_plural if override else entry.msgstr_plural
            converted.msgstr_plural = {
                index: converter.convert(text) for index, text in source_plural.items()
            }
        else:
            converted.msgstr = override.msgstr if override else converter.convert(entry.msgstr)
        result.append(converted)
    return result


def missing_traditional() -> list[str]:
    problems = []
    for entry in polib.pofile(str(TRADITIONAL)):
        if entry.obsolete:
            continue
        if "fuzzy" in entry.flags:
            problems.append(f"fuzzy: {entry.msgid!r}")
        elif entry.msgid_plural:
            if not all(text.strip() for text in entry.msgstr_plural.values()):
                problems.append(f"untranslated: {entry.msgid!r}")
        elif not entry.msgstr.strip():
            problems.append(f"untranslated: {entry.msgid!r}")
    return problems


def main(argv: list[str]) -> int:
    extract()
    simplified = simplified_catalogue()
    if "--update" in argv:
        SIMPLIFIED.parent.mkdir(parents=True, exist_ok=True)
        simplified.save(str(SIMPLIFIED))
    problems = missing_traditional()
    if not SIMPLIFIED.exists() or SIMPLIFIED.read_text(encoding="utf-8") != str(simplified):
        problems.append("locale/zh_Hans is out of date with locale/zh_Hant: run `make messages`")
    for problem in problems:
        print(f"translations: {problem}", file=sys.stderr)
    if problems:
        print(
            f"translations: {len(problems)} problem(s) in {TRADITIONAL.relative_to(ROOT)}",
            file=sys.stderr,
        )
        return 1
    print("translations: every string has Traditional and Simplified Chinese text")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
