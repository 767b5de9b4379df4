"""``amplify sandbox …`` through the real ``amplify`` command, in subprocesses."""

from __future__ import annotations

import json
import os
import socket
import stat
import subprocess
import sys
import time
from pathlib import Path

import boto3
import pytest
from amplify_core.testing import AMPLIFY, ProcessResult, run_amplify
from amplify_sandbox.credentials import read_keys
from amplify_sandbox.state import log_path
from amplify_sandbox.testing import fetch_preview


@pytest.fixture
def amplify(tmp_path, monkeypatch):
    """Run ``amplify <args>`` with a private AMPLIFY_HOME and HOME; stops any sandbox it left."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "AMPLIFY_"))}
    env.update(AMPLIFY_HOME=str(tmp_path / "amplify-home"), HOME=str(tmp_path / "home"), CI="true")

    def run(*args: str, extra_env: dict[str, str] | None = None) -> ProcessResult:
        return run_amplify(*args, env={**env, **(extra_env or {})}, timeout=120)

    def stop() -> ProcessResult:
        """``amplify sandbox stop``, asserted clean; a stop that hung shows the server's log
        (the thread dump the server writes after 20 s says where)."""
        stopped = run("sandbox", "stop")
        log = log_path(tmp_path / "amplify-home")
        shown = log.read_text(errors="replace")[-20000:] if log.exists() else "(no log)"
        assert stopped.code == 0 and "stopped" in stopped.out, f"{stopped.err}\n--- server log ---\n{shown}"
        return stopped

    run.home = tmp_path / "home"
    run.env = env
    run.stop = stop
    yield run
    run("sandbox", "stop")


def _non_loopback_address() -> str | None:
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("192.0.2.1", 9))  # no packet is sent: this only picks the outgoing interface
        address = probe.getsockname()[0]
    except OSError:
        return None
    finally:
        probe.close()
    return None if address.startswith("127.") else address


def test_detached_sandbox_runs_hosting_stack_and_previews_it(
    amplify, monkeypatch, hosting_template, stack_params
):
    started = amplify("sandbox", "start", "--detach", "--port", "0")
    assert started.code == 0, started.err
    info = json.loads(amplify("sandbox", "status", "--json").out)
    assert info["running"] is True and info["host"] == "127.0.0.1"
    port = info["port"]
    assert f"http://127.0.0.1:{port}" in started.out

    # The written profile alone leads boto3 to the sandbox (endpoint_url, region, dummy keys).
    written = amplify("sandbox", "env", "--write-profile")
    assert written.code == 0, written.err
    for name in [k for k in os.environ if k.startswith("AWS_")]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(amplify.home / ".aws" / "config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(amplify.home / ".aws" / "credentials"))
    session = boto3.Session(profile_name="amplify-sandbox")
    cfn, s3, cloudfront = (session.client(n) for n in ("cloudformation", "s3", "cloudfront"))

    def spa_rules(template):
        """403 → /index.html too, as our PROD template has: the OAC may only s3:GetObject, so
        the bucket answers a deep link's missing key with 403 (as S3 does)."""
        config = template["Resources"]["CloudFrontDistribution"]["Properties"]["DistributionConfig"]
        config["CustomErrorResponses"].insert(0, {**config["CustomErrorResponses"][0], "ErrorCode": 403})

    cfn.create_stack(
        StackName="hosting",
        TemplateBody=hosting_template(spa_rules),
        Parameters=stack_params(bucketName="acceptance-site"),
    )
    [summary] = cloudfront.list_distributions()["DistributionList"]["Items"]
    behavior = summary["DefaultCacheBehavior"]
    assert (behavior["MinTTL"], behavior["DefaultTTL"], behavior["MaxTTL"]) == (0, 86400, 31536000)
    assert [
        (r["ErrorCode"], r["ResponseCode"], r["ResponsePagePath"])
        for r in summary["CustomErrorResponses"]["Items"]
    ] == [(403, "200", "/index.html"), (404, "200", "/index.html")]

    s3.put_object(Bucket="acceptance-site", Key="index.html", Body=b"<h1>app</h1>", ContentType="text/html")
    status_text = amplify("sandbox", "status").out
    preview_url = f"http://{summary['Id'].lower()}.cloudfront.localhost:{port}/"
    assert preview_url in status_text
    deep = fetch_preview(preview_url + "deep/link")
    assert (deep.status, deep.body, deep.headers["content-type"]) == (200, b"<h1>app</h1>", "text/html")

    cfn.update_stack(
        StackName="hosting",
        TemplateBody=hosting_template(spa_rules),
        Parameters=stack_params(bucketName="acceptance-site", MinTTL=5, DefaultTTL=50, MaxTTL=500),
    )
    behavior = cloudfront.list_distributions()["DistributionList"]["Items"][0]["DefaultCacheBehavior"]
    assert (behavior["MinTTL"], behavior["DefaultTTL"], behavior["MaxTTL"]) == (5, 50, 500)
    cfn.delete_stack(StackName="hosting")
    assert cloudfront.list_distributions()["DistributionList"]["Quantity"] == 0
    assert cloudfront.list_origin_access_controls()["OriginAccessControlList"]["Quantity"] == 0

    again = amplify("sandbox", "start", "--detach", "--port", "0")
    assert again.code == 1 and "already running" in again.err

    amplify.stop()
    assert "not running" in amplify("sandbox", "status").out
    assert json.loads(amplify("sandbox", "status", "--json").out) == {"running": False}
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=2).close()


def test_foreground_sandbox_stops_cleanly_from_another_shell(amplify):
    foreground = subprocess.Popen(
        [AMPLIFY, "sandbox", "start", "--port", "0"],
        env=amplify.env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while '"running": true' not in amplify("sandbox", "status", "--json").out:
            assert foreground.poll() is None and time.monotonic() < deadline, foreground.stderr.read()
            time.sleep(0.1)
        amplify.stop()
        out, _ = foreground.communicate(timeout=30)
    finally:
        if foreground.poll() is None:
            foreground.kill()
    assert foreground.returncode == 0
    assert "Press Ctrl-C to stop" in out and out.rstrip().endswith(
        "Sandbox stopped; its state is saved for the next start."
    )
    assert "not running" in amplify("sandbox", "status").out


def test_sandbox_listens_on_loopback_only(sandbox_server):
    address = _non_loopback_address()
    if address is None:
        pytest.skip("this machine has no non-loopback IPv4 address to try")
    socket.create_connection(("127.0.0.1", sandbox_server.port), timeout=2).close()
    with pytest.raises(OSError):
        socket.create_connection((address, sandbox_server.port), timeout=2).close()


@pytest.mark.parametrize("how", ["--port", "AMPLIFY_SANDBOX_PORT"])
@pytest.mark.parametrize("detach", [True, False])
def test_port_in_use_is_a_clear_error(amplify, how, detach):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        args = ["sandbox", "start", *(["--detach"] if detach else [])]
        if how == "--port":
            result = amplify(*args, "--port", str(port))
        else:
            result = amplify(*args, extra_env={"AMPLIFY_SANDBOX_PORT": str(port)})
    assert result.code == 1
    assert f"Port {port} on 127.0.0.1 is already in use" in result.err
    assert "not running" in amplify("sandbox", "status").out


def test_bad_port_is_a_usage_error(amplify):
    result = amplify("sandbox", "start", "--detach", extra_env={"AMPLIFY_SANDBOX_PORT": "http"})
    assert result.code == 2 and "AMPLIFY_SANDBOX_PORT" in result.err


def test_stop_when_not_running(amplify):
    result = amplify("sandbox", "stop")
    assert (result.code, result.out.strip()) == (0, "The sandbox is not running.")


def test_env_needs_a_running_sandbox(amplify):
    result = amplify("sandbox", "env", extra_env={"AMPLIFY_SANDBOX_PORT": "4999"})
    assert result.code == 1 and result.out == ""
    assert "not running" in result.err and "new keys at each start" in result.err


def test_env_writes_profile_without_touching_the_rest(amplify):
    aws = amplify.home / ".aws"
    aws.mkdir(parents=True)
    (aws / "config").write_text(
        "# my settings\n[default]\nregion = eu-west-1\n\n[profile sbx]\nregion = old\n"
    )
    (aws / "credentials").write_text("[default]\naws_access_key_id = REAL\n")
    port = _free_port()
    assert amplify("sandbox", "start", "--detach", "--port", str(port)).code == 0
    keys = read_keys(Path(amplify.env["AMPLIFY_HOME"]))

    for _ in range(2):  # rewriting replaces the section, never duplicates it
        result = amplify("sandbox", "env", "--profile", "sbx")
        assert result.code == 0, result.err

    config = (aws / "config").read_text()
    assert config.startswith("# my settings\n[default]\nregion = eu-west-1\n")
    assert config.count("[profile sbx]") == 1 and "region = old" not in config
    assert f"endpoint_url = http://127.0.0.1:{port}" in config
    credentials = (aws / "credentials").read_text()
    assert "aws_access_key_id = REAL" in credentials and credentials.count("[sbx]") == 1
    assert f"aws_access_key_id = {keys.access_key_id}" in credentials
    assert stat.S_IMODE((aws / "credentials").stat().st_mode) == 0o600
    assert '"profileName":"sbx"' in result.out and keys.secret_access_key not in result.out


def test_plugin_and_command_modules_import_nothing_heavy():
    code = (
        "import sys, amplify_sandbox.plugin, amplify_sandbox.commands;"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'moto', 'boto3', 'botocore', 'werkzeug'}))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def _free_port() -> int:
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    return port


def _client(amplify, service: str, port: int, **options):
    """A client signing with the keys the sandbox of ``amplify``'s home issued when it started."""
    keys = read_keys(Path(amplify.env["AMPLIFY_HOME"]))
    return boto3.client(
        service,
        endpoint_url=f"http://127.0.0.1:{port}",
        region_name="us-east-1",
        aws_access_key_id=keys.access_key_id,
        aws_secret_access_key=keys.secret_access_key,
        **options,
    )


@pytest.mark.slow
def test_state_survives_stop_and_start_until_fresh_or_reset(amplify, hosting_template, stack_params):
    import pickle

    port = _free_port()
    assert amplify("sandbox", "start", "--detach", "--port", str(port)).code == 0
    cfn, s3 = _client(amplify, "cloudformation", port), _client(amplify, "s3", port)
    stack_id = cfn.create_stack(
        StackName="hosting", TemplateBody=hosting_template(), Parameters=stack_params(bucketName="kept-site")
    )["StackId"]
    s3.put_object(Bucket="kept-site", Key="index.html", Body=b"<h1>kept</h1>", ContentType="text/html")
    [dist] = _client(amplify, "cloudfront", port).list_distributions()["DistributionList"]["Items"]
    site = f"http://{dist['Id'].lower()}.cloudfront.localhost:{port}/"
    assert amplify("sandbox", "env", "--write-profile").code == 0
    old_keys = read_keys(Path(amplify.env["AMPLIFY_HOME"]))
    amplify.stop()
    assert not (Path(amplify.env["AMPLIFY_HOME"]) / "sandbox" / "credentials.json").exists()
    snapshot = Path(amplify.env["AMPLIFY_HOME"]) / "sandbox" / "snapshot.pickle"
    assert stat.S_IMODE(snapshot.stat().st_mode) == 0o600

    # A new start issues new keys: the old ones are refused, the written profile is rewritten
    # (and the start says so), and the state is the one the stop saved.
    restarted = amplify("sandbox", "start", "--detach", "--port", str(port))
    assert restarted.code == 0, restarted.err
    assert "Updated AWS profile(s) with this start's keys: amplify-sandbox" in restarted.out
    new_keys = read_keys(Path(amplify.env["AMPLIFY_HOME"]))
    assert new_keys.access_key_id != old_keys.access_key_id
    assert new_keys.secret_access_key not in restarted.out + restarted.err
    from botocore.exceptions import ClientError

    with pytest.raises(ClientError) as refused:
        cfn.describe_stacks(StackName="hosting")
    assert refused.value.response["Error"]["Code"] == "InvalidClientTokenId"
    credentials = (amplify.home / ".aws" / "credentials").read_text()
    assert (
        f"aws_access_key_id = {new_keys.access_key_id}" in credentials
        and old_keys.access_key_id not in credentials
    )
    cfn, s3 = _client(amplify, "cloudformation", port), _client(amplify, "s3", port)
    [stack] = cfn.describe_stacks(StackName="hosting")["Stacks"]
    assert (stack["StackId"], stack["StackStatus"]) == (stack_id, "CREATE_COMPLETE")
    assert s3.get_object(Bucket="kept-site", Key="index.html")["Body"].read() == b"<h1>kept</h1>"
    page = fetch_preview(site)
    assert (page.status, page.body) == (200, b"<h1>kept</h1>")
    cfn.update_stack(
        StackName="hosting",
        TemplateBody=hosting_template(),
        Parameters=stack_params(bucketName="kept-site", DefaultTTL=60),
    )
    assert cfn.describe_stacks(StackName="hosting")["Stacks"][0]["StackStatus"] == "UPDATE_COMPLETE"
    amplify.stop()

    # --fresh asks first (CI: fails naming --yes, nothing deleted); with --yes it starts empty.
    refused = amplify("sandbox", "start", "--detach", "--fresh", "--port", str(port))
    assert refused.code != 0 and "--yes" in refused.err, refused.err
    assert snapshot.exists()
    assert amplify("sandbox", "start", "--detach", "--fresh", "--yes", "--port", str(port)).code == 0
    cfn, s3 = _client(amplify, "cloudformation", port), _client(amplify, "s3", port)
    assert cfn.describe_stacks()["Stacks"] == []
    s3.create_bucket(Bucket="later")
    emptied = amplify("sandbox", "reset", "--yes")
    assert emptied.code == 0, emptied.err
    assert s3.list_buckets()["Buckets"] == []
    amplify.stop()

    # A snapshot another moto version wrote is refused whole, with the way out.
    snapshot.write_bytes(pickle.dumps({"format": 1, "moto": "0.0.1", "backends": {}}))
    other = amplify("sandbox", "start", "--detach", "--port", str(port))
    assert other.code == 1 and "moto 0.0.1" in other.err and "--fresh" in other.err, other.err


def test_start_with_faults_makes_api_calls_fail_as_aws_would(amplify):
    from botocore.config import Config
    from botocore.exceptions import ClientError

    bad = amplify("sandbox", "start", "--detach", "--faults", "throttle=lots")
    assert bad.code == 2 and "--faults: bad fault 'throttle=lots'" in bad.err, bad.err

    port = _free_port()
    started = amplify("sandbox", "start", "--detach", "--port", str(port), "--faults", "throttle=every2")
    assert started.code == 0, started.err
    no_retries = Config(retries={"total_max_attempts": 1})
    cfn = _client(amplify, "cloudformation", port, config=no_retries)
    outcomes = []
    for _ in range(4):
        try:
            cfn.describe_stacks()
            outcomes.append("ok")
        except ClientError as error:
            outcomes.append(error.response["Error"]["Code"])
    assert outcomes == ["Throttling", "ok", "Throttling", "ok"]
    # The site preview and the status endpoint are never faulted.
    assert all(json.loads(amplify("sandbox", "status", "--json").out)["running"] for _ in range(2))
