package im.natter.service;

/** The user's message was not accepted (empty, too long); the text says why, in words for the user. */
public final class MessageRejectedException extends RuntimeException {

    public MessageRejectedException(String userMessage) {
        super(userMessage);
    }
}
