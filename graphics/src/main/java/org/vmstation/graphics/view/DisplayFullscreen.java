package org.vmstation.graphics.view;

import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.ScrollPane;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Pane;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * Shows a {@link DisplayView} alone in a full-screen window and puts it back where it was afterwards. Escape goes
 * to the guest, so leaving is by {@link #exit} (e.g. from a host shortcut) or by the window losing full screen.
 */
public final class DisplayFullscreen {

    private final DisplayView view;
    private final Parent originalParent;
    private final int originalIndex;
    private final Stage stage = new Stage();

    private DisplayFullscreen(DisplayView view, Window owner) {
        this.view = view;
        this.originalParent = view.getParent();
        this.originalIndex = originalParent instanceof Pane p ? p.getChildren().indexOf(view) : -1;
        if (owner != null) stage.initOwner(owner);
    }

    /** Moves {@code view} (whose parent must be a Pane, a ScrollPane or none) into a full-screen window. */
    public static DisplayFullscreen enter(DisplayView view) {
        Parent parent = view.getParent();
        if (parent != null && !(parent instanceof Pane) && !(view.getScene() != null
                && findScrollPane(view) != null)) {
            throw new IllegalArgumentException("DisplayView parent " + parent.getClass().getName()
                    + " is neither a Pane nor a ScrollPane's content");
        }
        Window owner = view.getScene() == null ? null : view.getScene().getWindow();
        DisplayFullscreen fs = new DisplayFullscreen(view, owner);
        fs.show();
        return fs;
    }

    private static ScrollPane findScrollPane(DisplayView view) {
        for (Parent p = view.getParent(); p != null; p = p.getParent()) {
            if (p instanceof ScrollPane sp && sp.getContent() == view) return sp;
        }
        return null;
    }

    private ScrollPane scrollPaneOwner;
    /** For a BorderPane parent: the setter of the region the view occupied (children order means nothing there). */
    private java.util.function.BiConsumer<BorderPane, javafx.scene.Node> borderSlot;

    private void show() {
        scrollPaneOwner = findScrollPane(view);
        if (originalParent instanceof BorderPane bp) {
            if (bp.getCenter() == view) borderSlot = BorderPane::setCenter;
            else if (bp.getTop() == view) borderSlot = BorderPane::setTop;
            else if (bp.getBottom() == view) borderSlot = BorderPane::setBottom;
            else if (bp.getLeft() == view) borderSlot = BorderPane::setLeft;
            else if (bp.getRight() == view) borderSlot = BorderPane::setRight;
        }
        if (scrollPaneOwner != null) {
            scrollPaneOwner.setContent(null);
        } else if (originalParent instanceof Pane p) {
            p.getChildren().remove(view);
        }
        StackPane root = new StackPane(view);
        root.setStyle("-fx-background-color: black;");
        stage.setScene(new Scene(root));
        stage.setFullScreenExitKeyCombination(KeyCombination.NO_MATCH);
        stage.setFullScreenExitHint("");
        stage.fullScreenProperty().addListener((obs, was, now) -> {
            if (!now) exit();
        });
        stage.setFullScreen(true);
        stage.show();
        view.requestFocus();
    }

    /** Closes the full-screen window and returns the view to its original place. */
    public void exit() {
        if (!stage.isShowing()) return;
        ((StackPane) stage.getScene().getRoot()).getChildren().remove(view);
        stage.hide();
        if (scrollPaneOwner != null) {
            scrollPaneOwner.setContent(view);
        } else if (originalParent instanceof BorderPane bp && borderSlot != null) {
            borderSlot.accept(bp, view);
        } else if (originalParent instanceof Pane p) {
            p.getChildren().add(Math.min(Math.max(originalIndex, 0), p.getChildren().size()), view);
        }
        view.requestFocus();
    }
}
