"""Tests for analysis.run.kernel: the project's kernel is registered quiet."""

import json

from analysis.run.kernel import KERNEL_NAME, QUIET, install


def test_the_kernel_is_registered_under_the_prefix_and_logs_only_errors(tmp_path):
    spec_file = install(prefix=str(tmp_path))
    assert spec_file.parent.name == KERNEL_NAME
    argv = json.loads(spec_file.read_text())["argv"]
    assert argv[-1] == QUIET and "{connection_file}" in argv
    install(prefix=str(tmp_path))
    assert json.loads(spec_file.read_text())["argv"].count(QUIET) == 1
