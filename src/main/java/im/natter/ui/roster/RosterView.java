package im.natter.ui.roster;

import atlantafx.base.controls.ToggleSwitch;
import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import im.natter.domain.model.Address;
import im.natter.ui.fx.AvatarView;
import im.natter.ui.fx.FormParts;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The Contacts tab: waiting requests on top, the "hide offline" switch, and the virtualised roster list. */
public final class RosterView extends VBox {

    private final RosterViewModel vm;
    private final ListView<RosterRow> list = new ListView<>();
    private final VBox requestsBox = new VBox(8);
    private final ToggleSwitch hideOffline = new ToggleSwitch("Hide offline contacts");

    public RosterView(RosterViewModel vm) {
        this.vm = vm;
        getStyleClass().add("roster-view");

        requestsBox.setId("subscription-requests");
        requestsBox.getStyleClass().add("requests-box");
        vm.requests().addListener((ListChangeListener<SubscriptionRequestItem>) c -> showRequests());
        showRequests();

        hideOffline.setId("hide-offline");
        hideOffline.selectedProperty().bindBidirectional(vm.hideOfflineProperty());
        hideOffline.getStyleClass().add(Styles.SMALL);
        HBox toggleRow = new HBox(hideOffline);
        toggleRow.setPadding(new Insets(8, 12, 4, 12));
        toggleRow.setAlignment(Pos.CENTER_LEFT);

        Label error = FormParts.errorLine(vm.errorProperty(), "roster-error");
        error.setPadding(new Insets(0, 12, 0, 12));
        error.setOnMouseClicked(e -> vm.clearError());

        list.setId("roster-list");
        list.setItems(vm.rows());
        list.setCellFactory(v -> new RosterCell());
        list.getStyleClass().addAll(Tweaks.EDGE_TO_EDGE, "roster-list");
        Label empty = FormParts.muted("");
        empty.textProperty().bind(vm.emptyTextProperty());
        empty.setPadding(new Insets(24));
        list.setPlaceholder(empty);
        VBox.setVgrow(list, Priority.ALWAYS);
        list.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) {
                openSelected();
            }
        });
        list.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                openSelected();
                e.consume();
            }
        });
        keepSelectionAcrossRebuilds();

        getChildren().addAll(requestsBox, toggleRow, error, list);
    }

    private void openSelected() {
        if (list.getSelectionModel().getSelectedItem() instanceof ContactListItem c) {
            vm.open(c.address());
        }
    }

    /** A presence change rebuilds the rows; the user's selection must survive it. */
    private void keepSelectionAcrossRebuilds() {
        Address[] selected = new Address[1];
        boolean[] restoring = new boolean[1];
        list.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (!restoring[0] && now instanceof ContactListItem c) {
                selected[0] = c.address();
            } else if (!restoring[0] && now instanceof GroupHeader) {
                list.getSelectionModel().clearSelection(); // headings are not choices
            }
        });
        vm.rows().addListener((ListChangeListener<RosterRow>) c -> {
            if (selected[0] == null) {
                return;
            }
            restoring[0] = true;
            try {
                for (int i = 0; i < vm.rows().size(); i++) {
                    if (vm.rows().get(i) instanceof ContactListItem item && item.address().equals(selected[0])) {
                        list.getSelectionModel().select(i);
                        return;
                    }
                }
            } finally {
                restoring[0] = false;
            }
        });
    }

    private void showRequests() {
        requestsBox.getChildren().clear();
        for (SubscriptionRequestItem r : vm.requests()) {
            requestsBox.getChildren().add(requestRow(r));
        }
        requestsBox.setVisible(!vm.requests().isEmpty());
        requestsBox.setManaged(requestsBox.isVisible());
    }

    private Region requestRow(SubscriptionRequestItem r) {
        AvatarView avatar = new AvatarView(34);
        avatar.show(r.from().value(), r.nickname());
        Label who = new Label(r.title());
        who.getStyleClass().add(Styles.TEXT_BOLD);
        who.setMinWidth(0);
        Label what = FormParts.muted("wants to see when you are online");
        VBox texts = new VBox(2, who, what);
        texts.setMinWidth(0);
        HBox.setHgrow(texts, Priority.ALWAYS);
        HBox top = new HBox(10, avatar, texts);
        top.setAlignment(Pos.CENTER_LEFT);
        Button accept = new Button("Accept");
        accept.getStyleClass().addAll(Styles.ACCENT, Styles.SMALL);
        accept.setId("accept-" + cssId(r.from()));
        accept.setOnAction(e -> vm.accept(r.from()));
        Button decline = new Button("Decline");
        decline.getStyleClass().add(Styles.SMALL);
        decline.setId("decline-" + cssId(r.from()));
        decline.setOnAction(e -> vm.decline(r.from()));
        HBox buttons = new HBox(8, decline, accept);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        VBox row = new VBox(8, top, buttons);
        row.getStyleClass().add("request-row");
        return row;
    }

    /** An address as a CSS-safe id part: "zoe@example.org" becomes "zoe-example-org". */
    static String cssId(Address address) {
        return address.value().replaceAll("[^A-Za-z0-9_-]", "-");
    }

    ListView<RosterRow> rosterList() {
        return list;
    }

    ToggleSwitch hideOfflineSwitch() {
        return hideOffline;
    }

    VBox requestsBox() {
        return requestsBox;
    }
}
