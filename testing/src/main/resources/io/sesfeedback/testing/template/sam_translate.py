"""A SAM template through the Serverless transform, offline: the CloudFormation template that a deploy would create.

python3 sam_translate.py TEMPLATE OUTPUT CODE_URI [NAME=VALUE ...]

Writes the translated template as JSON to OUTPUT. Each function's local CodeUri becomes an S3 location, as sam deploy
would have uploaded the code: CodeUri "." becomes CODE_URI, a folder such as "functions/" becomes a
key named after it beside CODE_URI (s3://BUCKET/functions.zip). NAME=VALUE are the stack's parameter
values. The region comes from AWS_DEFAULT_REGION, as for the AWS CLI; nothing is asked of AWS.
"""
import json
import sys

from samtranslator.model.exceptions import InvalidDocumentException
from samtranslator.translator.transform import transform
from samtranslator.yaml_helper import yaml_parse


class BundledPoliciesOnly:
    """AWS managed policy names resolve from the list the translator bundles; this fallback, asked for others, has none."""

    def load(self):
        return {}


def s3_location(code, code_uri):
    """CODE_URI for the project's root; for a folder, a key of its own in the same bucket."""
    folder = code.strip("/")
    if folder in ("", "."):
        return code_uri
    return code_uri.rsplit("/", 1)[0] + "/" + folder.replace("/", "-") + ".zip"


def main(template_path, output_path, code_uri, *assignments):
    with open(template_path, encoding="utf-8") as source:
        template = yaml_parse(source.read())
    for resource in template.get("Resources", {}).values():
        properties = resource.get("Properties", {})
        code = properties.get("CodeUri")
        if resource.get("Type") == "AWS::Serverless::Function" and isinstance(code, str) and not code.startswith("s3://"):
            properties["CodeUri"] = s3_location(code, code_uri)
    parameters = dict(assignment.split("=", 1) for assignment in assignments)
    try:
        translated = transform(template, parameters, BundledPoliciesOnly())
    except InvalidDocumentException as invalid:
        sys.exit(" ".join(cause.message for cause in invalid.causes))
    with open(output_path, "w", encoding="utf-8") as output:
        json.dump(translated, output, indent=2)
        output.write("\n")


if __name__ == "__main__":
    main(*sys.argv[1:])
