package im.natter.ui.fx;

import static im.natter.ui.fx.FxCalls.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import im.natter.testsupport.Eventually;
import im.natter.testsupport.display.VirtualDisplayExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.Scene;
import javafx.scene.control.ListView;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith({VirtualDisplayExtension.class, ApplicationExtension.class})
class FirstRowsFxIT {

    private StackPane host;

    @Start
    void start(Stage stage) {
        host = new StackPane();
        stage.setScene(new Scene(host, 300, 240));
        stage.show();
    }

    @Test
    void rowsComeAFewAFrameUntilTheListIsFullThenItShowsTheItemsThemselves(FxRobot robot) {
        ObservableList<String> items = FXCollections.observableArrayList(
                IntStream.range(0, 500).mapToObj(i -> "person " + i).toList());
        ListView<String> list = new ListView<>();
        List<Integer> shownPerLayout = new ArrayList<>();
        Runnable watch = () -> shownPerLayout.add(list.getItems().size());
        @SuppressWarnings("unchecked")
        FirstRows<String>[] rows = new FirstRows[1];
        robot.interact(() -> {
            host.getScene().addPostLayoutPulseListener(watch);
            rows[0] = new FirstRows<>(list, items, 1, 8, () -> { });
            host.getChildren().setAll(list);
        });

        Eventually.until("all rows", () -> onFx(rows[0]::isAll));
        robot.interact(() -> host.getScene().removePostLayoutPulseListener(watch));

        assertThat(shownPerLayout.getFirst()).as("rows in the list's first frame").isZero();
        List<Integer> growing = shownPerLayout.stream().filter(n -> n < items.size()).toList();
        for (int i = 1; i < growing.size(); i++) {
            assertThat(growing.get(i) - growing.get(i - 1)).as("new rows in frame %d", i).isLessThanOrEqualTo(8);
        }
        assertThat(growing).as("the first row alone").contains(1);
        // a 240-pixel list holds about ten rows: it stopped letting rows in long before the 500th
        assertThat(growing.getLast()).isLessThan(40);
        assertThat(list.getItems()).isSameAs(items);

        robot.interact(() -> items.addFirst("newcomer"));
        assertThat(list.getItems().getFirst()).isEqualTo("newcomer");
    }

    @Test
    void aListThatGetsItsItemsLaterLetsThemInTheSameWay(FxRobot robot) {
        ObservableList<String> items = FXCollections.observableArrayList();
        ListView<String> list = new ListView<>();
        @SuppressWarnings("unchecked")
        FirstRows<String>[] rows = new FirstRows[1];
        robot.interact(() -> {
            rows[0] = new FirstRows<>(list, items, 1, 8, () -> { });
            host.getChildren().setAll(list);
        });
        assertThat(onFx(rows[0]::isAll)).as("nothing to show is all there is").isTrue();

        robot.interact(() -> items.setAll("a", "b", "c"));
        Eventually.until("all rows", () -> onFx(() -> rows[0].isAll() && list.getItems() == items));
        assertThat(list.getItems()).containsExactly("a", "b", "c");
    }
}
