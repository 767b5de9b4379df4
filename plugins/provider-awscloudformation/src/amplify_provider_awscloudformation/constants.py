"""Names shared with the Gen 1 CLI, so projects and deployment buckets interoperate."""

PROVIDER_NAME = "awscloudformation"
CACHE_FILE_NAME = "cache.json"
BACKEND_ZIP = "#current-cloud-backend.zip"
META_FILE = "amplify-meta.json"
BACKEND_CONFIG_FILE = "backend-config.json"
ROOT_STACK_FILE = "root-cloudformation-stack.json"
PLACEHOLDER_KEYS = ("<YOUR_ACCESS_KEY_ID>", "<YOUR_SECRET_ACCESS_KEY>")
