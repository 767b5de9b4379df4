"""Publishing a distribution folder to the hosting bucket.

Split as chalice splits deploys: :mod:`.scan` lists the local files, :mod:`.remote` lists
the bucket, :mod:`.plan` decides (pure: data in, data out), :mod:`.apply` is the only code
that writes to S3, :mod:`.invalidate` the only code that calls CloudFront.
"""
