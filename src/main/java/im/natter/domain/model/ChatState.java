package im.natter.domain.model;

/** XEP-0085 chat states: how present someone is in a conversation right now. */
public enum ChatState {
    /** Taking part: the chat is open and looked at. */
    ACTIVE,
    /** Typing a message. */
    COMPOSING,
    /** Was typing and stopped for a moment. */
    PAUSED,
    /** Not looking at the chat for a while. */
    INACTIVE,
    /** Closed the chat. */
    GONE
}
