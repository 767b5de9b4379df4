"""CloudFront invalidations: moto marks one ``COMPLETED`` (upper case) at once, a status
CloudFront never reports, so botocore's ``invalidation_completed`` waiter (which waits for
``Completed``) never ends. Here, as in CloudFront, an invalidation is ``InProgress`` when
created and ``Completed`` from the first time it is read back (the sandbox's caches are
cleared at once, so that is the soonest a client could observe it)."""

from __future__ import annotations

from typing import Any

from moto.cloudfront.models import CloudFrontBackend, Invalidation


def install() -> None:
    if getattr(Invalidation.__init__, "_amplify_extension", False):
        return
    init = Invalidation.__init__
    get = CloudFrontBackend.get_invalidation
    listed = CloudFrontBackend.list_invalidations

    def __init__(self: Invalidation, *args: Any, **kwargs: Any) -> None:
        init(self, *args, **kwargs)
        self.status = "InProgress"

    def get_invalidation(self: CloudFrontBackend, dist_id: str, id: str) -> Invalidation:
        invalidation = get(self, dist_id, id)
        invalidation.status = "Completed"
        return invalidation

    def list_invalidations(self: CloudFrontBackend, *args: Any, **kwargs: Any) -> Any:
        for invalidation in self.invalidations.get(kwargs.get("dist_id", args[0] if args else ""), []):
            invalidation.status = "Completed"
        return listed(self, *args, **kwargs)

    __init__._amplify_extension = True  # type: ignore[attr-defined]
    Invalidation.__init__ = __init__
    CloudFrontBackend.get_invalidation = get_invalidation
    setattr(CloudFrontBackend, "list_invalidations", list_invalidations)
