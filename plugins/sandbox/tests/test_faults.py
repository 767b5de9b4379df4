"""The fault-injecting proxy produces the faults AWS clients must survive, as AWS shapes them."""

from __future__ import annotations

import pytest
from amplify_sandbox.faults import Fault, parse_faults
from botocore.config import Config
from botocore.exceptions import ClientError, ConnectionClosedError, EndpointConnectionError

NO_RETRY = Config(retries={"total_max_attempts": 1, "mode": "standard"})


def _client(service: str, proxy, sandbox_server, config: Config = NO_RETRY):
    return sandbox_server.client(service, endpoint_url=proxy.url, config=config)


def test_throttle_answers_in_each_protocol(sandbox_fault_proxy, sandbox_server):
    sandbox_fault_proxy.inject(Fault("throttle", times=2))
    with pytest.raises(ClientError) as cfn:
        _client("cloudformation", sandbox_fault_proxy, sandbox_server).list_stacks()
    assert cfn.value.response["Error"]["Code"] == "Throttling"
    with pytest.raises(ClientError) as s3:
        _client("s3", sandbox_fault_proxy, sandbox_server).list_buckets()
    assert s3.value.response["Error"]["Code"] == "SlowDown"
    # times=2 used up: the next call goes through
    _client("s3", sandbox_fault_proxy, sandbox_server).list_buckets()


def test_standard_retries_survive_a_burst_that_no_retry_does_not(sandbox_fault_proxy, sandbox_server):
    sandbox_fault_proxy.inject(*parse_faults("throttle=every10x5"))
    retrying = Config(retries={"total_max_attempts": 10, "mode": "standard"})
    _client("s3", sandbox_fault_proxy, sandbox_server, retrying).list_buckets()  # 5 throttles, then 200
    assert len(sandbox_fault_proxy.requests) == 6


def test_drop_response_runs_upstream_but_loses_the_answer(sandbox_fault_proxy, sandbox_server):
    sandbox_fault_proxy.inject(Fault("drop_response", match=lambda s: s.method == "PUT", times=1))
    s3 = _client("s3", sandbox_fault_proxy, sandbox_server)
    with pytest.raises((ConnectionClosedError, EndpointConnectionError)):
        s3.create_bucket(Bucket="made-despite-lost-answer")
    names = [b["Name"] for b in sandbox_server.client("s3").list_buckets()["Buckets"]]
    assert "made-despite-lost-answer" in names


def test_reset_never_reaches_upstream(sandbox_fault_proxy, sandbox_server):
    sandbox_fault_proxy.inject(Fault("reset", match=lambda s: s.method == "PUT", times=1))
    with pytest.raises((ConnectionClosedError, EndpointConnectionError)):
        _client("s3", sandbox_fault_proxy, sandbox_server).create_bucket(Bucket="never-made")
    names = [b["Name"] for b in sandbox_server.client("s3").list_buckets()["Buckets"]]
    assert "never-made" not in names


@pytest.mark.parametrize(
    "spec", ["throttle", "throttle=5", "explode=10%", "latency=every3", "drop_response=5ms"]
)
def test_bad_fault_specs_name_the_part(spec):
    with pytest.raises(ValueError, match="bad fault|unknown fault"):
        parse_faults(spec)


def test_a_throttled_request_does_not_use_up_a_gate(sandbox_fault_proxy, sandbox_server):
    sandbox_fault_proxy.inject(Fault("throttle", times=1))
    gate = sandbox_fault_proxy.hold(lambda seen: seen.method == "GET")
    gate.release()  # let the forwarded request through without waiting
    s3 = _client("s3", sandbox_fault_proxy, sandbox_server)
    with pytest.raises(ClientError):
        s3.list_buckets()  # throttled: never reaches the sandbox
    assert not gate.used
    s3.list_buckets()
    assert gate.used and gate.arrived.is_set()


def test_fault_spec_forms():
    rate, every, burst, latency = parse_faults(
        "throttle=10%,drop_response=every20,reset=every10x5,latency=50ms"
    )
    assert (rate.kind, rate.rate) == ("throttle", 0.1)
    assert (every.kind, every.every, every.burst) == ("drop_response", 20, 1)
    assert (burst.every, burst.burst) == (10, 5)
    assert (latency.kind, latency.seconds) == ("latency", 0.05)


def test_a_kept_alive_connection_pays_the_handshake_once(sandbox_fault_proxy, sandbox_server):
    sandbox_fault_proxy.connect_delay = 0.05
    sandbox_fault_proxy.inject(Fault("latency", seconds=0.02))
    s3 = _client("s3", sandbox_fault_proxy, sandbox_server)
    before = sandbox_fault_proxy.connections
    for _ in range(5):
        s3.list_buckets()
    assert sandbox_fault_proxy.connections - before == 1  # one handshake, five requests
    assert sandbox_fault_proxy.peak_in_flight == 1
