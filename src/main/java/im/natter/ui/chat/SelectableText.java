package im.natter.ui.chat;

import im.natter.ui.fx.WrapGuard;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.geometry.NodeOrientation;
import javafx.geometry.Orientation;
import javafx.geometry.Point2D;
import javafx.scene.Cursor;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.ContextMenuEvent;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Region;
import javafx.scene.shape.Path;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

/**
 * Wrapped message text the user can select with the mouse and copy (Ctrl+C or the context menu), with
 * clickable links. A {@link TextFlow} of plain {@link Text} nodes, far lighter than a read-only text area in each
 * list cell; the selection is drawn from the flow's own range shapes.
 */
final class SelectableText extends Region {

    private static final KeyCombination COPY = KeyCombination.keyCombination("Shortcut+C");
    private static final KeyCombination SELECT_ALL = KeyCombination.keyCombination("Shortcut+A");

    private final TextFlow flow = new TextFlow();
    private final Path highlight = new Path();
    /** The text nodes made so far; the flow shows the first of them, as many as the message needs. */
    private final List<Text> runs = new ArrayList<>();
    /** Made when first asked for: a menu is a window of its own, too dear to make for every row of a list. */
    private ContextMenu menu;
    private MenuItem copyItem;
    private Consumer<String> onLink = target -> { };
    private String plain = "";
    private String wholeMessage = "";
    private int anchor;
    private int caret;

    SelectableText() {
        getStyleClass().add("message-text");
        highlight.getStyleClass().add("selection-highlight");
        highlight.setManaged(false);
        highlight.setMouseTransparent(true);
        getChildren().addAll(highlight, flow);
        setCursor(Cursor.TEXT);
        setFocusTraversable(false);

        addEventHandler(MouseEvent.MOUSE_PRESSED, this::pressed);
        addEventHandler(MouseEvent.MOUSE_DRAGGED, this::dragged);
        addEventHandler(MouseEvent.MOUSE_RELEASED, MouseEvent::consume);
        addEventHandler(KeyEvent.KEY_PRESSED, this::keyPressed);
        addEventHandler(ContextMenuEvent.CONTEXT_MENU_REQUESTED, e -> {
            menu().show(this, e.getScreenX(), e.getScreenY());
            e.consume();
        });
        focusedProperty().addListener((obs, was, is) -> {
            if (!is && (menu == null || !menu.isShowing())) {
                clearSelection();
            }
        });
    }

    private ContextMenu menu() {
        if (menu == null) {
            copyItem = new MenuItem("Copy");
            copyItem.setOnAction(e -> copy());
            var selectAll = new MenuItem("Select all");
            selectAll.setOnAction(e -> selectAll());
            menu = new ContextMenu(copyItem, selectAll);
        }
        copyItem.setText(hasSelection() ? "Copy" : "Copy message");
        return menu;
    }

    void setOnLink(Consumer<String> handler) {
        onLink = handler;
    }

    /**
     * Shows new text. {@code wholeMessage} is what "Copy message" copies (the body may be shown shortened);
     * right-to-left text is laid out from the right. The text nodes are kept and given the new pieces, so a row
     * reused for another message creates nothing; only a longer message adds nodes.
     *
     * @return whether nodes were added or changed their style classes, which then need styling
     */
    boolean setContent(List<TextSegment> segments, boolean rightToLeft, String wholeMessage) {
        this.wholeMessage = wholeMessage;
        clearSelection();
        setNodeOrientation(rightToLeft ? NodeOrientation.RIGHT_TO_LEFT : NodeOrientation.LEFT_TO_RIGHT);
        boolean restyle = false;
        int used = 0;
        if (segments.size() == 1 && !segments.getFirst().isLink()) {
            // the common case: one plain run, cut only when it holds right-to-left letters
            plain = segments.getFirst().text();
            for (String piece : WrapGuard.flowPieces(plain)) {
                restyle |= showRun(used++, piece, null);
            }
        } else {
            StringBuilder all = new StringBuilder();
            for (TextSegment s : segments) {
                all.append(s.text());
                if (s.isLink()) {
                    restyle |= showRun(used++, s.text(), s.target());
                } else {
                    for (String piece : WrapGuard.flowPieces(s.text())) {
                        restyle |= showRun(used++, piece, null);
                    }
                }
            }
            plain = all.toString();
        }
        var shown = flow.getChildren();
        if (shown.size() > used) {
            shown.remove(used, shown.size());
        } else if (shown.size() < used) {
            // the flow shows a prefix of the runs, in order; only the missing ones go in
            shown.addAll(runs.subList(shown.size(), used));
            restyle = true;
        }
        return restyle;
    }

    /** Puts {@code piece} into the run at {@code i}, a link when {@code target} is not null. */
    private boolean showRun(int i, String piece, String target) {
        boolean made = false;
        if (i == runs.size()) {
            Text t = new Text();
            t.getStyleClass().add("message-run");
            t.setOnMouseClicked(e -> {
                if (t.getUserData() instanceof String link && e.getButton() == MouseButton.PRIMARY
                        && e.isStillSincePress() && !hasSelection()) {
                    onLink.accept(link);
                }
            });
            runs.add(t);
            made = true;
        }
        Text t = runs.get(i);
        t.setText(piece);
        boolean link = target != null;
        t.setUserData(target);
        if (t.getStyleClass().contains("message-link") != link) {
            if (link) {
                t.getStyleClass().add("message-link");
            } else {
                t.getStyleClass().remove("message-link");
            }
            t.setCursor(link ? Cursor.HAND : null);
            made = true;
        }
        return made;
    }

    String text() {
        return plain;
    }

    String selectedText() {
        return plain.substring(Math.min(anchor, caret), Math.max(anchor, caret));
    }

    boolean hasSelection() {
        return anchor != caret;
    }

    void selectAll() {
        select(0, plain.length());
    }

    void clearSelection() {
        select(0, 0);
    }

    void select(int from, int to) {
        anchor = clamp(from);
        caret = clamp(to);
        if (anchor == caret) {
            highlight.getElements().clear();
        } else {
            highlight.getElements().setAll(flow.getRangeShape(Math.min(anchor, caret), Math.max(anchor, caret), false));
        }
    }

    /** Copies the selection, or the whole message when nothing is selected. */
    void copy() {
        var content = new ClipboardContent();
        content.putString(hasSelection() ? selectedText() : wholeMessage);
        Clipboard.getSystemClipboard().setContent(content);
    }

    private void pressed(MouseEvent e) {
        requestFocus();
        if (e.getButton() == MouseButton.PRIMARY) {
            int at = indexAt(e);
            if (e.getClickCount() >= 3) {
                selectAll();
            } else if (e.getClickCount() == 2) {
                selectWord(at);
            } else if (e.isShiftDown()) {
                select(anchor, at);
            } else {
                select(at, at);
            }
        }
        // the press belongs to the text, not to the list row around it
        e.consume();
    }

    private void dragged(MouseEvent e) {
        if (e.getButton() == MouseButton.PRIMARY) {
            select(anchor, indexAt(e));
        }
        e.consume();
    }

    private void keyPressed(KeyEvent e) {
        if (COPY.match(e)) {
            copy();
            e.consume();
        } else if (SELECT_ALL.match(e)) {
            selectAll();
            e.consume();
        }
    }

    private void selectWord(int at) {
        int from = at;
        int to = at;
        while (from > 0 && Character.isLetterOrDigit(plain.charAt(from - 1))) {
            from--;
        }
        while (to < plain.length() && Character.isLetterOrDigit(plain.charAt(to))) {
            to++;
        }
        select(from, to);
    }

    private int indexAt(MouseEvent e) {
        Point2D p = flow.sceneToLocal(e.getSceneX(), e.getSceneY());
        return clamp(flow.getHitInfo(p).getInsertionIndex());
    }

    private int clamp(int i) {
        return Math.max(0, Math.min(i, plain.length()));
    }

    @Override
    public Orientation getContentBias() {
        return Orientation.HORIZONTAL;
    }

    @Override
    protected double computePrefWidth(double height) {
        return snappedLeftInset() + flow.prefWidth(-1) + snappedRightInset();
    }

    @Override
    protected double computeMinWidth(double height) {
        return snappedLeftInset() + Math.min(40, flow.prefWidth(-1)) + snappedRightInset();
    }

    @Override
    protected double computePrefHeight(double width) {
        double inner = width < 0 ? -1 : Math.max(0, width - snappedLeftInset() - snappedRightInset());
        return snappedTopInset() + flow.prefHeight(inner) + snappedBottomInset();
    }

    @Override
    protected double computeMinHeight(double width) {
        return computePrefHeight(width);
    }

    @Override
    protected void layoutChildren() {
        double x = snappedLeftInset();
        double y = snappedTopInset();
        flow.resizeRelocate(x, y, getWidth() - x - snappedRightInset(), getHeight() - y - snappedBottomInset());
        highlight.setLayoutX(x);
        highlight.setLayoutY(y);
        if (hasSelection()) {
            // the wrap may have changed with the width
            select(anchor, caret);
        }
    }
}
