"""amplify hosting: static sites on Amazon S3 (DEV) or S3 behind CloudFront (PROD).

Service ``S3AndCloudFront``. The entry point is :mod:`amplify_category_hosting.plugin`, which
imports nothing heavy; everything else loads when a hosting command or ``publish`` runs.
"""

SERVICE = "S3AndCloudFront"
CATEGORY = "hosting"
