"""The object the core calls for the hosting category (``ctx.category("hosting")``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from amplify_core.plugin import Category, PublishOptions, PublishResult

from . import CATEGORY, SERVICE


class HostingCategory(Category):
    """Service ``S3AndCloudFront``: one resource per project, named after the service."""

    def frontend_outputs(self, resource_name: str, resource: dict[str, Any]) -> dict[str, Any]:
        """``aws_content_delivery_bucket``, ``…_bucket_region`` and ``…_url`` (the Gen 1 keys)."""
        output = resource.get("output") or {}
        keys: dict[str, Any] = {}
        if output.get("HostingBucketName"):
            keys["aws_content_delivery_bucket"] = output["HostingBucketName"]
        if output.get("Region"):
            keys["aws_content_delivery_bucket_region"] = output["Region"]
        url = output.get("CloudFrontSecureURL") or output.get("WebsiteURL")
        if url:
            keys["aws_content_delivery_url"] = url
        return keys

    def publish(
        self, resource_name: str, resource: dict[str, Any], dist_dir: Path, options: PublishOptions
    ) -> PublishResult:
        """Upload ``dist_dir`` to the resource's bucket; returns the URL and what was uploaded."""
        from amplify_core.plugin import path_in_project

        from .publish.run import publish_resource

        folder = path_in_project(self.context.project.root, Path(dist_dir), key="DistributionDir")
        return publish_resource(self.context, resource_name, resource, folder, options)


__all__ = ["HostingCategory", "CATEGORY", "SERVICE"]
