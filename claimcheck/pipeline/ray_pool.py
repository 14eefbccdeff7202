"""A pool of Ray actors that hands out work and survives the death of some of them.

Each item goes to whichever actor is free (so a slow node takes fewer), results come back in item order. An
actor that dies (its process or its node) is dropped and its item is sent to another; a replacement starts
where the cluster has a free CPU. Ray is not asked to restart actors itself: a restart waits for a CPU
that, with its node gone, may never come, and calls to the actor would wait with it. An item whose worker
died ATTEMPTS times, or a pool left with no actor at all, stops the run with one line.
"""
from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable, Sequence

import ray
from ray.exceptions import (
    ActorUnavailableError,
    LocalRayletDiedError,
    NodeDiedError,
    ObjectLostError,
    OutOfMemoryError,
    RayActorError,
    RayError,
    RayTaskError,
    WorkerCrashedError,
)

from claimcheck.errors import ClaimcheckError

ATTEMPTS = 3  # tries of one item: a batch that kills every worker it meets is the batch's fault, not the nodes'
START_SECONDS = 300  # how long a pool without a live actor waits for one to start (a cluster with no free CPU)
# What a worker's death looks like from here: its actor or process gone (killed, out of memory, its node
# down), or its result lost with its node.
WORKER_DIED = (RayActorError, WorkerCrashedError, OutOfMemoryError, NodeDiedError, LocalRayletDiedError,
               ObjectLostError)
_ANSI = re.compile(r"\x1b\[[0-9;]*m")  # Ray colours the names in its messages


def died(stage: str, exc: BaseException | str) -> ClaimcheckError:
    if getattr(exc, "actor_init_failed", False):
        return ClaimcheckError(f"no Ray worker for {stage} could start: {why(exc)}")
    return ClaimcheckError(f"the Ray worker running {stage} died: {why(exc)}; nothing was written for this batch")


def why(exc: BaseException | str) -> str:
    """Ray's multi-line account of a death, in a few words: for a worker whose start failed, the error it
    raised (its last line, without the exception's name); else the first line and the cause it names."""
    lines = [line.strip() for line in _ANSI.sub("", str(exc)).splitlines() if line.strip()]
    if not lines:
        return type(exc).__name__
    if getattr(exc, "actor_init_failed", False):
        name, colon, message = lines[-1].partition(": ")
        return message if colon and re.fullmatch(r"[\w.]+", name) else lines[-1]
    if isinstance(exc, ActorUnavailableError):  # Ray's words are an RPC error and the actor's id
        return "it stopped answering (its process or its node is gone)"
    cause = next((line for line in lines[1:] if line.lower().startswith("the actor is dead because")), "")
    return " ".join(filter(None, (lines[0], cause)))


class ActorPool:
    """Up to one actor a CPU of the cluster, made by `start()`, each given one item at a time."""

    def __init__(self, start: Callable[[], object]):
        self._start = start
        self.live: list = []
        self._starting: dict = {}  # ready ref -> actor still being made
        self._last_death: BaseException | str = "no Ray worker could be started"

    def grow(self, wanted: int) -> None:
        """Start actors until `wanted` are live or starting, never more than the cluster has CPUs."""
        cpus = int(ray.cluster_resources().get("CPU", 0))
        for _ in range(min(wanted, max(cpus, 1)) - len(self.live) - len(self._starting)):
            self._add()

    def _add(self) -> None:
        actor = self._start()
        self._starting[actor.ready.remote()] = actor

    def _replace(self, actor) -> None:
        """Drop a dead actor and start another if a CPU is free now (a node gone takes its CPUs with it), or
        if none is left (it waits for a CPU: the dead one's may not be given back yet)."""
        if actor in self.live:
            self.live.remove(actor)
        ray.kill(actor, no_restart=True)
        if not (self.live or self._starting) or ray.available_resources().get("CPU", 0) >= 1:
            self._add()

    def map(self, stage: str, method: str, items: Sequence, *args) -> list:
        """`actor.method(item, *args)` for every item, on whichever actor is free; results in item order."""
        results: list = [None] * len(items)
        todo = deque(range(len(items)))
        tries = [0] * len(items)
        running: dict = {}  # result ref -> (item, actor)
        idle = list(self.live)
        while todo or running:
            while todo and idle:
                i, actor = todo.popleft(), idle.pop()
                running[getattr(actor, method).remote(items[i], *args)] = (i, actor)
            if not running and not self._starting:
                raise died(stage, self._last_death)
            # Only a pool with nothing running can wait for ever (on actors the cluster has no CPU for).
            done, _ = ray.wait([*running, *self._starting], num_returns=1,
                               timeout=None if running else START_SECONDS)
            if not done:
                raise ClaimcheckError(f"no Ray worker for {stage} started within {START_SECONDS} s: the cluster has "
                                      f"no CPU free for one (`ray status` shows what holds them)")
            ref = done[0]
            if ref in self._starting:
                actor = self._starting.pop(ref)
                try:
                    ray.get(ref)
                except WORKER_DIED as exc:  # it could not start (on a node that died, or its __init__ failed)
                    self._last_death = exc
                    ray.kill(actor, no_restart=True)
                    continue
                self.live.append(actor)
                idle.append(actor)
                continue
            i, actor = running.pop(ref)
            try:
                results[i] = ray.get(ref)
            except RayTaskError as exc:  # the work itself failed, as it would have here: its own error
                raise own_error(exc) from exc
            except WORKER_DIED as exc:
                self._last_death = exc
                tries[i] += 1
                if tries[i] >= ATTEMPTS:
                    raise died(stage, exc) from None
                self._replace(actor)
                todo.appendleft(i)
                continue
            except RayError as exc:  # Ray itself failed: still one line
                raise ClaimcheckError(f"Ray failed while running {stage}: {why(exc)}") from None
            idle.append(actor)
        return results

    def release(self) -> None:
        """End every actor, started or starting: their CPUs are free for tasks, their memory for the rest."""
        for actor in [*self.live, *self._starting.values()]:
            ray.kill(actor, no_restart=True)
        self.live, self._starting = [], {}


def wait_all(stage: str, refs: Sequence) -> list:
    """The results of Ray tasks, in order; a task whose worker died more often than Ray retries it is one line."""
    try:
        return [ray.get(ref) for ref in refs]
    except RayTaskError as exc:
        raise own_error(exc) from exc
    except WORKER_DIED as exc:
        raise died(stage, exc) from None
    except RayError as exc:  # Ray itself failed: still one line
        raise ClaimcheckError(f"Ray failed while running {stage}: {why(exc)}") from None


def own_error(exc: RayTaskError) -> BaseException:
    """The exception the work raised on its worker (a ClaimcheckError stays one line), not Ray's wrapper with
    the remote traceback in its message."""
    return exc.cause if isinstance(exc.cause, BaseException) else exc
