package im.natter.ui.room;

import atlantafx.base.theme.Styles;
import im.natter.ui.fx.WrapGuard;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2MZ;

/** An invitation into a room across the top of the main window, with Accept and Decline. */
public final class InvitationBar extends HBox {

    public InvitationBar(InvitationsViewModel vm) {
        super(12);
        setId("invitation-bar");
        getStyleClass().add("invitation-bar");
        getStylesheets().add(InvitationBar.class.getResource("/im/natter/ui/room.css").toExternalForm());
        FontIcon icon = new FontIcon(Material2MZ.MEETING_ROOM);
        icon.getStyleClass().add("invitation-icon");
        Label text = WrapGuard.wrapping(new Label());
        text.setId("invitation-text");
        text.getStyleClass().add("invitation-text");
        text.textProperty().bind(vm.textProperty());
        text.setMaxWidth(Double.MAX_VALUE);
        Label more = new Label();
        more.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        more.textProperty().bind(vm.moreProperty().asString("and %d more"));
        more.visibleProperty().bind(vm.moreProperty().greaterThan(0));
        more.managedProperty().bind(more.visibleProperty());
        Label error = WrapGuard.wrapping(new Label());
        error.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.DANGER);
        error.textProperty().bind(vm.errorProperty());
        error.visibleProperty().bind(vm.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        VBox words = new VBox(2, text, more, error);
        words.setMinWidth(0);
        words.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(words, Priority.ALWAYS);

        Button decline = new Button("Decline");
        decline.setId("invitation-decline");
        decline.getStyleClass().add(Styles.FLAT);
        decline.setOnAction(e -> vm.decline());
        Button accept = new Button("Join");
        accept.setId("invitation-accept");
        accept.getStyleClass().add(Styles.ACCENT);
        accept.setOnAction(e -> vm.accept());
        accept.setDefaultButton(false);
        decline.disableProperty().bind(vm.busyProperty());
        accept.disableProperty().bind(vm.busyProperty());
        decline.setMinWidth(Region.USE_PREF_SIZE);
        accept.setMinWidth(Region.USE_PREF_SIZE);
        getChildren().addAll(icon, words, decline, accept);
        setAlignment(Pos.CENTER_LEFT);
        visibleProperty().bind(vm.currentProperty().isNotNull());
        managedProperty().bind(visibleProperty());
    }
}
