"""Tests for analysis.run.kernel: the project's kernel is registered quiet."""

import json

from analysis.run.kernel import KERNEL_NAME, QUIET, ensure_installed, install


def test_the_kernel_is_registered_under_the_prefix_and_logs_only_errors(tmp_path):
    spec_file = install(prefix=str(tmp_path))
    assert spec_file.parent.name == KERNEL_NAME
    argv = json.loads(spec_file.read_text())["argv"]
    assert argv[-1] == QUIET and "{connection_file}" in argv
    install(prefix=str(tmp_path))
    assert json.loads(spec_file.read_text())["argv"].count(QUIET) == 1


def test_a_missing_kernel_is_registered_before_the_notebooks_run(tmp_path, monkeypatch):
    """A conda environment from environment.yml has no kernel until the runner registers it."""
    from jupyter_client.kernelspec import KernelSpecManager

    assert ensure_installed(prefix=str(tmp_path)) is None  # registered here: nothing to do
    assert not (tmp_path / "share").exists()
    monkeypatch.setattr(KernelSpecManager, "find_kernel_specs", lambda self: {})
    spec_file = ensure_installed(prefix=str(tmp_path))
    assert spec_file == tmp_path / "share" / "jupyter" / "kernels" / KERNEL_NAME / "kernel.json"
