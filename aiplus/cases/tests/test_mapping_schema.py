"""Mapping files are checked against the schema before any import, with the key path and the
line of each problem; `manage.py check_mapping` reports them."""

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from aiplus.cases.importer.errors import ImportFileError
from aiplus.cases.importer.mapping import (
    check_mapping_file,
    check_mapping_text,
    load_mapping,
    mapping_choices,
    shipped_mapping_paths,
)

GOOD = """\
[source]
slug = "example"
name = "Example register"
key = ["ref"]

[fields]
title = { column = "name", required = true }
source_organisation = "agency"

[fields.stage]
column = "status"
default = "unknown"
map = { "Live" = "operation", "Trial" = "pilot" }
"""


def problems_in(text: str) -> list[tuple[int | None, str, str]]:
    mapping, problems = check_mapping_text(text)
    assert mapping is None
    return [(p.line, p.path, p.message) for p in problems]


def test_a_valid_mapping_has_no_problems():
    mapping, problems = check_mapping_text(GOOD)
    assert problems == []
    assert mapping is not None and mapping.format == "csv"


@pytest.mark.parametrize("path", shipped_mapping_paths(), ids=lambda path: path.name)
def test_every_shipped_mapping_passes(path):
    _mapping, problems = check_mapping_file(path)
    assert problems == [], "\n".join(str(p) for p in problems)
    assert path.stem in dict(mapping_choices())


def test_toml_syntax_errors_give_the_line_and_column():
    [(line, _path, message)] = problems_in(GOOD.replace('name = "Example register"', "name = "))
    assert line == 3
    assert message.startswith("This is not valid TOML: Invalid value")
    _mapping, problems = check_mapping_text(GOOD.replace('"Trial"', "Trial = "))
    assert problems[0].line == 13 and problems[0].column


def test_a_quoted_false_is_not_taken_for_true():
    text = GOOD.replace("required = true", 'required = "false"')
    [(line, path, message)] = problems_in(text)
    assert (line, path) == (7, "fields.title.required")
    assert "must be true or false (without quotes), not the text “false”" in message


def test_misspelt_keys_are_named_with_a_suggestion_and_their_line():
    text = GOOD.replace('default = "unknown"', 'defualt = "unknown"').replace(
        'key = ["ref"]', 'keys = ["ref"]'
    )
    found = problems_in(text)
    assert (4, "source.keys", "Unknown key “keys”; did you mean “key”?") in found
    assert (1, "source", "“key” is required.") in found
    assert (12, "fields.stage.defualt", "Unknown key “defualt”; did you mean “default”?") in found


def test_unknown_collection_stage_and_format_values_are_refused():
    text = GOOD.replace('name = "Example register"', 'name = "x"\ncollection = "inventories"')
    text = text.replace('"Trial" = "pilot"', '"Trial" = "trial"').replace(
        'key = ["ref"]', 'key = ["ref"]\nformat = "ods"'
    )
    found = problems_in(text)
    assert (
        4,
        "source.collection",
        "“inventories” is not one of: story, inventory.",
    ) in found
    assert (6, "source.format", "“ods” is not one of: csv, json, xlsx.") in found
    stage = next(message for line, path, message in found if path == "fields.stage.map.Trial")
    assert "“trial” is not a known stage value" in stage


def test_field_types_targets_and_format_options_are_checked():
    text = GOOD.replace("[source]\n", '[source]\nrecords = "items"\n') + (
        '\n[fields.started_on]\ncolumn = "start"\ntype = "text"\n'
        '\n[fields.uses_personal_data]\ncolumn = "pii"\nmap = { "Y" = "yes" }\n'
        '\n[fields.live]\ncolumn = "published"\n'
        '\n[fields.titel_zh_hant]\ncolumn = "x"\n'
    )
    paths = {path: message for _line, path, message in problems_in(text)}
    assert "its type is “date”" in paths["fields.started_on.type"]
    assert "must be true or false" in paths["fields.uses_personal_data.map.Y"]
    assert "imports may not set" in paths["fields.live"]
    assert "Did you mean “title_zh_hant”?" in paths["fields.titel_zh_hant"]
    assert "applies only when the format is “json”" in paths["source.records"]


def test_load_mapping_refuses_an_invalid_mapping_with_every_problem(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text(GOOD.replace("required = true", 'required = "false"'), encoding="utf-8")
    with pytest.raises(ImportFileError, match=r"line 7, column \d+: fields.title.required"):
        load_mapping(bad)


def test_check_mapping_command_prints_problems_or_ok(tmp_path, capsys):
    call_command("check_mapping", "us-federal-ai-inventory-2024")
    assert capsys.readouterr().out.strip().endswith("us-federal-ai-inventory-2024.toml: OK")
    call_command("check_mapping", "us-federal-2024")  # the source slug works too
    assert "OK" in capsys.readouterr().out

    bad = tmp_path / "bad.toml"
    bad.write_text(GOOD.replace("required = true", 'required = "false"'), encoding="utf-8")
    with pytest.raises(CommandError, match="1 problem in"):
        call_command("check_mapping", str(bad))
    out = capsys.readouterr().out
    assert f"{bad}: line 7, column" in out and "fields.title.required" in out
    with pytest.raises(CommandError, match="No mapping called"):
        call_command("check_mapping", "no-such-mapping")


def test_check_mapping_exits_non_zero_from_the_shell(tmp_path):
    import subprocess
    import sys

    from django.conf import settings

    bad = tmp_path / "bad.toml"
    bad.write_text("[source\n", encoding="utf-8")
    done = subprocess.run(  # noqa: S603 - this interpreter and manage.py
        [sys.executable, "manage.py", "check_mapping", str(bad)],
        cwd=Path(settings.BASE_DIR),
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode != 0
    assert "line 1, column" in done.stdout


@pytest.mark.django_db
def test_the_admin_offers_only_valid_mappings_and_says_what_is_wrong(
    client, editor, tmp_path, monkeypatch
):
    from aiplus.cases.importer import mapping as mappings

    (tmp_path / "good.toml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "broken.toml").write_text(
        GOOD.replace("required = true", 'required = "false"'), encoding="utf-8"
    )
    monkeypatch.setattr(mappings, "MAPPINGS_DIR", tmp_path)
    client.force_login(editor)
    page = client.get("/admin/cases/import/").content.decode()
    assert '<option value="good">Example register</option>' in page
    assert 'value="broken"' not in page
    assert "broken" in page and "fields.title.required" in page
