"""Queries run in worker processes, so they run on every core and can be stopped.

A pyoxigraph query holds the GIL and has no timeout of its own, so the service
never runs one in its own process: each worker opens the on-disk store
read-only (several processes may), takes one job at a time, and writes the
answer in the negotiated format. A job that outlives its timeout has its worker
killed and replaced; the other workers keep serving.

One more worker is kept for the service's own bounded requests (named queries, pages, chain
requests), so that they keep their latency while every other worker runs a client's
long query. Chain requests go only to it: the citation graph they need is the largest
thing a worker holds, and is then held once (the other workers never load networkx).
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import islice
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import TYPE_CHECKING, Any

import pyoxigraph

from unxref.chains.jobs import ChainJob
from unxref.formats import GRAPHS, RESULTS, with_charset
from unxref.remote import Engine, RemoteError
from unxref.service import results
from unxref.service.checks import capped, declares_dataset, readable
from unxref.service.negotiate import NotAcceptable, choose
from unxref.service.pages import PageAnswer, PageJob, page_answer

if TYPE_CHECKING:
    from unxref.location import Location


@dataclass(frozen=True)
class Job:
    query: str
    accept: str | None = None
    format_keys: tuple[str, ...] = ()  # the values of format= (the first that names a format wins)
    base_iri: str | None = None
    default_graphs: tuple[str, ...] | None = None  # None: the union of all graphs
    named_graphs: tuple[str, ...] | None = None
    row_limit: int = 10_000


@dataclass(frozen=True)
class Answer:
    status: int
    media_type: str
    body: bytes
    truncated: bool = False


def _error(status: int, message: str) -> Answer:
    return Answer(status, "text/plain; charset=utf-8", (message.strip() + "\n").encode())


def _dataset(job: Job) -> dict[str, Any]:
    """The protocol's graphs replace the query's dataset; without them the default graph is
    the union of all graphs, unless the query has FROM / FROM NAMED of its own."""
    if job.default_graphs is None and job.named_graphs is None:
        return {"use_default_graph_as_union": not declares_dataset(job.query)}
    return {
        "default_graph": [pyoxigraph.NamedNode(g) for g in job.default_graphs or ()],
        "named_graphs": [pyoxigraph.NamedNode(g) for g in job.named_graphs or ()],
    }


def run_job(store: Engine, job: Job) -> Answer:
    """Run one query and write its answer; errors become 4xx answers, not exceptions."""
    try:
        options = {"base_iri": job.base_iri, **_dataset(job)}
        selected = _capped_select(store, job, options)
        if selected is not None:
            return selected
        return _write(store.query(job.query, **options), job)
    except SyntaxError as error:
        return _error(400, f"query syntax error: {readable(job.query, str(error))}")
    except NotAcceptable as error:
        return _error(406, str(error))
    except RemoteError as error:  # a remote store: its refusal of the query, or its absence
        if error.status == 400:
            return _error(400, f"query failed: {error}")
        return _error(502, f"the store did not answer: {error}")
    except (ValueError, RuntimeError, OSError) as error:
        return _error(400, f"query failed: {error}")


def _capped_select(store: Engine, job: Job, options: dict[str, Any]) -> Answer | None:
    """A SELECT answered by pyoxigraph's own serialiser, cut at the row cap by the engine
    (a second, capped run only when there are more rows than the cap); None for what the
    generic path answers."""
    over = capped(job.query, job.row_limit + 1)
    if over is None:
        return None
    fmt = choose(RESULTS, job.accept, job.format_keys)
    assert fmt.results
    body = _serialized(store.query(over, **options), fmt.results)
    if fmt.key == "xml" and results.needs_escaping_in_xml(body):
        return None  # a carriage return or a control character: the writer that escapes or refuses them
    truncated = results.row_count(body, fmt) > job.row_limit
    if truncated:
        cut = _serialized(store.query(capped(job.query, job.row_limit), **options), fmt.results)  # type: ignore[arg-type]
        body = results.mark_truncated(cut, fmt)
    return Answer(200, with_charset(fmt.media_type), body, truncated)


def _serialized(result: Any, fmt: pyoxigraph.QueryResultsFormat) -> bytes:
    assert isinstance(result, pyoxigraph.QuerySolutions)
    return result.serialize(format=fmt) or b""


def _write(
    result: pyoxigraph.QuerySolutions | pyoxigraph.QueryBoolean | Iterable[pyoxigraph.Triple], job: Job
) -> Answer:
    if isinstance(result, pyoxigraph.QueryBoolean):
        fmt = choose(RESULTS, job.accept, job.format_keys)
        return Answer(200, with_charset(fmt.media_type), result.serialize(format=fmt.results) or b"")
    if isinstance(result, pyoxigraph.QuerySolutions):
        fmt = choose(RESULTS, job.accept, job.format_keys)
        variables = [v.value for v in result.variables]
        rows = [list(solution) for solution in islice(result, job.row_limit + 1)]
        truncated = len(rows) > job.row_limit
        rows = rows[: job.row_limit]
        body = results.write_select(variables, rows, fmt, truncated)
        return Answer(200, with_charset(fmt.media_type), body, truncated)
    fmt = choose(GRAPHS, job.accept, job.format_keys)
    triples = list(islice(result, job.row_limit + 1))
    truncated = len(triples) > job.row_limit
    triples = triples[: job.row_limit]
    return Answer(200, with_charset(fmt.media_type), results.write_triples(triples, fmt, truncated), truncated)


def _worker(location: Location, connection: Connection) -> None:
    from unxref.location import open_read

    store = open_read(location)
    while True:
        try:
            job = connection.recv()
        except EOFError:
            return
        if isinstance(job, Job):
            connection.send(run_job(store, job))
        elif isinstance(job, PageJob):
            connection.send(_page(store, job))
        else:
            connection.send(_chain_answer(location, job))


def _page(store: Engine, job: PageJob) -> PageAnswer | Answer:
    try:
        return page_answer(store, job)
    except RemoteError as error:
        return _error(502, f"the store did not answer: {error}")
    except Exception as error:  # a bug or odd data: one 500, not a worker to start again
        return _error(500, f"the page of {job.iri} could not be read: {type(error).__name__}: {error}")


def _chain_answer(location: Location, job: ChainJob) -> Answer:
    from unxref.chains import requests  # networkx and the graph: in the worker that answers chains

    try:
        return Answer(*requests.answer(location, job))
    except RemoteError as error:  # the citation graph could not be read from a remote store
        return _error(502, f"the store did not answer: {error}")


def _settle(future: asyncio.Future[None]) -> None:
    if not future.done():
        future.set_result(None)


@dataclass
class _Worker:
    process: BaseProcess
    connection: Connection
    lane: asyncio.Queue[_Worker]  # where it waits when idle


@dataclass
class QueryPool:
    """A fixed number of worker processes over one read-only store: ``size`` for any query,
    ``reserved`` more for the service's own bounded requests."""

    location: Location
    size: int = 2
    reserved: int = 1
    _idle: asyncio.Queue[_Worker] = field(default_factory=asyncio.Queue)
    _spare: asyncio.Queue[_Worker] = field(default_factory=asyncio.Queue)  # the reserved workers, idle
    _workers: list[_Worker] = field(default_factory=list)
    _context: multiprocessing.context.SpawnContext = field(default_factory=lambda: multiprocessing.get_context("spawn"))

    def start(self) -> None:
        """Spawn the workers (once: a pool the caller started early is not started again)."""
        if self._workers:
            return
        for _ in range(self.size):
            self._idle.put_nowait(self._spawn(self._idle))
        for _ in range(self.reserved):
            self._spare.put_nowait(self._spawn(self._spare))

    def _spawn(self, lane: asyncio.Queue[_Worker]) -> _Worker:
        parent, child = self._context.Pipe()
        process = self._context.Process(target=_worker, args=(self.location, child), daemon=True)
        process.start()
        child.close()
        worker = _Worker(process, parent, lane)
        self._workers.append(worker)
        return worker

    async def _take(self, timeout: float, job: Job | ChainJob | PageJob, bounded: bool) -> _Worker:
        """An idle worker: a chain request waits for a reserved one (where the citation graph
        is); another bounded request takes a general one if one is idle, else a reserved one."""
        chain = isinstance(job, ChainJob)
        if self.reserved and (chain or (bounded and self._idle.empty())):
            return await asyncio.wait_for(self._spare.get(), timeout)
        return await asyncio.wait_for(self._idle.get(), timeout)

    async def run(self, job: Job | ChainJob, timeout: float, bounded: bool = False) -> Answer:
        """Run a job within ``timeout`` seconds; ``bounded``: one of the service's own requests
        (a named query, a chain), which may use the reserved workers."""
        answer: Answer = await self._exchange(job, timeout, bounded)
        return answer

    async def page(self, job: PageJob, timeout: float) -> PageAnswer | Answer:
        """A page read within ``timeout`` seconds (one of the service's own requests), or the
        `Answer` that says why not."""
        reply: PageAnswer | Answer = await self._exchange(job, timeout, bounded=True)
        return reply

    async def _exchange(self, job: Job | ChainJob | PageJob, timeout: float, bounded: bool) -> Any:
        """What the worker sends back for the job, or an error `Answer`."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        try:
            worker = await self._take(timeout, job, bounded)
        except TimeoutError:
            return _error(503, f"every query worker stayed busy for {timeout:g} s; try again later")
        ready: asyncio.Future[None] = loop.create_future()
        fd = worker.connection.fileno()
        try:
            worker.connection.send(job)  # before add_reader, which makes the pipe non-blocking
            loop.add_reader(fd, _settle, ready)
            await asyncio.wait_for(ready, max(0.0, deadline - loop.time()))
            loop.remove_reader(fd)
            os.set_blocking(fd, True)  # the event loop made it non-blocking; the answer is on its way
            reply = worker.connection.recv()
        except asyncio.CancelledError:  # the client went away mid-query: stop it
            loop.remove_reader(fd)
            self._replace(worker)
            raise
        except (TimeoutError, EOFError, OSError) as error:
            loop.remove_reader(fd)
            self._replace(worker)
            if isinstance(error, TimeoutError):
                return _error(503, f"the query ran longer than its timeout of {timeout:g} s and was stopped")
            return _error(500, f"the query worker died ({error!r}); it has been restarted")
        worker.lane.put_nowait(worker)
        return reply

    def _replace(self, worker: _Worker) -> None:
        worker.process.kill()
        worker.process.join()
        worker.connection.close()
        self._workers.remove(worker)
        worker.lane.put_nowait(self._spawn(worker.lane))

    def close(self) -> None:
        for worker in self._workers:
            worker.connection.close()
            worker.process.join(timeout=2)
            if worker.process.is_alive():
                worker.process.kill()
        self._workers.clear()
