package im.natter.ui.connection;

import atlantafx.base.theme.Styles;
import im.natter.domain.model.ConnectionPhase;
import im.natter.domain.model.ConnectionStatus;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.shape.Circle;
import javafx.util.Duration;

/** One line under the header: the connection state, a live reconnect countdown and "Reconnect now". */
public final class ConnectionBar extends HBox {

    private final ConnectionViewModel vm;
    private final Label text = new Label();
    private final Label sync = new Label();
    private final Button reconnect = new Button("Reconnect now");
    private final Circle dot = new Circle(4);
    private final Timeline ticker;

    public ConnectionBar(ConnectionViewModel vm) {
        this.vm = vm;
        setId("connection-bar");
        getStyleClass().add("connection-bar");
        text.setId("connection-text");
        text.getStyleClass().add(Styles.TEXT_SMALL);
        text.setMinWidth(0);
        text.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(text, Priority.ALWAYS);
        dot.getStyleClass().add("connection-dot");
        reconnect.setId("reconnect-now");
        reconnect.getStyleClass().addAll(Styles.SMALL, Styles.FLAT, Styles.ACCENT);
        reconnect.setMinWidth(USE_PREF_SIZE);
        reconnect.visibleProperty().bind(vm.reconnectShownProperty());
        reconnect.managedProperty().bind(reconnect.visibleProperty());
        reconnect.setOnAction(e -> vm.reconnectNow());
        // the archive catch-up, beside the state and never in the way: muted, and gone when done
        sync.setId("sync-text");
        sync.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED, "sync-text");
        sync.setMinWidth(USE_PREF_SIZE);
        sync.textProperty().bind(vm.syncTextProperty());
        sync.visibleProperty().bind(vm.syncTextProperty().isNotEmpty());
        sync.managedProperty().bind(sync.visibleProperty());
        vm.syncProblemProperty().addListener((o, was, problem) ->
                sync.setTooltip(problem ? new Tooltip(vm.syncTextProperty().get()) : null));
        setSpacing(8);
        setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(dot, text, sync, reconnect);

        ticker = new Timeline(new KeyFrame(Duration.millis(250), e -> refresh()));
        ticker.setCycleCount(Animation.INDEFINITE);
        vm.statusProperty().addListener((o, was, now) -> show(now));
        show(vm.statusProperty().get());
    }

    private void show(ConnectionStatus status) {
        getStyleClass().removeIf(c -> c.startsWith("phase-"));
        getStyleClass().add("phase-" + status.phase().name().toLowerCase(java.util.Locale.ROOT));
        String detail = vm.detail();
        text.setTooltip(detail == null ? null : new Tooltip(detail));
        if (status.phase() == ConnectionPhase.RECONNECTING && status.retryAt() != null) {
            ticker.play();
        } else {
            ticker.stop();
        }
        refresh();
    }

    private void refresh() {
        text.setText(vm.text(vm.now()));
    }

    Label stateText() {
        return text;
    }

    Label syncText() {
        return sync;
    }

    Button reconnectButton() {
        return reconnect;
    }
}
