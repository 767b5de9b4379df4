"""amplify storage: S3 content buckets and DynamoDB tables, in Gen 1's file shapes."""

CATEGORY = "storage"
S3 = "S3"
DYNAMODB = "DynamoDB"
SERVICES = (S3, DYNAMODB)
