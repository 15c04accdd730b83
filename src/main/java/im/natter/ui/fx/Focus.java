package im.natter.ui.fx;

import javafx.application.Platform;
import javafx.scene.Node;

/** Puts the keyboard focus on a node once it is in a showing scene. */
public final class Focus {

    private Focus() {
    }

    public static void whenShown(Node node) {
        if (node.getScene() != null) {
            Platform.runLater(node::requestFocus);
            return;
        }
        node.sceneProperty().addListener(new javafx.beans.value.ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends javafx.scene.Scene> o,
                    javafx.scene.Scene was, javafx.scene.Scene now) {
                if (now != null) {
                    node.sceneProperty().removeListener(this);
                    Platform.runLater(node::requestFocus);
                }
            }
        });
    }
}
