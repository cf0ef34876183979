"""Set-up: `make install` asks Debian only for what the machine lacks, one package at a time."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from tests.support import ROOT

SCRIPT = ROOT / "scripts" / "missing-debian-packages"
NEEDS = ["chromium:chromium", "dot:graphviz", "node:nodejs", "npm:npm"]


def missing(tmp_path: Path, present: list[str]) -> list[str]:
    """What the script asks for on a machine whose PATH holds only ``present``."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for command in present:
        tool = bin_dir / command
        tool.write_text("#!/bin/sh\n")
        tool.chmod(0o755)
    env = {**os.environ, "PATH": str(bin_dir)}  # sh runs by its full path; its builtins need no PATH
    result = subprocess.run(["/bin/sh", str(SCRIPT), *NEEDS], capture_output=True, text=True, env=env, check=True)
    return result.stdout.split()


def test_node_with_its_own_npm_asks_for_neither(tmp_path: Path) -> None:
    assert missing(tmp_path, ["node", "npm"]) == ["chromium", "graphviz"]


def test_a_machine_with_everything_asks_for_nothing(tmp_path: Path) -> None:
    assert missing(tmp_path, ["chromium", "dot", "node", "npm"]) == []


def test_a_bare_machine_asks_for_every_package(tmp_path: Path) -> None:
    assert missing(tmp_path, []) == ["chromium", "graphviz", "nodejs", "npm"]


def test_the_makefile_installs_each_package_on_its_own() -> None:
    makefile = (ROOT / "Makefile").read_text()
    assert "scripts/missing-debian-packages $(DEBIAN_NEEDS)" in makefile
    assert (
        "for package in $$missing" in makefile
        and "apt-get install -y -qq --no-install-recommends $$package" in makefile
    )
