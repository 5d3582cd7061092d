"""A pytest plugin: nbval runs every notebook of a session in one kernel, emptied between them.

``pytest -p analysis.run.nbval_kernel -p nbval --nbval ...`` (``make nbval``).

nbval starts a kernel for each notebook, and each kernel imports pandas, pandera and matplotlib
again, a cost paid seven times over for one check. Here the notebooks share one kernel, and before
each notebook its namespace is emptied (``%reset -f``), its figures closed and its working folder
set to the notebook's, so a name one notebook defined is unknown to the next one, as in a kernel of
its own. What stays is what Python keeps per process: imported modules and their state. A notebook
can only lean on that state to print or write something other than what it does alone, and that is
caught: the committed executed copies and outputs are made by ``make reports`` with a kernel per
notebook, and nbval compares every printed output and the Makefile every written file with them,
byte for byte.

Loading this plugin also loads :mod:`analysis.run`, which keeps nbformat's import cheap; it must
be named before nbval.
"""

import pytest
from nbval.kernel import RunningKernel
from nbval.plugin import IPyNbFile

#: Run in the shared kernel before each notebook's first cell.
EMPTY_KERNEL = """\
%reset -f
import os as _os, sys as _sys
_os.chdir({folder!r})
if "matplotlib.pyplot" in _sys.modules:
    _sys.modules["matplotlib.pyplot"].close("all")
del _os, _sys
"""

#: Seconds allowed for emptying the kernel between notebooks.
EMPTY_TIMEOUT = 60


class SharedKernel:
    """The session's one kernel, started when the first notebook needs it."""

    def __init__(self):
        self.kernel: RunningKernel | None = None

    def ready(self, kernel_name: str, folder: str, startup_timeout: float) -> RunningKernel:
        """The running kernel, emptied and working in ``folder``; a new one if it died.

        Raises:
            RuntimeError: the kernel did not finish emptying itself.
        """
        if self.kernel is None or not self.kernel.is_alive():
            self.kernel = RunningKernel(kernel_name, cwd=folder, startup_timeout=startup_timeout)
        msg_id = self.kernel.execute_cell_input(EMPTY_KERNEL.format(folder=folder), False)
        self.kernel.await_reply(msg_id, timeout=EMPTY_TIMEOUT)
        # Read its messages up to idle, so none of them is taken for the first cell's output.
        self.kernel.await_idle(msg_id, EMPTY_TIMEOUT)
        return self.kernel

    def stop(self) -> None:
        """Shut the kernel down, if it is running."""
        if self.kernel is not None and self.kernel.is_alive():
            self.kernel.stop()
        self.kernel = None


SHARED = SharedKernel()


class NotebookInSharedKernel(IPyNbFile):
    """nbval's notebook collector, taking the shared kernel instead of starting its own."""

    def setup(self):
        """Take the shared kernel, emptied, in this notebook's folder (nbval starts a new one)."""
        option = self.config.option
        if option.nbval_kernel_name is None:
            raise pytest.UsageError("analysis.run.nbval_kernel needs --nbval-kernel-name")
        self.kernel = SHARED.ready(
            option.nbval_kernel_name, str(self.path.parent), option.nbval_kernel_startup_timeout
        )
        self.setup_sanitize_files()

    def teardown(self):
        """Leave the kernel running for the next notebook (the session's end stops it)."""


@pytest.hookimpl(wrapper=True)
def pytest_collect_file(file_path, parent):
    """Collect nbval's notebooks with :class:`NotebookInSharedKernel` instead."""
    collected = yield
    return [
        NotebookInSharedKernel.from_parent(parent, path=file_path)
        if type(node) is IPyNbFile
        else node
        for node in collected
    ]


def pytest_sessionfinish(session):
    """Stop the shared kernel when the session ends."""
    SHARED.stop()
