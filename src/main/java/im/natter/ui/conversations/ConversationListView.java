package im.natter.ui.conversations;

import im.natter.domain.model.ConversationKey;
import im.natter.ui.fx.FrameShare;
import im.natter.ui.fx.RowPace;
import im.natter.ui.fx.WrapGuard;
import javafx.animation.AnimationTimer;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The conversation list: newest first, the open one highlighted; choosing a row opens it.
 *
 * <p>Its first rows come a few a frame (one, then more while frames stay short: {@link RowPace}), since a row's first
 * styling in a fresh JVM is dear and a whole screenful in one frame would stall it; once all are shown the list
 * follows the conversations as they change.
 */
public final class ConversationListView extends VBox {

    private static final int FIRST_ROWS = 1;
    private static final int MOST_ROWS_PER_FRAME = 6;

    private final ConversationListViewModel vm;
    private final ListView<ConversationListItem> list = new ListView<>();
    /** The rows shown while they come a few a frame; the list shows the view model's items once all have come. */
    private final ObservableList<ConversationListItem> firstRows = FXCollections.observableArrayList();
    private final RowPace rowPace = new RowPace(FIRST_ROWS, MOST_ROWS_PER_FRAME);
    private final AnimationTimer growing = new AnimationTimer() {
        @Override
        public void handle(long now) {
            rowPace.pulse(now);
            if (laidOut && !vm.items().isEmpty() && FrameShare.take(now)) {
                growRows();
            }
        }
    };
    private boolean allRows;
    /** The list has been laid out in a window, so that its first row gets a frame of its own. */
    private boolean laidOut;
    private boolean syncing;

    public ConversationListView(ConversationListViewModel vm) {
        this.vm = vm;
        getStyleClass().add("conversation-list-view");
        getStylesheets().add(ConversationListView.class.getResource("/im/natter/ui/chat.css").toExternalForm());
        list.setId("conversation-list");
        list.getStyleClass().add("conversation-list");
        list.setItems(firstRows);
        list.setCellFactory(lv -> new ConversationCell());
        var empty = new Label("No conversations yet.\nStart one from your contacts.");
        empty.getStyleClass().add("conversations-empty");
        WrapGuard.wrapping(empty);
        list.setPlaceholder(empty);
        VBox.setVgrow(list, Priority.ALWAYS);

        var error = new Label();
        error.getStyleClass().add("conversations-error");
        WrapGuard.wrapping(error);
        error.textProperty().bind(vm.loadErrorProperty());
        error.visibleProperty().bind(vm.loadErrorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        getChildren().addAll(error, list);

        list.getSelectionModel().selectedItemProperty().addListener((obs, old, item) -> {
            if (!syncing && item != null && !item.key().equals(vm.selectedProperty().get())) {
                vm.open(item.key());
            }
        });
        vm.selectedProperty().addListener((obs, old, key) -> showSelected(key));
        // a new or re-sorted row must not lose (or steal) the highlight
        vm.items().addListener((ListChangeListener<ConversationListItem>) c -> {
            showSelected(vm.selectedProperty().get());
            growIfShown();
        });
        sceneProperty().addListener((obs, old, scene) -> {
            laidOut = false;
            growIfShown();
        });
    }

    @Override
    protected void layoutChildren() {
        super.layoutChildren();
        laidOut = true;
    }

    private void growIfShown() {
        if (allRows || getScene() == null || vm.items().isEmpty()) {
            growing.stop();
        } else {
            growing.start();
        }
    }

    private void growRows() {
        int all = vm.items().size();
        if (all == 0) {
            return;
        }
        int next = firstRows.size() + rowPace.next();
        if (next < all) {
            firstRows.setAll(vm.items().subList(0, next));
            showSelected(vm.selectedProperty().get());
            return;
        }
        allRows = true;
        growing.stop();
        list.setItems(vm.items());
        firstRows.clear();
        showSelected(vm.selectedProperty().get());
    }

    /** Whether the first rows have all come, and the list follows the conversations as they change. */
    boolean showsAllRows() {
        return allRows;
    }

    ListView<ConversationListItem> listView() {
        return list;
    }

    private void showSelected(ConversationKey key) {
        syncing = true;
        try {
            var current = list.getSelectionModel().getSelectedItem();
            if (key == null) {
                list.getSelectionModel().clearSelection();
                return;
            }
            if (current != null && current.key().equals(key)) {
                return;
            }
            var items = list.getItems();
            for (int i = 0; i < items.size(); i++) {
                if (items.get(i).key().equals(key)) {
                    list.getSelectionModel().select(i);
                    list.scrollTo(i);
                    return;
                }
            }
            list.getSelectionModel().clearSelection();
        } finally {
            syncing = false;
        }
    }
}
