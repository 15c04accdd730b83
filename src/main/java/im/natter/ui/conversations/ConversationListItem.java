package im.natter.ui.conversations;

import im.natter.domain.model.ConversationKey;
import java.time.Instant;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** One row of the conversation list. Plain properties, no nodes; the view model keeps them current. */
public final class ConversationListItem {

    private final ConversationKey key;
    private final StringProperty name = new SimpleStringProperty(this, "name");
    private final StringProperty preview = new SimpleStringProperty(this, "preview", "");
    private final StringProperty timeText = new SimpleStringProperty(this, "timeText", "");
    private final IntegerProperty unread = new SimpleIntegerProperty(this, "unread");
    private final IntegerProperty mentions = new SimpleIntegerProperty(this, "mentions");
    private final javafx.beans.property.BooleanProperty muted =
            new javafx.beans.property.SimpleBooleanProperty(this, "muted");
    private final ObjectProperty<Instant> lastActivity = new SimpleObjectProperty<>(this, "lastActivity");

    ConversationListItem(ConversationKey key, String name) {
        this.key = key;
        this.name.set(name);
    }

    public ConversationKey key() {
        return key;
    }

    /** The identifier the avatar colour is derived from (XEP-0392: the bare address). */
    public String colourId() {
        return key.peer().value();
    }

    public boolean isRoom() {
        return key.kind() == im.natter.domain.model.ConversationKind.ROOM;
    }

    /** A private conversation with someone in a room. */
    public boolean isRoomPrivate() {
        return key.kind() == im.natter.domain.model.ConversationKind.ROOM_PRIVATE;
    }

    /** Unread messages that name the user (rooms). */
    public ReadOnlyIntegerProperty mentionsProperty() {
        return mentions;
    }

    public int mentions() {
        return mentions.get();
    }

    /** The room asks for no attention (notification level NONE). */
    public javafx.beans.property.ReadOnlyBooleanProperty mutedProperty() {
        return muted;
    }

    public boolean muted() {
        return muted.get();
    }

    void updateRoom(int mentionCount, boolean isMuted) {
        mentions.set(mentionCount);
        muted.set(isMuted);
    }

    public ReadOnlyStringProperty nameProperty() {
        return name;
    }

    public String name() {
        return name.get();
    }

    public ReadOnlyStringProperty previewProperty() {
        return preview;
    }

    public String preview() {
        return preview.get();
    }

    public ReadOnlyStringProperty timeTextProperty() {
        return timeText;
    }

    public ReadOnlyIntegerProperty unreadProperty() {
        return unread;
    }

    public int unread() {
        return unread.get();
    }

    /** When the last message was written, or null for a conversation without messages. */
    public ReadOnlyObjectProperty<Instant> lastActivityProperty() {
        return lastActivity;
    }

    public Instant lastActivity() {
        return lastActivity.get();
    }

    void setName(String value) {
        name.set(value);
    }

    void update(String previewText, String time, int unreadCount, Instant activity) {
        preview.set(previewText);
        timeText.set(time);
        unread.set(unreadCount);
        lastActivity.set(activity);
    }

    @Override
    public String toString() {
        return "ConversationListItem[" + key.peer() + ", unread " + unread.get() + "]";
    }
}
