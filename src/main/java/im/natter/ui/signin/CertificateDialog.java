package im.natter.ui.signin;

import atlantafx.base.theme.Styles;
import im.natter.ui.fx.WrapGuard;
import java.time.ZoneId;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Window;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * Asks whether to trust one certificate the server presented. Cancel is the default: the safe answer should be
 * the easy one.
 */
public final class CertificateDialog extends Dialog<ButtonType> {

    static final ButtonType TRUST = new ButtonType("Trust this certificate", ButtonBar.ButtonData.OTHER);

    public CertificateDialog(CertificateViewModel vm, Window owner) {
        initOwner(owner);
        initModality(Modality.WINDOW_MODAL);
        setTitle("Untrusted certificate");
        setHeaderText(null);
        setGraphic(null);

        FontIcon icon = new FontIcon(Material2MZ.SECURITY);
        icon.getStyleClass().add("certificate-icon");
        Label title = new Label(vm.title(), icon);
        title.getStyleClass().add(Styles.TITLE_3);
        title.setGraphicTextGap(10);
        Label explanation = new Label(vm.explanation());
        WrapGuard.wrapping(explanation);

        VBox problems = new VBox(4);
        problems.setId("certificate-problems");
        for (String p : vm.problems()) {
            Label l = new Label("•  " + p);
            WrapGuard.wrapping(l);
            problems.getChildren().add(l);
        }
        problems.getStyleClass().add("error-box");

        GridPane details = new GridPane();
        details.setHgap(16);
        details.setVgap(8);
        details.getColumnConstraints().addAll(new ColumnConstraints(), new ColumnConstraints());
        details.getColumnConstraints().get(1).setHgrow(Priority.ALWAYS);
        row(details, 0, "Issued to", selectable(vm.subject(), "certificate-subject"));
        row(details, 1, "Issued by", selectable(vm.issuer(), "certificate-issuer"));
        row(details, 2, "Valid", selectable(vm.validity(ZoneId.systemDefault()), "certificate-validity"));
        TextArea fingerprint = new TextArea(vm.fingerprintLines());
        fingerprint.setId("certificate-fingerprint");
        fingerprint.setEditable(false);
        fingerprint.setWrapText(false);
        fingerprint.setPrefRowCount(2);
        fingerprint.getStyleClass().add("fingerprint");
        row(details, 3, "SHA-256", fingerprint);

        VBox content = new VBox(14, title, explanation, problems, details);
        content.setPadding(new Insets(20, 24, 8, 24));
        content.setPrefWidth(600);
        getDialogPane().setContent(content);
        getDialogPane().getStyleClass().add("certificate-dialog");
        getDialogPane().getButtonTypes().addAll(TRUST, ButtonType.CANCEL);
        Button trust = (Button) getDialogPane().lookupButton(TRUST);
        trust.setId("certificate-trust");
        trust.setDefaultButton(false);
        trust.getStyleClass().add(Styles.DANGER);
        Button cancel = (Button) getDialogPane().lookupButton(ButtonType.CANCEL);
        cancel.setId("certificate-cancel");
        cancel.setDefaultButton(true);
        if (owner != null && owner.getScene() != null) {
            getDialogPane().getStylesheets().addAll(owner.getScene().getStylesheets());
        }
        setOnHidden(e -> {
            if (getResult() == TRUST) {
                vm.trust();
            } else {
                vm.cancel();
            }
        });
    }

    private static void row(GridPane grid, int row, String caption, javafx.scene.Node value) {
        Label c = new Label(caption);
        c.getStyleClass().add(Styles.TEXT_MUTED);
        GridPane.setValignment(c, javafx.geometry.VPos.TOP);
        c.setPadding(new Insets(4, 0, 0, 0));
        grid.addRow(row, c, value);
    }

    /** Read-only text the user can select and copy, looking like a label. */
    private static javafx.scene.control.TextField selectable(String text, String id) {
        var f = new javafx.scene.control.TextField(text);
        f.setId(id);
        f.setEditable(false);
        f.getStyleClass().add("selectable-label");
        return f;
    }
}
