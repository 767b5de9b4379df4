"""Change detection: what a push would do, computed from local files only.

``hashing`` fingerprints a resource, ``status`` compares the backend with the last
successful push, ``plan`` turns that into the data a provider applies, ``diff`` renders
template differences for ``amplify status -v``. Nothing here touches the network or
imports an AWS SDK, so ``amplify status`` stays fast and works offline.
"""
