"""moto_server, with SES identity notification attributes as the SES API reference documents them.

python3 moto_ses.py -H 127.0.0.1 -p PORT

moto 5.2.1 stores the topics that SetIdentityNotificationTopic sets, but GetIdentityNotificationAttributes leaves out
BounceTopic, ComplaintTopic and DeliveryTopic, and clearing a topic that was never set answers HTTP 500. SES itself
refuses to turn feedback forwarding off unless both the Bounce and the Complaint topic are set. This launcher closes
those three gaps and changes nothing else.
"""
import sys

from moto.server import main
from moto.ses.exceptions import InvalidParameterValue
from moto.ses.models import SESBackend

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


SESBackend.get_identity_notification_attributes = get_identity_notification_attributes
SESBackend.set_identity_notification_topic = set_identity_notification_topic
SESBackend.set_identity_feedback_forwarding_enabled = set_identity_feedback_forwarding_enabled

if __name__ == "__main__":
    main(sys.argv[1:])
