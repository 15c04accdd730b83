package im.natter.xmpp.chat;

import org.jivesoftware.smack.packet.StanzaError;

/** Says in plain words why the server bounced a stanza. */
public final class StanzaErrors {

    private StanzaErrors() {
    }

    public static String describe(StanzaError error) {
        if (error == null) {
            return "The server could not deliver the message.";
        }
        String words = switch (error.getCondition()) {
            case item_not_found, recipient_unavailable -> "That address does not exist or cannot be reached.";
            case remote_server_not_found -> "The recipient's server could not be found.";
            case remote_server_timeout -> "The recipient's server did not answer in time.";
            case service_unavailable -> "The recipient cannot receive this message right now.";
            case forbidden, not_allowed, not_authorized -> "The server did not allow this message.";
            case policy_violation -> "The message breaks a rule of the server.";
            case resource_constraint -> "The server is too busy to take the message.";
            case not_acceptable, bad_request -> "The server did not accept the message.";
            case jid_malformed -> "The address is not valid.";
            case subscription_required, registration_required -> "The recipient does not accept messages from you.";
            case gone, redirect -> "That address has moved.";
            case internal_server_error -> "The server had an internal problem delivering the message.";
            default -> "The server could not deliver the message (" + error.getCondition() + ").";
        };
        String text = error.getDescriptiveText();
        return text == null || text.isBlank() ? words : words + " The server said: " + text.strip();
    }
}
