"""Wheel build hook: the front-end libraries the service serves go into the wheel.

They are installed from npm (``package-lock.json``) at build time, never committed:
``npm ci`` runs when ``node_modules`` is missing. The list of libraries, and where
each lives in ``node_modules``, is `unxref.config.VENDOR`.
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

ROOT = Path(__file__).parent


def _vendor() -> dict[str, str]:
    spec = importlib.util.spec_from_file_location("unxref_config", ROOT / "src" / "unxref" / "config.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return dict(module.VENDOR)


class VendorHook(BuildHookInterface):  # type: ignore[type-arg]
    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return  # an editable install serves them from node_modules
        modules = ROOT / "node_modules"
        if not modules.is_dir():
            if not shutil.which("npm"):
                raise RuntimeError(
                    "building the wheel needs the front-end libraries: install npm, or run 'make install'"
                )
            subprocess.run(["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund"], cwd=ROOT, check=True)
        for name, folder in _vendor().items():
            source = modules / folder
            if not source.is_dir():
                raise RuntimeError(f"{source} is missing: run 'npm ci' (or 'make install')")
            build_data["force_include"][str(source)] = f"unxref/resources/vendor/{name}"
