"""The object the core calls for the hosting category (``ctx.category("hosting")``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from amplify_core.plugin import Category, PublishOptions, PublishResult

from . import CATEGORY, SERVICE
from .local_site import local_preview_url, local_site_url, sandbox_site_url


class HostingCategory(Category):
    """Service ``S3AndCloudFront``: one resource per project, named after the service."""

    def frontend_outputs(self, resource_name: str, resource: dict[str, Any]) -> dict[str, Any]:
        """``aws_content_delivery_bucket``, ``…_bucket_region`` and ``…_url`` (the Gen 1 keys);
        on the sandbox the URL is the site's loopback one (the AWS names do not resolve there)."""
        output = resource.get("output") or {}
        keys: dict[str, Any] = {}
        if output.get("HostingBucketName"):
            keys["aws_content_delivery_bucket"] = output["HostingBucketName"]
        if output.get("Region"):
            keys["aws_content_delivery_bucket_region"] = output["Region"]
        endpoint = self._sandbox_endpoint(output)
        url = (local_site_url(endpoint, output) if endpoint else None) or _aws_url(output)
        if url:
            keys["aws_content_delivery_url"] = url
        return keys

    def native_outputs(self, resource_name: str, resource: dict[str, Any]) -> dict[str, Any]:
        """A ``hosting.plugins.awsS3AndCloudFrontHostingPlugin`` block (bucket, region, URL) in
        ``amplifyconfiguration.json``, so a native app can link to its own web site. Gen 1 wrote
        none; the Amplify libraries read only the categories they know, so it is harmless."""
        keys = self.frontend_outputs(resource_name, resource)
        if "aws_content_delivery_bucket" not in keys:
            return {}
        block = {name: keys[key] for key, name in _NATIVE_KEYS.items() if key in keys}
        return {"amplifyconfiguration": {"hosting": {"plugins": {"awsS3AndCloudFrontHostingPlugin": block}}}}

    def status_lines(self, resource_name: str, resource: dict[str, Any]) -> list[str]:
        """``Hosting endpoint: <url>``; on the sandbox the site's loopback URL, then its
        ``.localhost`` name for browsers."""
        output = resource.get("output") or {}
        endpoint = self._sandbox_endpoint(output)
        if endpoint is None:
            url = _aws_url(output)
            return [f"Hosting endpoint: {url}"] if url else []
        own, preview = sandbox_site_url(endpoint, output), local_preview_url(endpoint, output)
        lines = [f"Hosting endpoint: {url}" for url in (own or preview,) if url]
        if own and preview:
            lines.append(f"In a browser also: {preview}")
        return lines

    def _sandbox_endpoint(self, output: dict[str, Any]) -> str | None:
        """The project's endpoint when it is local (the sandbox) and the site is deployed."""
        if not (output.get("CloudFrontDistributionID") or output.get("HostingBucketName")):
            return None
        from amplify_core.plugin import AmplifyError

        from .aws import is_local_endpoint, may_have_custom_endpoint, s3_endpoint

        if not may_have_custom_endpoint():
            return None
        try:
            endpoint = s3_endpoint(self.context, self.context.project)
        except AmplifyError:
            return None  # no AWS access configured in this clone: the outputs' own URL
        return endpoint if is_local_endpoint(endpoint) else None

    def publish(
        self, resource_name: str, resource: dict[str, Any], dist_dir: Path, options: PublishOptions
    ) -> PublishResult:
        """Upload ``dist_dir`` to the resource's bucket; returns the URL and what was uploaded."""
        from amplify_core.plugin import path_in_project

        from .publish.run import publish_resource

        folder = path_in_project(self.context.project.root, Path(dist_dir), key="DistributionDir")
        return publish_resource(self.context, resource_name, resource, folder, options)

    def publish_unchanged(
        self, resource_name: str, resource: dict[str, Any], dist_dir: Path, options: PublishOptions
    ) -> PublishResult | None:
        """The no-change publish, proven from the record of the last one (no lock needed)."""
        from amplify_core.plugin import path_in_project

        from .publish.run import publish_if_unchanged

        folder = path_in_project(self.context.project.root, Path(dist_dir), key="DistributionDir")
        return publish_if_unchanged(self.context, resource_name, resource, folder, options)


_NATIVE_KEYS = {
    "aws_content_delivery_bucket": "bucket",
    "aws_content_delivery_bucket_region": "region",
    "aws_content_delivery_url": "url",
}
"""The flat Gen 1 keys and their names in the native ``hosting`` block."""


def _aws_url(output: dict[str, Any]) -> str | None:
    return output.get("CloudFrontSecureURL") or output.get("WebsiteURL")


__all__ = ["HostingCategory", "CATEGORY", "SERVICE"]
