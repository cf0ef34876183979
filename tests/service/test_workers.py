"""The query workers: what a worker and the web process load, and which worker answers a chain request."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from multiprocessing.connection import Connection
from pathlib import Path

from unxref.chains.jobs import ChainJob
from unxref.service.workers import Job, QueryPool

ROOT = Path(__file__).parents[2]
HEAVY = ("rdflib", "networkx", "typer", "rich", "fastapi")
COMMAND_LINE = ("typer", "rich")


def send_loaded(connection: Connection) -> None:
    """Run in a spawned process: whether it loaded the command line's packages."""
    connection.send(sorted(name for name in COMMAND_LINE if name in sys.modules))


def test_a_query_worker_loads_no_rdflib_networkx_or_web_stack() -> None:
    imports = "import unxref.service.workers, unxref.location"
    loaded = f"import sys; {imports}; print(sorted(n for n in {HEAVY!r} if n in sys.modules))"
    assert subprocess.run([sys.executable, "-c", loaded], capture_output=True, text=True, check=True).stdout == "[]\n"


def test_the_web_process_loads_neither_rdflib_nor_networkx() -> None:
    loaded = "import sys, unxref.service.app; print([n for n in ('rdflib', 'networkx') if n in sys.modules])"
    assert subprocess.run([sys.executable, "-c", loaded], capture_output=True, text=True, check=True).stdout == "[]\n"


def test_a_process_spawned_by_the_console_script_does_not_import_the_command_line(tmp_path: Path) -> None:
    script = tmp_path / "unxref"  # what pip writes for the console script, then a spawn as the server's
    script.write_text(
        "import multiprocessing\n"
        "from unxref.cli import _main_as_module\n"
        "from tests.service.test_workers import send_loaded\n"
        "if __name__ == '__main__':\n"
        "    _main_as_module()\n"
        "    spawn = multiprocessing.get_context('spawn')\n"
        "    parent, child = spawn.Pipe()\n"
        "    spawn.Process(target=send_loaded, args=(child,)).start()\n"
        "    print(parent.recv())\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, check=True, env=env)
    assert result.stdout == "[]\n"


def test_a_chain_request_goes_to_the_reserved_worker_even_when_another_is_idle(store_path: Path) -> None:
    async def taken() -> tuple[bool, bool]:
        pool = QueryPool(store_path, size=1, reserved=1)
        pool.start()
        try:
            chain = await pool._take(5, ChainJob("A/RES/62/176"), bounded=True)
            query = await pool._take(5, Job("ASK {}"), bounded=True)
            return chain.lane is pool._spare, query.lane is pool._idle
        finally:
            pool.close()

    assert asyncio.run(taken()) == (True, True)
