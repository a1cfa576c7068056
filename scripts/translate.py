"""Fill Traditional Chinese text for given msgids: a small aid for translators.

    python scripts/translate.py "Home=主頁" "Sign in=登入" "resource visibility::Restricted=限閱"

A "context::" prefix picks the entry with that msgctxt (pgettext / translate ... context).

Then run `make messages` to refresh Simplified Chinese.
"""

import sys
from pathlib import Path

import polib

CATALOGUE = Path(__file__).resolve().parent.parent / "locale/zh_Hant/LC_MESSAGES/django.po"


def main(pairs: list[str]) -> int:
    catalogue = polib.pofile(str(CATALOGUE), wrapwidth=0)
    wanted = dict(pair.split("=", 1) for pair in pairs)
    for entry in catalogue:
        key = f"{entry.msgctxt}::{entry.msgid}" if entry.msgctxt else entry.msgid
        if key in wanted:
            if entry.msgid_plural:
                entry.msgstr_plural = {0: wanted.pop(key)}
            else:
                entry.msgstr = wanted.pop(key)
            entry.flags = [flag for flag in entry.flags if flag != "fuzzy"]
    catalogue.save()
    for msgid in wanted:
        print(f"not in the catalogue: {msgid!r}", file=sys.stderr)
    return 1 if wanted else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
