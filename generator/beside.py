"""Work on the second core: run one function in a forked copy of this process and take its result later.

A build is mostly Python, and one Python process uses one core; Pagefind, a process of its own, takes
the other core only once the search entries are staged. Until then a forked copy of the build process
can do a step whose inputs are already loaded (similar reviews): it shares the loaded records with its
parent page for page, and sends back only its result.

Forking copies one thread only, so it is done only while the process has a single thread (a command-line
build); in a process with more (the live preview) the function runs in place, as it does when the caller
keeps what the function learns (a session passed in) and when the copy fails for any reason. Either way
the result is the same.

While the copy runs, the objects this process holds at the fork (the loaded records) are frozen out of
Python's cyclic garbage collector (``gc.freeze``, as its documentation advises before a fork): neither
process walks them again, so neither writes to the pages they share, and the build's later collections
skip them. Leaving the ``with`` block gives them back to the collector.
"""

from __future__ import annotations

import gc
import multiprocessing
import threading
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any, Generic, TypeVar

Result = TypeVar("Result")


class Beside(Generic[Result]):
    """A function started in a forked copy of this process (or run in place when that is not safe)."""

    def __init__(self, function: Callable[..., Result], *args: Any, fork: bool = True) -> None:
        """fork=False runs the function in place: what it leaves in memory is wanted afterwards."""
        self.function, self.args = function, args
        self.process: Any = None
        self.receiving: threading.Thread | None = None
        self.received: tuple[bool, Any] = (False, None)  # what the copy sent: (True, result) once it has
        if fork and threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods():
            context = multiprocessing.get_context("fork")
            receiver, sender = context.Pipe(duplex=False)
            self.process = context.Process(target=_run, args=(sender, function, args), daemon=True)
            gc.freeze()  # given back to the collector in __exit__
            self.process.start()
            sender.close()
            # the result is taken as soon as it is sent, so the copy ends then and its memory is freed
            self.receiving = threading.Thread(target=self._receive, args=(receiver,), daemon=True)
            self.receiving.start()

    def _receive(self, receiver: Connection) -> None:
        try:
            self.received = receiver.recv()
        except (EOFError, OSError):  # the copy died or was stopped: the parent computes the result itself
            pass
        finally:
            receiver.close()

    def __enter__(self) -> Beside[Result]:
        return self

    def __exit__(self, *exc: object) -> None:
        """Stop a copy whose result was never taken (the build failed meanwhile); unfreeze the objects."""
        if self.process is not None:
            if self.process.is_alive():
                self.process.terminate()
            self._join()
            gc.unfreeze()

    def _join(self) -> None:
        assert self.receiving is not None
        self.receiving.join()
        self.process.join()

    @property
    def forked(self) -> bool:
        return self.process is not None

    def result(self) -> Result:
        """The function's result: from the copy when it finished, else computed here and now."""
        if self.process is not None:
            self._join()
            ok, value = self.received
            if ok:
                return value
        return self.function(*self.args)


def _run(sender: Connection, function: Callable[..., Any], args: tuple[Any, ...]) -> None:
    """In the copy: send (True, result), or (False, None) when the function failed (the parent then
    runs it itself and reports whatever goes wrong in the usual way)."""
    try:
        value = function(*args)
    except BaseException:  # noqa: BLE001 - the parent runs the function again and reports the failure
        sender.send((False, None))
    else:
        sender.send((True, value))
    finally:
        sender.close()
