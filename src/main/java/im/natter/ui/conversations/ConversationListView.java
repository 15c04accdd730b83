package im.natter.ui.conversations;

import im.natter.domain.model.ConversationKey;
import im.natter.ui.fx.FirstRows;
import im.natter.ui.fx.FitToRows;
import im.natter.ui.fx.WrapGuard;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The conversation list: newest first, the open one highlighted; choosing a row opens it. Its first rows come a few
 * a frame ({@link FirstRows}); then it follows the conversations as they change.
 */
public final class ConversationListView extends VBox {

    private static final int FIRST_ROWS = 1;
    private static final int MOST_ROWS_PER_FRAME = 6;

    private final ConversationListViewModel vm;
    private final ListView<ConversationListItem> list = rowsList();
    private final FirstRows<ConversationListItem> firstRows;
    private boolean syncing;

    public ConversationListView(ConversationListViewModel vm) {
        this.vm = vm;
        dress(this);
        list.setId("conversation-list");
        firstRows = new FirstRows<>(list, vm.items(), FIRST_ROWS, MOST_ROWS_PER_FRAME,
                () -> showSelected(vm.selectedProperty().get()));
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
        vm.items().addListener((ListChangeListener<ConversationListItem>) c -> showSelected(vm.selectedProperty().get()));
    }

    /**
     * The list of conversation rows as this view shows it (its style, its cells, rows of one height): also the idle
     * warm-up's, which must warm exactly what the real list will need. Makes no node that needs the FX thread.
     */
    static ListView<ConversationListItem> rowsList() {
        ListView<ConversationListItem> rows = new ListView<>();
        rows.getStyleClass().add("conversation-list");
        rows.setCellFactory(lv -> new ConversationCell());
        FitToRows.keep(rows);
        return rows;
    }

    /** Gives {@code box} the look of the pane around the list (its style class and style sheet). */
    static void dress(VBox box) {
        box.getStyleClass().add("conversation-list-view");
        box.getStylesheets().add(ConversationListView.class.getResource("/im/natter/ui/chat.css").toExternalForm());
    }

    /** Whether the first rows have all come, and the list follows the conversations as they change. */
    boolean showsAllRows() {
        return firstRows.isAll();
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
