package im.natter.ui.presence;

import atlantafx.base.theme.Styles;
import im.natter.domain.model.Availability;
import im.natter.ui.fx.PresenceLook;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextField;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;

/**
 * The own-presence choice (a small menu showing a coloured dot and the word) and the status message field. The
 * two are separate nodes so the header can place them; both come from here.
 */
public final class PresencePicker {

    private final PresenceViewModel vm;
    private final MenuButton menu = new MenuButton();
    private final TextField message = new TextField();

    public PresencePicker(PresenceViewModel vm) {
        this.vm = vm;
        menu.setId("presence-picker");
        menu.getStyleClass().addAll(Styles.FLAT, Styles.SMALL, "presence-picker");
        for (Availability a : vm.choices()) {
            MenuItem item = new MenuItem(PresenceLook.label(a), dot(a));
            item.setId("presence-" + a.name().toLowerCase(java.util.Locale.ROOT));
            item.setOnAction(e -> vm.choose(a));
            menu.getItems().add(item);
        }
        vm.availabilityProperty().addListener((o, was, now) -> show(now));
        show(vm.availabilityProperty().get());

        message.setId("status-message");
        message.setPromptText("Status message");
        message.getStyleClass().addAll(Styles.SMALL, "status-message");
        message.textProperty().bindBidirectional(vm.messageProperty());
        message.setOnAction(e -> {
            vm.commitMessage();
            menu.requestFocus();
        });
        message.focusedProperty().addListener((o, was, focused) -> {
            if (!focused) {
                vm.commitMessage();
            }
        });
    }

    public MenuButton menu() {
        return menu;
    }

    public TextField messageField() {
        return message;
    }

    private void show(Availability a) {
        menu.setText(PresenceLook.label(a));
        menu.setGraphic(dot(a));
    }

    private static Circle dot(Availability a) {
        Circle c = new Circle(5, Color.web(PresenceLook.colour(a)));
        c.getStyleClass().add("presence-dot");
        return c;
    }
}
