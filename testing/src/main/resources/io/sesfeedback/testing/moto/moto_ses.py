"""SES as the SES API reference documents it where moto 5.2.1 falls short: imported by moto_dynamodb.py, so that
every moto server the tests fork has it.

moto 5.2.1 stores the topics that SetIdentityNotificationTopic sets, but GetIdentityNotificationAttributes leaves out
BounceTopic, ComplaintTopic and DeliveryTopic, and clearing a topic that was never set answers HTTP 500. SES itself
refuses to turn feedback forwarding off unless both the Bounce and the Complaint topic are set. moto serves the SES v2
identity policy calls but not the v1 ones (PutIdentityPolicy, DeleteIdentityPolicy, ListIdentityPolicies,
GetIdentityPolicies): this launcher adds them on the same store, with the API reference's limits (a verified identity,
a name of at most 64 letters, digits, hyphens and underscores, a policy of at most 4 KB of JSON). It does not
evaluate the policies on a send: SendingPolicy (the tests' evaluator) does, from the documented semantics.

For the circuit breaker it adds the v1 sending switches moto lacks: GetAccountSendingEnabled and
UpdateAccountSendingEnabled (the account's sending in the region, enabled until turned off),
UpdateConfigurationSetSendingEnabled (ConfigurationSetDoesNotExist for a set that does not exist), and the
ReputationOptions that DescribeConfigurationSet returns when ConfigurationSetAttributeNames asks for reputationOptions.
"""
import json
import re

from moto.core.responses import ActionResult, EmptyResult
from moto.ses.exceptions import ConfigurationSetDoesNotExist, InvalidParameterValue
from moto.ses.models import SESBackend
from moto.ses.responses import EmailResponse

NOTIFICATION_TYPES = ("Bounce", "Complaint", "Delivery")


def get_identity_notification_attributes(self, identities):
    response = {}
    for identity in identities:
        config = self.sns_topics.get(identity, {})
        attributes = {
            "ForwardingEnabled": config.get("feedback_forwarding_enabled", True),
            "HeadersInBounceNotificationsEnabled": False,
            "HeadersInComplaintNotificationsEnabled": False,
            "HeadersInDeliveryNotificationsEnabled": False,
        }
        for notification_type in NOTIFICATION_TYPES:
            if config.get(notification_type):
                attributes[notification_type + "Topic"] = config[notification_type]
        response[identity] = attributes
    return response


def set_identity_notification_topic(self, identity, notification_type, sns_topic):
    config = self.sns_topics.setdefault(identity, {})
    if sns_topic:
        config[notification_type] = sns_topic
    else:
        config.pop(notification_type, None)


def set_identity_feedback_forwarding_enabled(self, identity, enabled):
    config = self.sns_topics.setdefault(identity, {})
    if not enabled and not (config.get("Bounce") and config.get("Complaint")):
        raise InvalidParameterValue(
            "Feedback forwarding cannot be disabled until SNS topics are set for both bounces and complaints.")
    config["feedback_forwarding_enabled"] = enabled


POLICY_NAME = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


def _identity_policies(backend, identity):
    if identity not in backend.email_identities:
        raise InvalidParameterValue(f"Identity {identity} is invalid. Must be a verified email address or domain.")
    return backend.email_identities[identity].policies


def put_identity_policy(self):
    identity, name, policy = self._get_param("Identity"), self._get_param("PolicyName"), self._get_param("Policy")
    if not name or not POLICY_NAME.match(name):
        raise InvalidParameterValue(f"Policy name {name} is invalid.")
    if len(policy.encode("utf-8")) > 4096:
        raise InvalidParameterValue("Policy exceeds 4 KB.")
    json.loads(policy)
    _identity_policies(self.backend, identity)[name] = policy
    return EmptyResult()


def delete_identity_policy(self):
    # SES answers success when no policy of that name exists
    _identity_policies(self.backend, self._get_param("Identity")).pop(self._get_param("PolicyName"), None)
    return EmptyResult()


def list_identity_policies(self):
    return ActionResult({"PolicyNames": list(_identity_policies(self.backend, self._get_param("Identity")))})


def get_identity_policies(self):
    policies = _identity_policies(self.backend, self._get_param("Identity"))
    names = self._get_param("PolicyNames") or []
    return ActionResult({"Policies": {name: policies[name] for name in names if name in policies}})


def get_account_sending_enabled(self):
    return ActionResult({"Enabled": getattr(self.backend, "account_sending_enabled", True)})


def update_account_sending_enabled(self):
    self.backend.account_sending_enabled = self._get_bool_param("Enabled", False)
    return EmptyResult()


def _configuration_set(backend, name):
    if name not in backend.config_sets:
        raise ConfigurationSetDoesNotExist(f"Configuration set <{name}> does not exist.")
    return backend.config_sets[name]


def update_configuration_set_sending_enabled(self):
    configuration_set = _configuration_set(self.backend, self._get_param("ConfigurationSetName"))
    configuration_set.v1_sending_enabled = self._get_bool_param("Enabled", False)
    return EmptyResult()


_describe_configuration_set = EmailResponse.describe_configuration_set


def describe_configuration_set(self):
    name = self._get_param("ConfigurationSetName")
    result = _describe_configuration_set(self)
    if "reputationOptions" in (self._get_param("ConfigurationSetAttributeNames") or []):
        configuration_set = _configuration_set(self.backend, name)
        result = ActionResult({**result.result, "ReputationOptions": {
            "SendingEnabled": getattr(configuration_set, "v1_sending_enabled", True),
            "ReputationMetricsEnabled": bool(configuration_set.reputation_options.get("ReputationMetricsEnabled", False))}})
    return result


EmailResponse.get_account_sending_enabled = get_account_sending_enabled
EmailResponse.update_account_sending_enabled = update_account_sending_enabled
EmailResponse.update_configuration_set_sending_enabled = update_configuration_set_sending_enabled
EmailResponse.describe_configuration_set = describe_configuration_set
EmailResponse.put_identity_policy = put_identity_policy
EmailResponse.delete_identity_policy = delete_identity_policy
EmailResponse.list_identity_policies = list_identity_policies
EmailResponse.get_identity_policies = get_identity_policies
SESBackend.get_identity_notification_attributes = get_identity_notification_attributes
SESBackend.set_identity_notification_topic = set_identity_notification_topic
SESBackend.set_identity_feedback_forwarding_enabled = set_identity_feedback_forwarding_enabled
