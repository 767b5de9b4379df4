"""amplify api: REST APIs on API Gateway (service ``API Gateway``), in Gen 1's file shapes."""

CATEGORY = "api"
REST = "API Gateway"
SERVICES = (REST,)
