"""The model manifest (`manifest.toml`): what each local model is, where its files come from,
and the SHA-256 each final file must have."""

import shutil
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings

from aiplus.ai.exceptions import ManifestError

MANIFEST_PATH = Path(__file__).with_name("manifest.toml")


@dataclass(frozen=True)
class Part:
    """One member of one wheel: `package` (a name from `packages`) and the path inside it."""

    package: str
    member: str


@dataclass(frozen=True)
class ModelFile:
    path: str
    sha256: str
    size: int
    join: tuple[Part, ...]  # concatenated in this order


@dataclass(frozen=True)
class ModelSpec:
    name: str
    capability: str
    title: str
    version: str
    licence: str
    sets: tuple[str, ...]
    packages: tuple[str, ...]  # pip requirements, "name==version"
    files: tuple[ModelFile, ...]
    context_tokens: int = 0
    dimensions: int = 0
    system_command: str = ""

    def directory(self, models_dir: Path | None = None) -> Path:
        return (models_dir or models_root()) / self.name

    def package_version(self, package: str) -> str:
        for requirement in self.packages:
            name, _, version = requirement.partition("==")
            if name == package:
                return version
        raise ManifestError(detail=f"{self.name}: {package} is not in packages")


def models_root() -> Path:
    return Path(settings.AIPLUS_MODELS_DIR)


def _parse_file(model: str, raw: dict) -> ModelFile:
    try:
        parts = tuple(Part(*item.split(":", 1)) for item in raw["join"])
        sha, size = str(raw["sha256"]).lower(), int(raw["size"])
        path = str(raw["path"])
    except (KeyError, TypeError, ValueError) as error:
        raise ManifestError(detail=f"{model}: {error}") from error
    if len(sha) != 64 or not parts or Path(path).is_absolute() or ".." in Path(path).parts:
        raise ManifestError(detail=f"{model}: bad file entry {path!r}")
    return ModelFile(path=path, sha256=sha, size=size, join=parts)


def parse_manifest(text: str) -> dict[str, ModelSpec]:
    try:
        data = tomllib.loads(text)
        specs = {}
        for raw in data["model"]:
            name = str(raw["name"])
            specs[name] = ModelSpec(
                name=name,
                capability=str(raw["capability"]),
                title=str(raw["title"]),
                version=str(raw["version"]),
                licence=str(raw["licence"]),
                sets=tuple(raw.get("sets", ())),
                packages=tuple(raw.get("packages", ())),
                files=tuple(_parse_file(name, f) for f in raw.get("files", ())),
                context_tokens=int(raw.get("context_tokens", 0)),
                dimensions=int(raw.get("dimensions", 0)),
                system_command=str(raw.get("system_command", "")),
            )
    except (tomllib.TOMLDecodeError, KeyError, TypeError, ValueError) as error:
        raise ManifestError(detail=str(error)) from error
    return specs


@cache
def load_manifest(path: Path = MANIFEST_PATH) -> dict[str, ModelSpec]:
    return parse_manifest(path.read_text(encoding="utf-8"))


def get_spec(name: str) -> ModelSpec:
    try:
        return load_manifest()[name]
    except KeyError as error:
        raise ManifestError(detail=f"unknown model {name!r}") from error


@dataclass(frozen=True)
class FileState:
    path: Path
    present: bool
    size_ok: bool


def file_states(spec: ModelSpec, models_dir: Path | None = None) -> list[FileState]:
    folder = spec.directory(models_dir)
    states = []
    for file in spec.files:
        path = folder / file.path
        present = path.is_file()
        states.append(FileState(path, present, present and path.stat().st_size == file.size))
    return states


def is_installed(spec: ModelSpec, models_dir: Path | None = None) -> bool:
    """Cheap check (presence and size); `verify_model` rehashes."""
    if spec.system_command:
        return shutil.which(spec.system_command) is not None
    return all(state.size_ok for state in file_states(spec, models_dir))
