"""CloudFront API: moto's ``Origin`` drops an origin's ``S3OriginConfig`` and
``OriginAccessControlId``, so ``GetDistributionConfig`` answered without them. They are kept."""

from __future__ import annotations

from typing import Any

from moto.cloudfront.models import Origin


def install() -> None:
    """Wrap ``Origin.__init__`` (once)."""
    if getattr(Origin.__init__, "_amplify_extension", False):
        return
    init = Origin.__init__

    def __init__(self: Origin, origin: dict[str, Any]) -> None:
        init(self, origin)
        # moto's response serializer reads these attribute names; without them the fields vanish.
        if "S3OriginConfig" in origin:
            setattr(self, "s3_origin_config", {"OriginAccessIdentity": self.s3_access_identity or ""})
        setattr(self, "origin_access_control_id", origin.get("OriginAccessControlId", ""))

    __init__._amplify_extension = True  # type: ignore[attr-defined]
    Origin.__init__ = __init__
