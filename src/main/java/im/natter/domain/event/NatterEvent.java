package im.natter.domain.event;

/**
 * Everything the services tell the UI. Events carry their payload, so a subscriber never has to ask back.
 */
public sealed interface NatterEvent permits ConnectionChanged, MessageAdded, MessageChanged, ConversationChanged,
        RosterLoaded, ContactChanged, ContactRemoved, PresenceChanged, OwnPresenceChanged, SubscriptionRequested,
        SubscriptionRequestResolved, NoticeRaised, HistorySyncProgress, PeerChatStateChanged, RoomChanged, RoomExited,
        InvitationReceived, BookmarksChanged {

    /**
     * A key under which bursts of this event may be folded into the newest one (e.g. presence storms), or null
     * when every event must be delivered.
     */
    default Object coalesceKey() {
        return null;
    }
}
