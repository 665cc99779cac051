"""Hatch build hook: put the YASGUI editor (from npm, never committed) into the wheel.

``web/package.json`` and ``web/package-lock.json`` pin @zazuko/yasgui; when ``web/node_modules`` lacks
its build and npm is on the PATH, the hook runs ``npm ci`` there (scripts off). The two built files
and the package's own package.json (its version and licence) go into the wheel as
``uprgraph/data/yasgui/``. Without npm the wheel is built without them and ``uprgraph serve`` offers a
plain query form instead, saying why. A source checkout finds the same files in web/node_modules.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

BUILD = Path("node_modules") / "@zazuko" / "yasgui"
FILES = {"build/yasgui.min.js": "yasgui.min.js", "build/yasgui.min.css": "yasgui.min.css", "package.json": "package.json"}


class YasguiHook(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict) -> None:  # type: ignore[type-arg]
        web = Path(self.root) / "web"
        package = web / BUILD
        if not (package / "build" / "yasgui.min.js").is_file() and (web / "package-lock.json").is_file():
            npm = shutil.which("npm")
            if npm is None:
                print("uprgraph build: npm not found; the wheel will not carry the YASGUI editor", file=sys.stderr)
                return
            subprocess.run([npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund"], cwd=web, check=True)
        if not all((package / source).is_file() for source in FILES):
            print("uprgraph build: the YASGUI build is missing; the wheel will not carry the editor", file=sys.stderr)
            return
        if self.target_name == "wheel" and version != "editable":
            for source, name in FILES.items():
                build_data["force_include"][str(package / source)] = f"uprgraph/data/yasgui/{name}"
