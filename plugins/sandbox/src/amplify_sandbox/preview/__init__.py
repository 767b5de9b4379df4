"""Site preview: hosted sites served from the sandbox as S3 website hosting and CloudFront would.

moto stores website configurations and distributions but serves neither; this package reads
moto's in-process backends and answers browser requests with the rules of the real services.
The URL scheme is in :mod:`.routes`, the rules in :mod:`.website` and :mod:`.cloudfront`.
"""
