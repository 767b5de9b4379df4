"""A site's own port when its recorded one has been taken meanwhile: a new port, recorded."""

from __future__ import annotations

import json
import socket
import urllib.request

import pytest
from amplify_sandbox.testing import start_sandbox_process


def site_urls(sandbox) -> dict[str, str]:
    with urllib.request.urlopen(sandbox.endpoint_url + "/_sandbox/status", timeout=10) as answer:
        return {s["name"]: s["local_url"] for s in json.loads(answer.read())["sites"]}


@pytest.mark.slow
def test_a_taken_site_port_is_replaced_and_the_record_updated(tmp_path):
    sandbox = start_sandbox_process(tmp_path)
    blocker = socket.socket()
    try:
        s3 = sandbox.client("s3")
        s3.create_bucket(Bucket="site")
        s3.put_bucket_website(Bucket="site", WebsiteConfiguration={"IndexDocument": {"Suffix": "index.html"}})
        s3.put_bucket_policy(
            Bucket="site",
            Policy=json.dumps(
                {
                    "Version": "2012-10-17",
                    "Statement": [
                        {
                            "Effect": "Allow",
                            "Principal": "*",
                            "Action": "s3:GetObject",
                            "Resource": "arn:aws:s3:::site/*",
                        }
                    ],
                }
            ),
        )
        s3.put_object(Bucket="site", Key="index.html", Body=b"hello", ContentType="text/html")
        first = site_urls(sandbox)["site"]
        sandbox.stop()  # SIGTERM: a clean stop, the snapshot is saved

        blocker.bind(("127.0.0.1", int(first.rsplit(":", 1)[1].strip("/"))))
        blocker.listen(1)
        sandbox = start_sandbox_process(tmp_path)
        second = site_urls(sandbox)["site"]
        assert second != first
        with urllib.request.urlopen(second, timeout=10) as answer:
            assert answer.read() == b"hello"
        recorded = json.loads((tmp_path / "sandbox" / "site-ports.json").read_text())
        assert recorded == {"s3-website:site": int(second.rsplit(":", 1)[1].strip("/"))}
    finally:
        blocker.close()
        sandbox.stop()
